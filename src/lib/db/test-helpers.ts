// Shared by the db tests only (never imported by the app): a fresh in-memory IndexedDB per test,
// a full dump of a database for before/after comparisons, and small builders for decks and cards.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { CardDraft, CardKind, Deck } from '$lib/glossary';
import { dayStartTime, parseDay } from '$lib/srs/days';
import type { FittedParameters } from '$lib/srs/fsrs-options';
import { initialState } from '$lib/srs/sm2';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { openDatabase } from './database';
import type { ReviewEntry } from '$lib/srs/types';
import { decodeDay } from './log-codec';
import { encodeDay } from './log-write';
import type { CardRecord, FlashcardsDb } from './schema';

/** The study day most tests take place on, and times within it (local clock, day starts at 04:00). */
export const TODAY = parseDay('2026-03-10');
export const settings: Settings = { ...defaultSettings };

/** Epoch ms of `hour`:`minute` on the local calendar date of study day `day`. */
export function timeOn(day: number, hour: number, minute = 0): number {
	return dayStartTime(day, hour) + minute * 60_000;
}

export const NOW = timeOn(TODAY, 10);

/** FSRS parameters as `Fit to my reviews` saves them (the weights fitted to the Anki sample's 3,470 answers). */
export const fitted: FittedParameters = {
	weights: [
		0.2481, 1.3503, 4.3823, 8.543, 6.517, 0.7165, 3.1314, 0.0128, 1.8242, 0.3023, 0.7475, 1.453, 0.0811, 0.243, 1.6888, 0.466, 1.992,
		0.6625, 0.114, 0.0673, 0.1455
	],
	answers: 3470,
	reviews: 2025,
	rmseBins: 0.0791,
	defaultRmseBins: 0.0782,
	logLoss: 0.4057,
	defaultLogLoss: 0.4077,
	fittedAt: NOW
};

const open: FlashcardsDb[] = [];
let databases = 0;

/**
 * A new, empty IndexedDB (its own factory, so nothing is shared with another test) made global
 * for idb and the code under test; returns a fresh database name in it.
 */
export function freshIndexedDb(): string {
	globalThis.indexedDB = new IDBFactory() as unknown as typeof globalThis.indexedDB;
	globalThis.IDBKeyRange = IDBKeyRange as unknown as typeof globalThis.IDBKeyRange;
	databases += 1;
	return `test-db-${databases}`;
}

/** Opens a database through openDatabase in a fresh IndexedDB; closed by closeDatabases(). */
export async function freshDatabase(): Promise<FlashcardsDb> {
	const db = await openDatabase({ name: freshIndexedDb() });
	open.push(db);
	return db;
}

/** Remembers a connection a test opened itself, so closeDatabases() closes it too. */
export function track(db: FlashcardsDb): FlashcardsDb {
	open.push(db);
	return db;
}

export function closeDatabases(): void {
	for (const db of open.splice(0)) db.close();
}

export interface Dump {
	decks: unknown[];
	cards: unknown[];
	log: unknown[];
	/** The log's answers, decoded. */
	reviews: ReviewEntry[];
	settings: [unknown, unknown][];
	meta: [unknown, unknown][];
}

/** Every record of every store with its key, in key order: two equal dumps mean equal databases. */
export async function dump(db: FlashcardsDb): Promise<Dump> {
	const tx = db.transaction(['decks', 'cards', 'log', 'settings', 'meta'], 'readonly');
	const withKeys = async (name: 'settings' | 'meta'): Promise<[unknown, unknown][]> => {
		const [keys, values] = await Promise.all([tx.objectStore(name).getAllKeys(), tx.objectStore(name).getAll()]);
		return keys.map((key, i) => [key, values[i]]);
	};
	const [decks, cards, log, settingsEntries, meta] = await Promise.all([
		tx.objectStore('decks').getAll(),
		tx.objectStore('cards').getAll(),
		tx.objectStore('log').getAll(),
		withKeys('settings'),
		withKeys('meta')
	]);
	await tx.done;
	return { decks, cards, log, reviews: log.flatMap(decodeDay), settings: settingsEntries, meta };
}

