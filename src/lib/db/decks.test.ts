// Saving generated decks: creation, updates from a changed page, bundled decks, deletion.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { IDBObjectStore } from 'fake-indexeddb';
import { generateDeck, type Deck } from '$lib/glossary';
import { initialState, type Grade } from '$lib/srs/sm2';
import { buildQueue } from '$lib/srs/queue';
import {
	cardHistory,
	countToday,
	deckCards,
	deckChanges,
	deleteDeck,
	editCard,
	getMeta,
	listDecks,
	nextDueDay,
	recordAnswer,
	saveDeck,
	seedBundledDecks,
	StorageError,
	type BundledPage,
	type CardRecord
} from './index';
import { loadStudy } from './study-session';
import {
	cardRecord,
	closeDatabases,
	dump,
	freshDatabase,
	ids,
	makeDeck,
	NOW,
	numberedSpecs,
	putCards,
	settings,
	timeOn,
	TODAY
} from './test-helpers';
import type { FlashcardsDb } from './schema';

afterEach(() => {
	vi.restoreAllMocks();
	closeDatabases();
});

const CREATED = timeOn(TODAY - 1, 9);

function answer(db: FlashcardsDb, cardId: string, grade: Grade, now = NOW, sessionId = 'session-1') {
	return recordAnswer(db, { cardId, grade, now, tookMs: 2000, sessionId, settings });
}

async function card(db: FlashcardsDb, id: string): Promise<CardRecord> {
	const found = await db.get('cards', id);
	if (!found) throw new Error(`no card ${id}`);
	return found;
}

const pageV1 = (): Deck =>
	makeDeck(
		'pm',
		[
			['def', 'What is Product Management?', 'Guiding a product from idea to market.', 'definition'],
			['a', 'Front a', 'Back a'],
			['b', 'Front b', 'Back b'],
			['c', 'Front c', 'Back c'],
			['d', 'Front d', 'Back d']
		],
		'Product Management'
	);

/** The page changed: a's answer reworded, c reworded, e added before b, d gone. */
const pageV2 = (): Deck =>
	makeDeck(
		'pm',
		[
			['def', 'What is Product Management?', 'Guiding a product from idea to market.', 'definition'],
			['a', 'Front a', 'Back a, reworded'],
			['e', 'Front e', 'Back e'],
			['b', 'Front b', 'Back b'],
			['c', 'Front c', 'Back c, reworded']
		],
		'Product Management'
	);

describe('saveDeck creating a deck', () => {
	test('stores the deck and every card as new, in page order, with the generated text kept apart', async () => {
		const db = await freshDatabase();
		const changes = await saveDeck(db, pageV1(), 'page text v1', { now: CREATED });
		expect(changes).toEqual({ added: 5, changed: 0, unchanged: 0, retired: 0 });
		expect(await listDecks(db)).toEqual([
			{
				id: 'pm',
				title: 'Product Management',
				question: 'What is Product Management?',
				source: 'page text v1',
				bundled: false,
				createdAt: CREATED,
				updatedAt: CREATED
			}
		]);
		const cards = (await deckCards(db, 'pm')).sort((x, y) => x.newOrder - y.newOrder);
		expect(cards.map((c) => c.id)).toEqual(['pm:def', 'pm:a', 'pm:b', 'pm:c', 'pm:d']);
		expect(cards[1]).toEqual({
			id: 'pm:a',
			deckId: 'pm',
			kind: 'item',
			front: 'Front a',
			back: 'Back a',
			generated: { front: 'Front a', back: 'Back a' },
			edited: false,
			status: 'new',
			state: initialState(),
			dueDay: 0,
			newOrder: 1,
			lapses: 0,
			leech: false,
			lastAnsweredAt: 0,
			addedAt: CREATED
		});
		expect(cards[0]?.kind).toBe('definition');
	});

	test('a bundled deck is marked bundled', async () => {
		const db = await freshDatabase();
		await saveDeck(db, pageV1(), 'page text v1', { now: CREATED, bundled: true });
		expect((await db.get('decks', 'pm'))?.bundled).toBe(true);
	});

	test('decks are listed by title', async () => {
		const db = await freshDatabase();
		await saveDeck(db, makeDeck('z', numberedSpecs(1), 'Alpha'), 'z', { now: CREATED });
		await saveDeck(db, makeDeck('a', numberedSpecs(1), 'Beta'), 'a', { now: CREATED });
		expect((await listDecks(db)).map((deck) => deck.title)).toEqual(['Alpha', 'Beta']);
	});

	test('a deck of 10,000 cards is saved in one call', async () => {
		const db = await freshDatabase();
		const big = makeDeck('big', numberedSpecs(10_000));
		expect(await saveDeck(db, big, 'big page', { now: CREATED })).toEqual({ added: 10_000, changed: 0, unchanged: 0, retired: 0 });
		expect(await db.count('cards')).toBe(10_000);
		expect((await card(db, 'big:a10000')).newOrder).toBe(9_999);
		expect((await countToday(db, NOW, settings)).get('big')).toEqual({ new: 20, due: 0 });
		expect(await saveDeck(db, big, 'big page', { now: NOW })).toEqual({ added: 0, changed: 0, unchanged: 10_000, retired: 0 });
	});
});

