// Two devices (each its own IndexedDB and PouchDB outbox) syncing through the embedded server.
import { afterEach, describe, expect, it } from 'vitest';
import { recordAnswer, undoLastAnswer } from '$lib/db/answers';
import { ensureInstall, loadSettings, saveSettings } from '$lib/db/settings';
import type { Settings } from '$lib/srs/types';
import { FsrsScheduler, fsrsDueDay } from '$lib/srs/fsrs';
import { fsrsFold, sinceLastStart } from '$lib/srs/fsrs-switch';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import { deleteDeck } from '$lib/db/decks';
import { editCard } from '$lib/db/cards';
import { pickCardText, readCardConflicts } from '$lib/db/sync';
import type { FlashcardsDb } from '$lib/db/schema';
import type { Grade } from '$lib/srs/sm2';
import { answerCard, LEECH_THRESHOLD } from '$lib/srs/answer';
import { cardRecord, closeDatabases, dump, freshDatabase, logEntries, NOW, putCards, settings, TODAY, timeOn } from '$lib/db/test-helpers';
import { countWaiting, syncOnce } from './engine';
import { logDocId } from './documents';
import type { PouchDatabase } from './pouch';
import { localDatabase, onTwoDevices, remoteDatabase, useTestServer } from './test-server';

const server = useTestServer();
let learners = 0;
const leech = { threshold: LEECH_THRESHOLD, action: settings.leechAction };

afterEach(() => closeDatabases());

interface Device {
	db: FlashcardsDb;
	local: PouchDatabase;
	remote: PouchDatabase;
	session: string;
}

/** A device with the deck "d" (cards a1..a4), signed in as `learner`. */
async function device(name: string, remote: PouchDatabase): Promise<Device> {
	const db = await freshDatabase();
	await ensureInstall(db, NOW, () => name);
	await putCards(
		db,
		'd',
		['a1', 'a2', 'a3', 'a4'].map((key, i) => cardRecord('d', key, { newOrder: i }))
	);
	return { db, local: localDatabase(), remote, session: `d:${name}-session` };
}

const twoDevices = () => onTwoDevices(server(), `learner${++learners}`, device);

const answer = (on: Device, cardId: string, grade: Grade, minute: number) =>
	recordAnswer(on.db, { cardId, grade, now: timeOn(TODAY, 10, minute), tookMs: 1000, sessionId: on.session, settings });

const sync = (on: Device) => syncOnce(on.db, on.local, on.remote);

/** The parts two devices must agree on: decks, cards and the log (meta is each device's own). */
async function shared(on: Device) {
	const [decks, cards, reviews] = await Promise.all([on.db.getAll('decks'), on.db.getAll('cards'), logEntries(on.db)]);
	return { decks, cards, reviews: reviews.sort((a, b) => a.time - b.time) };
}

