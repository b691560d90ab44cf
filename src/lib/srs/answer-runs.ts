// A card's answers as the schedulers see them: the ones that stand, split where the card started
// afresh. Its own module, without ts-fsrs, because the db's log reads use it.
import type { LogEntry, ReviewEntry } from './types';

const KIND_ORDER = { answer: 0, reset: 1, undo: 2 } as const;

/**
 * A card's answers that stand, in time order, split where the card started afresh: at a reset,
 * and at an answer to a new card (`wasNew`: a reset from before resets were logged). Undone
 * answers are left out. Oldest run first; the last is what schedules the card now, empty when
 * the card was reset and not answered since (no other run is empty).
 */
export function answerRuns(entries: Iterable<LogEntry>): ReviewEntry[][] {
	const list = [...entries];
	const undone = new Set<number>();
	for (const entry of list) if (entry.kind === 'undo') undone.add(entry.answerTime);
	list.sort((a, b) => a.time - b.time || KIND_ORDER[a.kind ?? 'answer'] - KIND_ORDER[b.kind ?? 'answer']);
	const runs: ReviewEntry[][] = [];
	let run: ReviewEntry[] = [];
	let started = false;
	for (const entry of list) {
		if (entry.kind === 'undo') continue;
		if (entry.kind === 'reset' || (entry.wasNew && !undone.has(entry.time))) {
			if (run.length) runs.push(run);
			run = [];
			started = true;
		}
		if (entry.kind === 'reset' || undone.has(entry.time)) continue;
		const { kind: _kind, ...answer } = entry;
		void _kind;
		run.push(answer);
	}
	if (run.length || started) runs.push(run);
	return runs;
}

/** The answers that schedule a card now: those since it last started afresh. */
export function sinceLastStart(entries: Iterable<LogEntry>): ReviewEntry[] {
	return answerRuns(entries).at(-1) ?? [];
}