describe('saveDeck updating a deck from a changed page', () => {
	async function learnedDeck() {
		const db = await freshDatabase();
		await saveDeck(db, pageV1(), 'page text v1', { now: CREATED });
		await answer(db, 'pm:a', 4);
		await answer(db, 'pm:b', 5);
		await answer(db, 'pm:d', 4);
		await editCard(db, 'pm:c', { front: 'My front c', back: 'My back c' });
		return db;
	}

	test('the preview and the save report the same changes', async () => {
		const db = await learnedDeck();
		const preview = deckChanges(await deckCards(db, 'pm'), pageV2());
		expect(preview).toEqual({ added: 1, changed: 2, unchanged: 2, retired: 1 });
		expect(await saveDeck(db, pageV2(), 'page text v2', { now: NOW })).toEqual(preview);
	});

	test('the deck takes the new page and keeps when it was made', async () => {
		const db = await learnedDeck();
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		expect(await db.get('decks', 'pm')).toMatchObject({ source: 'page text v2', createdAt: CREATED, updatedAt: NOW, bundled: false });
	});

	test('a new card is added as new at its place in the page', async () => {
		const db = await learnedDeck();
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		expect(await card(db, 'pm:e')).toMatchObject({
			status: 'new',
			state: initialState(),
			newOrder: 2,
			front: 'Front e',
			addedAt: NOW,
			lastAnsweredAt: 0
		});
	});

	test('a card whose id is still made keeps all its progress and takes the new text', async () => {
		const db = await learnedDeck();
		const before = await card(db, 'pm:a');
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		expect(await card(db, 'pm:a')).toEqual({
			...before,
			back: 'Back a, reworded',
			generated: { front: 'Front a', back: 'Back a, reworded' }
		});
		expect(await cardHistory(db, 'pm:a')).toHaveLength(1);
	});

	test('an unchanged card keeps everything but follows its new place in the page', async () => {
		const db = await learnedDeck();
		const before = await card(db, 'pm:b');
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		expect(await card(db, 'pm:b')).toEqual({ ...before, newOrder: 3 });
	});

	test("an edited card keeps the learner's text and is flagged with the page's new text", async () => {
		const db = await learnedDeck();
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		expect(await card(db, 'pm:c')).toMatchObject({
			front: 'My front c',
			back: 'My back c',
			edited: true,
			generated: { front: 'Front c', back: 'Back c, reworded' },
			pageChanged: { front: 'Front c', back: 'Back c, reworded' }
		});
	});

	test('an edited card whose page text did not change is not flagged', async () => {
		const db = await learnedDeck();
		await saveDeck(db, pageV1(), 'page text v1', { now: NOW });
		const c = await card(db, 'pm:c');
		expect(c).toMatchObject({ front: 'My front c', edited: true });
		expect(c).not.toHaveProperty('pageChanged');
	});

	test('a card no longer made is retired with its progress and history kept', async () => {
		const db = await learnedDeck();
		const before = await card(db, 'pm:d');
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		expect(await card(db, 'pm:d')).toEqual({ ...before, status: 'retired' });
		expect((await cardHistory(db, 'pm:d')).map((entry) => entry.grade)).toEqual([4]);
	});

	test('a retired card is out of every queue', async () => {
		const db = await freshDatabase();
		await saveDeck(
			db,
			makeDeck('r', [
				['x', 'Front x', 'Back x'],
				['y', 'Front y', 'Back y'],
				['z', 'Front z', 'Back z']
			]),
			'v1',
			{ now: CREATED }
		);
		await answer(db, 'r:x', 4);
		await saveDeck(db, makeDeck('r', [['z', 'Front z', 'Back z']]), 'v2', { now: NOW });
		expect((await card(db, 'r:x')).status).toBe('retired');
		expect((await card(db, 'r:y')).status).toBe('retired');
		const tomorrow = timeOn(TODAY + 1, 10);
		expect(ids((await loadStudy(db, null, tomorrow, settings)).cards)).toEqual(['r:z']);
		expect((await countToday(db, tomorrow, settings)).get('r')).toEqual({ new: 1, due: 0 });
		expect(await nextDueDay(db, TODAY)).toBeUndefined();
	});

	test('a retired card made again comes back where it was: learned, or still new', async () => {
		const db = await learnedDeck();
		const answered = await card(db, 'pm:d');
		await saveDeck(db, pageV2(), 'page text v2', { now: NOW });
		await saveDeck(db, makeDeck('pm', [['x', 'Front x', 'Back x']], 'Product Management'), 'page text v3', { now: NOW });
		expect((await card(db, 'pm:e')).status).toBe('retired');
		const changes = await saveDeck(db, pageV1(), 'page text v1', { now: NOW });
		expect(changes.retired).toBe(1);
		expect(await card(db, 'pm:d')).toEqual({ ...answered, newOrder: 4 });
		expect((await card(db, 'pm:e')).status).toBe('retired');
		const x = makeDeck(
			'pm',
			[...pageV1().cards.map((c): [string, string, string] => [c.id.slice(3), c.front, c.back]), ['e', 'Front e', 'Back e']],
			'Product Management'
		);
		await saveDeck(db, x, 'page text v4', { now: NOW });
		expect(await card(db, 'pm:e')).toMatchObject({ status: 'new', newOrder: 5, lastAnsweredAt: 0 });
		const tomorrow = timeOn(TODAY + 1, 10);
		expect(ids(buildQueue(await loadStudy(db, null, tomorrow, settings)).cards)).toEqual([
			'pm:a',
			'pm:b',
			'pm:c',
			'pm:d',
			'pm:def',
			'pm:e'
		]);
	});

	test('saving the same page again changes no card', async () => {
		const db = await learnedDeck();
		const before = await dump(db);
		expect(await saveDeck(db, pageV1(), 'page text v1', { now: NOW })).toEqual({ added: 0, changed: 0, unchanged: 5, retired: 0 });
		const after = await dump(db);
		expect(after.cards).toEqual(before.cards);
		expect(after.reviews).toEqual(before.reviews);
	});
});

