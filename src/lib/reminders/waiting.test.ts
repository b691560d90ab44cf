// The count the service worker shows in the reminder and on the icon, on fake-indexeddb.
import { afterEach, describe, expect, test } from 'vitest';
import { countToday } from '$lib/db/today';
import { openExistingDatabase } from '$lib/db/database';
import { getMeta, saveSettings, setMeta } from '$lib/db/settings';
import {
	cardRecord,
	closeDatabases,
	freshDatabase,
	freshIndexedDb,
	NOW,
	putCards,
	reviewCard,
	settings,
	timeOn,
	TODAY,
	track
} from '$lib/db/test-helpers';
import { openDatabase } from '$lib/db/database';
import { cardsWaiting, dailyReminder, reminderDue, reminderText, showBadge } from './waiting';

afterEach(closeDatabases);

const newCards = (deckId: string, count: number) => Array.from({ length: count }, (_, i) => cardRecord(deckId, `n${i}`, { newOrder: i }));
const dueCards = (deckId: string, count: number, dueDay = TODAY) =>
	Array.from({ length: count }, (_, i) => reviewCard(deckId, `r${i}`, dueDay - i));

describe('cardsWaiting', () => {
	test('adds up every deck’s due reviews and new cards, as the home page counts them', async () => {
		const db = await freshDatabase();
		await putCards(db, 'a', [...dueCards('a', 5), ...newCards('a', 3), reviewCard('a', 'later', TODAY + 1)]);
		await putCards(db, 'b', [...dueCards('b', 3), ...newCards('b', 1), cardRecord('b', 'off', { status: 'suspended' })]);
		expect(await cardsWaiting(db, NOW)).toEqual({ reviews: 8, fresh: 4 });
		const home = [...(await countToday(db, NOW, settings)).values()];
		expect(home.reduce((sum, deck) => sum + deck.due, 0)).toBe(8);
		expect(home.reduce((sum, deck) => sum + deck.new, 0)).toBe(4);
	});

	test('keeps the learner’s daily limits', async () => {
		const db = await freshDatabase();
		await saveSettings(db, { ...settings, newPerDay: 2, reviewsPerDay: 4 });
		await putCards(db, 'a', [...dueCards('a', 6), ...newCards('a', 5)]);
		expect(await cardsWaiting(db, NOW)).toEqual({ reviews: 4, fresh: 2 });
	});

	test('is nothing on an empty collection', async () => {
		expect(await cardsWaiting(await freshDatabase(), NOW)).toEqual({ reviews: 0, fresh: 0 });
	});
});

test('reminderText says the total, then reviews and new; nothing when no card waits', () => {
	expect(reminderText({ reviews: 8, fresh: 4 })).toBe('12 cards waiting: 8 reviews, 4 new');
	expect(reminderText({ reviews: 1, fresh: 0 })).toBe('1 card waiting: 1 review, 0 new');
	expect(reminderText({ reviews: 0, fresh: 0 })).toBeUndefined();
});

test('reminderDue: on, at or after its time of day, once a study day', () => {
	const at9 = { on: true, minutes: 9 * 60 };
	expect(reminderDue(at9, undefined, TODAY, timeOn(TODAY, 9))).toBe(true);
	expect(reminderDue(at9, undefined, TODAY, timeOn(TODAY, 8, 59))).toBe(false);
	expect(reminderDue(at9, TODAY, TODAY, timeOn(TODAY, 10))).toBe(false);
	expect(reminderDue(at9, TODAY - 1, TODAY, timeOn(TODAY, 10))).toBe(true);
	expect(reminderDue({ ...at9, on: false }, undefined, TODAY, timeOn(TODAY, 10))).toBe(false);
});

test('showBadge sets the count, clears it at zero, and survives a refusal', async () => {
	const calls: string[] = [];
	const badging = {
		setAppBadge: async (count?: number) => void calls.push(`set ${count}`),
		clearAppBadge: async () => void calls.push('clear')
	};
	await showBadge(badging, { reviews: 2, fresh: 3 });
	await showBadge(badging, { reviews: 0, fresh: 0 });
	expect(calls).toEqual(['set 5', 'clear']);
	await expect(
		showBadge({ setAppBadge: () => Promise.reject(new DOMException('no', 'NotAllowedError')) }, { reviews: 1, fresh: 0 })
	).resolves.toBeUndefined();
	await expect(showBadge({}, { reviews: 1, fresh: 0 })).resolves.toBeUndefined();
});

