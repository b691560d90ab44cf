// The browser loses its IndexedDB behind the app's back (as a full disk does): the app says so,
// and the automatic backup brings every answer back.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { answer, deleteTheDatabase, openHome, startStudy } from './helpers';

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
							// Each entry's numbers start with its time (log-codec.ts); every entry is kept, undos too.
							day.cardIds.map((cardId, i) => `${cardId}@${day.numbers[(i * day.numbers.length) / day.cardIds.length]}`)
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
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/^auto-backup-\d+-4-[\w-]+\.json$/)]);
	const before = await progress(page);
	expect(before.answers).toHaveLength(4);

	await deleteTheDatabase(context);
	await openHome(page);
	const offer = page.getByRole('region', { name: 'Your answers are missing from this browser' });
	await expect(offer).toBeVisible();
	await expect(offer).toContainText('This device held 4 answers, the last on');
	expect((await progress(page)).answers).toEqual([]);
	await expect(offer.getByRole('heading', { level: 2 })).toBeFocused();
	// Readable on the narrowest phone, and to a screen reader.
	await page.setViewportSize({ width: 320, height: 700 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	const violations = (await new AxeBuilder({ page }).include('section').analyze()).violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	expect(violations.map((violation) => violation.id)).toEqual([]);
	await page.setViewportSize({ width: 390, height: 844 });

	// Nothing exports the empty database as if it were the learner's backup.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Export backup' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'an export now would hold none of them' })).toBeVisible();

	// One tap: the backup holds all four, so the journal adds none.
	await offer.getByRole('button', { name: /^Restore the automatic backup of [^()]* \(4 answers\)$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 4 answers\.$/ })).toBeVisible();
	await expect(offer).toBeHidden();
	expect(await progress(page)).toEqual(before);

	// The restored collection is this device's now: no offer on the next start, and no backup lost.
	await openHome(page);
	await expect(page.getByRole('heading', { name: 'Your answers are missing from this browser' })).toBeHidden();
	expect(await autoBackupFiles(page)).toHaveLength(1);
});

test('the automatic backups are listed in Settings with their dates, and one brings back a deleted deck with every answer', async ({
	page
}) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Hard');
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toHaveLength(1);
	const twoAnswers = await progress(page);
	await answer(page, 'Easy');

	// The page goes before the third answer's backup ran: the next start sees the marker missed it.
	await page.goto('/settings');
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/^auto-backup-\d+-3-/)]);
	await page.reload();
	const list = page.getByRole('list', { name: 'Automatic backups' });
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await expect(list.getByRole('listitem')).toContainText(/\d{4}, \d{1,2}:\d{2}.* · 3 answers/);
	const threeAnswers = await progress(page);
	expect(threeAnswers.answers).toHaveLength(3);
	expect(twoAnswers.answers.every((entry) => threeAnswers.answers.includes(entry))).toBe(true);

	// The learner deletes the deck, answers and all, then thinks better of it.
	await page.getByRole('button', { name: 'Delete deck Soft Skills' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByRole('button', { name: 'Delete deck Soft Skills' })).toHaveCount(0);
	expect((await progress(page)).answers).toEqual([]);

	await list.getByRole('button', { name: /^Restore the automatic backup of / }).click();
	await page.getByRole('button', { name: 'Replace everything on this device' }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 3 answers\.$/ })).toBeVisible();
	expect(await progress(page)).toEqual(threeAnswers);
});

test('after a loss, a backup file brings every answer back', async ({ page, context }) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Again');
	await page.goto('/settings');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	const file = await (await downloading).path();
	const before = await progress(page);
	expect(before.answers).toHaveLength(2);
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toHaveLength(1);

	await deleteTheDatabase(context);
	await openHome(page);
	const offer = page.getByRole('region', { name: 'Your answers are missing from this browser' });
	await offer.getByRole('button', { name: 'Restore from this file' }).click();
	await expect(offer.getByRole('alert')).toHaveText('Choose a backup file first.');
	await offer.getByLabel('Or restore from a backup file').setInputFiles(file);
	await offer.getByRole('button', { name: 'Restore from this file' }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 2 answers\.$/ })).toBeVisible();
	expect(await progress(page)).toEqual(before);
});

