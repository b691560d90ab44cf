// Single cards (suspend, reset, edit, the page-text choice) and the statistics reads.
import { afterEach, describe, expect, test } from 'vitest';
import { initialState, type Grade } from '$lib/srs/sm2';
import {
	allCards,
	answerCountsByDay,
	recentAnswerFacts,
	cardHistory,
	cardSchedules,
	countToday,
	editCard,
	getCard,
	keepMyText,
	nextDueDay,
	recordAnswer,
	resetCard,
	saveDeck,
	setSuspended,
	StorageError,
	takePageText,
	type CardRecord
} from './index';
import { loadStudy } from './study-session';
import type { FlashcardsDb } from './schema';
import {
	cardRecord,
	closeDatabases,
	dump,
	freshDatabase,
	ids,
	makeDeck,
	NOW,
	putCards,
	reviewCard,
	settings,
	timeOn,
	TODAY
} from './test-helpers';

afterEach(closeDatabases);

function answer(db: FlashcardsDb, cardId: string, grade: Grade, now = NOW) {
	return recordAnswer(db, { cardId, grade, now, tookMs: 1500, sessionId: 's', settings });
}

async function card(db: FlashcardsDb, id: string): Promise<CardRecord> {
	const found = await getCard(db, id);
	if (!found) throw new Error(`no card ${id}`);
	return found;
}

describe('setSuspended', () => {
	test('a suspended card leaves every queue with its progress kept, and comes back when unsuspended', async () => {
		const db = await freshDatabase();
		const learned = reviewCard('d', 'learned', TODAY + 2, { lapses: 2 });
		const fresh = cardRecord('d', 'fresh');
		await putCards(db, 'd', [learned, fresh]);
		const before = await dump(db);
		expect(await setSuspended(db, 'd:learned', true)).toEqual({ ...learned, status: 'suspended' });
		expect(await setSuspended(db, 'd:fresh', true)).toEqual({ ...fresh, status: 'suspended' });
		expect(await nextDueDay(db, TODAY)).toBeUndefined();
		expect((await loadStudy(db, null, timeOn(TODAY + 2, 10), settings)).cards).toEqual([]);
		expect((await countToday(db, timeOn(TODAY + 2, 10), settings)).get('d')).toEqual({ new: 0, due: 0 });
		expect(await setSuspended(db, 'd:learned', false)).toEqual(learned);
		expect(await setSuspended(db, 'd:fresh', false)).toEqual(fresh);
		expect(await dump(db)).toEqual(before);
	});

	test('a retired card stays retired', async () => {
		const db = await freshDatabase();
		const retired = reviewCard('d', 'r', TODAY, { status: 'retired' });
		await putCards(db, 'd', [retired]);
		expect(await setSuspended(db, 'd:r', true)).toEqual(retired);
		expect(await setSuspended(db, 'd:r', false)).toEqual(retired);
		expect(await getCard(db, 'd:r')).toEqual(retired);
	});
});

describe('resetCard', () => {
	test('makes a card new again, its history kept', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'r', TODAY, { lapses: 8, leech: true, newOrder: 3 }), cardRecord('d', 'n', { newOrder: 4 })]);
		await answer(db, 'd:r', 4);
		const before = await card(db, 'd:r');
		expect(await resetCard(db, 'd:r')).toEqual({
			...before,
			status: 'new',
			state: initialState(),
			dueDay: 0,
			lapses: 0,
			leech: false,
			lastAnsweredAt: 0
		});
		expect(await cardHistory(db, 'd:r')).toHaveLength(1);
		const study = await loadStudy(db, null, timeOn(TODAY + 1, 10), settings);
		expect(ids(study.cards)).toEqual(['d:n', 'd:r']);
	});

	test('a suspended card is reset but stays suspended, and comes back new when unsuspended', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 's', TODAY - 1, { status: 'suspended', lapses: 3 })]);
		expect(await resetCard(db, 'd:s')).toMatchObject({
			status: 'suspended',
			state: initialState(),
			dueDay: 0,
			lapses: 0,
			lastAnsweredAt: 0
		});
		expect(await setSuspended(db, 'd:s', false)).toMatchObject({ status: 'new' });
	});

	test('a retired card is reset but stays retired', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'r', TODAY, { status: 'retired' })]);
		expect(await resetCard(db, 'd:r')).toMatchObject({ status: 'retired', state: initialState(), lastAnsweredAt: 0 });
	});
});

