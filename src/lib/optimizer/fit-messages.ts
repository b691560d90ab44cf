// What the page and the fitting Worker (fit.worker.ts) say to each other, as plain data, and how
// the page reads a fit's progress: nothing here loads the optimizer.
import type { FittedParameters } from '$lib/srs/fsrs-options';
import type { AnswerColumns } from '$lib/stats/evaluation';

/**
 * `count`: how many reviews FSRS could learn from (Settings say how many more a fit needs);
 * `fit`: fit FSRS to them. Every answer, or one deck's (`deckId`); the app's database, or the one
 * named `name` (tests), or answers given as `columns` (the benchmark).
 */
export type FitRequest = { kind: 'count' | 'fit'; deckId?: string; name?: string; columns?: AnswerColumns };

export type FitReply =
	| { kind: 'counted'; reviews: number }
	/** The fit has started: its progress can be read from this shared memory until it ends. */
	| { kind: 'started'; progress: FitProgress; reviews: number }
	| { kind: 'fitted'; fitted: FittedParameters }
	/** `notIsolated`: the Worker has no shared memory, so FSRS keeps its defaults. */
	| { kind: 'failed'; message: string; notIsolated?: boolean };
/** Where a fit's progress can be read while it runs (fsrs-browser's getProgress: two u32, processed and total). */
export interface FitProgress {
	buffer: SharedArrayBuffer;
	pointer: number;
}

/** Items processed and in all, read from the shared memory a fit announced. */
export function readProgress({ buffer, pointer }: FitProgress): { done: number; total: number } {
	const [done = 0, total = 0] = new Uint32Array(buffer, pointer, 2);
	return { done, total };
}