describe('dailyReminder', () => {
	const badging = { setAppBadge: async () => {}, clearAppBadge: async () => {} };

	test('shows the count once a study day when on and past its time, and sets the badge every time', async () => {
		const db = await freshDatabase();
		await putCards(db, 'a', [...dueCards('a', 2), ...newCards('a', 1)]);
		await setMeta(db, 'reminder', { on: true, minutes: 9 * 60 });
		const shown: string[] = [];
		const badges: number[] = [];
		const counting = { setAppBadge: async (count?: number) => void badges.push(count ?? -1) };
		const show = async (text: string) => void shown.push(text);
		expect(await dailyReminder(db, timeOn(TODAY, 8), counting, show)).toBeUndefined();
		expect(await dailyReminder(db, timeOn(TODAY, 10), counting, show)).toBe('3 cards waiting: 2 reviews, 1 new');
		expect(await dailyReminder(db, timeOn(TODAY, 20), counting, show)).toBeUndefined();
		expect(shown).toEqual(['3 cards waiting: 2 reviews, 1 new']);
		expect(badges).toEqual([3, 3, 3]);
		expect(await getMeta(db, 'reminderShownDay')).toBe(TODAY);
		expect(await getMeta(db, 'reminderLooked')).toEqual({ at: timeOn(TODAY, 20) });
	});

	test('shows nothing when nothing is due, or when the reminder is off', async () => {
		const db = await freshDatabase();
		await putCards(db, 'a', [reviewCard('a', 'later', TODAY + 2)]);
		await setMeta(db, 'reminder', { on: true, minutes: 0 });
		const show = async () => {
			throw new Error('must not show');
		};
		expect(await dailyReminder(db, timeOn(TODAY, 10), badging, show)).toBeUndefined();
		await putCards(db, 'b', newCards('b', 2));
		await setMeta(db, 'reminder', { on: false, minutes: 0 });
		expect(await dailyReminder(db, timeOn(TODAY, 10), badging, show)).toBeUndefined();
		expect(await getMeta(db, 'reminderShownDay')).toBeUndefined();
		expect(await getMeta(db, 'reminderLooked')).toEqual({ at: timeOn(TODAY, 10) });
	});

	test('remembers the reminder it showed', async () => {
		const db = await freshDatabase();
		await putCards(db, 'a', newCards('a', 4));
		await setMeta(db, 'reminder', { on: true, minutes: 0 });
		await dailyReminder(db, NOW, badging, async () => {});
		expect(await getMeta(db, 'reminderLooked')).toEqual({ at: NOW, shown: '4 cards waiting: 0 reviews, 4 new' });
	});

	test('a notification that fails to show is not counted as shown', async () => {
		const db = await freshDatabase();
		await putCards(db, 'a', newCards('a', 1));
		await setMeta(db, 'reminder', { on: true, minutes: 0 });
		await expect(dailyReminder(db, NOW, badging, () => Promise.reject(new Error('blocked')))).rejects.toThrow('blocked');
		expect(await getMeta(db, 'reminderShownDay')).toBeUndefined();
	});
});

describe('openExistingDatabase (the worker never creates or upgrades the database)', () => {
	test('gives nothing when there is no database, and leaves none behind', async () => {
		const name = freshIndexedDb();
		expect(await openExistingDatabase(name)).toBeUndefined();
		const names = (await indexedDB.databases()).map((info) => info.name);
		expect(names).not.toContain(name);
	});

	test('opens the database at this schema version', async () => {
		const name = freshIndexedDb();
		track(await openDatabase({ name }));
		const db = await openExistingDatabase(name);
		expect(db).toBeDefined();
		track(db!);
		expect(await cardsWaiting(db!, NOW)).toEqual({ reviews: 0, fresh: 0 });
	});

	test('gives nothing for a newer database it does not understand', async () => {
		const name = freshIndexedDb();
		track(await openDatabase({ name })).close();
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open(name, 99);
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
			request.onerror = () => reject(request.error);
		});
		expect(await openExistingDatabase(name)).toBeUndefined();
	});
});
