// Anki's scheduling and review log in the app's terms: a card's state as SM-2 keeps it (Anki's
// ease factor ÷ 1000 is its easiness), its due day on the app's calendar, FSRS's memory where Anki
// kept one, and each answer of the revlog as an entry of the app's log, Again/Hard/Good/Easy being
// the four buttons' grades (srs/sm2.ts: 1, 3, 4, 5).
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { sinceLastStart } from '$lib/srs/answer-runs';
import { dayStartTime, studyDay } from '$lib/srs/days';
import { studyClockAt, type FsrsPhase, type FsrsState } from '$lib/srs/fsrs';
import { newCardSnapshot, replay } from '$lib/srs/replay';
import { MAX_EASINESS, MAX_INTERVAL, MIN_EASINESS, initialState, type Grade, type Sm2State } from '$lib/srs/sm2';
import type { CardSnapshot, CardStatus, ReviewEntry } from '$lib/srs/types';
import { ankiCardSchedule } from './anki-schedule';
import type { AnkiCard, AnkiClock, AnkiReview } from './types';

const MS_PER_DAY = 86_400_000;

/** The device the imported answers are filed under: no install of this app gave them. */
export const ANKI_DEVICE = 'anki';
/** The session of every imported answer, so that no review screen's Undo reaches them. */
export const ANKI_SESSION = 'anki-import';

/** The four buttons' grades (sm2.ts FOUR_BUTTONS), by Anki's ease 1 to 4. */
const FOUR: readonly Grade[] = [1, 3, 4, 5];
/** Anki 2.0's learning answers had three buttons: Again, Good, Easy. */
const THREE: readonly Grade[] = [1, 4, 5];

/**
 * The app's day number of the collection's day 0, to which review due days are added. With the
 * collection's time zone known (Anki 2.1.x), its calendar date there, less the rollover hour;
 * without (Anki 2.0), the date of noon after its creation on this device's clock, since Anki 2.0
 * counted days of 24 hours from its creation at the rollover hour.
 */
export function dayZero(clock: AnkiClock): number {
	const created = clock.created * 1000;
	if (clock.creationOffset !== undefined) {
		return Math.floor((created - clock.creationOffset * 60_000 - clock.rollover * 3_600_000) / MS_PER_DAY);
	}
	return studyDay(created + MS_PER_DAY / 2, 0);
}

export interface ScheduleContext {
	dayZero: number;
	dayStartHour: number;
	/** 1: Anki 2.0's scheduler, three buttons while learning. */
	schedulerVersion: number;
	/** Today's study day: due days are kept within the hundred years the app accepts. */
	today: number;
}

/** A grade for an Anki answer, or undefined for a revlog entry that is no answer (a change made by hand). */
export function gradeOf(review: AnkiReview, schedulerVersion: number): Grade | undefined {
	if (review.ease < 1 || review.ease > 4 || review.type === 4 || review.type === 5) return undefined;
	const learning = review.type === 0 || review.type === 2;
	const buttons = schedulerVersion === 1 && learning ? THREE : FOUR;
	return buttons[review.ease - 1];
}

/** Easiness from a factor in thousandths, in the app's whole hundredths and bounds; undefined when it is none (0, or FSRS's difficulty). */
export function easinessOf(factor: number): number | undefined {
	if (!(factor >= MIN_EASINESS * 1000)) return undefined;
	return Math.min(MAX_EASINESS, Math.round(factor / 10) / 100);
}

const clampDay = (day: number, context: ScheduleContext) =>
	Math.min(Math.max(day, context.today - MAX_INTERVAL), context.today + MAX_INTERVAL);
const clampInterval = (days: number) => Math.min(Math.max(Math.round(days), 0), MAX_INTERVAL);

/**
 * Where a card is, read from its type (a buried card is not buried here: Anki buries until the
 * next day only). Anki 2.0 kept a card relearning after a lapse as a review card (type 2) in the
 * learning queue (1, or 3 over days).
 */
