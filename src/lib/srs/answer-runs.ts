// A card's answers as the schedulers see them: the ones that stand, split where the card started
// afresh. Its own module, without ts-fsrs, because the db's log reads use it.
import type { FsrsState } from './fsrs-state';
import type { LogEntry, ReviewEntry } from './types';

/** At one moment: answers, then resets, then an imported state (which sums up what came before it), then undos. */
export const KIND_ORDER = { answer: 0, reset: 1, state: 2, undo: 3 } as const;

/** The entries in time order (a stable sort), and the times of the answers undone. */
function inOrder(entries: Iterable<LogEntry>): { list: LogEntry[]; undone: Set<number> } {
	const list = [...entries];
	const undone = new Set<number>();
	for (const entry of list) if (entry.kind === 'undo') undone.add(entry.answerTime);
	list.sort((a, b) => a.time - b.time || KIND_ORDER[a.kind ?? 'answer'] - KIND_ORDER[b.kind ?? 'answer']);
	return { list, undone };
}

const answerOf = (entry: ReviewEntry & { kind?: 'answer' }): ReviewEntry => {
	const { kind: _kind, ...answer } = entry;
	return answer;
};

/**
 * A card's answers that stand, in time order, split where the card started afresh: at a reset,
 * and at an answer to a new card (`wasNew`: a reset from before resets were logged). Undone
 * answers are left out, and so are imported states: a run is the answers as given, which is what
 * the schedulers' evaluation replays. Oldest run first; the last is empty when the card was reset
 * and not answered since (no other run is empty).
 */
export function answerRuns(entries: Iterable<LogEntry>): ReviewEntry[][] {
	const { list, undone } = inOrder(entries);
	const runs: ReviewEntry[][] = [];
	let run: ReviewEntry[] = [];
	let started = false;
	for (const entry of list) {
		if (entry.kind === 'undo' || entry.kind === 'state') continue;
		if (entry.kind === 'reset' || (entry.wasNew && !undone.has(entry.time))) {
			if (run.length) runs.push(run);
			run = [];
			started = true;
		}
		if (entry.kind === 'reset' || undone.has(entry.time)) continue;
		run.push(answerOf(entry));
	}
	if (run.length || started) runs.push(run);
	return runs;
}

/** What FSRS folds for a card now: the memory it starts from (none: a new card's) and the answers since. */
export interface FsrsRun {
	/** FSRS's memory of an imported state (types.ts StateEntry) the card starts from. */
	from?: FsrsState;
	answers: ReviewEntry[];
}

/**
 * The answers that schedule a card on FSRS now: those since it last started, at a reset, a new
 * card's answer, or an imported state that carries FSRS's memory (the fold starts from that
 * memory). An imported state without FSRS's memory (a deck Anki scheduled with SM-2) is no start
 * for FSRS: its fold goes on through the answers it sums up.
 */
export function lastRun(entries: Iterable<LogEntry>): FsrsRun {
	const { list, undone } = inOrder(entries);
	let run: FsrsRun = { answers: [] };
	for (const entry of list) {
		if (entry.kind === 'undo') continue;
		if (entry.kind === 'reset') run = { answers: [] };
		else if (entry.kind === 'state') {
			if (entry.fsrs) run = { from: { ...entry.fsrs }, answers: [] };
		} else if (!undone.has(entry.time)) {
			if (entry.wasNew) run = { answers: [] };
			run.answers.push(answerOf(entry));
		}
	}
	return run;
}

/** The answers that schedule a card now: those since it last started afresh (see lastRun). */
export function sinceLastStart(entries: Iterable<LogEntry>): ReviewEntry[] {
	return lastRun(entries).answers;
}
