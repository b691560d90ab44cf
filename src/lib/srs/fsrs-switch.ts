/**
 * Switching a deck between SM-2 and FSRS, as a pure plan over the deck's cards and its review
 * log: every card gets the state the chosen scheduler would have given it, had it scheduled the
 * card from its first answer. The log is read, never changed, so switching back replays the same
 * answers through SM-2 and gives back exactly the SM-2 states there were.
 *
 * Not yet wired into the app: the db applies it once the card store carries `fsrs` and the
 * house fold (srs/replay.ts) replaces `sm2Fold` below. Until then a reset is recognised only by
 * what it leaves in the log: the next answer is a new card's (`wasNew`). A suspended card reset
 * and then unsuspended is the one case this cannot see.
 */
import { dayStartTime } from './days';
import { fsrsDueDay, newFsrsState, studyClock, type FsrsScheduler, type FsrsState } from './fsrs';
import { initialState, review, type Sm2State } from './sm2';
import type { CardSchedule, ReviewEntry } from './types';

export type SchedulerName = 'sm2' | 'fsrs';

/** A card as a deck on either scheduler stores it: `fsrs` only while the deck uses FSRS. */
export interface ScheduledCard extends CardSchedule {
	fsrs?: FsrsState;
}

/** The answer fields the folds read. */
export type FoldedAnswer = Pick<ReviewEntry, 'time' | 'studyDay' | 'grade' | 'wasNew'>;

const byTime = (a: FoldedAnswer, b: FoldedAnswer) => a.time - b.time;

/**
 * A card's FSRS state from its answers. Each answer is placed on the study clock by the study day
 * it was recorded in, so a later change of the day-start hour moves no answer to another day.
 */
export function fsrsFold(answers: readonly FoldedAnswer[], fsrs: FsrsScheduler, dayStartHour: number): FsrsState {
	let state = newFsrsState();
	for (const answer of [...answers].sort(byTime)) {
		const at = studyClock(answer.studyDay, answer.time - dayStartTime(answer.studyDay, dayStartHour));
		state = fsrs.review(state, answer.grade, at);
	}
	return state;
}

/** A card's SM-2 state and due day from its answers, as queue.ts's answerCard sets them. */
export function sm2Fold(answers: readonly FoldedAnswer[]): { state: Sm2State; dueDay: number } {
	let state = initialState();
	let dueDay = 0;
	for (const answer of [...answers].sort(byTime)) {
		state = review(state, answer.grade);
		dueDay = state.repeatToday || state.interval === 0 ? answer.studyDay : answer.studyDay + state.interval;
	}
	return { state, dueDay };
}

/** A card's answers since it was last new (first answered, or answered after a reset), by time. */
export function sinceLastStart(answers: readonly FoldedAnswer[]): FoldedAnswer[] {
	const sorted = [...answers].sort(byTime);
	const start = sorted.findLastIndex((answer) => answer.wasNew);
	return start <= 0 ? sorted : sorted.slice(start);
}

/**
 * The cards of a deck after switching it to `to`, in the order given: only state, due day and
 * the `fsrs` field change. A new card (never answered) is left as it is; answers of cards not
 * in `cards` are ignored. Status, lapses, the leech flag and the last answer's time stay, since
 * they are the learner's history, not a scheduler's opinion.
 */
export function planSchedulerSwitch(
	cards: readonly ScheduledCard[],
	log: readonly ReviewEntry[],
	to: SchedulerName,
	fsrs: FsrsScheduler,
	dayStartHour: number
): ScheduledCard[] {
	const answers = new Map<string, FoldedAnswer[]>();
	for (const entry of log) {
		let list = answers.get(entry.cardId);
		if (!list) answers.set(entry.cardId, (list = []));
		list.push(entry);
	}
	return cards.map((card) => {
		const own = sinceLastStart(answers.get(card.id) ?? []);
		// New, or reset since its last answer: no scheduler has anything to say about it yet.
		if (card.status === 'new' || card.lastAnsweredAt === 0 || own.length === 0) return card;
		if (to === 'fsrs') {
			const state = fsrsFold(own, fsrs, dayStartHour);
			return { ...card, fsrs: state, dueDay: fsrsDueDay(state) };
		}
		const { fsrs: _dropped, ...rest } = card;
		void _dropped;
		return { ...rest, ...sm2Fold(own) };
	});
}

/** What FSRS makes of a card today, for its page. */
export interface CardMemory {
	/** Days until the chance of recall falls to 90%. */
	stability: number;
	/** 1 (easy) to 10 (hard). */
	difficulty: number;
	/** The chance of recall on study day `today`. */
	retrievability: number;
}

/**
 * FSRS's view of a card from its answers since it was last new, whichever scheduler its deck
 * uses (stability and difficulty do not depend on the FSRS options); null before its first answer.
 */
export function cardMemory(answers: readonly FoldedAnswer[], today: number, fsrs: FsrsScheduler, dayStartHour: number): CardMemory | null {
	const own = sinceLastStart(answers);
	if (own.length === 0) return null;
	const state = fsrsFold(own, fsrs, dayStartHour);
	const retrievability = fsrs.retrievability(state, today);
	return retrievability === null ? null : { stability: state.stability, difficulty: state.difficulty, retrievability };
}