function phaseOf(card: AnkiCard): 'new' | 'learning' | 'review' | 'relearning' {
	if (card.type === 2 && (card.queue === 1 || card.queue === 3)) return 'relearning';
	return card.type === 1 ? 'learning' : card.type === 2 ? 'review' : card.type === 3 ? 'relearning' : 'new';
}

/** A due in epoch seconds (a learning step of under a day), not a day number: days since a collection began never come near. */
const isTimestamp = (due: number) => due > 1_000_000_000;

/** The day a card is due; a card in a filtered deck is due where it goes back to (its original due). */
function dueDayOf(card: AnkiCard, context: ScheduleContext): number {
	const due = card.originalDeckId !== 0 && card.originalDue !== 0 ? card.originalDue : card.due;
	// Learning steps of under a day keep a time (epoch seconds); longer ones, and reviews, a day.
	if (isTimestamp(due)) return clampDay(studyDay(due * 1000, context.dayStartHour), context);
	return clampDay(context.dayZero + due, context);
}

export interface CardHistory {
	/** The card's schedule as the app stores it. */
	schedule: CardSnapshot;
	/** Its answers as the app's log entries (deckId to be filled in by the caller). */
	entries: Omit<ReviewEntry, 'deckId' | 'cardId'>[];
	/** Revlog entries that are no answers: reschedules, resets and due dates set by hand. */
	notAnswers: number;
}

/**
 * A card's schedule from Anki's card (its state, due, interval, ease and lapses), and its answers
 * from the revlog, in time order, each with the card before and after it as the revlog tells it.
 */
