// Deck options' export: the learner's choice of progress, and the file made in a Worker
// (deck-export.worker.ts), handed back as a Blob to save. Nothing on the device changes.
import type { ExportCounts, ExportKind, ExportRequest, ExportResponse } from './export-messages';
import { exportedInWords, exportFileName } from './export-words';

const TYPES: Record<ExportKind, string> = { apkg: 'application/octet-stream', txt: 'text/plain;charset=utf-8' };

export interface ExportedFile {
	name: string;
	blob: Blob;
	counts: ExportCounts;
}

export class DeckExport {
	/** Cards keep their schedule and the answers go with them (the Anki package). */
	includeProgress = $state(true);
	/** The export being made, if one is. */
	working = $state<ExportKind | undefined>(undefined);
	/** What the last export put in which file. */
	done = $state('');
	/** Why the last export failed, for the learner. */
	error = $state('');
	#worker: Worker | undefined;
	#run = 0;
	#settle: ((response: ExportResponse) => void) | undefined;

	readonly #deck: { id: string; title: string };

	constructor(deck: { id: string; title: string }) {
		this.#deck = deck;
	}

	/** Makes the file; undefined when it could not be (the error says why). */
	async export(kind: ExportKind): Promise<ExportedFile | undefined> {
		if (this.working) return undefined;
		this.working = kind;
		this.done = '';
		this.error = '';
		try {
			const request: ExportRequest = { run: ++this.#run, kind, deckId: this.#deck.id, includeProgress: this.includeProgress };
			const response = await this.#ask(request);
			if (response.kind === 'error') {
				this.error = response.message;
				return undefined;
			}
			const name = exportFileName(this.#deck.title, kind);
			this.done = exportedInWords(response.counts, kind, name);
			return { name, blob: new Blob([response.bytes as Uint8Array<ArrayBuffer>], { type: TYPES[kind] }), counts: response.counts };
		} finally {
			this.working = undefined;
		}
	}

	#ask(request: ExportRequest): Promise<ExportResponse> {
		let worker: Worker;
		try {
			worker = this.#worker ??= this.#start();
		} catch {
			return Promise.resolve({
				kind: 'error',
				run: request.run,
				message: 'This browser cannot export here (it cannot start a background worker).'
			});
		}
		return new Promise((settle) => {
			this.#settle = settle;
			worker.postMessage(request);
		});
	}

	#start(): Worker {
		const worker = new Worker(new URL('./deck-export.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<ExportResponse>) => {
			if (event.data.run !== this.#run) return;
			this.#settle?.(event.data);
			this.#settle = undefined;
		};
		worker.onerror = (event) => {
			event.preventDefault();
			this.#settle?.({ kind: 'error', run: this.#run, message: 'The export stopped. Reload the page, then try again.' });
			this.#settle = undefined;
			this.#worker?.terminate();
			this.#worker = undefined;
		};
		return worker;
	}

	dispose(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		this.#settle?.({ kind: 'error', run: this.#run, message: '' });
		this.#settle = undefined;
	}
}
