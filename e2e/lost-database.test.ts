// The browser loses its IndexedDB behind the app's back (as a full disk does): the app says so,
// and the automatic backup brings every answer back.
import { expect, test, type Page } from '@playwright/test';
import { answer, openHome, startStudy } from './helpers';

/** What the database holds of the learner's progress: every card's schedule and every answer. */
function progress(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ cards: unknown[]; answers: string[] }>((resolve, reject) => {
				const open = indexedDB.open('glossary-flashcards');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['cards', 'log'], 'readonly');
					const cards = tx.objectStore('cards').getAll();
					const log = tx.objectStore('log').getAll();
					tx.oncomplete = () => {
						db.close();
						const answers = (log.result as { cardIds: string[]; numbers: Float64Array }[]).flatMap((day) =>
							// The first number of each answer's 23 is its time (log-codec.ts).
							day.cardIds.map((cardId, i) => `${cardId}@${day.numbers[i * 23]}`)
						);
						const schedules = (cards.result as Record<string, unknown>[]).map(({ id, status, state, dueDay, lapses, lastAnsweredAt }) => ({
							id,
							status,
							state,
							dueDay,
							lapses,
							lastAnsweredAt
						}));
						resolve({ cards: schedules, answers: answers.sort() });
					};
				};
			})
	);
}

/** The automatic backups' file names in the Origin Private File System. */
function autoBackupFiles(page: Page) {
	return page.evaluate(async () => {
		const root = await navigator.storage.getDirectory();
		const folder = await root.getDirectoryHandle('glossary-flashcards', { create: true });
		const names: string[] = [];
		for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
		return names.filter((name) => name.startsWith('auto-backup-')).sort();
	});
}

test('a database deleted behind the app’s back is noticed, and the automatic backup brings back every answer', async ({
	page,
	context
}) => {
	await openHome(page);
	await startStudy(page);
	for (const grade of ['Good', 'Easy', 'Again', 'Good'] as const) await answer(page, grade);
	// The backup follows the answers in the background, a few seconds later.
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/^auto-backup-\d+-4\.json$/)]);
	const before = await progress(page);
	expect(before.answers).toHaveLength(4);

	// Another page of the app's origin deletes the database; the app lets go of it.
	const other = await context.newPage();
	await other.goto('/manifest.webmanifest');
	await other.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase('glossary-flashcards');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			})
	);
	await other.close();

	await openHome(page);
	const offer = page.getByRole('region', { name: 'Your answers are missing from this browser' });
	await expect(offer).toBeVisible();
	await expect(offer).toContainText('This device held 4 answers, the last on');
	expect((await progress(page)).answers).toEqual([]);

	// Nothing exports the empty database as if it were the learner's backup.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Export backup' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'an export now would hold none of them' })).toBeVisible();

	// One tap.
	await offer.getByRole('button', { name: /^Restore the automatic backup of .* \(4 answers\)$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 4 answers\.$/ })).toBeVisible();
	await expect(offer).toBeHidden();
	expect(await progress(page)).toEqual(before);

	// The restored collection is this device's now: no offer on the next start, and no backup lost.
	await openHome(page);
	await expect(page.getByRole('heading', { name: 'Your answers are missing from this browser' })).toBeHidden();
	expect(await autoBackupFiles(page)).toHaveLength(1);
});

test('the automatic backups are listed in Settings with their dates, and one restores every answer', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Hard');
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toHaveLength(1);
	const twoAnswers = await progress(page);
	await answer(page, 'Easy');

	// The page goes before the third answer's backup ran: the next start sees the marker missed it.
	await page.goto('/settings');
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/-3\.json$/)]);
	await page.reload();
	const list = page.getByRole('list', { name: 'Automatic backups' });
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await expect(list.getByRole('listitem')).toContainText(/\d{4}, \d{1,2}:\d{2}.* · 3 answers/);
	const threeAnswers = await progress(page);
	expect(threeAnswers.answers).toHaveLength(3);
	expect(twoAnswers.answers.every((entry) => threeAnswers.answers.includes(entry))).toBe(true);

	await list.getByRole('button', { name: /^Restore the automatic backup of / }).click();
	await page.getByRole('button', { name: 'Replace everything on this device' }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 3 answers\.$/ })).toBeVisible();
	expect(await progress(page)).toEqual(threeAnswers);
});
