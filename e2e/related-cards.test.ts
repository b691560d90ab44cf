// A learner studies a whole day of a deck whose list items have reverse cards: a card and its
// reverse never both come on the same day, so one never gives the other's answer away.
import { expect, test, type Page } from '@playwright/test';
import { answer, openHome, startStudy } from './helpers';

/** Every card's id and when it was last answered, read with the raw IndexedDB API in the page. */
async function cards(page: Page): Promise<{ id: string; lastAnsweredAt: number }[]> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = await new Promise<{ id: string; lastAnsweredAt: number }[]>((resolve, reject) => {
			const request = db.transaction('cards').objectStore('cards').getAll();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		db.close();
		return all.map(({ id, lastAnsweredAt }) => ({ id, lastAnsweredAt }));
	});
}

const itemKey = (id: string) => /:item(?:-reverse)?:(.+)$/.exec(id)?.[1];

test('no two siblings on the same day, two days running', async ({ page }) => {
	await page.clock.setFixedTime(new Date(2026, 10, 10, 10, 0, 0));
	await openHome(page);
	await startStudy(page);
	while (await page.getByRole('button', { name: 'Show answer' }).isVisible()) await answer(page, 'Good');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();

	const all = await cards(page);
	const answered = all.filter((card) => card.lastAnsweredAt > 0).map((card) => card.id);
	expect(answered).toHaveLength(13);
	const keys = answered.map(itemKey).filter((key) => key !== undefined);
	// Some item cards were studied, and never with their reverse.
	expect(keys.length).toBeGreaterThan(0);
	expect(new Set(keys).size).toBe(keys.length);
	const waiting = all.filter((card) => card.lastAnsweredAt === 0 && keys.includes(itemKey(card.id)!)).map((card) => card.id);
	expect(waiting.length).toBe(keys.length);

	// The next day too, whatever comes: never a card with its sibling.
	await page.clock.setFixedTime(new Date(2026, 10, 11, 10, 0, 0));
	await openHome(page);
	await startStudy(page);
	while (await page.getByRole('button', { name: 'Show answer' }).isVisible()) await answer(page, 'Good');
	const dayStart = new Date(2026, 10, 11, 4, 0, 0).getTime();
	const tomorrowKeys = (await cards(page))
		.filter((card) => card.lastAnsweredAt >= dayStart)
		.map((card) => itemKey(card.id))
		.filter((key) => key !== undefined);
	expect(tomorrowKeys.length).toBeGreaterThan(0);
	expect(new Set(tomorrowKeys).size).toBe(tomorrowKeys.length);
});
