/**
 * What an answer does to a card: one pure function per scheduler, and nothing else decides it.
 * Recording an answer (db/answers.ts), replaying the log (replay.ts: undo, sync's fold, a switch
 * back to SM-2), folding FSRS (fsrs-switch.ts) and the answer buttons' captions all call these,
 * so a caption is the answer's own outcome and a replay gives what the store caches.
 *
 * SM-2, `answerCard`:
 * - The state comes from sm2.review; the status becomes 'review' (or 'suspended' when this
 *   answer makes the card a leech and the leech action is 'suspend').
 * - dueDay is `today` while the card must still be seen again today (interval 0 after a lapse,
 *   or repeatToday), otherwise `today + interval`. So a Hard on a new card keeps it in today's
 *   session (interval 1, repeatToday), and the Good that ends the repetition makes it due tomorrow.
 * - A lapse is a grade under 3 on a LEARNED card: one with repetitions > 0 that is not in
 *   SuperMemo step 7's same-day repetition. A new card, a card already forgotten and not yet
 *   recalled (repetitions 0), or a card failing its same-day repetition (SM-2 leaves such a card
 *   unchanged) adds no lapse.
 * - The card becomes a leech when its lapses reach `leech.threshold` (LEECH_THRESHOLD in the app);
 *   `becameLeech` is true only on that answer. To give a reworded leech a fresh start, reset its
 *   lapses and leech flag.
 * - Suspended and retired cards cannot be answered (RangeError), so a card suspended in another
 *   tab is not silently brought back by a stale screen: the db transaction should abort.
 *
 * FSRS, `answerCardOnFsrs`: the same answer on SM-2 first, since status, lapses and the leech are
 * the learner's history and must be what a switch back to SM-2 finds (the log is the truth); then
 * FSRS's state (`fsrsStateAfter`, the step of every FSRS fold) and the due day it gives. ts-fsrs
 * is not imported here: the caller passes the scheduler, loaded only where a deck uses FSRS.
 */
import type { FsrsScheduler } from './fsrs';
import { answerClock, describeFsrsInterval, fsrsDueDay, newFsrsState, type FsrsState } from './fsrs-state';
import { describeSm2, review, type Grade, type IntervalPreview } from './sm2';
import type { CardSchedule, CardSnapshot, LeechAction, ReviewEntry, ScheduledCard } from './types';

/** SuperMemo and Anki both treat a card forgotten this often as a leech that needs rewording. */
export const LEECH_THRESHOLD = 8;

/** When a card becomes a leech, and what then happens to it. */
export interface LeechRules {
	threshold: number;
	action: LeechAction;
}

export interface AnswerOutcome<C extends CardSchedule = CardSchedule> {
	card: C;
	/** The log entry; the db adds sessionId, tookMs and device. */
	entry: Omit<ReviewEntry, 'sessionId' | 'tookMs' | 'device'>;
	/** True only on the answer whose lapse reaches the leech threshold. */
	becameLeech: boolean;
}

/** The schedule part of a card, copied: what the log keeps before and after each entry. */
export function snapshotOf(card: CardSnapshot): CardSnapshot {
	return {
		status: card.status,
		state: { ...card.state },
		dueDay: card.dueDay,
		lapses: card.lapses,
		leech: card.leech,
		lastAnsweredAt: card.lastAnsweredAt
	};
}

/**
 * One answer on SM-2 (see the header): the new card and the log entry to store together, in one
 * transaction. Pure: `card` is not changed, and its other fields are kept.
 */
