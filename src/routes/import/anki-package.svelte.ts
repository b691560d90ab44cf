// The `Anki package` picker's state on Add a glossary: the package chosen, read in a Worker with
// its progress, the preview of what it holds, and saving it. Nothing is written before `save`.
import { app } from '$lib/state/app.svelte';
import { changes as otherTabs } from '$lib/state/changes.svelte';
import type { AnkiSaveReport } from '$lib/db/plan-anki';
import type { AnkiPreview, AnkiRequest, AnkiResponse, AnkiStage } from './anki-messages';

export interface AnkiProgress {
	stage: AnkiStage;
	done: number;
	total: number;
}

export class AnkiPackageImport {
	/** Reading or saving: the worker's last word on how far it is. */
	progress = $state.raw<AnkiProgress | undefined>(undefined);
	preview = $state.raw<AnkiPreview | undefined>(undefined);
	/** Why the package cannot be imported (or saved), for the learner; nothing was written. */
	error = $state('');
	saving = $state(false);
	saved = $state.raw<{ report: AnkiSaveReport; answers: number } | undefined>(undefined);
	#worker: Worker | undefined;
	#run = 0;
	#settle: ((response: Exclude<AnkiResponse, { kind: 'progress' }>) => void) | undefined;

	get busy(): boolean {
		return this.progress !== undefined;
	}

	/** Reads the chosen file and shows its preview. */
	async choose(file: File): Promise<void> {
		this.preview = undefined;
		this.saved = undefined;
		this.error = '';
		const response = await this.#ask({ kind: 'read', run: ++this.#run, file });
		if (response.kind === 'preview') this.preview = response.preview;
	}

	/** Saves what the preview shows, in one transaction (in the worker). */
	async save(): Promise<boolean> {
		const preview = this.preview;
		if (!preview || this.saving) return false;
		this.saving = true;
		this.error = '';
		try {
			const response = await this.#ask({ kind: 'save', run: this.#run });
			if (response.kind !== 'saved') return false;
			this.saved = { report: response.report, answers: preview.summary.answers };
			this.preview = undefined;
			otherTabs.announce('import');
			await app.refresh();
			return true;
		} finally {
			this.saving = false;
		}
	}

	/** Sends one request and waits for its answer; progress along the way is shown. */
	#ask(request: AnkiRequest): Promise<Exclude<AnkiResponse, { kind: 'progress' }>> {
		// A newer file makes the older one's work pointless: a fresh worker reads it.
		if (this.#settle) this.#stop();
		let worker: Worker;
		try {
			worker = this.#worker ??= this.#start();
		} catch {
			this.error = 'This browser cannot read Anki packages here (it cannot start a background worker).';
			return Promise.resolve({ kind: 'error', run: request.run, message: this.error });
		}
		this.progress = { stage: request.kind === 'read' ? 'unzip' : 'save', done: 0, total: 1 };
		return new Promise((settle) => {
			this.#settle = (response) => {
				this.#settle = undefined;
				this.progress = undefined;
				if (response.kind === 'error') this.error = response.message;
				settle(response);
			};
			worker.postMessage(request);
		});
	}

	#start(): Worker {
		const worker = new Worker(new URL('./anki.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<AnkiResponse>) => {
			const response = event.data;
			if (response.run !== this.#run) return;
			if (response.kind === 'progress') this.progress = { stage: response.stage, done: response.done, total: response.total };
			else this.#settle?.(response);
		};
		worker.onerror = (event) => {
			event.preventDefault();
			this.#settle?.({
				kind: 'error',
				run: this.#run,
				message: 'The package could not be read: the reader stopped. Reload the page, then try again.'
			});
			this.#stop();
		};
		return worker;
	}

	#stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		this.#settle?.({ kind: 'error', run: this.#run, message: '' });
		this.#settle = undefined;
		this.progress = undefined;
	}

	dispose(): void {
		this.#stop();
	}
}
