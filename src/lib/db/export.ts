// Reading one deck for an export to Anki (anki/export-*.ts): its cards, its whole log, the Anki
// notes, note types and media its cards use, and the settings an Anki preset carries. A read only.
import type { ExportDeck } from '$lib/anki/export-notes';
import { defaultSettings } from '$lib/srs/types';
import { deckRange } from './decks';
import { decodeEntries } from './log-codec';
import type { FlashcardsDb } from './schema';

/** The deck is not on this device (deleted in another tab, or never here). */
export class NoDeckToExport extends Error {
	constructor() {
		super('This deck is no longer on this device, so there is nothing to export.');
		this.name = 'NoDeckToExport';
	}
}

/** Everything of the deck an export needs, read in one transaction. */
export async function deckForExport(db: FlashcardsDb, deckId: string): Promise<ExportDeck> {
	const tx = db.transaction(['decks', 'cards', 'log', 'notes', 'noteTypes', 'media', 'settings', 'meta'], 'readonly');
	const [deck, cards, days, notes, noteTypes, media, stored, options] = await Promise.all([
		tx.objectStore('decks').get(deckId),
		tx.objectStore('cards').index('byDeckStatusOrder').getAll(deckRange(deckId)),
		tx.objectStore('log').getAll(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity])),
		tx.objectStore('notes').index('byDeck').getAll(deckId),
		tx.objectStore('noteTypes').getAll(),
		tx.objectStore('media').getAll(deckRange(deckId)),
		tx.objectStore('settings').get('study'),
		tx.objectStore('meta').get('deckOptions') as Promise<Record<string, ExportDeck['deckOptions']> | undefined>
	]);
	if (!deck) throw new NoDeckToExport();
	const settings = { ...defaultSettings, ...stored };
	const usedTypes = new Set(notes.map((note) => note.noteTypeId));
	return {
		deck: { id: deck.id, title: deck.title, createdAt: deck.createdAt, updatedAt: deck.updatedAt },
		cards,
		log: days.flatMap(decodeEntries),
		notes,
		noteTypes: noteTypes.filter((type) => usedTypes.has(type.id)),
		// Read after the transaction: a Blob is read on its own, and nothing else is waited for meanwhile.
		media: await Promise.all(media.map(async (file) => ({ name: file.name, data: new Uint8Array(await file.data.arrayBuffer()) }))),
		settings: {
			dayStartHour: settings.dayStartHour,
			newPerDay: settings.newPerDay,
			reviewsPerDay: settings.reviewsPerDay,
			learningSteps: settings.learningSteps,
			relearningSteps: settings.relearningSteps,
			maximumInterval: settings.maximumInterval,
			desiredRetention: settings.desiredRetention,
			leechAction: settings.leechAction
		},
		deckOptions: options?.[deckId] ?? {}
	};
}
