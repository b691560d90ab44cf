// What sync reads from the device and the one transaction in which it applies what it pulled.
import { defaultSettings, type LogEntry } from '$lib/srs/types';
import { decodeEntries, encodeDay } from './log-codec';
import { writeTransaction } from './write';
import type { CardRecord, DeckRecord, FlashcardsDb, MetaRecords } from './schema';

export interface SyncLocal {
	device: string;
	decks: DeckRecord[];
	cards: CardRecord[];
	days: { deckId: string; studyDay: number; entries: LogEntry[] }[];
	leechAction: 'suspend' | 'tag';
	dayStartHour: number;
	syncedDecks: MetaRecords['syncDecks'];
}

/** Everything sync compares, read in one transaction. */
export async function readForSync(db: FlashcardsDb): Promise<SyncLocal> {
	const tx = db.transaction(['decks', 'cards', 'log', 'settings', 'meta'], 'readonly');
	const meta = tx.objectStore('meta');
	const [decks, cards, log, settings, device, syncedDecks] = await Promise.all([
		tx.objectStore('decks').getAll(),
		tx.objectStore('cards').getAll(),
		tx.objectStore('log').getAll(),
		tx.objectStore('settings').get('study'),
		meta.get('installId'),
		meta.get('syncDecks')
	]);
	if (typeof device !== 'string') throw new Error('This device has no install id yet');
	return {
		device,
		decks,
		cards,
		days: log.map((record) => ({ deckId: record.deckId, studyDay: record.studyDay, entries: decodeEntries(record) })),
		leechAction: settings?.leechAction ?? 'suspend',
		dayStartHour: settings?.dayStartHour ?? defaultSettings.dayStartHour,
		syncedDecks: (syncedDecks as MetaRecords['syncDecks'] | undefined) ?? {}
	};
}

export interface SyncChanges {
	/** Decks to create or update (their record). */
	decks: DeckRecord[];
	/** Deck ids to delete, with their cards and log. */
	deletedDecks: string[];
	/** Cards to write whole (recomputed from the log, or new with a deck). */
	cards: CardRecord[];
	/** Log days with their whole new list of answers (empty: the day goes). */
	days: { deckId: string; studyDay: number; entries: LogEntry[] }[];
	syncedDecks: MetaRecords['syncDecks'];
}

/** Applies a pull in ONE transaction: the log, the cards replayed from it, decks and the sync's notes. */
export async function applySync(db: FlashcardsDb, changes: SyncChanges): Promise<void> {
	await writeTransaction(db, ['decks', 'cards', 'log', 'meta'], 'What was synced', async (tx, writes) => {
		for (const deckId of changes.deletedDecks) {
			const keys = await tx
				.objectStore('cards')
				.index('byDeckStatusOrder')
				.getAllKeys(IDBKeyRange.bound([deckId], [deckId, []]));
			writes.push(tx.objectStore('decks').delete(deckId));
			for (const key of keys) writes.push(tx.objectStore('cards').delete(key));
			writes.push(tx.objectStore('log').delete(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity])));
		}
		for (const deck of changes.decks) writes.push(tx.objectStore('decks').put(deck));
		for (const card of changes.cards) writes.push(tx.objectStore('cards').put(card));
		for (const day of changes.days) writes.push(tx.objectStore('log').put(encodeDay(day.deckId, day.studyDay, day.entries)));
		writes.push(tx.objectStore('meta').put(changes.syncedDecks, 'syncDecks'));
	});
}
