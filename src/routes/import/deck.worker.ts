// Makes the deck of a long page off the main thread, so that the preview never freezes the screen.
// Only text comes in (an HTML page is read to text by the page first: DOMParser exists only there).
import { generateDeck, GlossaryError } from '$lib/glossary';
import type { DeckRequest, DeckResult } from './make-deck';

const scope = self as unknown as {
	addEventListener(type: 'message', listener: (event: MessageEvent<DeckRequest>) => void): void;
	postMessage(message: DeckResult): void;
};

scope.addEventListener('message', (event) => {
	const { run, text } = event.data;
	try {
		scope.postMessage({ run, deck: generateDeck(text) });
	} catch (error) {
		// Only the generator's own messages are worded for the learner.
		scope.postMessage({ run, error: error instanceof GlossaryError ? error.message : undefined });
	}
});
