// What sync reads from the device and the one transaction in which it applies what it pulled.
// A sync after one answer should touch only that answer's day: the log is read as records and
// only the days that changed since the last sync (or that others' documents reach) are decoded.
import { defaultSettings, type LogEntry } from '$lib/srs/types';
import { decodeEntries, encodeDay, type LogDayRecord } from './log-codec';
import { writeTransaction } from './write';
import type { CardRecord, DeckRecord, FlashcardsDb, MetaRecords, SyncCheckpoint } from './schema';

export interface SyncDay {
	deckId: string;
	studyDay: number;
	entries: LogEntry[];
}

export interface SyncLocal {
	device: string;
	decks: DeckRecord[];
	cards: CardRecord[];
	/** The log as stored, one record per deck and day: decode only what is needed (`decodeEntries`). */
	log: LogDayRecord[];
	leechAction: 'suspend' | 'tag';
	dayStartHour: number;
	syncedDecks: MetaRecords['syncDecks'];
	/** Where the last sync stopped; undefined before the first. */
	checkpoint: SyncCheckpoint | undefined;
}

/** A deck and day as a key of the checkpoint's days. */
export const syncDayKey = (deckId: string, studyDay: number) => `${studyDay}\u0000${deckId}`;

/**
 * What a day's record held at the last sync, cheap to read: its number of entries and the time of
 * the last. The log only grows (an undo is an entry of its own), so a day whose fingerprint is
 * unchanged holds nothing new to send.
 */
export function recordFingerprint(record: Pick<LogDayRecord, 'cardIds' | 'numbers'>): string {
	const count = record.cardIds.length;
	if (count === 0) return '0';
	return `${count}:${record.numbers[(record.numbers.length / count) * (count - 1)]}`;
}

/** The same fingerprint from entries about to be stored in that order. */
export const entriesFingerprint = (entries: readonly LogEntry[]) =>
	entries.length === 0 ? '0' : `${entries.length}:${entries[entries.length - 1]!.time}`;

/** Everything sync compares, read in one transaction. */
export async function readForSync(db: FlashcardsDb): Promise<SyncLocal> {
	const tx = db.transaction(['decks', 'cards', 'log', 'settings', 'meta'], 'readonly');
	const meta = tx.objectStore('meta');
	const [decks, cards, log, settings, device, syncedDecks, checkpoint] = await Promise.all([
		tx.objectStore('decks').getAll(),
		tx.objectStore('cards').getAll(),
		tx.objectStore('log').getAll(),
		tx.objectStore('settings').get('study'),
		meta.get('installId'),
		meta.get('syncDecks'),
		meta.get('syncCheckpoint')
	]);
	if (typeof device !== 'string') throw new Error('This device has no install id yet');
	return {
		device,
		decks,
		cards,
		log,
		leechAction: settings?.leechAction ?? 'suspend',
		dayStartHour: settings?.dayStartHour ?? defaultSettings.dayStartHour,
		syncedDecks: (syncedDecks as MetaRecords['syncDecks'] | undefined) ?? {},
		checkpoint: checkpoint as SyncCheckpoint | undefined
	};
}

/** A record's entries as sync sees them. */
export const syncDay = (record: LogDayRecord): SyncDay => ({
	deckId: record.deckId,
	studyDay: record.studyDay,
	entries: decodeEntries(record)
});

export interface SyncChanges {
	/** Decks to create or update (their record). */
	decks: DeckRecord[];
	/** Deck ids to delete, with their cards and log. */
	deletedDecks: string[];
	/** Cards to write whole (recomputed from the log, or new with a deck). */
	cards: CardRecord[];
	/** Log days with their whole new list of answers (empty: the day goes). */
	days: SyncDay[];
	syncedDecks: MetaRecords['syncDecks'];
	/** Where this sync stopped; the fingerprints of the days written here are added to it. */
	checkpoint: SyncCheckpoint;
	/** Days whose own entries did not reach the outbox: the next sync sends them. */
	unsent: string[];
}

/** Applies a pull in ONE transaction: the log, the cards replayed from it, decks and the sync's notes. */
export async function applySync(db: FlashcardsDb, changes: SyncChanges): Promise<void> {
	const checkpoint = { ...changes.checkpoint, days: { ...changes.checkpoint.days } };
	await writeTransaction(db, ['decks', 'cards', 'log', 'meta'], 'What was synced', async (tx, writes) => {
		for (const deckId of changes.deletedDecks) {
			const keys = await tx
				.objectStore('cards')
				.index('byDeckStatusOrder')
				.getAllKeys(IDBKeyRange.bound([deckId], [deckId, []]));
			writes.push(tx.objectStore('decks').delete(deckId));
			for (const key of keys) writes.push(tx.objectStore('cards').delete(key));
			writes.push(tx.objectStore('log').delete(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity])));
			for (const key of Object.keys(checkpoint.days)) if (key.endsWith(`\u0000${deckId}`)) delete checkpoint.days[key];
		}
		for (const deck of changes.decks) writes.push(tx.objectStore('decks').put(deck));
		for (const card of changes.cards) writes.push(tx.objectStore('cards').put(card));
		for (const day of changes.days) {
			const record = encodeDay(day.deckId, day.studyDay, day.entries);
			writes.push(tx.objectStore('log').put(record));
			checkpoint.days[syncDayKey(day.deckId, day.studyDay)] = recordFingerprint(record);
		}
		for (const key of changes.unsent) delete checkpoint.days[key];
		writes.push(tx.objectStore('meta').put(changes.syncedDecks, 'syncDecks'));
		writes.push(tx.objectStore('meta').put(checkpoint, 'syncCheckpoint'));
	});
}
