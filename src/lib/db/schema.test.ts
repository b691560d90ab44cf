// The database's shape and its upgrades. Every released schema version keeps a fixture (a dump of a
// realistic learner database, fixtures/schema-vN.json) that is built here with the RAW IndexedDB API,
// exactly as that version created its stores, then opened by the current code: nothing may be lost.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { forceCloseDatabase } from 'fake-indexeddb';
import { openDB, unwrap } from 'idb';
import { parseDay, dayStartTime } from '$lib/srs/days';
import { buildQueue } from '$lib/srs/queue';
import { defaultSettings, type Settings } from '$lib/srs/types';
import v1 from './fixtures/schema-v1.json';
import { createReleasedSchema, formatOneRecords, formatTwoRecords } from './fixtures/released-schemas';
import {
	answerCountsByDay,
	cardHistory,
	countToday,
	exportBackup,
	getMeta,
	loadSettings,
	nextDueDay,
	openDatabase,
	parseBackup,
	recordAnswer,
	studiedDays,
	undoLastAnswer,
	StorageError
} from './index';
import { loadStudy } from './study-session';
import { upgrade } from './migrations';
import { SCHEMA_VERSION, type FlashcardsSchema } from './schema';
import { closeDatabases, dump, freshDatabase, freshIndexedDb, standing, track } from './test-helpers';

afterEach(closeDatabases);

interface Fixture {
	schemaVersion: number;
	studyDay: string;
	stores: {
		decks: unknown[];
		cards: { id: string; status: string; dueDay: number }[];
		reviews: { id: number; cardId: string; studyDay: number; time: number }[];
		settings: { key: string; value: unknown }[];
		meta: { key: string; value: unknown }[];
	};
}

const fixtureV1 = v1 as unknown as Fixture;

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

/** indexedDB.open without idb: `onUpgrade` gets the raw database and versionchange transaction. */
function openRaw(name: string, version: number, onUpgrade: (db: IDBDatabase, tx: IDBTransaction) => void): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(name, version);
		req.onupgradeneeded = () => onUpgrade(req.result, req.transaction as IDBTransaction);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
		req.onblocked = () => reject(new Error('blocked'));
	});
}

/** A database of schema `version` (1 to 4) holding the fixture's records, closed again; returns its name. */
async function buildDatabase(fixture: Fixture, version: 1 | 2 | 3 | 4 = 1): Promise<string> {
	const name = freshIndexedDb();
	const db = await openRaw(name, version, (raw, tx) => createReleasedSchema(raw, tx, version));
	const answers = version >= 3 ? 'log' : 'reviews';
	const tx = db.transaction(['decks', 'cards', answers, 'settings', 'meta'], 'readwrite');
	for (const deck of fixture.stores.decks) tx.objectStore('decks').add(deck);
	for (const card of fixture.stores.cards) tx.objectStore('cards').add(card);
	if (version === 3) {
		const inLogOrder = fixtureLog(fixture) as Parameters<typeof formatOneRecords>[0];
		for (const record of formatOneRecords(inLogOrder)) tx.objectStore('log').add(record);
	} else if (version === 4) {
		// Version 4 knew each answer's device: the fixture's answers are the fixture device's.
		const inLogOrder = fixtureLog(fixture).map((entry) => ({ ...(entry as object), device: FIXTURE_DEVICE }));
		for (const record of formatTwoRecords(inLogOrder as Parameters<typeof formatTwoRecords>[0])) tx.objectStore('log').add(record);
	} else for (const entry of fixture.stores.reviews) tx.objectStore('reviews').add(entry);
	for (const { key, value } of fixture.stores.settings) tx.objectStore('settings').add(value, key);
	for (const { key, value } of fixture.stores.meta) tx.objectStore('meta').add(value, key);
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error);
	});
	db.close();
	return name;
}

interface Shape {
	[store: string]: {
		keyPath: unknown;
		autoIncrement: boolean;
		indexes: Record<string, { keyPath: unknown; unique: boolean; multiEntry: boolean }>;
	};
}