describe('editing a card', () => {
	async function deckWithEditedCard() {
		const db = await freshDatabase();
		await saveDeck(
			db,
			makeDeck('d', [
				['a', 'Front a', 'Back a'],
				['b', 'Front b', 'Back b']
			]),
			'v1',
			{ now: NOW - 60_000 }
		);
		await answer(db, 'd:a', 4);
		await editCard(db, 'd:a', { front: 'My front', back: 'My back' });
		await saveDeck(
			db,
			makeDeck('d', [
				['a', 'Front a', 'Back a v2'],
				['b', 'Front b', 'Back b']
			]),
			'v2',
			{ now: NOW }
		);
		return db;
	}

	test("the learner's text is trimmed and saved, the generated text and the progress kept", async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'a', TODAY + 3)]);
		const before = await card(db, 'd:a');
		expect(await editCard(db, 'd:a', { front: '  My front ', back: '\nMy back\t' }, NOW)).toEqual({
			...before,
			front: 'My front',
			back: 'My back',
			edited: true,
			editedAt: NOW
		});
		expect(await card(db, 'd:a')).toMatchObject({ front: 'My front', back: 'My back', generated: before.generated, edited: true });
	});

	test('a side left empty is refused and nothing is saved', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a')]);
		const before = await dump(db);
		await expect(editCard(db, 'd:a', { front: 'Front', back: '   ' })).rejects.toThrow('A card needs text on both sides.');
		await expect(editCard(db, 'd:a', { front: '', back: 'Back' })).rejects.toThrow('A card needs text on both sides.');
		expect(await dump(db)).toEqual(before);
	});

	test("editing back to the page's text is no longer an edit", async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a')]);
		await editCard(db, 'd:a', { front: 'Mine', back: 'Mine too' });
		expect(await editCard(db, 'd:a', { front: 'Front a', back: 'Back a' })).toMatchObject({
			front: 'Front a',
			back: 'Back a',
			edited: false
		});
	});

	test("takePageText gives the card the page's new text and drops the learner's", async () => {
		const db = await deckWithEditedCard();
		const flagged = await card(db, 'd:a');
		expect(flagged.pageChanged).toEqual({ front: 'Front a', back: 'Back a v2' });
		const taken = await takePageText(db, 'd:a', NOW + 1);
		const { pageChanged: _flag, ...rest } = flagged;
		expect(taken).toEqual({ ...rest, front: 'Front a', back: 'Back a v2', edited: false, editedAt: NOW + 1 });
		expect(await card(db, 'd:a')).toEqual(taken);
	});

	test("keepMyText keeps the learner's text and clears the flag, which the same page does not raise again", async () => {
		const db = await deckWithEditedCard();
		const flagged = await card(db, 'd:a');
		const kept = await keepMyText(db, 'd:a');
		const { pageChanged: _flag, ...rest } = flagged;
		expect(kept).toEqual(rest);
		expect(kept).toMatchObject({ front: 'My front', back: 'My back', edited: true });
		await saveDeck(
			db,
			makeDeck('d', [
				['a', 'Front a', 'Back a v2'],
				['b', 'Front b', 'Back b']
			]),
			'v2',
			{ now: NOW + 1000 }
		);
		expect(await card(db, 'd:a')).toEqual(kept);
	});

	test('a new edit clears the page-change flag', async () => {
		const db = await deckWithEditedCard();
		const edited = await editCard(db, 'd:a', { front: 'Newer front', back: 'Newer back' });
		expect(edited).not.toHaveProperty('pageChanged');
		expect(edited).toMatchObject({ edited: true, generated: { front: 'Front a', back: 'Back a v2' } });
	});
});