export function answerCard<C extends CardSchedule>(card: C, grade: Grade, now: number, today: number, leech: LeechRules): AnswerOutcome<C> {
	if (card.status !== 'new' && card.status !== 'review') {
		throw new RangeError(`Card ${card.id} is ${card.status} and cannot be answered`);
	}
	if (!Number.isInteger(leech.threshold) || leech.threshold < 1) {
		throw new RangeError(`The leech threshold must be a whole number of at least 1, got ${String(leech.threshold)}`);
	}
	const state = review(card.state, grade);
	const learned = card.state.repetitions > 0 && !card.state.repeatToday;
	const lapses = card.lapses + (learned && grade < 3 ? 1 : 0);
	const becameLeech = card.lapses < leech.threshold && lapses >= leech.threshold;
	const seenAgainToday = state.repeatToday || state.interval === 0;

	const after: C = {
		...card,
		status: becameLeech && leech.action === 'suspend' ? 'suspended' : 'review',
		state,
		dueDay: seenAgainToday ? today : today + state.interval,
		lapses,
		leech: card.leech || becameLeech,
		lastAnsweredAt: now
	};
	return {
		card: after,
		entry: {
			cardId: card.id,
			deckId: card.deckId,
			time: now,
			studyDay: today,
			grade,
			wasNew: card.status === 'new',
			before: snapshotOf(card),
			after: snapshotOf(after)
		},
		becameLeech
	};
}

/** What FSRS needs besides the card and the answer. */
export interface FsrsAnswerRules {
	scheduler: FsrsScheduler;
	dayStartHour: number;
	/**
	 * FSRS's state folded from the card's log, for a card answered before that carries none (from
	 * an older backup); without it such a card starts afresh, as a new or reset card always does.
	 */
	fromLog?: FsrsState;
}

/**
 * FSRS's state after one answer, placed on the study clock by the study day it was recorded in
 * (fsrs.ts, choice 2). The one step of every FSRS fold and of `answerCardOnFsrs`.
 */
export function fsrsStateAfter(
	before: FsrsState,
	answer: Pick<ReviewEntry, 'grade' | 'time' | 'studyDay'>,
	scheduler: FsrsScheduler,
	dayStartHour: number
): FsrsState {
	return scheduler.review(before, answer.grade, answerClock(answer.studyDay, answer.time, dayStartHour));
}

/**
 * One answer on FSRS (see the header): SM-2's `answerCard`, then FSRS's state stored with the
 * card and the due day FSRS gives, in the card and in the log entry's `after`.
 */
export function answerCardOnFsrs<C extends ScheduledCard>(
	card: C,
	grade: Grade,
	now: number,
	today: number,
	leech: LeechRules,
	fsrs: FsrsAnswerRules
): AnswerOutcome<C> {
	const outcome = answerCard(card, grade, now, today, leech);
	const before = card.status === 'new' ? newFsrsState() : (card.fsrs ?? fsrs.fromLog ?? newFsrsState());
	const state = fsrsStateAfter(before, { grade, time: now, studyDay: today }, fsrs.scheduler, fsrs.dayStartHour);
	const dueDay = fsrsDueDay(state);
	return {
		card: { ...outcome.card, fsrs: state, dueDay },
		entry: { ...outcome.entry, after: { ...outcome.entry.after, dueDay } },
		becameLeech: outcome.becameLeech
	};
}

/** Captions never make a leech of anything: the rules only decide the status, which no caption shows. */
const CAPTION_LEECH: LeechRules = { threshold: LEECH_THRESHOLD, action: 'tag' };

/**
 * Each button's caption: what answering `grades` at `now` would do to `card`, by the very function
 * that will record the answer (SM-2's, or FSRS's when `fsrs` is given). A grade whose answer would
 * be refused (a device clock before the card's last answer) gets no caption rather than a wrong one.
 */
export function answerCaptions(
	card: ScheduledCard,
	grades: readonly Grade[],
	now: number,
	today: number,
	fsrs?: Omit<FsrsAnswerRules, 'fromLog'>
): IntervalPreview[] {
	return grades.map((grade) => {
		try {
			if (!fsrs) return describeSm2(answerCard(card, grade, now, today, CAPTION_LEECH).card.state);
			const after = answerCardOnFsrs(card, grade, now, today, CAPTION_LEECH, fsrs).card.fsrs!;
			return { interval: describeFsrsInterval(after, answerClock(today, now, fsrs.dayStartHour)), againToday: false };
		} catch {
			return { interval: '', againToday: false };
		}
	});
}