export function cardHistory(card: AnkiCard, reviews: readonly AnkiReview[], context: ScheduleContext, leech: boolean): CardHistory {
	const entries: CardHistory['entries'] = [];
	let notAnswers = 0;
	let before: CardSnapshot = { status: 'new', state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
	let fresh = true;
	for (const review of reviews) {
		const grade = gradeOf(review, context.schedulerVersion);
		if (grade === undefined) {
			notAnswers++;
			// "Forget" (a manual entry with no interval) makes the card new again: its next answer starts afresh.
			if (review.type === 4 && review.interval === 0) {
				fresh = true;
				before = { ...before, status: 'new', state: initialState(), dueDay: 0, lastAnsweredAt: 0 };
			}
			continue;
		}
		const day = studyDay(review.id, context.dayStartHour);
		const interval = review.interval > 0 ? clampInterval(review.interval) : 0;
		const easiness = easinessOf(review.factor) ?? before.state.easiness;
		const lapse = grade === 1 && (review.type === 1 || (review.type === 3 && review.lastInterval > 0));
		const after: CardSnapshot = {
			status: 'review',
			state: {
				repetitions: grade < 3 ? 0 : interval > 0 ? before.state.repetitions + 1 : before.state.repetitions,
				interval,
				easiness,
				repeatToday: false
			},
			dueDay: clampDay(day + interval, context),
			lapses: before.lapses + (lapse ? 1 : 0),
			leech: false,
			lastAnsweredAt: review.id
		};
		entries.push({
			time: review.id,
			studyDay: day,
			grade,
			wasNew: fresh,
			before,
			after,
			tookMs: Math.max(0, Math.round(review.time)),
			sessionId: ANKI_SESSION,
			device: ANKI_DEVICE
		});
		before = after;
		fresh = false;
	}
	const schedule = scheduleOf(card, entries.at(-1)?.time, context, leech);
	const replayed = replayedState(card, entries, context);
	return { schedule: replayed ? { ...schedule, state: replayed } : schedule, entries, notAnswers };
}

/**
 * SM-2's own state of a card (its recalls in a row, a same-day repetition pending), which Anki's
 * card has no field for: taken from a replay of the card's answers through SM-2 when that replay
 * lands exactly on the card Anki has (its type, due, interval, ease and lapses, as this app's
 * export would write it). So a deck exported from this app comes back as it was; a card Anki
 * scheduled its own way keeps the state read from Anki's fields.
 */
function replayedState(card: AnkiCard, entries: CardHistory['entries'], context: ScheduleContext): Sm2State | undefined {
	if (entries.length === 0 || phaseOf(card) === 'new' || card.originalDeckId !== 0) return undefined;
	const run = sinceLastStart(entries.map((entry) => ({ ...entry, cardId: '', deckId: '' })));
	if (run.length === 0) return undefined;
	const folded = replay(newCardSnapshot(), run, { leechThreshold: LEECH_THRESHOLD, leechAction: 'tag' });
	const expected = ankiCardSchedule(
		{ ...folded, newOrder: 0 },
		{ dayZero: context.dayZero, dayStartHour: context.dayStartHour, learningSteps: 1, relearningSteps: 1 }
	);
	const same =
		expected.type === card.type &&
		expected.due === card.due &&
		expected.ivl === card.interval &&
		expected.factor === card.factor &&
		folded.lapses === card.lapses;
	return same ? folded.state : undefined;
}

function scheduleOf(card: AnkiCard, lastAnswer: number | undefined, context: ScheduleContext, leech: boolean): CardSnapshot {
	const phase = phaseOf(card);
	const easiness = easinessOf(card.factor) ?? initialState().easiness;
	const suspended = card.queue === -1;
	if (phase === 'new') {
		return {
			status: suspended ? 'suspended' : 'new',
			state: { ...initialState(), easiness },
			dueDay: 0,
			lapses: 0,
			leech,
			lastAnsweredAt: 0
		};
	}
	const dueDay = dueDayOf(card, context);
	const interval = phase === 'review' ? Math.max(1, clampInterval(card.interval)) : 0;
	// SM-2 counts recalls in a row: after a lapse none; a review card has one or more. Its next
	// interval is 6 days after the first and the last times easiness after that (sm2.ts): a card
	// already resting 6 days or more is past its first two.
	const repetitions = phase === 'review' ? (interval >= 6 ? 2 : 1) : 0;
	const status: CardStatus = suspended ? 'suspended' : 'review';
	return {
		status,
		state: { repetitions, interval, easiness, repeatToday: false },
		dueDay,
		lapses: Math.max(0, card.lapses),
		leech,
		// When it was last answered; without a revlog, the day its interval started.
		lastAnsweredAt: lastAnswer ?? dayStartTime(Math.max(dueDay - interval, 1), context.dayStartHour)
	};
}

/** FSRS's memory of a card as Anki keeps it in `cards.data`, if it has one. */
export function fsrsMemory(card: AnkiCard): { stability: number; difficulty: number } | undefined {
	if (!card.data.includes('"s"')) return undefined;
	try {
		const data = JSON.parse(card.data) as { s?: unknown; d?: unknown };
		const stability = Number(data.s);
		const difficulty = Number(data.d);
		if (stability > 0 && difficulty >= 1 && difficulty <= 10) return { stability, difficulty };
	} catch {
		// Not JSON: no memory kept.
	}
	return undefined;
}

/**
 * The card's FSRS state from a memory (Anki's, or folded from its answers) and its Anki schedule:
 * due and interval stay Anki's, so FSRS takes over from where Anki left the card.
 */
export function fsrsStateOf(
	card: AnkiCard,
	schedule: CardSnapshot,
	memory: { stability: number; difficulty: number },
	context: ScheduleContext
): FsrsState {
	const phase: FsrsPhase = phaseOf(card);
	const review = phase === 'review';
	const lastDay = studyDay(schedule.lastAnsweredAt, context.dayStartHour);
	const learningDue = card.queue === 1 && isTimestamp(card.due) ? card.due * 1000 : undefined;
	return {
		phase,
		stability: memory.stability,
		difficulty: memory.difficulty,
		step: 0,
		reps: Math.max(0, card.reps),
		lapses: Math.max(0, card.lapses),
		scheduledDays: review ? schedule.state.interval : 0,
		lastDay,
		// On the study clock (fsrs.ts): a review from the start of its day; a learning step at its minute.
		due: learningDue !== undefined ? studyClockAt(learningDue, context.dayStartHour) : schedule.dueDay * MS_PER_DAY
	};
}
