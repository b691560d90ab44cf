// The queue with cards of a deck on FSRS: cards in their learning steps come back the same day as
// repeats (Anki's learning cards), by the time each step ends. Time is passed in.
import { describe, expect, it } from 'vitest';
import { parseDay } from './days';
import { FsrsScheduler, fsrsDueDay, newFsrsState, studyClock, type FsrsState } from './fsrs';
import { answerCard } from './answer';
import { buildQueue, dayCounts, nextCard, type QueueInput } from './queue';
import type { Grade } from './sm2';
import type { CardSchedule } from './types';
import { initialState } from './sm2';

const TODAY = parseDay('2026-06-10');
const TODAY_START = Date.parse('2026-06-10T04:00+02:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const fsrs = new FsrsScheduler();

type FsrsCard = CardSchedule & { fsrs?: FsrsState };

function newCard(id: string, newOrder = 0): FsrsCard {
	return { id, deckId: 'deck', status: 'new', state: initialState(), dueDay: 0, newOrder, lapses: 0, leech: false, lastAnsweredAt: 0 };
}

/** Answers as db/answers.ts does on FSRS: SM-2 keeps status and lapses, FSRS the state and due day. */
function answer(card: FsrsCard, grade: Grade, now: number, day: number, dayStart: number): FsrsCard {
	const sm2 = answerCard(card, grade, now, day, { threshold: 8, action: 'suspend' }).card;
	const state = fsrs.review(card.fsrs ?? newFsrsState(), grade, studyClock(day, now - dayStart));
	return { ...sm2, fsrs: state, dueDay: fsrsDueDay(state) };
}

const today = (card: FsrsCard, grade: Grade, minutesAfterStart: number) =>
	answer(card, grade, TODAY_START + minutesAfterStart * MINUTE, TODAY, TODAY_START);

function input(cards: CardSchedule[], extra: Partial<QueueInput> = {}): QueueInput {
	return { cards, today: TODAY, todayStartMs: TODAY_START, settings: { newPerDay: 20, reviewsPerDay: 200 }, studied: new Map(), ...extra };
}

describe('FSRS cards in their learning steps', () => {
	it("a new card's Good (1m, then 10m) keeps it in today's session as a repeat, after the fresh cards, counted as again today", () => {
		const learning = today(newCard('a'), 4, 6 * 60);
		expect(learning.fsrs).toMatchObject({ phase: 'learning', step: 1 });
		expect(learning.dueDay).toBe(TODAY);
		const queue = buildQueue(input([learning, newCard('b', 1), newCard('c', 2)]));
		expect(queue.cards.map((card) => card.id)).toEqual(['b', 'c', 'a']);
		expect(queue.counts).toEqual({ new: 2, due: 0, repeats: 1 });
		expect(dayCounts(input([learning])).get('deck')).toEqual({ new: 0, due: 1, again: 1 });
		// Alone, it comes back even straight after its answer.
		expect(nextCard(input([learning]), 'a')?.id).toBe('a');
	});

	it('a card that leaves its steps is due on the day FSRS gives it, not again today', () => {
		const graduated = today(today(newCard('a'), 4, 6 * 60), 4, 6 * 60 + 11);
		expect(graduated.fsrs?.phase).toBe('review');
		expect(graduated.dueDay).toBeGreaterThan(TODAY);
		expect(buildQueue(input([graduated])).cards).toEqual([]);
		const onItsDay = graduated.dueDay;
		const later = buildQueue(input([graduated], { today: onItsDay, todayStartMs: TODAY_START + (onItsDay - TODAY) * 24 * HOUR }));
		expect(later.counts).toEqual({ new: 0, due: 1, repeats: 0 });
	});

	it('a review card forgotten today goes to its relearning step (10m) and comes back today', () => {
		const learned = today(today(newCard('a'), 4, 0), 4, 11);
		const day = learned.dueDay;
		const dayStart = TODAY_START + (day - TODAY) * 24 * HOUR;
		const forgotten = answer(learned, 1, dayStart + 5 * HOUR, day, dayStart);
		expect(forgotten.fsrs).toMatchObject({ phase: 'relearning', lapses: 1 });
		expect(forgotten.lapses).toBe(1);
		const queue = buildQueue(input([forgotten], { today: day, todayStartMs: dayStart }));
		expect(queue.counts).toEqual({ new: 0, due: 0, repeats: 1 });
	});

	it('repeats go by the time their step ends, not by when they were answered', () => {
		// b was answered first, but its step (10m) ends after a's (1m).
		const b = today(newCard('b'), 4, 60);
		const a = today(newCard('a'), 1, 62);
		expect(b.lastAnsweredAt).toBeLessThan(a.lastAnsweredAt);
		expect(buildQueue(input([b, a])).cards.map((card) => card.id)).toEqual(['a', 'b']);
	});

	it('a card left in its steps on an earlier day is an overdue review today, within the review limit', () => {
		const yesterdayStart = TODAY_START - 24 * HOUR;
		const left = answer(newCard('a'), 4, yesterdayStart + 10 * HOUR, TODAY - 1, yesterdayStart);
		expect(left.fsrs?.phase).toBe('learning');
		expect(left.dueDay).toBe(TODAY - 1);
		expect(buildQueue(input([left])).counts).toEqual({ new: 0, due: 1, repeats: 0 });
		expect(buildQueue(input([left], { settings: { newPerDay: 20, reviewsPerDay: 0 } })).cards).toEqual([]);
	});

	it("a step that ends after today's study day ends waits for tomorrow", () => {
		// Answered 5 minutes before the day ends: the 10m step ends in tomorrow's study day.
		const late = today(newCard('a'), 4, 24 * 60 - 5);
		expect(late.dueDay).toBe(TODAY + 1);
		expect(buildQueue(input([late])).cards).toEqual([]);
	});
});
