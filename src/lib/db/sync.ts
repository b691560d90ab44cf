// What sync reads from the device and the one transaction in which it applies what the sync
// planned (sync/plan.ts). A sync after one answer should touch only that answer's day: the log is
// read as records and only the days that changed since the last sync (or that others' documents
// reach) are decoded.
import type { DeckOptions } from '$lib/srs/today';
import { defaultSettings, type LogEntry, type Settings } from '$lib/srs/types';
import { type LogDayRecord } from './log-codec';
import { encodeDay } from './log-write';
import { keepToday, TODAY_STORES } from './today';
import { afterSync, type ClockState, type Hlc, type SaveStamps, type SaveSubject } from './clock';
import { writeTransaction } from './write';
import type { CardConflict, CardRecord, DeckRecord, FlashcardsDb, MetaRecords, SyncCheckpoint } from './schema';

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
	settings: Settings;
	/** When they were saved here; 0 if never (the defaults). */
	settingsSavedAt: number;
	syncedSettings: MetaRecords['syncSettings'] | undefined;
	syncedDecks: MetaRecords['syncDecks'];
	/** Where the last sync stopped; undefined before the first. */
	checkpoint: SyncCheckpoint | undefined;
	/** Each deck's own options, and when they were saved here. */
	deckOptions: MetaRecords['deckOptions'];
	deckOptionsSavedAt: MetaRecords['deckOptionsSavedAt'];
	/** The stamps of the last saves of the settings, each deck's options and each deck (db/clock.ts). */
	saveStamps: SaveStamps;
	/** Per deck, the stamp of its options as last reconciled. */
	syncOptions: MetaRecords['syncOptions'];
}

