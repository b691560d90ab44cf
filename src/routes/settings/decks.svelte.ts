// The decks list of Settings: what deleting a deck would take, and the deletion itself.
import { deckCards, deleteDeck } from '$lib/db';
import { app } from '$lib/state/app.svelte';
import { changes } from '$lib/state/changes.svelte';

/** How many cards a deletion of the deck would take with it (the question asks before). */
export async function cardsInDeck(deckId: string): Promise<number> {
	return (await deckCards(await app.ready(), deckId)).length;
}

/** Deletes the deck with its cards and history, then re-reads the decks and counts. */
export async function removeDeck(deckId: string): Promise<void> {
	await deleteDeck(await app.ready(), deckId);
	changes.announce('edit');
	await app.refresh();
}
