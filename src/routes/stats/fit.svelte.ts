// The "which fits you" figures of the stats screen: the log is read here and scored in a Worker,
// so the screen never waits on the arithmetic.
import { logAnswerColumns } from '$lib/db';
import { app } from '$lib/state/app.svelte';
import type { Evaluation } from '$lib/stats/evaluation';
import type { EvaluationReply } from '$lib/stats/evaluation.worker';

export class SchedulerFit {
	evaluation = $state.raw<Evaluation | undefined>(undefined);
	error = $state('');
	#worker: Worker | undefined;

	async load(): Promise<void> {
		try {
			const columns = await logAnswerColumns(await app.ready());
			this.evaluation = await this.#score(columns);
		} catch (error) {
			this.error = `Your answers could not be scored: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** Stops a Worker still scoring when the screen closes. */
	stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#score(columns: Awaited<ReturnType<typeof logAnswerColumns>>): Promise<Evaluation> {
		const worker = new Worker(new URL('../../lib/stats/evaluation.worker.ts', import.meta.url), { type: 'module' });
		this.#worker = worker;
		return new Promise<Evaluation>((resolve, reject) => {
			worker.onmessage = (event: MessageEvent<EvaluationReply>) => {
				if ('error' in event.data) reject(new Error(event.data.error));
				else resolve(event.data.evaluation);
			};
			worker.onerror = (event) => reject(new Error(event.message || 'the scoring stopped'));
			worker.postMessage(columns, [columns.cards.buffer, columns.studyDays.buffer, columns.times.buffer, columns.grades.buffer]);
		}).finally(() => this.stop());
	}
}