describe('saveDeck failing', () => {
	/** A draft whose id is not a valid key: its put throws after the deck and the other cards were written. */
	function brokenPage(): Deck {
		const deck = pageV2();
		deck.cards.push({ id: undefined as unknown as string, deckId: 'pm', kind: 'item', front: 'Broken', back: 'Broken' });
		return deck;
	}

	test('a failed update leaves the deck exactly as it was', async () => {
		const db = await freshDatabase();
		await saveDeck(db, pageV1(), 'page text v1', { now: CREATED });
		await answer(db, 'pm:a', 4);
		const before = await dump(db);
		const saving = saveDeck(db, brokenPage(), 'page text v2', { now: NOW });
		await expect(saving).rejects.toBeInstanceOf(StorageError);
		await expect(saving).rejects.toThrow(/^The deck "Product Management" was not saved: /);
		expect(await dump(db)).toEqual(before);
	});

	test('a failed new deck leaves nothing behind', async () => {
		const db = await freshDatabase();
		const before = await dump(db);
		await expect(saveDeck(db, brokenPage(), 'page text v2', { now: NOW })).rejects.toBeInstanceOf(StorageError);
		expect(await dump(db)).toEqual(before);
	});

	test('a full disk during the save leaves the deck as it was and says so', async () => {
		const db = await freshDatabase();
		await saveDeck(db, pageV1(), 'page text v1', { now: CREATED });
		const before = await dump(db);
		const put = IDBObjectStore.prototype.put;
		let calls = 0;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['put']>
		) {
			calls += 1;
			if (calls === 3) throw new DOMException('Quota exceeded', 'QuotaExceededError');
			return put.apply(this, args);
		});
		await expect(saveDeck(db, pageV2(), 'page text v2', { now: NOW })).rejects.toMatchObject({
			reason: 'quota',
			message: 'The deck "Product Management" was not saved: this device is out of storage space. Free some space, then try again.'
		});
		vi.restoreAllMocks();
		expect(calls).toBe(3);
		expect(await dump(db)).toEqual(before);
	});
});