/** Everything sync compares, read in one transaction. */
export async function readForSync(db: FlashcardsDb): Promise<SyncLocal> {
	const tx = db.transaction(['decks', 'cards', 'log', 'settings', 'meta'], 'readonly');
	const meta = tx.objectStore('meta');
	const [
		decks,
		cards,
		log,
		stored,
		device,
		syncedDecks,
		checkpoint,
		settingsSavedAt,
		syncedSettings,
		deckOptions,
		deckOptionsSavedAt,
		saveStamps,
		syncOptions
	] = await Promise.all([
		tx.objectStore('decks').getAll(),
		tx.objectStore('cards').getAll(),
		tx.objectStore('log').getAll(),
		tx.objectStore('settings').get('study'),
		meta.get('installId'),
		meta.get('syncDecks'),
		meta.get('syncCheckpoint'),
		meta.get('settingsSavedAt'),
		meta.get('syncSettings'),
		meta.get('deckOptions'),
		meta.get('deckOptionsSavedAt'),
		meta.get('saveStamps'),
		meta.get('syncOptions')
	]);
	const stamps = saveStamps as SaveStamps | undefined;
	const settings = { ...defaultSettings, ...stored };
	if (typeof device !== 'string') throw new Error('This device has no install id yet');
	return {
		device,
		decks,
		cards,
		log,
		leechAction: settings.leechAction,
		dayStartHour: settings.dayStartHour,
		settings,
		settingsSavedAt: (settingsSavedAt as number | undefined) ?? 0,
		syncedSettings: syncedSettings as MetaRecords['syncSettings'] | undefined,
		syncedDecks: (syncedDecks as MetaRecords['syncDecks'] | undefined) ?? {},
		checkpoint: checkpoint as SyncCheckpoint | undefined,
		deckOptions: (deckOptions as MetaRecords['deckOptions'] | undefined) ?? {},
		deckOptionsSavedAt: (deckOptionsSavedAt as MetaRecords['deckOptionsSavedAt'] | undefined) ?? {},
		saveStamps: { ...stamps, deckOptions: { ...stamps?.deckOptions }, decks: { ...stamps?.decks } },
		syncOptions: (syncOptions as MetaRecords['syncOptions'] | undefined) ?? {}
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
	days: SyncDay[];
	syncedDecks: MetaRecords['syncDecks'];
	/** Where this sync stopped, and each day's fingerprint once these changes are stored. */
	checkpoint: SyncCheckpoint;
	/** Settings taken from another device (checked), with the moment they were saved there and the save's stamp. */
	settings?: { settings: Settings; savedAt: number; stamp: Hlc };
	syncedSettings?: MetaRecords['syncSettings'];
	/** Cards edited on two devices found by this sync (a later one for the same card replaces it). */
	cardConflicts: CardConflict[];
	/** Decks' own options taken from another device (checked; empty: the deck follows the settings), with when they were saved and the stamp. */
	deckOptions?: Record<string, { options: DeckOptions; savedAt: number; stamp: Hlc }>;
	/** The stamps of the decks taken from other devices. */
	deckStamps?: Record<string, Hlc>;
	/** Per deck, the stamp of its options as reconciled by this sync. */
	syncOptions?: Record<string, Hlc>;
	/** Every save stamp this sync read: the clock goes past them (db/clock.ts). */
	seen?: Hlc[];
}

/** Applies a sync's plan in ONE transaction: the log, the cards replayed from it, decks and the sync's notes. */
export async function applySync(db: FlashcardsDb, changes: SyncChanges, now = Date.now()): Promise<void> {
	await writeTransaction(db, [...TODAY_STORES], 'What was synced', async (tx, writes) => {
		if (changes.settings) {
			writes.push(tx.objectStore('settings').put(changes.settings.settings, 'study'));
			writes.push(tx.objectStore('meta').put(changes.settings.savedAt, 'settingsSavedAt'));
		}
		if (changes.syncedSettings) writes.push(tx.objectStore('meta').put(changes.syncedSettings, 'syncSettings'));
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
		if (changes.cardConflicts.length > 0 || changes.deletedDecks.length > 0) {
			const conflicts = { ...((await tx.objectStore('meta').get('syncCardConflicts')) as MetaRecords['syncCardConflicts'] | undefined) };
			for (const conflict of changes.cardConflicts) conflicts[conflict.cardId] = conflict;
			for (const [id, conflict] of Object.entries(conflicts)) if (changes.deletedDecks.includes(conflict.deckId)) delete conflicts[id];
			writes.push(tx.objectStore('meta').put(conflicts, 'syncCardConflicts'));
		}
		const takenOptions = Object.entries(changes.deckOptions ?? {});
		if (takenOptions.length > 0 || changes.deletedDecks.length > 0) {
			const meta = tx.objectStore('meta');
			const [options, savedAt] = await Promise.all([meta.get('deckOptions'), meta.get('deckOptionsSavedAt')]);
			const nextOptions = { ...(options as MetaRecords['deckOptions'] | undefined) };
			const nextSavedAt = { ...(savedAt as MetaRecords['deckOptionsSavedAt'] | undefined) };
			for (const [deckId, taken] of takenOptions) {
				if (Object.keys(taken.options).length > 0) nextOptions[deckId] = { ...taken.options };
				else delete nextOptions[deckId];
				nextSavedAt[deckId] = taken.savedAt;
			}
			// A deck deleted elsewhere takes its options with it here too (as deleteDeck does).
			for (const deckId of changes.deletedDecks) {
				delete nextOptions[deckId];
				delete nextSavedAt[deckId];
			}
			writes.push(meta.put(nextOptions, 'deckOptions'));
			writes.push(meta.put(nextSavedAt, 'deckOptionsSavedAt'));
		}
		writes.push(tx.objectStore('meta').put(changes.syncedDecks, 'syncDecks'));
		writes.push(tx.objectStore('meta').put(changes.checkpoint, 'syncCheckpoint'));
		await applyStamps(tx.objectStore('meta'), writes, changes);
		// Cards, answers of any day, settings, decks: every deck's numbers and the streak are made again.
		await keepToday(tx, writes, 'all', now);
	});
}

/** The clock past every stamp seen; the stamps of what was taken; the options reconciled; a deleted deck's stamps gone. */
async function applyStamps(
	meta: {
		get(key: 'clock' | 'saveStamps' | 'syncOptions'): Promise<unknown>;
		put(value: ClockState, key: 'clock'): Promise<unknown>;
		put(value: SaveStamps, key: 'saveStamps'): Promise<unknown>;
		put(value: MetaRecords['syncOptions'], key: 'syncOptions'): Promise<unknown>;
	},
	writes: Promise<unknown>[],
	changes: SyncChanges
): Promise<void> {
	const taken: { subject: SaveSubject; stamp: Hlc }[] = [];
	if (changes.settings) taken.push({ subject: { settings: true }, stamp: changes.settings.stamp });
	for (const [deckId, options] of Object.entries(changes.deckOptions ?? {}))
		taken.push({ subject: { options: deckId }, stamp: options.stamp });
	for (const [deckId, stamp] of Object.entries(changes.deckStamps ?? {})) taken.push({ subject: { deck: deckId }, stamp });
	const gone = changes.deletedDecks;
	if (taken.length === 0 && (changes.seen ?? []).length === 0 && !changes.syncOptions && gone.length === 0) return;
	const [clock, stamps, reconciled] = (await Promise.all([meta.get('clock'), meta.get('saveStamps'), meta.get('syncOptions')])) as [
		ClockState | undefined,
		SaveStamps | undefined,
		MetaRecords['syncOptions'] | undefined
	];
	const next = afterSync(clock, stamps, taken, changes.seen ?? []);
	const syncOptions = { ...reconciled, ...changes.syncOptions };
	for (const deckId of gone) {
		delete next.stamps.decks[deckId];
		delete next.stamps.deckOptions[deckId];
		delete syncOptions[deckId];
	}
	writes.push(meta.put(next.clock, 'clock'), meta.put(next.stamps, 'saveStamps'), meta.put(syncOptions, 'syncOptions'));
}

/** The cards edited on two devices that wait for the learner's pick, in deck and card order. */
export async function readCardConflicts(db: FlashcardsDb): Promise<CardConflict[]> {
	const conflicts = ((await db.get('meta', 'syncCardConflicts')) as MetaRecords['syncCardConflicts'] | undefined) ?? {};
	return Object.values(conflicts).sort((a, b) => a.deckTitle.localeCompare(b.deckTitle) || (a.cardId < b.cardId ? -1 : 1));
}

/**
 * The learner's pick for a card edited on two devices: `kept` leaves the card as it is, `other`
 * gives it the other edit's text, as an edit made now (so it is the later one everywhere).
 */
export async function pickCardText(db: FlashcardsDb, cardId: string, pick: 'kept' | 'other', now = Date.now()): Promise<void> {
	await writeTransaction(db, [...TODAY_STORES], 'Your pick', async (tx, writes) => {
		const meta = tx.objectStore('meta');
		const conflicts = { ...((await meta.get('syncCardConflicts')) as MetaRecords['syncCardConflicts'] | undefined) };
		const conflict = conflicts[cardId];
		// Nothing today's numbers are made of changes, unless the other text comes in.
		if (!conflict) return keepToday(tx, writes, [], now);
		delete conflicts[cardId];
		let changed: string | undefined;
		if (pick === 'other') {
			const card = await tx.objectStore('cards').get(cardId);
			if (card) {
				const { front, back } = conflict.other;
				const { pageChanged: _dropped, ...rest } = card;
				const edited = front !== card.generated.front || back !== card.generated.back;
				writes.push(tx.objectStore('cards').put({ ...rest, front, back, edited, editedAt: now }));
				changed = card.deckId;
			}
		}
		writes.push(meta.put(conflicts, 'syncCardConflicts'));
		await keepToday(tx, writes, changed ? [changed] : [], now);
	});
}

/** The stamps of the last saves of the settings, each deck's options and each deck (db/clock.ts): what a sync notice is about. */
export async function readSaveStamps(db: FlashcardsDb): Promise<SaveStamps> {
	const stamps = (await db.get('meta', 'saveStamps')) as SaveStamps | undefined;
	return { ...stamps, deckOptions: { ...stamps?.deckOptions }, decks: { ...stamps?.decks } };
}