test('starting over after a loss keeps the lost answers’ backup, and the new answers get their own', async ({ page, context }) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Good');
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/^auto-backup-\d+-2-/)]);
	const [lostBackup] = await autoBackupFiles(page);

	await deleteTheDatabase(context);
	await openHome(page);
	const offer = page.getByRole('region', { name: 'Your answers are missing from this browser' });
	await offer.getByRole('button', { name: 'Start over without them…' }).click();
	await offer.getByRole('button', { name: 'Start over', exact: true }).click();
	await expect(offer).toBeHidden();
	await openHome(page);
	await expect(offer).toBeHidden();

	await startStudy(page);
	await answer(page, 'Easy');
	await expect
		.poll(() => autoBackupFiles(page), { timeout: 15_000 })
		.toEqual(expect.arrayContaining([lostBackup, expect.stringMatching(/^auto-backup-\d+-1-/)]));
	await page.goto('/settings');
	await expect(page.getByRole('list', { name: 'Automatic backups' }).getByRole('listitem')).toHaveText([/· 1 answer\b/, /· 2 answers\b/]);
});

/** A page of the app's origin kept open, so the database can be deleted the moment it is asked. */
async function bystander(context: BrowserContext): Promise<{ deleteDatabase(): Promise<void> }> {
	const other = await context.newPage();
	await other.goto('/manifest.webmanifest');
	return {
		deleteDatabase: () =>
			other.evaluate(
				() =>
					new Promise<void>((resolve, reject) => {
						const request = indexedDB.deleteDatabase('glossary-flashcards');
						request.onsuccess = () => resolve();
						request.onerror = () => reject(request.error);
					})
			)
	};
}

const offerOf = (page: Page) => page.getByRole('region', { name: 'Your answers are missing from this browser' });

test('three answers, the database deleted within half a second of the last: a reload brings all three back', async ({ page, context }) => {
	const other = await bystander(context);
	await openHome(page);
	await startStudy(page);
	for (const grade of ['Good', 'Again', 'Easy'] as const) await answer(page, grade);
	const before = await progress(page);
	expect(before.answers).toHaveLength(3);
	await other.deleteDatabase();
	// No automatic backup holds all three (on a slow machine one may hold the first): the journal kept the rest.
	for (const name of await autoBackupFiles(page)) expect(Number(/^auto-backup-\d+-(\d+)-/.exec(name)?.[1]), name).toBeLessThan(3);

	await page.reload();
	const offer = offerOf(page);
	await expect(offer).toContainText('This device held 3 answers, the last on');
	// From the safety copy alone, or (on a slow machine) from an automatic backup and the answers since.
	await offer.getByRole('button', { name: /^Restore .*\(3 answers\)$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 3 answers\.$/ })).toBeVisible();
	await expect(offer).toBeHidden();
	expect(await progress(page)).toEqual(before);
	// What only the journal held is in an automatic backup at once.
	await expect.poll(() => autoBackupFiles(page), { timeout: 15_000 }).toContainEqual(expect.stringMatching(/^auto-backup-\d+-3-/));
});

test('two answers and the page closed at once, the database deleted: reopened, both answers are back', async ({ context }) => {
	const other = await bystander(context);
	let page = await context.newPage();
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Hard');
	const before = await progress(page);
	await page.close();
	await other.deleteDatabase();

	page = await context.newPage();
	await openHome(page);
	const offer = offerOf(page);
	await expect(offer).toContainText('This device held 2 answers, the last on');
	await offer.getByRole('button', { name: /^Restore .*\(2 answers\)$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 2 answers\.$/ })).toBeVisible();
	expect(await progress(page)).toEqual(before);
	// The restored collection is this device's again: no offer on the next start.
	await openHome(page);
	await expect(offer).toBeHidden();
});

test('a browser that can’t write the journal’s files keeps it in its cache storage, says so, and a loss still gives every answer back', async ({
	page,
	context
}) => {
	// As in a browser without dedicated workers' file handles (older Safari): no worker at all here.
	await page.addInitScript(() => Object.defineProperty(window, 'Worker', { value: undefined }));
	const other = await bystander(context);
	await page.goto('/settings#backup');
	await expect(page.getByText(/^This browser cannot write the journal to files, so each answer/)).toBeVisible();
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Easy');
	await answer(page, 'Again');
	const before = await progress(page);
	await other.deleteDatabase();

	await page.reload();
	const offer = offerOf(page);
	// The safety copy, or on a slow machine the automatic backup that had its turn meanwhile: both answers either way.
	await offer.getByRole('button', { name: /^Restore (from this device’s safety copy|the automatic backup of .+) \(2 answers\)$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck, \d+ cards and 2 answers\.$/ })).toBeVisible();
	expect(await progress(page)).toEqual(before);
});