describe('deleteDeck', () => {
	test('removes the deck, its cards and their reviews, and nothing of another deck', async () => {
		const db = await freshDatabase();
		await saveDeck(db, makeDeck('gone', numberedSpecs(3)), 'gone', { now: CREATED });
		await saveDeck(db, makeDeck('kept', numberedSpecs(3)), 'kept', { now: CREATED });
		await answer(db, 'gone:a1', 4);
		await answer(db, 'kept:a1', 4);
		await answer(db, 'gone:a2', 1);
		await answer(db, 'kept:a2', 3);
		await answer(db, 'gone:a2', 4, NOW + 60_000, 'session-2');
		const before = await dump(db);
		const kept = <T extends object>(records: T[]) => records.filter((record) => JSON.stringify(record).includes('"kept'));
		await deleteDeck(db, 'gone');
		const after = await dump(db);
		expect(after.decks).toEqual(kept(before.decks as object[]));
		expect(after.cards).toEqual(kept(before.cards as object[]));
		expect(after.reviews).toEqual(kept(before.reviews as object[]));
		expect(after.reviews).toHaveLength(2);
		expect(after.cards).toHaveLength(3);
		expect(await deckCards(db, 'gone')).toEqual([]);
		expect(await cardHistory(db, 'gone:a2')).toEqual([]);
	});

	test('a deletion that fails half way deletes nothing', async () => {
		const db = await freshDatabase();
		await saveDeck(db, makeDeck('gone', numberedSpecs(3)), 'gone', { now: CREATED });
		await answer(db, 'gone:a1', 4);
		const before = await dump(db);
		const remove = IDBObjectStore.prototype.delete;
		let calls = 0;
		vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['delete']>
		) {
			calls += 1;
			if (calls === 3) throw new DOMException('closed', 'InvalidStateError');
			return remove.apply(this, args);
		});
		await expect(deleteDeck(db, 'gone')).rejects.toMatchObject({
			reason: 'closed',
			message: 'Deleting the deck was not saved: the browser closed the database. Reload the app, then try again.'
		});
		vi.restoreAllMocks();
		expect(await dump(db)).toEqual(before);
	});

	test('deleting a deck that does not exist changes nothing', async () => {
		const db = await freshDatabase();
		await saveDeck(db, makeDeck('kept', numberedSpecs(2)), 'kept', { now: CREATED });
		const before = await dump(db);
		await deleteDeck(db, 'nope');
		expect(await dump(db)).toEqual(before);
	});
});

describe('deckCards', () => {
	test('is every card of the deck in any status, in id order, and none of a deck whose id starts the same', async () => {
		const db = await freshDatabase();
		const statuses = ['new', 'review', 'suspended', 'retired'] as const;
		for (const deckId of ['a', 'a-b', 'ab', 'a b', 'b']) {
			await putCards(
				db,
				deckId,
				statuses.map((status, i) => cardRecord(deckId, `${3 - i}-${status}`, { status, newOrder: i, dueDay: i }))
			);
		}
		expect((await deckCards(db, 'a')).map((card) => card.id)).toEqual(['a:0-retired', 'a:1-suspended', 'a:2-review', 'a:3-new']);
		expect((await deckCards(db, 'a b')).map((card) => card.status).sort()).toEqual([...statuses].sort());
		expect(await deckCards(db, 'c')).toEqual([]);
	});
});

