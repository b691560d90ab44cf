// The "which fits you" figures of the stats screen, read and scored in a Worker, so the screen
// never waits on the log or the arithmetic.
import { app } from '$lib/state/app.svelte';
import type { EvaluationReply, EvaluationRequest } from './evaluation.worker';
import type { Evaluation } from '$lib/stats/evaluation';
import { errorMessage } from '$lib/format/error';

type Scored = Exclude<EvaluationReply, { error: string }>;

export class SchedulerFit {
	evaluation = $state.raw<Evaluation | undefined>(undefined);
	/** Why FSRS fitted to the learner is not compared, when it is not. */
	unfitted = $state<'not-isolated' | 'too-few' | undefined>(undefined);
	error = $state('');
	#worker: Worker | undefined;

	async load(): Promise<void> {
		try {
			// The database is open and upgraded before the Worker opens it too.
			await app.ready();
			const { evaluation, unfitted } = await this.#score({ read: 'database' });
			this.unfitted = unfitted;
			this.evaluation = evaluation;
		} catch (error) {
			this.error = `Your answers could not be scored: ${errorMessage(error)}`;
		}
	}

	/** Stops a Worker still scoring when the screen closes. */
	stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#score(request: EvaluationRequest): Promise<Scored> {
		const worker = new Worker(new URL('./evaluation.worker.ts', import.meta.url), { type: 'module' });
		this.#worker = worker;
		return new Promise<Scored>((resolve, reject) => {
			worker.onmessage = (event: MessageEvent<EvaluationReply>) => {
				if ('error' in event.data) reject(new Error(event.data.error));
				else resolve(event.data);
			};
			worker.onerror = (event) => reject(new Error(event.message || 'the scoring stopped'));
			worker.postMessage(request);
		}).finally(() => this.stop());
	}
}