describe('syncing two devices', () => {
	it('merges two offline days of study on one deck, an undo included, into the same cards and log on both', async () => {
		const { laptop, phone } = await twoDevices();
		await answer(laptop, 'd:a1', 4, 0);
		await answer(laptop, 'd:a2', 1, 1);
		await answer(phone, 'd:a1', 5, 2);
		await answer(phone, 'd:a3', 4, 3);
		await undoLastAnswer(phone.db, phone.session);
		await answer(phone, 'd:a4', 3, 4);
		expect(await countWaiting(phone.db, phone.local)).toBe(2);

		const first = await sync(laptop);
		expect(first).toMatchObject({ added: 0, rejected: [], conflicts: [] });
		const second = await sync(phone);
		expect(second).toMatchObject({ added: 2, rejected: [] });
		const third = await sync(laptop);
		// The phone's three answers, one of them with its undo.
		expect(third).toMatchObject({ added: 3 });
		expect(await countWaiting(phone.db, phone.local)).toBe(0);

		const onLaptop = await shared(laptop);
		expect(onLaptop).toEqual(await shared(phone));
		expect(onLaptop.reviews.map((entry) => [entry.cardId, entry.grade])).toEqual([
			['d:a1', 4],
			['d:a2', 1],
			['d:a1', 5],
			['d:a4', 3]
		]);
		// a1 answered on both: the scheduler's Good then Easy on the same day, from new.
		const fresh = cardRecord('d', 'a1');
		const good = answerCard(fresh, 4, timeOn(TODAY, 10, 0), TODAY, leech).card;
		const easy = answerCard(good, 5, timeOn(TODAY, 10, 2), TODAY, leech).card;
		expect(onLaptop.cards.find((card) => card.id === 'd:a1')).toEqual({ ...fresh, ...easy });
		expect(easy).toMatchObject({ status: 'review', lastAnsweredAt: timeOn(TODAY, 10, 2) });
		// The undo travelled as an entry of its own: a3 is new on both.
		expect(onLaptop.cards.find((card) => card.id === 'd:a3')).toMatchObject({ status: 'new', lastAnsweredAt: 0 });
	});

	it('takes an answer back on the other device when it is undone after it synced', async () => {
		const { laptop, phone } = await twoDevices();
		await answer(laptop, 'd:a2', 4, 0);
		await sync(laptop);
		await sync(phone);
		expect((await logEntries(phone.db)).map((entry) => entry.cardId)).toEqual(['d:a2']);
		await undoLastAnswer(laptop.db, laptop.session);
		await sync(laptop);
		expect(await sync(phone)).toMatchObject({ added: 0 });
		expect(await logEntries(phone.db)).toEqual([]);
		expect((await phone.db.getAll('cards')).find((card) => card.id === 'd:a2')).toMatchObject({
			status: 'new',
			dueDay: 0,
			lastAnsweredAt: 0
		});
		expect(await shared(phone)).toEqual(await shared(laptop));
	});

	it('brings a deck added on one device to the other with its progress, and takes a deleted one away', async () => {
		const { laptop, phone } = await twoDevices();
		await putCards(laptop.db, 'e', [cardRecord('e', 'b1'), cardRecord('e', 'b2', { newOrder: 1 })], 'Extra');
		await recordAnswer(laptop.db, { cardId: 'e:b1', grade: 4, now: NOW, tookMs: 500, sessionId: 'e:laptop', settings });
		await sync(laptop);
		expect(await sync(phone)).toMatchObject({ decksAdded: ['Extra'], rejected: [] });
		const onPhone = { decks: await phone.db.getAll('decks'), cards: await phone.db.getAll('cards') };
		expect(onPhone.decks.map((deck) => deck.id).sort()).toEqual(['d', 'e']);
		expect(onPhone.cards.find((card) => card.id === 'e:b1')).toEqual((await laptop.db.getAll('cards')).find((card) => card.id === 'e:b1'));
		expect(await shared(phone)).toEqual(await shared(laptop));

		await deleteDeck(phone.db, 'e');
		await sync(phone);
		expect(await sync(laptop)).toMatchObject({ decksRemoved: ['Extra'] });
		expect((await laptop.db.getAll('decks')).map((deck) => deck.id)).toEqual(['d']);
		// And it stays gone: the next syncs bring it back nowhere.
		await sync(phone);
		await sync(laptop);
		expect((await phone.db.getAll('decks')).map((deck) => deck.id)).toEqual(['d']);

		// Made again on the phone (the same page gives the same deck id): its tombstone takes nothing.
		await putCards(phone.db, 'e', [cardRecord('e', 'b1')], 'Extra');
		await sync(phone);
		expect(await sync(laptop)).toMatchObject({ decksAdded: ['Extra'], decksRemoved: [] });
		await sync(phone);
		for (const on of [laptop, phone]) expect((await on.db.getAll('decks')).map((deck) => deck.id)).toEqual(['d', 'e']);
	});

	it('refuses a damaged or hostile document and keeps syncing the rest', async () => {
		const { laptop, phone, remote } = await twoDevices();
		await answer(laptop, 'd:a1', 4, 0);
		await sync(laptop);
		const good = (await logEntries(laptop.db))[0]!;
		await remote.put({
			_id: logDocId('d', TODAY, 'intruder'),
			type: 'log',
			deckId: 'd',
			studyDay: TODAY,
			device: 'intruder',
			entries: [{ ...good, device: 'intruder', time: good.time + 1, grade: 9 }]
		});
		await remote.put({ _id: 'deck:x', type: 'deck', deck: { id: 'x', title: '<img src=x onerror=alert(1)>' }, cards: [] });
		const result = await sync(phone);
		expect(result.rejected).toEqual([
			'The synced document "deck:x" was not taken: it is damaged at decks[0].question: Invalid key: Expected "question" but received undefined.',
			`The synced document "${logDocId('d', TODAY, 'intruder')}" was not taken: entry 1 is damaged.`
		]);
		expect(result.added).toBe(1);
		expect((await logEntries(phone.db)).map((entry) => entry.grade)).toEqual([4]);
		expect((await phone.db.getAll('decks')).map((deck) => deck.id)).toEqual(['d']);
	});

	it('says the server cannot be reached and loses nothing, then syncs when it is back', async () => {
		const { laptop, phone } = await twoDevices();
		await answer(laptop, 'd:a1', 4, 0);
		const before = await dump(laptop.db);
		const nowhere = remoteDatabase('http://127.0.0.1:9/userdb-00', fetch);
		await expect(syncOnce(laptop.db, laptop.local, nowhere)).rejects.toThrow(
			"The server can't be reached; your answers are kept on this device"
		);
		expect((await dump(laptop.db)).reviews).toEqual(before.reviews);
		expect(await countWaiting(laptop.db, laptop.local)).toBe(1);
		await sync(laptop);
		expect(await countWaiting(laptop.db, laptop.local)).toBe(0);
		expect(await sync(phone)).toMatchObject({ added: 1 });
	});

	it("after one answer, a sync reads only the documents of that answer's day", async () => {
		const { laptop, phone } = await twoDevices();
		// Ten days of study on the laptop, all synced to both.
		for (let day = 0; day < 10; day++)
			await recordAnswer(laptop.db, {
				cardId: 'd:a1',
				grade: 4,
				now: timeOn(TODAY - 10 + day, 10),
				tookMs: 1000,
				sessionId: `d:day${day}`,
				settings
			});
		await sync(laptop);
		expect(await sync(phone)).toMatchObject({ added: 10 });
		await sync(laptop);

		const read = { laptop: readsOf(laptop), phone: readsOf(phone) };
		await answer(laptop, 'd:a2', 4, 0);
		expect(await sync(laptop)).toMatchObject({ added: 0, sent: 1 });
		expect(await sync(phone)).toMatchObject({ added: 1 });
		// The laptop: its own document of today (to add the answer to). The phone: that document
		// from the feed, and its own of the same day (none).
		expect(read.laptop()).toEqual([logDocId('d', TODAY, 'laptop')]);
		expect(read.phone()).toEqual([logDocId('d', TODAY, 'laptop')]);
		expect(await shared(phone)).toEqual(await shared(laptop));
	});

	it('folds FSRS state on the other device for a deck that uses FSRS, as the answering device did', async () => {
		const { laptop, phone } = await twoDevices();
		for (const on of [laptop, phone]) {
			const deck = (await on.db.get('decks', 'd'))!;
			await on.db.put('decks', { ...deck, scheduler: 'fsrs' });
		}
		await answer(laptop, 'd:a1', 4, 0);
		await answer(laptop, 'd:a2', 1, 1);
		await answer(phone, 'd:a1', 5, 2);
		await sync(laptop);
		await sync(phone);
		await sync(laptop);
		const onLaptop = await shared(laptop);
		expect(onLaptop).toEqual(await shared(phone));
		// a1's state is FSRS's fold of the union of both devices' answers, as the answering code folds
		// a card's log (the phone's answer, to a card new there, starts it afresh: srs/answer-runs.ts).
		const scheduler = new FsrsScheduler(fsrsOptionsOf(settings));
		const a1 = onLaptop.reviews.filter((entry) => entry.cardId === 'd:a1');
		expect(a1.map((entry) => entry.grade)).toEqual([4, 5]);
		const state = fsrsFold(sinceLastStart(a1), scheduler, settings.dayStartHour);
		expect(state.reps).toBe(1);
		const a2 = fsrsFold(sinceLastStart(onLaptop.reviews.filter((entry) => entry.cardId === 'd:a2')), scheduler, settings.dayStartHour);
		expect(onLaptop.cards.find((card) => card.id === 'd:a2')).toMatchObject({ fsrs: a2, dueDay: fsrsDueDay(a2) });
		expect(onLaptop.cards.find((card) => card.id === 'd:a1')).toMatchObject({ fsrs: state, dueDay: fsrsDueDay(state) });
	});

	it("takes in another device's log when its deck arrives in a later sync", async () => {
		const { laptop, phone, remote } = await twoDevices();
		await putCards(laptop.db, 'e', [cardRecord('e', 'b1')], 'Extra');
		await recordAnswer(laptop.db, { cardId: 'e:b1', grade: 4, now: NOW, tookMs: 500, sessionId: 'e:laptop', settings });
		await sync(laptop);
		// The deck's document held back on the server: the phone first gets only the log.
		const deck = await remote.get('deck:e');
		await remote.remove({ _id: deck._id, _rev: deck._rev! });
		expect(await sync(phone)).toMatchObject({ added: 0, decksAdded: [] });
		await remote.put({ ...deck, _rev: undefined, _id: 'deck:e', _deleted: undefined });
		expect(await sync(phone)).toMatchObject({ added: 1, decksAdded: ['Extra'] });
		expect((await phone.db.getAll('cards')).find((card) => card.id === 'e:b1')).toEqual(
			(await laptop.db.getAll('cards')).find((card) => card.id === 'e:b1')
		);
	});
});

