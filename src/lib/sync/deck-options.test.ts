// A deck's own options travelling between two devices through the embedded server.
import { afterEach, describe, expect, it } from 'vitest';
import { readDeckOptions, saveDeckOptions } from '$lib/db/day-options';
import { recordAnswer } from '$lib/db/answers';
import { exportBackup, importBackup } from '$lib/db/backup';
import { deleteDeck } from '$lib/db/decks';
import { setDeckScheduler } from '$lib/db/scheduler';
import { ensureInstall } from '$lib/db/settings';
import type { FlashcardsDb } from '$lib/db/schema';
import { cardRecord, closeDatabases, freshDatabase, logEntries, NOW, putCards, settings, TODAY, timeOn } from '$lib/db/test-helpers';
import { syncOnce } from './engine';
import { checkDeckOptionsDoc, deckOptionsDocId } from './deck-options-doc';
import type { PouchDatabase } from './pouch';
import { localDatabase, onTwoDevices, useTestServer } from './test-server';

const server = useTestServer();
let learners = 0;

afterEach(() => closeDatabases());

interface Device {
	db: FlashcardsDb;
	local: PouchDatabase;
	remote: PouchDatabase;
}

/** A device with the decks "d" and "e", signed in to `remote`. */
async function device(name: string, remote: PouchDatabase): Promise<Device> {
	const db = await freshDatabase();
	await ensureInstall(db, NOW, () => name);
	await putCards(db, 'd', [cardRecord('d', 'a1'), cardRecord('d', 'a2', { newOrder: 1 })]);
	await putCards(db, 'e', [cardRecord('e', 'b1')]);
	return { db, local: localDatabase(), remote };
}

const twoDevices = () => onTwoDevices(server(), `options${++learners}`, device);

const sync = (on: Device) => syncOnce(on.db, on.local, on.remote);

/** When a pulled document is checked. */
const AT = { now: NOW, today: TODAY };

