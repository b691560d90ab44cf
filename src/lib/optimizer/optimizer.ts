/**
 * FSRS's own optimizer, fsrs-rs built for the browser (fsrs-browser, ~440 KB gzip of WebAssembly),
 * fitting FSRS-6's 21 parameters to training items (stats/fsrs-items.ts). Loaded only where
 * parameters are fitted: in a Worker (fit.worker.ts, routes/stats/evaluation.worker.ts), and in
 * Node for tests. Single-threaded: fsrs-browser's thread pool is not started (bench/NOTES.md says
 * what it measured on two cores).
 *
 * Its memory is shared WebAssembly memory, which a browser gives only to a cross-origin isolated
 * page or Worker: elsewhere `loadOptimizer` refuses with NotIsolatedError.
 */
import type { TrainingItems } from '$lib/stats/fsrs-items';
import type { FitProgress } from './fit-messages';

export { readProgress, type FitProgress } from './fit-messages';

type FsrsBrowser = typeof import('fsrs-browser');

/** Where the WebAssembly comes from: its URL in the browser (a `?url` import), its bytes in Node. */
export type OptimizerWasm = { url: string } | { binary: Uint8Array };

/** The page (or Worker) is not cross-origin isolated: no shared memory, so no optimizer. */
export class NotIsolatedError extends Error {
	constructor() {
		super(
			'This page is not cross-origin isolated, which FSRS’s optimizer needs (its WebAssembly shares memory): the host must send the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers, or the app must be opened through its installed service worker.'
		);
		this.name = 'NotIsolatedError';
	}
}

export interface Optimizer {
	module: FsrsBrowser;
	/** The WebAssembly memory (shared): the progress of a fit can be read from it on another thread. */
	memory: WebAssembly.Memory;
}

let loaded: Promise<Optimizer> | undefined;

/** Whether this thread may have shared memory: a browser says crossOriginIsolated; Node always may. */
export function canShareMemory(): boolean {
	const scope = globalThis as { crossOriginIsolated?: boolean };
	return typeof SharedArrayBuffer === 'function' && scope.crossOriginIsolated !== false;
}

/** The optimizer, started once per Worker or process. */
export function loadOptimizer(wasm: OptimizerWasm): Promise<Optimizer> {
	if (!canShareMemory()) return Promise.reject(new NotIsolatedError());
	loaded ??= (async () => {
		// Its thread-pool helper listens for messages on `self` when imported; Node has no `self`.
		const scope = globalThis as { self?: unknown; addEventListener?: unknown };
		if (scope.self === undefined) scope.self = globalThis;
		if (typeof scope.addEventListener !== 'function') scope.addEventListener = () => {};
		const module = await import('fsrs-browser');
		const { memory } = await module.default({ module_or_path: 'url' in wasm ? wasm.url : wasm.binary });
		return { module, memory };
	})().catch((error: unknown) => {
		loaded = undefined;
		throw error;
	});
	return loaded;
}

/** FSRS-6's 21 weights fitted to `items`, rounded to 4 decimals as Anki shows them. */
export function fitWeights(optimizer: Optimizer, items: TrainingItems, started?: (progress: FitProgress) => void): number[] {
	const { module, memory } = optimizer;
	const progress = module.Progress.new();
	started?.({ buffer: memory.buffer as unknown as SharedArrayBuffer, pointer: progress.pointer() });
	// fsrs-rs logs every epoch's loss on the console: not the learner's business.
	const quiet = { log: console.log, info: console.info, debug: console.debug };
	console.log = console.info = console.debug = () => {};
	try {
		// `computeParameters` consumes its Fsrs and its Progress: both are made for this one fit.
		const weights = new module.Fsrs().computeParameters(items.ratings, items.deltaTs, items.lengths, progress, true);
		return Array.from(weights, (weight) => Math.round(weight * 10_000) / 10_000);
	} finally {
		Object.assign(console, quiet);
	}
}