describe('syncing settings', () => {
	const saved = async (on: Device, change: Partial<Settings>, at: number) =>
		saveSettings(on.db, { ...(await loadSettings(on.db)), ...change }, at);

	it('brings settings changed on one device to the other, and leaves each device its theme', async () => {
		const { laptop, phone } = await twoDevices();
		await saved(phone, { theme: 'dark' }, NOW);
		await sync(laptop);
		await sync(phone);
		await saved(laptop, { newPerDay: 30, learningSteps: [2, 15], theme: 'light' }, NOW + 1000);
		expect(await sync(laptop)).toMatchObject({ conflicts: [], rejected: [] });
		expect(await sync(phone)).toMatchObject({ conflicts: [], rejected: [] });
		expect(await loadSettings(phone.db)).toEqual({ ...settings, newPerDay: 30, learningSteps: [2, 15], theme: 'dark' });
		// And back: the phone's change reaches the laptop, whose theme stays light.
		await saved(phone, { dayStartHour: 6 }, NOW + 2000);
		await sync(phone);
		await sync(laptop);
		expect(await loadSettings(laptop.db)).toEqual({ ...settings, newPerDay: 30, learningSteps: [2, 15], dayStartHour: 6, theme: 'light' });
	});

	it('keeps the later of two changes on both devices and says what the other had', async () => {
		const { laptop, phone } = await twoDevices();
		await sync(laptop);
		await sync(phone);
		await saved(phone, { newPerDay: 5, buryRelated: false }, NOW + 2000);
		await saved(laptop, { newPerDay: 30 }, NOW + 1000);
		expect(await sync(laptop)).toMatchObject({ conflicts: [] });
		const { conflicts } = await sync(phone);
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toMatch(
			/^Your settings from this device \(saved .+\) were kept: New cards per day 5 \(the other device had 30\); Bury related cards off \(the other device had on\)\.$/
		);
		expect(await sync(laptop)).toMatchObject({ conflicts: [] });
		for (const on of [laptop, phone]) expect(await loadSettings(on.db)).toMatchObject({ newPerDay: 5, buryRelated: false });
	});

	it('refuses settings that a backup import would refuse, and keeps its own', async () => {
		const { laptop, phone, remote } = await twoDevices();
		await saved(laptop, { newPerDay: 30 }, NOW);
		await sync(laptop);
		const doc = await remote.get('settings');
		await remote.put({ ...doc, settings: { ...(doc.settings as object), newPerDay: -3 }, savedAt: NOW + 5000 });
		expect((await sync(phone)).rejected).toEqual(['The synced document "settings" was not taken: New cards per day must be at least 0.']);
		expect(await loadSettings(phone.db)).toEqual(settings);
	});
});

