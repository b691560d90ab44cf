// The learner's decks in the order screens list them: read by the first screen, apart from the
// deck writes (decks.ts), which load only when a deck is saved or the bundled decks change.
import type { DeckRecord, FlashcardsDb } from './schema';

/** Decks in the order the home page lists them: by title. */
export function byTitle(a: DeckRecord, b: DeckRecord): number {
	return a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

export async function listDecks(db: FlashcardsDb): Promise<DeckRecord[]> {
	return (await db.getAll('decks')).sort(byTitle);
}