describe('seedBundledDecks', () => {
	const fixture = (name: string) => readFileSync(new URL(`../glossary/fixtures/${name}`, import.meta.url), 'utf8');
	const softSkills = fixture('soft-skills.txt');
	const technicalDebt = fixture('technical-debt.txt');
	const pages: BundledPage[] = [
		{ id: 'soft-skills', source: softSkills },
		{ id: 'technical-debt', source: technicalDebt }
	];
	const generator = () => vi.fn(async (page: BundledPage) => generateDeck(page.source, { id: page.id }));
	/** The soft-skills page with one list item's description reworded. */
	const softSkillsV2 = softSkills.replace(
		'Guiding and motivating teams towards common goals.',
		'Guiding, motivating and inspiring teams towards shared goals.'
	);

	test('the first open puts every bundled deck on the device and remembers their text', async () => {
		const db = await freshDatabase();
		const generate = generator();
		expect(await seedBundledDecks(db, pages, generate, CREATED)).toEqual(['soft-skills', 'technical-debt']);
		expect(generate).toHaveBeenCalledTimes(2);
		const decks = await listDecks(db);
		expect(decks.map((deck) => [deck.id, deck.bundled, deck.source])).toEqual([
			['soft-skills', true, softSkills],
			['technical-debt', true, technicalDebt]
		]);
		expect((await deckCards(db, 'soft-skills')).length).toBe(generateDeck(softSkills).cards.length);
		expect(await getMeta(db, 'bundled')).toEqual({ 'soft-skills': softSkills, 'technical-debt': technicalDebt });
	});

	test('the same text is not saved again', async () => {
		const db = await freshDatabase();
		await seedBundledDecks(db, pages, generator(), CREATED);
		const before = await dump(db);
		const generate = generator();
		expect(await seedBundledDecks(db, pages, generate, NOW)).toEqual([]);
		expect(generate).not.toHaveBeenCalled();
		expect(await dump(db)).toEqual(before);
	});

	test('a changed page updates its deck and keeps the progress', async () => {
		const db = await freshDatabase();
		await seedBundledDecks(db, pages, generator(), CREATED);
		const leadership = (await deckCards(db, 'soft-skills')).find((c) => c.back === 'Guiding and motivating teams towards common goals.');
		if (!leadership) throw new Error('the fixture page has no leadership item');
		await answer(db, leadership.id, 4);
		const learned = await card(db, leadership.id);
		const generate = generator();
		expect(await seedBundledDecks(db, [{ id: 'soft-skills', source: softSkillsV2 }, pages[1] as BundledPage], generate, NOW)).toEqual([
			'soft-skills'
		]);
		expect(generate).toHaveBeenCalledTimes(1);
		expect(await card(db, leadership.id)).toEqual({
			...learned,
			back: 'Guiding, motivating and inspiring teams towards shared goals.',
			generated: { front: learned.front, back: 'Guiding, motivating and inspiring teams towards shared goals.' }
		});
		expect((await db.get('decks', 'soft-skills'))?.source).toBe(softSkillsV2);
		expect((await getMeta(db, 'bundled'))?.['soft-skills']).toBe(softSkillsV2);
	});

	test('a bundled deck the learner deleted stays deleted, even when its page changes', async () => {
		const db = await freshDatabase();
		await seedBundledDecks(db, pages, generator(), CREATED);
		await deleteDeck(db, 'soft-skills');
		const generate = generator();
		expect(await seedBundledDecks(db, pages, generate, NOW)).toEqual([]);
		expect(await seedBundledDecks(db, [{ id: 'soft-skills', source: softSkillsV2 }], generate, NOW)).toEqual([]);
		expect(generate).not.toHaveBeenCalled();
		expect(await db.get('decks', 'soft-skills')).toBeUndefined();
		expect(await deckCards(db, 'soft-skills')).toEqual([]);
		expect((await listDecks(db)).map((deck) => deck.id)).toEqual(['technical-debt']);
	});

	test("a deck the learner saved over a bundled one is not overwritten by the app's page", async () => {
		const db = await freshDatabase();
		await seedBundledDecks(db, pages, generator(), CREATED);
		await saveDeck(db, generateDeck(softSkillsV2, { id: 'soft-skills' }), 'my own copy', { now: NOW, bundled: false });
		const before = await dump(db);
		const generate = generator();
		expect(await seedBundledDecks(db, [{ id: 'soft-skills', source: softSkills + '\n' }], generate, NOW)).toEqual([]);
		expect(generate).not.toHaveBeenCalled();
		const after = await dump(db);
		expect(after.decks).toEqual(before.decks);
		expect(after.cards).toEqual(before.cards);
	});
});