describe('syncing card edits', () => {
	const text = async (on: Device, cardId: string) => {
		const card = (await on.db.get('cards', cardId))!;
		return { front: card.front, back: card.back };
	};

	it('brings edits of different cards on two devices to both, with no conflict', async () => {
		const { laptop, phone } = await twoDevices();
		await sync(laptop);
		await sync(phone);
		await editCard(laptop.db, 'd:a1', { front: 'Laptop front', back: 'Laptop back' }, NOW);
		await editCard(phone.db, 'd:a2', { front: 'Phone front', back: 'Phone back' }, NOW + 1000);
		await sync(laptop);
		expect(await sync(phone)).toMatchObject({ conflicts: [], rejected: [] });
		await sync(laptop);
		for (const on of [laptop, phone]) {
			expect(await text(on, 'd:a1')).toEqual({ front: 'Laptop front', back: 'Laptop back' });
			expect(await text(on, 'd:a2')).toEqual({ front: 'Phone front', back: 'Phone back' });
			expect(await readCardConflicts(on.db)).toEqual([]);
		}
		expect(await shared(phone)).toEqual(await shared(laptop));
	});

	it('shows the later of two edits of one card on both, and keeps both versions for the learner to pick', async () => {
		const { laptop, phone } = await twoDevices();
		await answer(laptop, 'd:a1', 4, 0);
		await sync(laptop);
		await sync(phone);
		await editCard(laptop.db, 'd:a1', { front: 'Laptop front', back: 'Laptop back' }, NOW + 2000);
		await editCard(phone.db, 'd:a1', { front: 'Phone front', back: 'Phone back' }, NOW + 1000);
		await sync(laptop);
		await sync(phone);
		await sync(laptop);
		for (const on of [laptop, phone]) expect(await text(on, 'd:a1')).toEqual({ front: 'Laptop front', back: 'Laptop back' });
		// Found by the phone, the second to sync; its progress is kept.
		expect(await readCardConflicts(laptop.db)).toEqual([]);
		expect(await readCardConflicts(phone.db)).toEqual([
			{
				cardId: 'd:a1',
				deckId: 'd',
				deckTitle: 'Deck d',
				kept: { front: 'Laptop front', back: 'Laptop back', editedAt: NOW + 2000, here: false },
				other: { front: 'Phone front', back: 'Phone back', editedAt: NOW + 1000, here: true }
			}
		]);
		expect(await shared(phone)).toEqual(await shared(laptop));
		expect((await phone.db.get('cards', 'd:a1'))!.lastAnsweredAt).toBe(timeOn(TODAY, 10, 0));

		// The learner picks the phone's words: they become the card's on both devices.
		await pickCardText(phone.db, 'd:a1', 'other', NOW + 5000);
		expect(await readCardConflicts(phone.db)).toEqual([]);
		await sync(phone);
		expect(await sync(laptop)).toMatchObject({ conflicts: [] });
		for (const on of [laptop, phone]) expect(await text(on, 'd:a1')).toEqual({ front: 'Phone front', back: 'Phone back' });
		expect(await readCardConflicts(laptop.db)).toEqual([]);
	});
});

/** The ids of the documents a device's sync reads from its PouchDB from now on (feed and look-ups). */
function readsOf(on: Device): () => string[] {
	const ids: string[] = [];
	const { changes, allDocs } = on.local;
	// Replication reads the feed too, as an event emitter: only the sync's own reads (with docs) count.
	on.local.changes = (options) => {
		const found = changes.call(on.local, options);
		if (options.include_docs)
			void found.then((feed) => ids.push(...feed.results.flatMap((change) => (change.doc && !change.deleted ? [change.id] : []))));
		return found;
	};
	on.local.allDocs = async (options) => {
		const found = await allDocs.call(on.local, options);
		ids.push(...found.rows.flatMap((row) => (row.doc ? [row.id] : [])));
		return found;
	};
	return () => ids;
}
