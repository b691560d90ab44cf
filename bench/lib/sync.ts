// Sync figures, measured in Node: two devices (fake-indexeddb stores, LevelDB outboxes) and the
// embedded sync server on this machine. The first sync of a year of history (100,000 answers,
// uploaded by one device and merged into the other) and one answer's round trip between them.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase } from '../../src/lib/db/database';
import { encodeLog } from '../../src/lib/db/log-write';
import { ensureInstall } from '../../src/lib/db/settings';
import { recordAnswer } from '../../src/lib/db/answers';
import type { CardRecord, FlashcardsDb } from '../../src/lib/db/schema';
import { LEECH_THRESHOLD, answerCard } from '../../src/lib/srs/answer';
import { dayStartTime, studyDay } from '../../src/lib/srs/days';
import { initialState } from '../../src/lib/srs/sm2';
import { defaultSettings, type ReviewEntry } from '../../src/lib/srs/types';
import { syncOnce } from '../../src/lib/sync/engine';
import { localDatabase, removeFolders, signedUp, startTestServer } from '../../src/lib/sync/test-server';
import { summarize, type Summary } from './stats';

const CARDS = 1000;
const ANSWERS = 100_000;

function card(i: number): CardRecord {
	const front = `Front ${i}`;
	const back = `Back ${i}`;
	return {
		id: `year:${i}`,
		deckId: 'year',
		kind: 'item',
		front,
		back,
		generated: { front, back },
		edited: false,
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder: i,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		addedAt: 0
	};
}

async function device(name: string): Promise<FlashcardsDb> {
	globalThis.indexedDB = new IDBFactory() as unknown as typeof globalThis.indexedDB;
	globalThis.IDBKeyRange = IDBKeyRange as unknown as typeof globalThis.IDBKeyRange;
	const db = await openDatabase({ name: `bench-${name}` });
	await ensureInstall(db, Date.now(), () => name);
	return db;
}

/** A year of answers to 1,000 cards, as the scheduler would have recorded them, ending today. */
async function seedYear(db: FlashcardsDb): Promise<void> {
	const today = studyDay(Date.now(), defaultSettings.dayStartHour);
	const cards = Array.from({ length: CARDS }, (_, i) => card(i));
	const entries: ReviewEntry[] = [];
	const leech = { threshold: LEECH_THRESHOLD, action: defaultSettings.leechAction };
	for (let n = 0; n < ANSWERS; n++) {
		const at = n % CARDS;
		const day = today - 365 + Math.floor((n * 365) / ANSWERS);
		const time = dayStartTime(day, defaultSettings.dayStartHour) + 3_600_000 + (n % 1000) * 1000;
		const before = cards[at]!;
		const outcome = answerCard(before.status === 'suspended' ? { ...before, status: 'review' } : before, 4, time, day, leech);
		cards[at] = { ...before, ...outcome.card };
		entries.push({ ...outcome.entry, tookMs: 3000, sessionId: `year:${day}`, device: 'laptop' });
	}
	const tx = db.transaction(['decks', 'cards', 'log'], 'readwrite');
	tx.objectStore('decks').put({
		id: 'year',
		title: 'A year',
		question: 'What is a year?',
		source: 'A year',
		bundled: false,
		createdAt: 0,
		updatedAt: 0
	});
	for (const record of cards) tx.objectStore('cards').put(record);
	for (const record of encodeLog(entries)) tx.objectStore('log').put(record);
	await tx.done;
}

export interface SyncFigures {
	/** The first device's first sync: a year of answers uploaded. */
	firstSyncUpload100k: number;
	/** The second device's first sync: the year pulled, merged and its cards replayed. */
	firstSyncDownload100k: number;
	/** One answer on one device until the other has it (its sync, then the other's). */
	roundTrip: Summary;
}

export async function syncFigures(runs: number): Promise<SyncFigures> {
	const server = await startTestServer();
	try {
		const { remote, account, fetch } = await signedUp(server, 'bench');
		const { remoteDatabase } = await import('../../src/lib/sync/test-server');
		const laptop = { db: await device('laptop'), local: localDatabase(), remote };
		const phone = { db: await device('phone'), local: localDatabase(), remote: remoteDatabase(account.databaseUrl('bench'), fetch) };
		await seedYear(laptop.db);
		let started = performance.now();
		await syncOnce(laptop.db, laptop.local, laptop.remote);
		const firstSyncUpload100k = performance.now() - started;
		started = performance.now();
		const pulled = await syncOnce(phone.db, phone.local, phone.remote);
		const firstSyncDownload100k = performance.now() - started;
		if (pulled.added !== ANSWERS) throw new Error(`The phone took ${pulled.added} answers, not ${ANSWERS}`);
		const trips: number[] = [];
		for (let run = 0; run < runs; run++) {
			const begin = performance.now();
			await recordAnswer(laptop.db, {
				cardId: `year:${run}`,
				grade: 4,
				now: Date.now(),
				tookMs: 1000,
				sessionId: 'bench-trip',
				settings: defaultSettings
			});
			await syncOnce(laptop.db, laptop.local, laptop.remote);
			const arrived = await syncOnce(phone.db, phone.local, phone.remote);
			if (arrived.added !== 1) throw new Error(`The round trip brought ${arrived.added} answers`);
			trips.push(performance.now() - begin);
		}
		return { firstSyncUpload100k, firstSyncDownload100k, roundTrip: summarize(trips) };
	} finally {
		await server.stop();
		removeFolders();
	}
}

// `npx tsx bench/lib/sync.ts`: these figures alone, printed.
if (import.meta.url === `file://${process.argv[1]}`) {
	const figures = await syncFigures(3);
	console.log(JSON.stringify(figures, null, 2));
	// The server is stopped; see the end of bench/run.ts for why the process still ends itself.
	process.exit(0);
}
