// What one session did, and what tomorrow holds, read back from the database.
import { afterEach, describe, expect, test } from 'vitest';
import { recordAnswer, undoLastAnswer } from './index';
import { dueTomorrow, sessionSummary } from './session';
import { saveDeckOptions } from './day-options';
import { cardRecord, closeDatabases, freshDatabase, NOW, putCards, reviewCard, settings, TODAY } from './test-helpers';

afterEach(closeDatabases);

describe('sessionSummary', () => {
	test("counts this session's answers and the time they took, and forgets undone ones", async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 }), cardRecord('d', 'c', { newOrder: 2 })]);
		await recordAnswer(db, { cardId: 'd:a', grade: 4, now: NOW, tookMs: 1500, sessionId: 'mine', settings });
		await recordAnswer(db, { cardId: 'd:b', grade: 1, now: NOW + 1000, tookMs: 4000, sessionId: 'mine', settings });
		await recordAnswer(db, { cardId: 'd:c', grade: 4, now: NOW + 2000, tookMs: 9000, sessionId: 'other', settings });
		expect(await sessionSummary(db, 'mine')).toEqual({ answered: 2, spentMs: 5500 });
		await undoLastAnswer(db, 'mine');
		expect(await sessionSummary(db, 'mine')).toEqual({ answered: 1, spentMs: 1500 });
		expect(await sessionSummary(db, 'nobody')).toEqual({ answered: 0, spentMs: 0 });
	});
});

describe('dueTomorrow', () => {
	test('counts the reviews due by tomorrow and the new cards the limit lets in, per deck', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [
			reviewCard('d', 'overdue', TODAY - 2),
			reviewCard('d', 'tomorrow', TODAY + 1),
			reviewCard('d', 'later', TODAY + 2),
			reviewCard('d', 'suspended', TODAY + 1, { status: 'suspended' }),
			reviewCard('d', 'retired', TODAY + 1, { status: 'retired' }),
			...[0, 1, 2].map((order) => cardRecord('d', `new${order}`, { newOrder: order }))
		]);
		await putCards(db, 'e', [reviewCard('e', 'tomorrow', TODAY + 1), cardRecord('e', 'new')]);
		const limits = (newPerDay: number, reviewsPerDay = 200) => ({ newPerDay, reviewsPerDay });
		expect(await dueTomorrow(db, TODAY, limits(2), null)).toEqual({ reviews: 2 + 1, new: 2 + 1 });
		expect(await dueTomorrow(db, TODAY, limits(2), ['d'])).toEqual({ reviews: 2, new: 2 });
		expect(await dueTomorrow(db, TODAY, limits(0), ['e'])).toEqual({ reviews: 1, new: 0 });
		expect(await dueTomorrow(db, TODAY, limits(5), [])).toEqual({ reviews: 0, new: 0 });
		// The review limit holds tomorrow too: of d's two reviews due by then, one fits.
		expect(await dueTomorrow(db, TODAY, limits(2, 1), ['d'])).toEqual({ reviews: 1, new: 2 });
		expect(await dueTomorrow(db, TODAY, limits(0, 0), null)).toEqual({ reviews: 0, new: 0 });
		// A deck's own limits hold tomorrow as well; the other deck keeps the setting.
		await saveDeckOptions(db, 'd', { newPerDay: 1, reviewsPerDay: 0 });
		expect(await dueTomorrow(db, TODAY, limits(2), null)).toEqual({ reviews: 1, new: 1 + 1 });
	});
});
