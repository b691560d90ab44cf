// Reading an Anki deck's media (images, sounds) for its cards: its own module, so the review screen
// loads it without the import's planner.
import type { FlashcardsDb } from './schema';

/** An Anki deck's media files of these names (those it has), for its cards' images and sounds. */
export async function deckMedia(db: FlashcardsDb, deckId: string, names: Iterable<string>): Promise<Map<string, Blob>> {
	const tx = db.transaction('media', 'readonly');
	const wanted = [...new Set(names)];
	const files = await Promise.all(wanted.map((name) => tx.store.get([deckId, name])));
	const found = new Map<string, Blob>();
	files.forEach((file, i) => {
		if (file) found.set(wanted[i]!, file.data);
	});
	return found;
}
