// `Fit to my reviews` (Settings › Scheduler, and a deck's options): counts the reviews FSRS could
// learn from, fits its parameters in a Worker (src/lib/optimizer/fit.worker.ts) with a progress
// bar read from the Worker's shared memory, and saves them with the cards they schedule folded
// again (db/scheduler.ts saveFsrsParameters). `Use default parameters` takes them back.
import { readProgress, type FitProgress, type FitReply, type FitRequest } from '$lib/optimizer/fit-messages';
import type { FittedParameters } from '$lib/srs/fsrs-options';
import { MIN_FIT_REVIEWS } from '$lib/stats/fsrs-items';
import { fitsBetter } from '$lib/stats/evaluation-words';
import { errorMessage } from '$lib/format/error';
import { app } from './app.svelte';
import { changes } from './changes.svelte';

/** Why not, in words, when the page is not cross-origin isolated: FSRS then keeps its defaults. */
export const NOT_ISOLATED =
	'Fitting is not offered here: FSRS’s optimizer is WebAssembly that shares memory, which the browser allows only on a page it has cross-origin isolated, and this page is not. FSRS keeps its default parameters.';

/** How often the progress bar reads the fit's progress. */
const PROGRESS_EVERY_MS = 100;

export class FsrsFit {
	/** The reviews FSRS could learn from; undefined until counted. */
	reviews = $state<number | undefined>(undefined);
	running = $state(false);
	/** Items processed and in all, while a fit runs. */
	progress = $state<{ done: number; total: number } | undefined>(undefined);
	/** The last fit here, when it predicted no better than the defaults and was not saved. */
	notBetter = $state.raw<FittedParameters | undefined>(undefined);
	error = $state('');
	/** Shared memory, and so the optimizer, is there only on a cross-origin isolated page. */
	readonly isolated = globalThis.crossOriginIsolated === true;
	#worker: Worker | undefined;
	#deckId: string | undefined;

	/** `deckId`: one deck's answers and its own parameters; none, every answer and those of Settings. */
	constructor(deckId?: string) {
		this.#deckId = deckId;
	}

	/** Reviews still needed before a fit (0 when there are enough). */
	get needed(): number {
		return this.reviews === undefined ? 0 : Math.max(0, MIN_FIT_REVIEWS - this.reviews);
	}

	async count(): Promise<void> {
		try {
			await app.ready();
			const reply = await this.#ask({ kind: 'count', deckId: this.#deckId });
			if (reply.kind === 'counted') this.reviews = reply.reviews;
		} catch (error) {
			this.error = `Your reviews could not be counted: ${errorMessage(error)}`;
		}
	}

	/** Fits, and saves the parameters when they predict the learner's reviews better than the defaults. */
	async fit(): Promise<void> {
		if (this.running) return;
		this.running = true;
		this.error = '';
		this.notBetter = undefined;
		this.progress = undefined;
		let poll: ReturnType<typeof setInterval> | undefined;
		try {
			const db = await app.ready();
			const reply = await this.#ask({ kind: 'fit', deckId: this.#deckId }, (progress) => {
				const read = () => (this.progress = readProgress(progress));
				read();
				poll = setInterval(read, PROGRESS_EVERY_MS);
			});
			if (reply.kind === 'counted') this.reviews = reply.reviews;
			else if (reply.kind === 'fitted') {
				this.reviews = reply.fitted.reviews;
				if (fitsBetter(reply.fitted)) await this.#save(db, reply.fitted);
				else this.notBetter = reply.fitted;
			}
		} catch (error) {
			this.error = `FSRS could not be fitted: ${errorMessage(error)}`;
		} finally {
			clearInterval(poll);
			this.progress = undefined;
			this.running = false;
		}
	}

	/** `Use default parameters`: FSRS's defaults again (for a deck: those of Settings). */
	async useDefaults(): Promise<void> {
		this.error = '';
		this.notBetter = undefined;
		try {
			await this.#save(await app.ready(), null);
		} catch (error) {
			this.error = `The default parameters could not be saved: ${errorMessage(error)}`;
		}
	}

	/** Stops a Worker still counting or fitting when the screen closes. */
	stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	async #save(db: Awaited<ReturnType<typeof app.ready>>, fitted: FittedParameters | null): Promise<void> {
		const { saveFsrsParameters } = await import('$lib/db/scheduler');
		await saveFsrsParameters(db, { deckId: this.#deckId }, fitted);
		// Other tabs read the refolded cards and the settings again.
		changes.announce('edit');
		await app.reload();
	}

	#ask(request: FitRequest, started?: (progress: FitProgress) => void): Promise<Exclude<FitReply, { kind: 'started' }>> {
		this.stop();
		const worker = new Worker(new URL('../optimizer/fit.worker.ts', import.meta.url), { type: 'module' });
		this.#worker = worker;
		return new Promise<Exclude<FitReply, { kind: 'started' }>>((resolve, reject) => {
			worker.onmessage = (event: MessageEvent<FitReply>) => {
				const reply = event.data;
				if (reply.kind === 'started') started?.(reply.progress);
				else if (reply.kind === 'failed') reject(new Error(reply.notIsolated ? NOT_ISOLATED : reply.message));
				else resolve(reply);
			};
			worker.onerror = (event) => reject(new Error(event.message || 'the Worker stopped'));
			worker.postMessage(request);
		}).finally(() => {
			if (this.#worker === worker) this.stop();
		});
	}
}
