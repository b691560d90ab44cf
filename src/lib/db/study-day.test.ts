// Today's reads with related cards burying, per-deck limits and Study more: the cards read and the
// home counts agree with the pure queue over the whole collection.
import { afterEach, describe, expect, test } from 'vitest';
import { buildQueue, dayCounts } from '$lib/srs/queue';
import type { Grade } from '$lib/srs/sm2';
import type { Settings } from '$lib/srs/types';
import { allCards, countToday, recordAnswer } from './index';
import { loadStudy } from './study-session';
import { setMeta } from './settings';
import { cardRecord, closeDatabases, freshDatabase, NOW, putCards, reviewCard, settings, TODAY, timeOn } from './test-helpers';
import type { CardRecord, FlashcardsDb } from './schema';

afterEach(closeDatabases);

/** A list of `n` named items: the item cards first, then their reverses, then a few plain cards. */
function siblingDeck(deckId: string, n: number, extra: Partial<CardRecord> = {}): CardRecord[] {
	const cards: CardRecord[] = [];
	for (let i = 0; i < n; i++) cards.push(cardRecord(deckId, `item:k${i}`, { newOrder: i, ...extra }));
	for (let i = 0; i < n; i++) cards.push(cardRecord(deckId, `item-reverse:k${i}`, { newOrder: n + i, kind: 'item-reverse', ...extra }));
	cards.push(cardRecord(deckId, 'list:k', { newOrder: 2 * n, kind: 'list' }));
	return cards;
}

async function agree(db: FlashcardsDb, limits: Settings, now = NOW) {
	const study = await loadStudy(db, null, now, limits);
	const whole = buildQueue({ ...study, cards: await allCards(db) });
	expect(study.complete).toBe(true);
	expect(buildQueue(study).cards.map((card) => card.id)).toEqual(whole.cards.map((card) => card.id));
	const counts = await countToday(db, now, limits);
	// canStudyMore is the db's own addition: the queue has no view of the cards it leaves out.
	for (const [deckId, { canStudyMore: _, ...count }] of counts)
		expect(count, deckId).toEqual(dayCounts(study).get(deckId) ?? { new: 0, due: 0 });
	return whole;
}

describe('related cards wait, through the database', () => {
	test('a session of new siblings: each item once today, and the reverses another day', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', siblingDeck('d', 5));
		const limits = { ...settings, newPerDay: 8 };
		const first = await agree(db, limits);
		expect(first.cards.map((card) => card.id)).toEqual([...[0, 1, 2, 3, 4].map((i) => `d:item:k${i}`), 'd:list:k']);
		let now = timeOn(TODAY, 9);
		for (const card of first.cards) {
			await recordAnswer(db, { cardId: card.id, grade: 4 as Grade, now, tookMs: 1000, sessionId: 's', settings: limits });
			now += 60_000;
			await agree(db, limits, now);
		}
		expect((await agree(db, limits, now)).cards).toEqual([]);
		// The next day: the items (and the list card) are due, and the reverses wait again behind them.
		const tomorrow = await agree(db, limits, timeOn(TODAY + 1, 10));
		expect(tomorrow.cards.map((card) => card.id)).toEqual([...[0, 1, 2, 3, 4].map((i) => `d:item:k${i}`), 'd:list:k']);
	});

	test('off, the reverses come the same day', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', siblingDeck('d', 3));
		const whole = await agree(db, { ...settings, buryRelated: false, newPerDay: 4 });
		expect(whole.cards.map((card) => card.id)).toEqual(['d:item:k0', 'd:item:k1', 'd:item:k2', 'd:item-reverse:k0']);
	});

	test('a due review past the limit does not hold back its new sibling; one within it does', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [
			reviewCard('d', 'item:a', TODAY - 2),
			reviewCard('d', 'item:b', TODAY - 1),
			cardRecord('d', 'item-reverse:a', { kind: 'item-reverse', newOrder: 0 }),
			cardRecord('d', 'item-reverse:b', { kind: 'item-reverse', newOrder: 1 })
		]);
		const whole = await agree(db, { ...settings, reviewsPerDay: 1 });
		expect(whole.cards.map((card) => card.id)).toEqual(['d:item:a', 'd:item-reverse:b']);
	});
});

describe('per-deck limits and Study more, through the database', () => {
	test('a deck’s own new-card limit, Study more on top of it, and Review ahead, for today only', async () => {
		const db = await freshDatabase();
		await putCards(
			db,
			'd',
			Array.from({ length: 12 }, (_, i) => cardRecord('d', `n${String(i).padStart(2, '0')}`, { newOrder: i, kind: 'faq' }))
		);
		await putCards(db, 'e', [reviewCard('e', 'soon', TODAY + 2, { kind: 'faq' }), reviewCard('e', 'later', TODAY + 5, { kind: 'faq' })]);
		await setMeta(db, 'deckOptions', { d: { newPerDay: 2 } });
		expect((await agree(db, settings)).counts).toEqual({ new: 2, due: 0, repeats: 0 });
		await setMeta(db, 'studyMore', {
			d: { studyDay: TODAY, extraNew: 3, aheadDays: 0 },
			e: { studyDay: TODAY, extraNew: 0, aheadDays: 3 }
		});
		const more = await agree(db, settings);
		expect(more.cards.map((card) => card.id)).toEqual(['d:n00', 'd:n01', 'e:soon', 'd:n02', 'd:n03', 'd:n04']);
		expect(Object.fromEntries(await countToday(db, NOW, settings))).toEqual({ d: { new: 5, due: 0 }, e: { new: 0, due: 1 } });
		// The next day it is gone: the deck's own limit again, nothing ahead.
		expect((await agree(db, settings, timeOn(TODAY + 1, 10))).counts).toEqual({ new: 2, due: 0, repeats: 0 });
	});
});
