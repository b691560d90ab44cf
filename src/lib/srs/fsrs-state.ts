// FSRS's state of a card as plain data, and the study clock it is scheduled on: no ts-fsrs here,
// so what an answer does to a card (answer.ts) and the queue can read FSRS cards without loading
// it. fsrs.ts (choice 2) says why study days and the study clock; it re-exports all of this.
import { dayStartTime, studyDay } from './days';
import { formatInterval } from './sm2';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Where a card is in FSRS's cycle. */
export type FsrsPhase = 'new' | 'learning' | 'review' | 'relearning';

/** What FSRS remembers about one card: plain numbers, so it stores and exports as JSON. */
export interface FsrsState {
	phase: FsrsPhase;
	/** Days until recall falls to 90%; 0 for a new card. */
	stability: number;
	/** 1 (easy) to 10 (hard); 0 for a new card. */
	difficulty: number;
	/** Index of the (re)learning step the card is at. */
	step: number;
	reps: number;
	lapses: number;
	/** Whole days the last answer gave; 0 while the card is in its steps. */
	scheduledDays: number;
	/** Study day of the last answer, or null for a card never answered. */
	lastDay: number | null;
	/** When the card is due, on the study clock (see `studyClock`). */
	due: number;
}

export function newFsrsState(): FsrsState {
	return { phase: 'new', stability: 0, difficulty: 0, step: 0, reps: 0, lapses: 0, scheduledDays: 0, lastDay: null, due: 0 };
}

/** The study-clock time of a moment in study day `day`, `msIntoDay` after the day began. */
export function studyClock(day: number, msIntoDay: number): number {
	// A study day is 25 hours long on the night clocks go back: its last hour stays in the day.
	return day * MS_PER_DAY + Math.min(MS_PER_DAY - 1, Math.max(0, msIntoDay));
}

/** The study-clock time of `now` for a learner whose day starts at `dayStartHour`. */
export function studyClockAt(now: number, dayStartHour: number): number {
	const day = studyDay(now, dayStartHour);
	return studyClock(day, now - dayStartTime(day, dayStartHour));
}

/**
 * The study-clock time of an answer given at `time` and recorded in study day `day`: placed by
 * the day it was recorded in, so a later change of the day-start hour moves no answer to another day.
 */
export function answerClock(day: number, time: number, dayStartHour: number): number {
	return studyClock(day, time - dayStartTime(day, dayStartHour));
}

/** The study day of a study-clock time. */
export function clockDay(clock: number): number {
	return Math.floor(clock / MS_PER_DAY);
}

/** The card's study day of being due. */
export function fsrsDueDay(state: FsrsState): number {
	return clockDay(state.due);
}

/**
 * A button's caption for the state `after` an answer given at `at`: the minutes or hours of a
 * learning step ('1m', '10m', '1h'), as Anki shows them, else the days ('3d', '2mo', '1.2y').
 */
export function describeFsrsInterval(after: FsrsState, at: number): string {
	if (after.scheduledDays === 0 && after.phase !== 'review') {
		const minutes = Math.max(1, Math.round((after.due - at) / MS_PER_MINUTE));
		if (minutes < 60) return `${minutes}m`;
		if (minutes < 1440) return `${Math.round(minutes / 60)}h`;
		return formatInterval(Math.round(minutes / 1440));
	}
	return formatInterval(after.scheduledDays);
}
