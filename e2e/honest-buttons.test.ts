// A learner with a card learned long ago: the grade buttons say the interval it will really get,
// and Hard says that SuperMemo's step 7 also brings it back today, never just "today".
import { expect, test } from '@playwright/test';
import { openHome, setStudyNumber, startStudy } from './helpers';
import { widthProblems } from './page-checks';

// The longest captions on the narrowest phone still in use (iPhone SE, 1st generation).
test.use({ viewport: { width: 320, height: 568 } });

test('a mature card graded Hard: its button shows the year it gets and the again-today mark', async ({ page }) => {
	// No new cards today: the learned card is the session.
	await setStudyNumber(page, 'New cards per day', 0);
	// One card learned 200 days ago (8 repetitions, easiness 2.5) and due now, written as the app stores it.
	const front = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const store = () => db.transaction('cards', 'readwrite').objectStore('cards');
		const all = await new Promise<Record<string, unknown>[]>((resolve) => {
			const request = store().getAll();
			request.onsuccess = () => resolve(request.result);
		});
		const card = all.find((candidate) => candidate.kind === 'definition')!;
		await new Promise((resolve, reject) => {
			// As any write of the app that does not keep today's summaries (db/write.ts), it forgets them.
			const tx = db.transaction(['cards', 'today'], 'readwrite');
			tx.objectStore('today').clear();
			const request = tx.objectStore('cards').put({
				...card,
				status: 'review',
				state: { repetitions: 8, interval: 200, easiness: 2.5, repeatToday: false },
				dueDay: 0,
				lastAnsweredAt: Date.now() - 200 * 86_400_000
			});
			request.onsuccess = resolve;
			request.onerror = () => reject(request.error);
		});
		db.close();
		return card.front as string;
	});
	await openHome(page);
	await startStudy(page);
	await expect(page.getByRole('article', { name: 'Card' })).toContainText(front);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('button', { name: 'Hard', exact: true })).toHaveText(/^Hard\s*· 1\.3y \+ again today$/);
	await expect(page.getByRole('button', { name: 'Hard', exact: true })).toHaveAccessibleDescription('· 1.3y + again today');
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toHaveText(/^Good\s*· 1\.4y$/);
	await expect(page.getByRole('button', { name: 'Again', exact: true })).toHaveText(/^Again\s*· today$/);
	expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
});