describe("a deck's own options on two devices", () => {
	it('set on one device appear on the other, and going back to the global settings travels too', async () => {
		const { laptop, phone } = await twoDevices();
		await saveDeckOptions(laptop.db, 'd', { newPerDay: 3, reviewsPerDay: 40 }, NOW);
		// The two decks, the settings and the options of "d".
		expect(await sync(laptop)).toMatchObject({ rejected: [], sent: 4 });
		expect(await sync(phone)).toMatchObject({ rejected: [], notices: [] });
		expect(await readDeckOptions(phone.db)).toEqual({ d: { newPerDay: 3, reviewsPerDay: 40 } });

		// "Use the global settings" on the phone.
		await saveDeckOptions(phone.db, 'd', {}, NOW + 60_000);
		await sync(phone);
		await sync(laptop);
		expect(await readDeckOptions(laptop.db)).toEqual({});
		expect(await readDeckOptions(phone.db)).toEqual({});
		// Nothing left to send either way.
		expect(await sync(laptop)).toMatchObject({ sent: 0 });
		expect(await sync(phone)).toMatchObject({ sent: 0 });
	});

	it('a deck deleted on one device takes its options with it on both', async () => {
		const { laptop, phone } = await twoDevices();
		await saveDeckOptions(laptop.db, 'd', { newPerDay: 3 }, NOW);
		await saveDeckOptions(laptop.db, 'e', { newPerDay: 4 }, NOW);
		await sync(laptop);
		await sync(phone);
		expect(await readDeckOptions(phone.db)).toEqual({ d: { newPerDay: 3 }, e: { newPerDay: 4 } });
		await deleteDeck(laptop.db, 'e');
		expect(await readDeckOptions(laptop.db)).toEqual({ d: { newPerDay: 3 } });
		await sync(laptop);
		// The server keeps no options of a deck no device has.
		const onServer = await laptop.remote.allDocs({ keys: [deckOptionsDocId('d'), deckOptionsDocId('e')], include_docs: true });
		expect(onServer.rows.map((row) => [row.doc?.options, row.value?.deleted])).toEqual([
			[{ newPerDay: 3 }, undefined],
			[undefined, true]
		]);
		await sync(phone);
		expect(await readDeckOptions(phone.db)).toEqual({ d: { newPerDay: 3 } });
		await expect(phone.local.get(deckOptionsDocId('e'))).rejects.toMatchObject({ status: 404 });
		// And the phone's next backup is one an import accepts (no options for a deck it lacks).
		expect((await exportBackup(phone.db, NOW)).deckOptions).toEqual({ d: { newPerDay: 3 } });

		// Made again on the laptop, the deck's new options are saved over the tombstone.
		await putCards(laptop.db, 'e', [cardRecord('e', 'b1')]);
		await saveDeckOptions(laptop.db, 'e', { newPerDay: 6 }, NOW + 60_000);
		expect(await sync(laptop)).toMatchObject({ rejected: [] });
		await sync(phone);
		expect(await readDeckOptions(phone.db)).toEqual({ d: { newPerDay: 3 }, e: { newPerDay: 6 } });
	});

	it('a deck that arrives on the other device brings its options', async () => {
		const { laptop, phone } = await twoDevices();
		await putCards(laptop.db, 'x', [cardRecord('x', 'c1')], 'Extra');
		await saveDeckOptions(laptop.db, 'x', { reviewsPerDay: 15 }, NOW);
		await sync(laptop);
		expect(await sync(phone)).toMatchObject({ decksAdded: ['Extra'], rejected: [] });
		expect(await readDeckOptions(phone.db)).toEqual({ x: { reviewsPerDay: 15 } });
	});

	it("a backup's deck options imported on one device travel; restored after a lost database, the other device's win", async () => {
		const { laptop, phone } = await twoDevices();
		await saveDeckOptions(laptop.db, 'd', { newPerDay: 3 }, NOW);
		await sync(laptop);
		await sync(phone);
		const file = { ...(await exportBackup(phone.db, NOW)), deckOptions: { d: { newPerDay: 8 }, e: { reviewsPerDay: 12 } } };
		await importBackup(phone.db, file, 'replace', NOW + 60_000);
		await sync(phone);
		await sync(laptop);
		for (const on of [laptop, phone]) expect(await readDeckOptions(on.db)).toEqual({ d: { newPerDay: 8 }, e: { reviewsPerDay: 12 } });

		await saveDeckOptions(laptop.db, 'd', { newPerDay: 4 }, NOW + 120_000);
		await sync(laptop);
		// A restore (no moment given) does not count as a save: the laptop's later one stays everywhere.
		await importBackup(phone.db, { ...file, deckOptions: { d: { newPerDay: 1 } } }, 'replace');
		await sync(phone);
		for (const on of [laptop, phone]) expect((await readDeckOptions(on.db)).d).toEqual({ newPerDay: 4 });
	});

	it('changed on both devices between syncs, the later save wins on both', async () => {
		const { laptop, phone } = await twoDevices();
		await saveDeckOptions(laptop.db, 'd', { newPerDay: 3 }, NOW);
		await saveDeckOptions(phone.db, 'e', { reviewsPerDay: 50 }, NOW);
		await sync(laptop);
		await sync(phone);
		await sync(laptop);
		for (const on of [laptop, phone]) expect(await readDeckOptions(on.db)).toEqual({ d: { newPerDay: 3 }, e: { reviewsPerDay: 50 } });

		// Offline, each device changes "d": the phone's save is the later one, though the laptop syncs last.
		await saveDeckOptions(phone.db, 'd', { newPerDay: 9 }, NOW + 120_000);
		await saveDeckOptions(laptop.db, 'd', { newPerDay: 5, reviewsPerDay: 20 }, NOW + 60_000);
		await sync(phone);
		await sync(laptop);
		await sync(phone);
		for (const on of [laptop, phone]) expect(await readDeckOptions(on.db)).toEqual({ d: { newPerDay: 9 }, e: { reviewsPerDay: 50 } });

		// And the other way round: the laptop's is later, and it syncs first.
		await saveDeckOptions(laptop.db, 'e', { reviewsPerDay: 70 }, NOW + 240_000);
		await saveDeckOptions(phone.db, 'e', { reviewsPerDay: 10 }, NOW + 180_000);
		await sync(laptop);
		await sync(phone);
		await sync(laptop);
		for (const on of [laptop, phone]) expect(await readDeckOptions(on.db)).toEqual({ d: { newPerDay: 9 }, e: { reviewsPerDay: 70 } });
	});

	it('keeps the later save when both devices pushed at once and CouchDB holds both revisions', async () => {
		const { laptop, phone } = await twoDevices();
		await saveDeckOptions(laptop.db, 'd', { newPerDay: 3 }, NOW + 60_000);
		await saveDeckOptions(phone.db, 'd', { newPerDay: 7 }, NOW);
		// Each writes its document to its outbox before it has seen the other's, then both push.
		await phone.local.put({ _id: deckOptionsDocId('d'), type: 'deckOptions', deckId: 'd', options: { newPerDay: 7 }, savedAt: NOW });
		await phone.local.replicate.to(phone.remote);
		await laptop.local.put({
			_id: deckOptionsDocId('d'),
			type: 'deckOptions',
			deckId: 'd',
			options: { newPerDay: 3 },
			savedAt: NOW + 60_000
		});
		await laptop.local.replicate.to(laptop.remote);
		expect((await laptop.remote.get(deckOptionsDocId('d'), { conflicts: true }))._conflicts).toHaveLength(1);
		await sync(phone);
		await sync(laptop);
		await sync(phone);
		for (const on of [laptop, phone]) expect(await readDeckOptions(on.db)).toEqual({ d: { newPerDay: 3 } });
		expect((await laptop.remote.get(deckOptionsDocId('d'), { conflicts: true }))._conflicts).toBeUndefined();
	});

	it('refuses options that a backup import would refuse, writing nothing, and keeps its own', async () => {
		const { laptop, phone, remote } = await twoDevices();
		await saveDeckOptions(phone.db, 'd', { newPerDay: 4 }, NOW);
		await remote.put({ _id: deckOptionsDocId('d'), type: 'deckOptions', deckId: 'd', options: { newPerDay: -2 }, savedAt: NOW + 1 });
		await remote.put({
			_id: deckOptionsDocId('e'),
			type: 'deckOptions',
			deckId: 'e',
			options: { newPerDay: 2, studyMore: { extraNew: 999 } },
			savedAt: NOW + 1
		});
		const result = await sync(phone);
		expect(result.rejected).toEqual([
			`The synced document "${deckOptionsDocId('d')}" was not taken: New cards per day must be at least 0.`,
			`The synced document "${deckOptionsDocId('e')}" was not taken: it has an unknown option "studyMore".`
		]);
		expect(await readDeckOptions(phone.db)).toEqual({ d: { newPerDay: 4 } });
		// The laptop, which never set any, takes none of them either.
		expect((await sync(laptop)).rejected).toHaveLength(2);
		expect(await readDeckOptions(laptop.db)).toEqual({});
	});

	it("brings a deck's Scheduler with the deck, its cards folded through the scheduler it now uses", async () => {
		const { laptop, phone } = await twoDevices();
		const answer = (on: Device, cardId: string, minute: number) =>
			recordAnswer(on.db, { cardId, grade: 4, now: timeOn(TODAY, 10, minute), tookMs: 1000, sessionId: 's', settings });
		await answer(laptop, 'd:a1', 0);
		await answer(phone, 'd:a2', 1);
		await sync(laptop);
		await sync(phone);
		await sync(laptop);
		const standing = async (on: Device) => ({
			decks: await on.db.getAll('decks'),
			cards: await on.db.getAll('cards'),
			log: (await logEntries(on.db)).length
		});
		await setDeckScheduler(laptop.db, 'd', 'fsrs', settings);
		await sync(laptop);
		await sync(phone);
		const onPhone = await standing(phone);
		expect(onPhone.decks.find((deck) => deck.id === 'd')).toMatchObject({ scheduler: 'fsrs' });
		// Both answered cards carry FSRS state, the same on both devices as the switch gave them here.
		expect(onPhone.cards.filter((card) => card.fsrs !== undefined).map((card) => card.id)).toEqual(['d:a1', 'd:a2']);
		expect(onPhone).toEqual(await standing(laptop));

		await setDeckScheduler(phone.db, 'd', 'sm2', settings);
		await sync(phone);
		await sync(laptop);
		const onLaptop = await standing(laptop);
		expect(onLaptop.cards.filter((card) => card.fsrs !== undefined)).toEqual([]);
		expect(onLaptop).toEqual(await standing(phone));
	});

	it('checks every field of a deck options document', async () => {
		const good = { _id: deckOptionsDocId('d'), type: 'deckOptions', deckId: 'd', options: { reviewsPerDay: 99999 }, savedAt: NOW };
		await expect(checkDeckOptionsDoc(good, AT)).resolves.toEqual({ ...good, stamp: { time: NOW, count: 0, device: '' } });
		await expect(checkDeckOptionsDoc({ ...good, deckId: 'e' }, AT)).rejects.toThrow('its id does not match its deck.');
		await expect(checkDeckOptionsDoc({ ...good, savedAt: -1 }, AT)).rejects.toThrow('it is not a deck options document.');
		await expect(checkDeckOptionsDoc({ ...good, buried: [] }, AT)).rejects.toThrow('it has an unknown field "buried".');
		await expect(checkDeckOptionsDoc({ ...good, options: { reviewsPerDay: 100000 } }, AT)).rejects.toThrow(
			'Reviews per day must be at most 99999.'
		);
		await expect(checkDeckOptionsDoc({ ...good, options: { newPerDay: 2.5 } }, AT)).rejects.toThrow(
			'New cards per day must be a whole number.'
		);
		await expect(checkDeckOptionsDoc({ ...good, options: [] }, AT)).rejects.toThrow('its options are not a set of options.');
	});
});