/**
 * A dump without the log's raw records: the decks, the cards and the answers that stand. An undo
 * adds an entry to the log, yet leaves these as they were before the answer.
 */
export function standing<T extends Partial<Dump>>(all: T): Omit<T, 'log'> {
	const { log: _log, ...rest } = all;
	return rest;
}

/** Every answer in the log, each deck's days in order and each day's answers as stored. */
export async function logEntries(db: FlashcardsDb): Promise<ReviewEntry[]> {
	return (await db.getAll('log')).flatMap(decodeDay);
}

/** Puts answers straight into the log (no recordAnswer), each after its day's earlier answers. */
export async function addAnswers(db: FlashcardsDb, entries: ReviewEntry[]): Promise<void> {
	const tx = db.transaction('log', 'readwrite');
	for (const entry of entries) {
		const day = await tx.store.get([entry.deckId, entry.studyDay]);
		await tx.store.put(encodeDay(entry.deckId, entry.studyDay, [...(day ? decodeDay(day) : []), entry]));
	}
	await tx.done;
}

/** A card the generator could have made: [key, front, back] or [key, front, back, kind]. */
export type CardSpec = [key: string, front: string, back: string, kind?: CardKind];

/** A deck as generateDeck returns it, built by hand so a test controls every card. */
export function makeDeck(id: string, specs: CardSpec[], title = `Deck ${id}`): Deck {
	const cards: CardDraft[] = specs.map(([key, front, back, kind = 'item']) => ({ id: `${id}:${key}`, deckId: id, kind, front, back }));
	return {
		id,
		title,
		question: `What is ${title}?`,
		definition: `${title} is a test deck.`,
		sections: [{ heading: 'Items', kind: 'list', cardIds: cards.map((card) => card.id) }],
		cards
	};
}

/** `count` cards a1..aN with fronts "Front aK" and backs "Back aK". */
export function numberedSpecs(count: number, prefix = 'a'): CardSpec[] {
	return Array.from({ length: count }, (_, i): CardSpec => [`${prefix}${i + 1}`, `Front ${prefix}${i + 1}`, `Back ${prefix}${i + 1}`]);
}

/** A stored card in any state, for putting straight into the cards store. */
export function cardRecord(deckId: string, key: string, schedule: Partial<CardRecord> = {}): CardRecord {
	const front = `Front ${key}`;
	const back = `Back ${key}`;
	return {
		id: `${deckId}:${key}`,
		deckId,
		kind: 'item',
		front,
		back,
		generated: { front, back },
		edited: false,
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		addedAt: timeOn(TODAY - 30, 9),
		...schedule
	};
}

/** A learned review card due on `dueDay`, last answered `interval` days before that. */
export function reviewCard(deckId: string, key: string, dueDay: number, extra: Partial<CardRecord> = {}): CardRecord {
	const interval = extra.state?.interval ?? 6;
	return cardRecord(deckId, key, {
		status: 'review',
		state: { repetitions: 2, interval, easiness: 2.5, repeatToday: false },
		dueDay,
		lastAnsweredAt: timeOn(dueDay - interval, 9),
		...extra
	});
}

/** Puts a deck record and its cards straight into the stores (no saveDeck), for study scenarios. */
export async function putCards(db: FlashcardsDb, deckId: string, cards: CardRecord[], title = `Deck ${deckId}`): Promise<void> {
	const tx = db.transaction(['decks', 'cards'], 'readwrite');
	await Promise.all([
		tx.objectStore('decks').put({
			id: deckId,
			title,
			question: `What is ${title}?`,
			source: `${title} source`,
			bundled: false,
			createdAt: timeOn(TODAY - 30, 9),
			updatedAt: timeOn(TODAY - 30, 9)
		}),
		...cards.map((card) => tx.objectStore('cards').put(card)),
		tx.done
	]);
}

export const ids = (cards: readonly { id: string }[]): string[] => cards.map((card) => card.id).sort();
