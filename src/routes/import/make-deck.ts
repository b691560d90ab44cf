// Where a page's deck is made: at once for a page of ordinary size, in a Worker for a long one, so a
// page of megabytes never holds up typing, scrolling or a tap while the preview is made.
import type { Deck } from '$lib/glossary';

/** Above this many characters a page is read in the Worker; real glossary pages are a tenth of it. */
export const WORKER_FROM_CHARS = 50_000;

export interface DeckRequest {
	run: number;
	text: string;
}

/** error: the generator's message, or undefined when the failure was no GlossaryError. */
export type DeckResult = { run: number; deck: Deck } | { run: number; error: string | undefined };

type Glossary = typeof import('$lib/glossary');

/** Thrown for a text that makes no deck; message is the generator's, for the learner. */
export class NoDeck extends Error {}

export class DeckMaker {
	#worker: Worker | undefined;
	#pending: { run: number; settle: (result: DeckResult) => void } | undefined;
	#run = 0;
	/** Once a Worker could not start (an old browser, a failed chunk), long pages are read here. */
	#workerBroken = false;

	/** The deck of a text, or a NoDeck error saying why it makes none. */
	async make(text: string, glossary: Glossary): Promise<Deck> {
		if (text.length < WORKER_FROM_CHARS || this.#workerBroken) return this.#here(text, glossary);
		const result = await this.#inWorker(text).catch(() => {
			this.#workerBroken = true;
			return undefined;
		});
		if (!result) return this.#here(text, glossary);
		if ('deck' in result) return result.deck;
		throw new NoDeck(result.error ?? 'This text could not be turned into cards.');
	}

	#here(text: string, glossary: Glossary): Deck {
		try {
			return glossary.generateDeck(text);
		} catch (error) {
			throw new NoDeck(error instanceof glossary.GlossaryError ? error.message : 'This text could not be turned into cards.');
		}
	}

	#inWorker(text: string): Promise<DeckResult> {
		// A newer text makes the older one's work pointless: stop it rather than wait for it.
		if (this.#pending) this.#stop();
		const worker = (this.#worker ??= this.#start());
		const run = ++this.#run;
		return new Promise((settle, fail) => {
			this.#pending = { run, settle };
			worker.onerror = (event) => {
				event.preventDefault();
				this.#pending = undefined;
				this.#stop();
				fail(new Error('The card maker could not run in the background.'));
			};
			worker.postMessage({ run, text } satisfies DeckRequest);
		});
	}

	#start(): Worker {
		const worker = new Worker(new URL('./deck.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<DeckResult>) => {
			const pending = this.#pending;
			if (pending?.run !== event.data.run) return;
			this.#pending = undefined;
			pending.settle(event.data);
		};
		return worker;
	}

	#stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
		// The superseded caller's draft has moved on to a newer run and ignores this answer.
		this.#pending?.settle({ run: this.#pending.run, error: undefined });
		this.#pending = undefined;
	}

	dispose(): void {
		this.#stop();
	}
}
