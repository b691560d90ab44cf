// A learner's database from the previous release, opened by this one in a real Chromium: the
// review log moves to its new layout (schema 3, then 4; 5 adds the Anki stores) inside the browser's own upgrade transaction, and
// every answer is still there. Built with the raw API exactly as version 2 built it
// (src/lib/db/fixtures/released-schemas.ts, run in the page).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createReleasedSchema } from '../src/lib/db/fixtures/released-schemas';
import { SCHEMA_VERSION } from '../src/lib/db/schema';

const fixture = JSON.parse(readFileSync(new URL('../src/lib/db/fixtures/schema-v1.json', import.meta.url), 'utf8'));

test('a database of the previous version opens with every answer, and the card history shows them', async ({ page }) => {
	// A file of the app's origin that runs no app code, so nothing opens the database before the test.
	await page.goto('/manifest.webmanifest');
	await page.evaluate(
		async ({ stores, createSource }) => {
			const createReleasedSchema = new Function(`return (${createSource})`)();
			const done = (tx: IDBTransaction) =>
				new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('glossary-flashcards', 2);
				open.onupgradeneeded = () => createReleasedSchema(open.result, open.transaction, 2);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = db.transaction(['decks', 'cards', 'reviews', 'settings', 'meta'], 'readwrite');
			for (const deck of stores.decks) tx.objectStore('decks').add(deck);
			for (const card of stores.cards) tx.objectStore('cards').add(card);
			for (const entry of stores.reviews) tx.objectStore('reviews').add(entry);
			for (const { key, value } of stores.settings) tx.objectStore('settings').add(value, key);
			for (const { key, value } of stores.meta) tx.objectStore('meta').add(value, key);
			await done(tx);
			db.close();
		},
		{ stores: fixture.stores, createSource: createReleasedSchema.toString() }
	);

	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Study Technical Debt' })).toBeVisible();

	// The four answers to this card, on two days, are its history (a header row and four).
	await page.goto(`/browse/${encodeURIComponent('soft-skills:item:key-soft-skills-communication')}`);
	await expect(page.getByRole('table').getByRole('row')).toHaveCount(5);

	const stored = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const records = await new Promise<{ cardIds: string[] }[]>((resolve, reject) => {
			const request = db.transaction('log').objectStore('log').getAll();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const result = {
			version: db.version,
			stores: [...db.objectStoreNames],
			answers: records.reduce((sum, record) => sum + record.cardIds.length, 0),
			records: records.length
		};
		db.close();
		return result;
	});
	expect(stored).toEqual({
		version: SCHEMA_VERSION,
		stores: ['cards', 'decks', 'log', 'media', 'meta', 'noteTypes', 'notes', 'settings', 'today'],
		answers: fixture.stores.reviews.length,
		records: 3
	});
});
