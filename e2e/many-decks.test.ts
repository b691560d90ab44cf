// A learner with thirty decks: one compact row each, all thirty within about two screens at
// 390×844, and the other screens' links still at the top.
import { expect, test } from '@playwright/test';
import { openHome } from './helpers';

test('30 decks on the home page fit within two screens, each a tap to study', async ({ page }) => {
	await openHome(page);
	// 29 more decks of one new card each, written as the app stores them.
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction(['decks', 'cards'], 'readwrite');
		for (let n = 1; n <= 29; n++) {
			const id = `term-${n}`;
			const title = `Product Term ${n}`;
			tx.objectStore('decks').put({ id, title, question: `What is ${title}?`, source: title, bundled: false, createdAt: 1, updatedAt: 1 });
			const text = { front: `What is ${title}?`, back: `${title} is a term.` };
			tx.objectStore('cards').put({
				id: `${id}:definition`,
				deckId: id,
				kind: 'definition',
				...text,
				generated: text,
				edited: false,
				status: 'new',
				state: { repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false },
				dueDay: 0,
				newOrder: 0,
				lapses: 0,
				leech: false,
				lastAnsweredAt: 0,
				addedAt: 1
			});
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	});
	await openHome(page);
	const rows = page
		.getByRole('list')
		.filter({ has: page.getByRole('link', { name: /^Study / }) })
		.getByRole('listitem');
	await expect(rows).toHaveCount(30);
	await expect(page.getByRole('link', { name: 'Study Product Term 29' })).toContainText('1 new');
	// The links to the other screens are on the first screen.
	for (const name of ['Add a glossary', 'Browse', 'Stats', 'Settings']) await expect(page.getByRole('link', { name })).toBeInViewport();
	const last = await rows.last().boundingBox();
	const scrolled = await page.evaluate(() => window.scrollY);
	expect(last!.y + last!.height + scrolled).toBeLessThanOrEqual(2 * 844);
	for (const row of await rows.all()) expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(44);
});
