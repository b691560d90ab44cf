// Study more, a deck's own limits and burying by hand, stored and read back by today's session and counts.
import { afterEach, describe, expect, test } from 'vitest';
import { buildQueue } from '$lib/srs/queue';
import { DayOptionsError } from '$lib/srs/day-options';
import { askStudyMore, buryCard, NoSuchDeckError, readDeckOptions, saveDeckOptions } from './day-options';
import { countToday } from './today';
import { loadStudy } from './study-session';
import { cardRecord, closeDatabases, dump, freshDatabase, NOW, putCards, reviewCard, settings, timeOn, TODAY } from './test-helpers';

afterEach(closeDatabases);

const limited = { ...settings, newPerDay: 2 };
const fresh = (deckId: string, count: number) => Array.from({ length: count }, (_, i) => cardRecord(deckId, `n${i}`, { newOrder: i }));

async function sessionIds(db: Awaited<ReturnType<typeof freshDatabase>>, now = NOW, deckIds: string[] | null = ['d']) {
	return buildQueue(await loadStudy(db, deckIds, now, limited)).cards.map((card) => card.id);
}

describe('askStudyMore', () => {
	test('more new cards today, kept through a reload of the session, gone the next study day', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', fresh('d', 6));
		expect(await sessionIds(db)).toEqual(['d:n0', 'd:n1']);
		await askStudyMore(db, 'd', NOW, limited, { extraNew: 3 });
		expect(await sessionIds(db)).toEqual(['d:n0', 'd:n1', 'd:n2', 'd:n3', 'd:n4']);
		expect((await countToday(db, NOW, limited)).get('d')).toMatchObject({ new: 5, due: 0 });
		expect(await sessionIds(db, timeOn(TODAY + 1, 10))).toEqual(['d:n0', 'd:n1']);
	});

	test('Review ahead brings the cards due in the next days, without changing them', async () => {
		const db = await freshDatabase();
		const cards = [reviewCard('d', 'in1', TODAY + 1), reviewCard('d', 'in3', TODAY + 3), reviewCard('d', 'in4', TODAY + 4)];
		await putCards(db, 'd', cards);
		expect((await countToday(db, NOW, limited)).get('d')).toEqual({ new: 0, due: 0, canStudyMore: true });
		await askStudyMore(db, 'd', NOW, limited, { aheadDays: 3 });
		expect(await sessionIds(db)).toEqual(['d:in1', 'd:in3']);
		expect((await countToday(db, NOW, limited)).get('d')).toEqual({ new: 0, due: 2 });
		expect((await dump(db)).cards).toEqual(cards);
	});

	test('a deck with nothing unseen or scheduled later cannot study more', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 's', { status: 'suspended' }), reviewCard('d', 'r', TODAY - 1)]);
		await putCards(db, 'e', fresh('e', 1));
		await saveDeckOptions(db, 'e', { newPerDay: 0 });
		const counts = await countToday(db, NOW, { ...limited, reviewsPerDay: 0 });
		// d's review is due (over the review limit), not later: nothing more to bring; e has an unseen card.
		expect(counts.get('d')).toEqual({ new: 0, due: 0 });
		expect(counts.get('e')).toEqual({ new: 0, due: 0, canStudyMore: true });
	});

	test('an impossible number or a deleted deck writes nothing', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', fresh('d', 3));
		const before = await dump(db);
		await expect(askStudyMore(db, 'd', NOW, limited, { extraNew: -2 })).rejects.toThrow(DayOptionsError);
		await expect(askStudyMore(db, 'gone', NOW, limited, { extraNew: 2 })).rejects.toThrow(NoSuchDeckError);
		expect(await dump(db)).toEqual(before);
	});
});

describe('saveDeckOptions', () => {
	test('a deck’s own new-card limit, for that deck only, and back to the setting', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', fresh('d', 6));
		await putCards(db, 'e', fresh('e', 6));
		expect(await saveDeckOptions(db, 'd', { newPerDay: 3 })).toEqual({ newPerDay: 3 });
		const counts = await countToday(db, NOW, limited);
		expect(counts.get('d')).toMatchObject({ new: 3 });
		expect(counts.get('e')).toMatchObject({ new: 2 });
		expect(await readDeckOptions(db)).toEqual({ d: { newPerDay: 3 } });
		expect(await saveDeckOptions(db, 'd', {})).toEqual({});
		expect(await readDeckOptions(db)).toEqual({});
		expect((await countToday(db, NOW, limited)).get('d')).toMatchObject({ new: 2 });
	});

	test('an impossible limit writes nothing', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', fresh('d', 1));
		await saveDeckOptions(db, 'd', { reviewsPerDay: 10 });
		await expect(saveDeckOptions(db, 'd', { newPerDay: 1.5, reviewsPerDay: 20 })).rejects.toThrow(
			'New cards per day must be a whole number from 0 to 9999 (got 1.5).'
		);
		expect(await readDeckOptions(db)).toEqual({ d: { reviewsPerDay: 10 } });
	});
});

describe('buryCard', () => {
	test('a buried card waits until the next study day; the next card takes its place in the limit', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [...fresh('d', 3), reviewCard('d', 'r', TODAY)]);
		await buryCard(db, 'd:n0', NOW, limited);
		await buryCard(db, 'd:r', NOW, limited);
		expect(await sessionIds(db)).toEqual(['d:n1', 'd:n2']);
		expect((await countToday(db, NOW, limited)).get('d')).toEqual({ new: 2, due: 0 });
		expect(await sessionIds(db, timeOn(TODAY + 1, 10))).toEqual(['d:n0', 'd:r', 'd:n1']);
	});
});
