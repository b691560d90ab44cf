// A device synced to the server, then answered offline, loses its database: `Restore from the sync
// server` brings back what the server has, adds what only this device's journal kept, and sends it.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { answer, openHome, startStudy } from './helpers';

/** Every log entry the database holds (card@time, undos too), sorted: the same list twice means nothing missing or doubled. */
function answersHere(page: Page) {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('glossary-flashcards');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction('log').objectStore('log').getAll();
					request.onsuccess = () => {
						db.close();
						const days = request.result as { cardIds: string[]; numbers: Float64Array }[];
						// Each entry's numbers start with its time (log-codec.ts).
						resolve(
							days
								.flatMap((day) => day.cardIds.map((cardId, i) => `${cardId}@${day.numbers[(i * day.numbers.length) / day.cardIds.length]}`))
								.sort()
						);
					};
				};
			})
	);
}

/** The answers in the learner's database on the server, as card@time, sorted. */
function answersOnServer(page: Page, server: string, name: string) {
	const database = `userdb-${Buffer.from(name).toString('hex')}`;
	return page.evaluate(
		async ({ url }) => {
			const rows = (await (await fetch(url, { credentials: 'include' })).json()).rows as {
				doc: { entries?: { cardId: string; time: number }[] };
			}[];
			return rows.flatMap((row) => (row.doc.entries ?? []).map((entry) => `${entry.cardId}@${entry.time}`)).sort();
		},
		{ url: `${server}/${database}/_all_docs?include_docs=true&startkey=%22log%3A%22&endkey=%22log%3A%EF%BF%B0%22` }
	);
}

/**
 * A learner signed up and synced three answers, then answered two more offline; the database is
 * then deleted (and, with `forgetAccount`, this browser's sync account too, as a damaged profile
 * loses its local storage): the offer is on screen.
 */
async function lostAfterSyncing(page: Page, context: BrowserContext, { forgetAccount }: { forgetAccount: boolean }) {
	const other = await context.newPage();
	await other.goto('/manifest.webmanifest');
	await openHome(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	const server = (await (await page.request.get('/sync-server.json')).json()).server as string;
	const name = `journal-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
	await page.goto('/settings#sync');
	await page.getByRole('textbox', { name: 'Server' }).fill(server);
	await page.getByRole('textbox', { name: 'Name' }).fill(name);
	await page.getByLabel('Password').fill('a long secret');
	await page.getByRole('button', { name: 'Sign up' }).click();
	const status = page.getByRole('region', { name: 'Sync' }).getByRole('status');
	await expect(status).toHaveText('Synced just now', { timeout: 15_000 });

	await openHome(page);
	await startStudy(page);
	for (const grade of ['Good', 'Again', 'Easy'] as const) await answer(page, grade);
	await page.goto('/settings#sync');
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(status).toHaveText('Synced just now', { timeout: 15_000 });
	expect(await answersOnServer(page, server, name)).toHaveLength(3);

	// Two more with the network gone: only this device has them.
	await context.setOffline(true);
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Hard');
	const before = await answersHere(page);
	expect(before).toHaveLength(5);
	await other.evaluate(
		(forget) =>
			new Promise<void>((resolve, reject) => {
				if (forget) localStorage.removeItem('sync');
				const request = indexedDB.deleteDatabase('glossary-flashcards');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			}),
		forgetAccount
	);
	await context.setOffline(false);
	await openHome(page);
	const offer = page.getByRole('region', { name: 'Your answers are missing from this browser' });
	await expect(offer).toContainText('This device held 5 answers');
	return { server, name, before, offer };
}

/** The restore's words, and every answer here and on the server, each once. */
async function everyAnswerOnce(page: Page, { server, name, before }: { server: string; name: string; before: string[] }) {
	await expect(page.getByRole('status').filter({ hasText: /^Restored from the sync server/ })).toHaveText(
		'Restored from the sync server: 5 answers, 2 of them kept only on this device and now sent.',
		{ timeout: 30_000 }
	);
	await expect(page.getByRole('region', { name: 'Your answers are missing from this browser' })).toBeHidden();
	expect(await answersHere(page)).toEqual(before);
	expect(await answersOnServer(page, server, name)).toEqual(before);
	await expect(page.getByText('5 answers today')).toBeVisible();
}

test('after a loss, Restore from the sync server brings back every answer, the two the server lacked included, each once', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const lost = await lostAfterSyncing(page, context, { forgetAccount: false });
	await expect(lost.offer).toContainText(`Signed in as ${lost.name}`);
	await lost.offer.getByRole('button', { name: 'Restore from the sync server' }).click();
	await everyAnswerOnce(page, lost);
});

test('a browser that forgot its sync account signs in from the loss screen and restores from the server', async ({ page, context }) => {
	test.setTimeout(120_000);
	const lost = await lostAfterSyncing(page, context, { forgetAccount: true });
	const { offer } = lost;
	await expect(offer.getByRole('textbox', { name: 'Server' })).toHaveValue(lost.server);
	await offer.getByRole('button', { name: 'Restore from the sync server' }).click();
	await expect(offer.getByRole('alert')).toHaveText('Enter the server, your name and your password to sign in.');
	await offer.getByRole('textbox', { name: 'Name' }).fill(lost.name);
	await offer.getByLabel('Password').fill('a long secret');
	await offer.getByRole('button', { name: 'Restore from the sync server' }).click();
	await everyAnswerOnce(page, lost);
});