/** Every store and index with its key path and flags. */
function shapeOf(db: IDBDatabase): Shape {
	const shape: Shape = {};
	const names = [...db.objectStoreNames];
	const tx = db.transaction(names, 'readonly');
	for (const name of names) {
		const store = tx.objectStore(name);
		const indexes: Shape[string]['indexes'] = {};
		for (const indexName of [...store.indexNames]) {
			const index = store.index(indexName);
			indexes[indexName] = { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
		}
		shape[name] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
	}
	return shape;
}

describe('openDatabase', () => {
	test('a new database has every store and index the code reads through', async () => {
		const db = await freshDatabase();
		expect(db.version).toBe(SCHEMA_VERSION);
		expect(shapeOf(unwrap(db))).toEqual({
			decks: { keyPath: 'id', autoIncrement: false, indexes: {} },
			cards: {
				keyPath: 'id',
				autoIncrement: false,
				indexes: {
					byDeckAnswered: { keyPath: ['deckId', 'lastAnsweredAt'], unique: false, multiEntry: false },
					byDeckStatusDue: { keyPath: ['deckId', 'status', 'dueDay', 'state.easiness'], unique: false, multiEntry: false },
					byDeckStatusOrder: { keyPath: ['deckId', 'status', 'newOrder'], unique: false, multiEntry: false }
				}
			},
			log: {
				keyPath: ['deckId', 'studyDay'],
				autoIncrement: false,
				indexes: {
					byDay: { keyPath: 'answeredDay', unique: false, multiEntry: false },
					bySession: { keyPath: 'sessionIds', unique: false, multiEntry: true }
				}
			},
			settings: { keyPath: null, autoIncrement: false, indexes: {} },
			meta: { keyPath: null, autoIncrement: false, indexes: {} },
			notes: {
				keyPath: 'guid',
				autoIncrement: false,
				indexes: { byDeck: { keyPath: 'deckIds', unique: false, multiEntry: true } }
			},
			noteTypes: { keyPath: 'id', autoIncrement: false, indexes: {} },
			media: { keyPath: ['deckId', 'name'], autoIncrement: false, indexes: {} }
		});
	});

	test('opening again keeps what was saved', async () => {
		const name = freshIndexedDb();
		const first = await openDatabase({ name });
		await first.put('meta', 'install-1', 'installId');
		first.close();
		const second = track(await openDatabase({ name }));
		expect(await second.get('meta', 'installId')).toBe('install-1');
	});

	test('a database upgraded by a newer app version is refused with words to reload', async () => {
		const name = freshIndexedDb();
		(await openRaw(name, SCHEMA_VERSION + 5, () => {})).close();
		const opening = openDatabase({ name });
		await expect(opening).rejects.toBeInstanceOf(StorageError);
		await expect(opening).rejects.toMatchObject({
			reason: 'newer-version',
			message: 'A newer version of the app has upgraded your data. Reload to use it.'
		});
	});

	test('a newer tab upgrading the database closes this connection instead of being blocked, and says so', async () => {
		const name = freshIndexedDb();
		const onVersionChange = vi.fn();
		track(await openDatabase({ name, onVersionChange }));
		// Resolves only because the old connection closed itself; a blocked open would reject.
		const newer = await openRaw(name, SCHEMA_VERSION + 1, () => {});
		expect(newer.version).toBe(SCHEMA_VERSION + 1);
		expect(onVersionChange).toHaveBeenCalledTimes(1);
		newer.close();
	});

	test('the browser closing the connection is reported through onClosed', async () => {
		const onClosed = vi.fn();
		const db = track(await openDatabase({ name: freshIndexedDb(), onClosed }));
		forceCloseDatabase(unwrap(db) as unknown as Parameters<typeof forceCloseDatabase>[0]);
		expect(onClosed).toHaveBeenCalledTimes(1);
	});
});

describe('migrations', () => {
	test('running every step again on a new database changes nothing and does not throw', async () => {
		const name = freshIndexedDb();
		const db = track(
			await openDB<FlashcardsSchema>(name, SCHEMA_VERSION, {
				upgrade(database, oldVersion, newVersion, tx) {
					upgrade(database, oldVersion, newVersion, tx);
					upgrade(database, 0, SCHEMA_VERSION, tx);
				}
			})
		);
		const reference = await freshDatabase();
		expect(shapeOf(unwrap(db))).toEqual(shapeOf(unwrap(reference)));
	});

	test('running the version 1 step on a full version 1 database keeps every record', async () => {
		const name = await buildDatabase(fixtureV1);
		const db = track(
			await openDB<FlashcardsSchema>(name, 2, {
				upgrade(database, _oldVersion, _newVersion, tx) {
					upgrade(database, 0, 1, tx);
				}
			})
		);
		// Version 2 still has the per-answer store, which the current schema's types no longer name.
		const raw = unwrap(db);
		const tx = raw.transaction(['cards', 'reviews']);
		expect(await request(tx.objectStore('cards').getAll())).toEqual(fixtureV1.stores.cards);
		expect(await request(tx.objectStore('reviews').getAll())).toEqual(fixtureV1.stores.reviews);
	});

	test('a log that cannot be moved stops the upgrade: the database stays at its version, whole', async () => {
		const broken: Fixture = structuredClone(fixtureV1);
		(broken.stores.reviews[4] as unknown as { after: { status: string } }).after.status = 'forgotten';
		const name = await buildDatabase(broken, 2);
		await expect(openDatabase({ name })).rejects.toBeInstanceOf(StorageError);
		const raw = await openRaw(name, 2, () => {
			throw new Error('the database should still be at version 2');
		});
		const tx = raw.transaction(['cards', 'reviews']);
		expect(await request(tx.objectStore('reviews').getAll())).toEqual(broken.stores.reviews);
		expect(await request(tx.objectStore('cards').count())).toBe(broken.stores.cards.length);
		raw.close();
	});

	test('a schema version without a migration step is refused, so data is never opened half-migrated', async () => {
		const name = freshIndexedDb();
		let thrown: unknown;
		const opening = openDB<FlashcardsSchema>(name, SCHEMA_VERSION + 1, {
			upgrade(database, oldVersion, newVersion, tx) {
				try {
					upgrade(database, oldVersion, newVersion, tx);
				} catch (error) {
					thrown = error;
					tx.done.catch(() => {});
					tx.abort();
				}
			}
		});
		await expect(opening).rejects.toThrow();
		expect(thrown).toBeInstanceOf(Error);
		expect((thrown as Error).message).toBe(`No migration step for schema version ${SCHEMA_VERSION + 1}`);
	});
});

/** The fixture's answers as the log holds them: per deck and day (key order), in logged order, without the old keys. */
function fixtureLog(fixture: Fixture): unknown[] {
	const entries = fixture.stores.reviews.map((entry, at) => ({ entry, at }));
	entries.sort((a, b) => {
		const [x, y] = [a.entry as unknown as { deckId: string }, b.entry as unknown as { deckId: string }];
		return x.deckId < y.deckId ? -1 : x.deckId > y.deckId ? 1 : a.entry.studyDay - b.entry.studyDay || a.at - b.at;
	});
	return entries.map(({ entry }) => {
		const { id: _id, ...rest } = entry;
		return rest;
	});
}

/** The install id of the fixture's device: the device of every answer it holds. */
const FIXTURE_DEVICE = '7f3c2a9e-4b1d-4c6e-9a0f-2d8e5b1c3a47';

describe.each([1, 2, 3, 4] as const)('a version %i database from the fixture, opened by the current code', (version) => {
	const today = parseDay(fixtureV1.studyDay);
	const fixtureSettings = fixtureV1.stores.settings[0]?.value as Settings;
	const noon = dayStartTime(today, 12);

	async function openFixture() {
		const name = await buildDatabase(fixtureV1, version);
		return track(await openDatabase({ name }));
	}

	test('the fixture is the version it claims and holds every kind of record', () => {
		expect(fixtureV1.schemaVersion).toBe(1);
		expect(new Set(fixtureV1.stores.cards.map((card) => card.status))).toEqual(new Set(['new', 'review', 'suspended', 'retired']));
		expect(fixtureV1.stores.decks).toHaveLength(2);
		expect(fixtureV1.stores.reviews).toHaveLength(12);
		expect(fixtureV1.stores.meta.map((entry) => entry.key)).toEqual([
			'backupReminderDismissedAt',
			'bundled',
			'installId',
			'installedAt',
			'lastBackupAt'
		]);
	});

	test('every record is still there, unchanged, and the stores have the current shape', async () => {
		const db = await openFixture();
		expect(db.version).toBe(SCHEMA_VERSION);
		const { log, ...rest } = await dump(db);
		// Soft Skills was studied on two days, Technical Debt on one: three records.
		expect(log).toHaveLength(3);
		expect(rest).toEqual({
			decks: fixtureV1.stores.decks,
			cards: fixtureV1.stores.cards,
			reviews: fixtureLog(fixtureV1).map((entry) => ({ ...(entry as object), device: FIXTURE_DEVICE })),
			settings: fixtureV1.stores.settings.map(({ key, value }) => [key, value]),
			meta: fixtureV1.stores.meta.map(({ key, value }) => [key, value])
		});
		expect(shapeOf(unwrap(db))).toEqual(shapeOf(unwrap(await freshDatabase())));
	});

	test('settings and meta read back through the current code', async () => {
		const db = await openFixture();
		// What the fixture stored, and today's defaults for settings added since.
		expect(await loadSettings(db)).toEqual({
			...defaultSettings,
			newPerDay: 10,
			reviewsPerDay: 200,
			dayStartHour: 5,
			gradeScale: 'six',
			theme: 'system',
			leechAction: 'suspend',
			// Settings from before the scheduler choice keep SM-2; FSRS's options are its defaults.
			scheduler: 'sm2',
			desiredRetention: 0.9,
			learningSteps: [1, 10],
			relearningSteps: [10],
			maximumInterval: 36500,
			// Not in any released version: the default fills it in.
			buryRelated: true
		});
		expect(await getMeta(db, 'installId')).toBe('7f3c2a9e-4b1d-4c6e-9a0f-2d8e5b1c3a47');
		expect(await getMeta(db, 'bundled')).toEqual({
			'soft-skills': 'Soft Skills\n\nWhat are Soft Skills in Product Management?\n\n(page text v2)'
		});
	});

	test("today's study works on it: due reviews and new cards, never the suspended or retired ones", async () => {
		const db = await openFixture();
		const study = await loadStudy(db, null, noon, fixtureSettings);
		expect(study.cards.map((card) => card.id).sort()).toEqual([
			'soft-skills:definition',
			'soft-skills:item:key-soft-skills-communication',
			'soft-skills:item:key-soft-skills-leadership',
			'soft-skills:synonyms',
			'technical-debt:definition',
			'technical-debt:explanation:causes',
			'technical-debt:faq:pay-down'
		]);
		expect(buildQueue(study).counts).toEqual({ new: 3, due: 4, repeats: 0 });
		const counts = await countToday(db, noon, fixtureSettings);
		expect(Object.fromEntries(counts)).toEqual({ 'soft-skills': { new: 1, due: 3 }, 'technical-debt': { new: 2, due: 1 } });
		expect(await nextDueDay(db, today)).toBeUndefined();
		expect(await nextDueDay(db, parseDay('2026-02-21'))).toBe(parseDay('2026-02-27'));
	});

	test('the review log reads back, and new answers join it and can be undone', async () => {
		const db = await openFixture();
		const history = fixtureV1.stores.reviews.filter((entry) => entry.cardId === 'soft-skills:item:key-soft-skills-communication');
		expect(history.map((entry) => entry.id)).toEqual([3, 6, 10, 11]);
		expect((await cardHistory(db, 'soft-skills:item:key-soft-skills-communication')).map((entry) => entry.time)).toEqual(
			history.map((entry) => entry.time)
		);
		expect(Object.fromEntries(await answerCountsByDay(db, parseDay('2026-01-01'), parseDay('2026-03-01')))).toEqual({
			[parseDay('2026-02-20')]: 7,
			[parseDay('2026-02-21')]: 5
		});
		expect(await studiedDays(db)).toEqual([parseDay('2026-02-21'), parseDay('2026-02-20')]);
		const before = await dump(db);
		const answer = await recordAnswer(db, {
			cardId: 'soft-skills:item:key-soft-skills-leadership',
			grade: 4,
			now: noon,
			tookMs: 3000,
			sessionId: 'after-upgrade',
			settings: fixtureSettings
		});
		expect((await dump(db)).reviews).toEqual(
			[...before.reviews, answer.entry].sort((a, b) => (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : a.studyDay - b.studyDay))
		);
		expect(answer.entry.device).toBe(FIXTURE_DEVICE);
		await undoLastAnswer(db, 'after-upgrade');
		expect(standing(await dump(db))).toEqual(standing(before));
	});

	test('its export is a valid backup under the current backup rules', async () => {
		const db = await openFixture();
		const backup = await exportBackup(db, noon);
		const parsed = parseBackup(JSON.stringify(backup), { today });
		expect(parsed.cards).toHaveLength(fixtureV1.stores.cards.length);
		expect(parsed.reviews).toHaveLength(fixtureV1.stores.reviews.length);
	});
});
