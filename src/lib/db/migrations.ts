// The migration steps between schema versions (schema.ts has the shape they lead to). They load
// only when a device's database is not at the current version: database.ts says when.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ReviewEntry } from '$lib/srs/types';
import { encodeDay, upgradeRecord } from './log-write';
import { SCHEMA_VERSION, type FlashcardsDb, type FlashcardsSchema } from './schema';

// Steps see the database as it was at their version, with stores the current schema no longer has
// (the per-answer `reviews` store before version 3), so they are written against an untyped view.
type AnyDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * The install id, for log entries written before entries named their device: they are this
 * device's. A database with a log has one (the app makes it on first open); should it not, one
 * is made here, as ensureInstall would.
 */
async function installIdOf(tx: UpgradeTx): Promise<string> {
	const meta = tx.objectStore('meta');
	const stored = (await meta.get('installId')) as string | undefined;
	if (stored !== undefined) return stored;
	const id = crypto.randomUUID();
	await meta.put(id, 'installId');
	return id;
}

/**
 * One step per version, each safe to run again on a database that already has its changes
 * (a step checks before it creates). Steps run in order from the database's version up; a step
 * that moves records returns a promise, and the next step waits for it.
 */
const migrations: Record<number, (db: AnyDb, tx: UpgradeTx) => void | Promise<void>> = {
	1(db, tx) {
		if (!db.objectStoreNames.contains('decks')) db.createObjectStore('decks', { keyPath: 'id' });
		const cards = db.objectStoreNames.contains('cards') ? tx.objectStore('cards') : db.createObjectStore('cards', { keyPath: 'id' });
		if (!cards.indexNames.contains('byDeck')) cards.createIndex('byDeck', 'deckId');
		if (!cards.indexNames.contains('byDeckStatusDue')) cards.createIndex('byDeckStatusDue', ['deckId', 'status', 'dueDay']);
		if (!cards.indexNames.contains('byDeckStatusOrder')) cards.createIndex('byDeckStatusOrder', ['deckId', 'status', 'newOrder']);
		if (!cards.indexNames.contains('byStatusDue')) cards.createIndex('byStatusDue', ['status', 'dueDay']);
		const reviews = db.objectStoreNames.contains('reviews')
			? tx.objectStore('reviews')
			: db.createObjectStore('reviews', { keyPath: 'id', autoIncrement: true });
		if (!reviews.indexNames.contains('byCard')) reviews.createIndex('byCard', 'cardId');
		if (!reviews.indexNames.contains('byDeckDay')) reviews.createIndex('byDeckDay', ['deckId', 'studyDay']);
		if (!reviews.indexNames.contains('byDay')) reviews.createIndex('byDay', 'studyDay');
		if (!reviews.indexNames.contains('bySession')) reviews.createIndex('bySession', 'sessionId');
		if (!reviews.indexNames.contains('byTime')) reviews.createIndex('byTime', 'time');
		if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings');
		if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
	},
	// The due index gains easiness, so that its ranges are in the queue's order and a daily limit
	// is a prefix; cards answered since a moment get an index for today's repeats.
	2(_db, tx) {
		const cards = tx.objectStore('cards');
		if (cards.indexNames.contains('byDeckStatusDue') && (cards.index('byDeckStatusDue').keyPath as string[]).length !== 4) {
			cards.deleteIndex('byDeckStatusDue');
		}
		if (!cards.indexNames.contains('byDeckStatusDue'))
			cards.createIndex('byDeckStatusDue', ['deckId', 'status', 'dueDay', 'state.easiness']);
		if (!cards.indexNames.contains('byDeckAnswered')) cards.createIndex('byDeckAnswered', ['deckId', 'lastAnsweredAt']);
	},
	// The log moves from one record per answer to one per deck and study day (log-codec.ts says
	// why), a day at a time so that a long log never has to fit in memory at once. Cards lose two
	// indexes that others serve (a deck's cards, the next due day), so each card saved writes three.
	async 3(db, tx) {
		const cards = tx.objectStore('cards');
		if (cards.indexNames.contains('byDeck')) cards.deleteIndex('byDeck');
		if (cards.indexNames.contains('byStatusDue')) cards.deleteIndex('byStatusDue');
		const log = db.objectStoreNames.contains('log')
			? tx.objectStore('log')
			: db.createObjectStore('log', { keyPath: ['deckId', 'studyDay'] });
		if (!log.indexNames.contains('byDay')) log.createIndex('byDay', 'studyDay');
		if (!log.indexNames.contains('bySession')) log.createIndex('bySession', 'sessionIds', { multiEntry: true });
		if (!db.objectStoreNames.contains('reviews')) return;
		let device: string | undefined;
		const byDeckDay = tx.objectStore('reviews').index('byDeckDay');
		let day = await byDeckDay.openKeyCursor(null, 'nextunique');
		while (day) {
			const [deckId, studyDay] = day.key as [string, number];
			// In the order they were logged (the old store's key order), without the old keys.
			device ??= await installIdOf(tx);
			const entries = ((await byDeckDay.getAll(day.key)) as (Omit<ReviewEntry, 'device'> & { id: number })[]).map(
				({ id: _id, ...entry }) => ({ ...entry, device: device! })
			);
			await log.put(encodeDay(deckId, studyDay, entries));
			day = await day.continue();
		}
		if (db.objectStoreNames.contains('reviews')) db.deleteObjectStore('reviews');
	},
	// The log keeps undos and resets as entries of their own and names the device of each entry
	// (log-codec.ts format 2), so a day's record may hold no answer that stands: the day index
	// moves to answeredDay, which only such records have. Format 1 records become this device's.
	async 4(_db, tx) {
		const log = tx.objectStore('log');
		if (log.indexNames.contains('byDay') && log.index('byDay').keyPath !== 'answeredDay') log.deleteIndex('byDay');
		if (!log.indexNames.contains('byDay')) log.createIndex('byDay', 'answeredDay');
		let cursor = await log.openCursor();
		let device: string | undefined;
		while (cursor) {
			const record = cursor.value as Parameters<typeof upgradeRecord>[0];
			if (record.format === 1) await cursor.update(upgradeRecord(record, (device ??= await installIdOf(tx))));
			cursor = await cursor.continue();
		}
	},
	// Anki imports: notes by GUID (found again by an update, and by a deck's deletion through the
	// decks their cards are in), note types, and media, each deck's files one key range.
	5(db, tx) {
		const notes = db.objectStoreNames.contains('notes') ? tx.objectStore('notes') : db.createObjectStore('notes', { keyPath: 'guid' });
		if (!notes.indexNames.contains('byDeck')) notes.createIndex('byDeck', 'deckIds', { multiEntry: true });
		if (!db.objectStoreNames.contains('noteTypes')) db.createObjectStore('noteTypes', { keyPath: 'id' });
		if (!db.objectStoreNames.contains('media')) db.createObjectStore('media', { keyPath: ['deckId', 'name'] });
	},
	// Today's summaries, one small record per deck (db/today.ts): the worker reads one instead of
	// scanning indexes. Empty after the step; the app makes them at its next read.
	6(db) {
		if (!db.objectStoreNames.contains('today')) db.createObjectStore('today');
	}
};

export function upgrade(
	db: FlashcardsDb,
	oldVersion: number,
	newVersion: number | null,
	tx: IDBPTransaction<FlashcardsSchema, StoreNames<FlashcardsSchema>[], 'versionchange'>
): void {
	const anyDb = db as unknown as AnyDb;
	const anyTx = tx as unknown as UpgradeTx;
	const steps: (typeof migrations)[number][] = [];
	for (let version = oldVersion + 1; version <= (newVersion ?? SCHEMA_VERSION); version++) {
		const step = migrations[version];
		// Checked before any step runs, so that nothing is started that could not be finished.
		if (!step) throw new Error(`No migration step for schema version ${version}`);
		steps.push(step);
	}
	let pending: Promise<void> | undefined;
	for (const step of steps) {
		// Synchronous steps run at once; after an asynchronous one, the rest wait their turn.
		pending = pending ? pending.then(() => step(anyDb, anyTx)) : (step(anyDb, anyTx) ?? undefined);
	}
	// A step that fails leaves the database at its old version, whole: the open fails instead.
	pending?.catch(() => {
		tx.done.catch(() => {});
		try {
			tx.abort();
		} catch {
			// Already aborted by the failed request.
		}
	});
}
