/**
 * Switching a deck between SM-2 and FSRS, as a pure plan over the deck's cards and its review
 * log: every card gets the state the chosen scheduler would have given it, had it scheduled the
 * card from its first answer. The log is read, never changed, so switching back replays the same
 * answers through SM-2 and gives back exactly the SM-2 states there were.
 *
 * The folds read the whole log of a card (answers, undos, resets): an undone answer counts for
 * nothing, and a reset starts the card afresh, as in srs/replay.ts, whose SM-2 fold gives the
 * switch back. db/scheduler.ts applies it, with the deck's choice, in one transaction.
 */
import { fsrsStateAfter, LEECH_THRESHOLD } from './answer';
import type { FsrsScheduler } from './fsrs';
import { fsrsDueDay, newFsrsState, type FsrsState } from './fsrs-state';
import { newCardSnapshot, replay } from './replay';
import { lastRun, type FsrsRun } from './answer-runs';
import type { SchedulerName } from './fsrs-options';
import type { LogEntry, ReviewEntry, ScheduledCard } from './types';

export { answerRuns, lastRun, sinceLastStart, type FsrsRun } from './answer-runs';

export type { SchedulerName } from './fsrs-options';
export type { ScheduledCard } from './types';

/** The answer fields the folds read. */
export type FoldedAnswer = Pick<ReviewEntry, 'time' | 'studyDay' | 'grade' | 'wasNew'>;

const byTime = (a: FoldedAnswer, b: FoldedAnswer) => a.time - b.time;

/**
 * A card's FSRS state from its answers: answer.ts `fsrsStateAfter` over each, in time order, from
 * `from` (a new card's state, or an imported card's memory: see answer-runs.ts lastRun).
 */
export function fsrsFold(answers: readonly FoldedAnswer[], fsrs: FsrsScheduler, dayStartHour: number, from = newFsrsState()): FsrsState {
	let state = from;
	for (const answer of [...answers].sort(byTime)) state = fsrsStateAfter(state, answer, fsrs, dayStartHour);
	return state;
}

/**
 * FSRS's state of a card from its log's last run (lastRun), or undefined when FSRS has nothing to
 * say (a new card, or one reset and not answered since). With no answer since an imported state,
 * it is that state's memory as it came.
 */
export function fsrsFoldRun(run: FsrsRun, fsrs: FsrsScheduler, dayStartHour: number): FsrsState | undefined {
	if (run.answers.length === 0) return run.from && { ...run.from };
	return fsrsFold(run.answers, fsrs, dayStartHour, run.from);
}

/**
 * The cards of a deck after switching it to `to`, in the order given: only state, due day and
 * the `fsrs` field change. A new card (never answered) is left as it is; answers of cards not
 * in `cards` are ignored. Status, lapses, the leech flag and the last answer's time stay, since
 * they are the learner's history, not a scheduler's opinion.
 */
export function planSchedulerSwitch(
	cards: readonly ScheduledCard[],
	log: readonly LogEntry[],
	to: SchedulerName,
	fsrs: FsrsScheduler,
	dayStartHour: number
): ScheduledCard[] {
	const entries = new Map<string, LogEntry[]>();
	for (const entry of log) {
		let list = entries.get(entry.cardId);
		if (!list) entries.set(entry.cardId, (list = []));
		list.push(entry);
	}
	return cards.map((card) => {
		const run = lastRun(entries.get(card.id) ?? []);
		// New, or reset since its last answer: no scheduler has anything to say about it yet.
		if (card.status === 'new' || card.lastAnsweredAt === 0 || (run.answers.length === 0 && !run.from)) return card;
		if (to === 'fsrs') {
			const state = fsrsFoldRun(run, fsrs, dayStartHour)!;
			return { ...card, fsrs: state, dueDay: fsrsDueDay(state) };
		}
		const { fsrs: _dropped, ...rest } = card;
		void _dropped;
		// The leech rules decide only the status, which the switch keeps: any rules give the same state.
		const sm2 = replay(newCardSnapshot(), entries.get(card.id) ?? [], { leechThreshold: LEECH_THRESHOLD, leechAction: 'tag' });
		return { ...rest, state: sm2.state, dueDay: sm2.dueDay };
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
 * FSRS's view of a card from its answers since it last started afresh, whichever scheduler its deck
 * uses (stability and difficulty do not depend on the FSRS options); null before its first answer.
 */
export function cardMemory(answers: Iterable<LogEntry>, today: number, fsrs: FsrsScheduler, dayStartHour: number): CardMemory | null {
	const state = fsrsFoldRun(lastRun(answers), fsrs, dayStartHour);
	if (!state) return null;
	const retrievability = fsrs.retrievability(state, today);
	return retrievability === null ? null : { stability: state.stability, difficulty: state.difficulty, retrievability };
}