describe('a card that no longer exists', () => {
	test.each([
		['suspend', (db: FlashcardsDb) => setSuspended(db, 'd:gone', true), 'Suspending the card was not saved: the card no longer exists.'],
		[
			'unsuspend',
			(db: FlashcardsDb) => setSuspended(db, 'd:gone', false),
			'Unsuspending the card was not saved: the card no longer exists.'
		],
		['reset', (db: FlashcardsDb) => resetCard(db, 'd:gone'), 'Resetting the card was not saved: the card no longer exists.'],
		[
			'edit',
			(db: FlashcardsDb) => editCard(db, 'd:gone', { front: 'a', back: 'b' }),
			'Your edit was not saved: the card no longer exists.'
		],
		['take the page text', (db: FlashcardsDb) => takePageText(db, 'd:gone'), 'The page text was not saved: the card no longer exists.'],
		['keep my text', (db: FlashcardsDb) => keepMyText(db, 'd:gone'), 'Your text was not saved: the card no longer exists.']
	])('cannot be changed (%s), and nothing is written', async (_what, change, message) => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a')]);
		const before = await dump(db);
		const changing = change(db);
		await expect(changing).rejects.toBeInstanceOf(StorageError);
		await expect(changing).rejects.toThrow(message);
		expect(await dump(db)).toEqual(before);
		expect(await getCard(db, 'd:gone')).toBeUndefined();
	});
});

describe('reads for the card browser and statistics', () => {
	async function history() {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 }), reviewCard('d', 'r', TODAY - 10)]);
		await answer(db, 'd:r', 4, timeOn(TODAY - 10, 10));
		await answer(db, 'd:a', 1, timeOn(TODAY - 2, 10));
		await answer(db, 'd:a', 4, timeOn(TODAY - 2, 11));
		await answer(db, 'd:b', 5, NOW);
		return db;
	}

	test("cardHistory gives a card's answers oldest first", async () => {
		const db = await history();
		expect((await cardHistory(db, 'd:a')).map((entry) => [entry.grade, entry.time])).toEqual([
			[1, timeOn(TODAY - 2, 10)],
			[4, timeOn(TODAY - 2, 11)]
		]);
		expect(await cardHistory(db, 'd:none')).toEqual([]);
	});

	test('recentAnswerFacts gives the answers of the last N study days as compact facts', async () => {
		const db = await history();
		expect(await recentAnswerFacts(db, TODAY, 3)).toEqual([
			{ studyDay: TODAY - 2, grade: 1, wasNew: true, tookMs: 1500 },
			{ studyDay: TODAY - 2, grade: 4, wasNew: false, tookMs: 1500 },
			{ studyDay: TODAY, grade: 5, wasNew: true, tookMs: 1500 }
		]);
		expect(await recentAnswerFacts(db, TODAY, 1)).toEqual([{ studyDay: TODAY, grade: 5, wasNew: true, tookMs: 1500 }]);
		expect(await recentAnswerFacts(db, TODAY - 3, 3)).toEqual([]);
		expect(await recentAnswerFacts(db, TODAY, 11)).toHaveLength(4);
	});

	test('answerCountsByDay counts the log per day', async () => {
		const db = await history();
		expect(await answerCountsByDay(db, TODAY - 400, TODAY)).toEqual(
			new Map([
				[TODAY - 10, 1],
				[TODAY - 2, 2],
				[TODAY, 1]
			])
		);
		expect(await answerCountsByDay(await freshDatabase(), TODAY - 400, TODAY)).toEqual(new Map());
	});

	test('allCards and cardSchedules give every card, whatever its state', async () => {
		const db = await history();
		await setSuspended(db, 'd:b', true);
		expect(ids(await allCards(db))).toEqual(['d:a', 'd:b', 'd:r']);
		expect(ids(await cardSchedules(db))).toEqual(['d:a', 'd:b', 'd:r']);
		expect((await allCards(db)).find((c) => c.id === 'd:b')?.status).toBe('suspended');
	});
});
