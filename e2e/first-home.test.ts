// Home at the floor: once the service worker serves the app, it writes the deck rows with today's
// counts into the home page it returns, before the app starts; the app takes over in place, with
// the same numbers, and a deck tapped meanwhile opens its review. How the app is held back:
// first-paint.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { holdTheApp, layoutShift, makeTheDatabaseNewer, workerServes } from './first-paint';
import { answer, cardFront, deckCounts, openHome, startStudy, deleteTheDatabase } from './helpers';
import { SCHEMA_VERSION } from '../src/lib/db/schema';

/**
 * Opens home until the worker wrote the decks into it, and returns the page's HTML as the worker
 * served it. The worker gives its read 50 ms: on a machine busy with other tests a read can miss
 * that, and the page is then the plain one, as it should be; the next try finds the database warm.
 */
async function openWritten(page: Page): Promise<string> {
	let html = '';
	for (let attempt = 0; attempt < 5 && !html.includes('id="first-home"'); attempt++) {
		const response = await page.goto('/', { waitUntil: 'domcontentloaded' });
		expect(response?.fromServiceWorker()).toBe(true);
		html = await response!.text();
	}
	expect(html).toContain('id="first-home"');
	return html;
}

/** The home page the worker wrote, gone once the app shows its own. */
const written = (page: Page) => page.locator('#first-home');

/** What the home page on view says and where, to compare the written page with the app's. */
async function homeOnView(page: Page, title: string) {
	const row = page.getByRole('link', { name: `Study ${title}` });
	const box = (locator: ReturnType<Page['locator']>) => locator.boundingBox();
	return {
		text: await page.locator('main:visible').innerText(),
		heading: await box(page.getByRole('heading', { level: 1 })),
		line: await box(page.getByText(/answers? today/)),
		row: await box(row),
		counts: await row.locator('.counts').innerText()
	};
}

/** The home page as the server has it: the prerendered page, no decks in it. */
async function plainHome(page: Page): Promise<string> {
	return (await page.request.get('/')).text();
}

test('home comes with its decks and today’s counts, and the app takes it over in place with the same numbers', async ({
	page,
	context
}) => {
	await workerServes(page);
	// One card answered Again: new, again and due all have a number, and today has an answer.
	await startStudy(page);
	await answer(page, 'Again');
	await page.goto('/');
	await expect(page.getByText('1 answer today')).toBeVisible();
	// The app's own page: the worker may have written this one too, until the app took over.
	await expect(written(page)).toHaveCount(0);
	const app = await homeOnView(page, 'Soft Skills');
	const release = await holdTheApp(page, context);

	const html = await openWritten(page);
	await expect(written(page)).toBeVisible();
	// Before any script: the row by its name, its numbers, the line under the heading.
	await expect(deckCounts(page).getByRole('link', { name: 'Study Soft Skills' })).toBeVisible();
	const before = await homeOnView(page, 'Soft Skills');
	expect(before.counts).toMatch(/^12 new\s+1 again\s*today\s+0 due$/);
	expect(before).toEqual(app);
	// As readable to a screen reader as the app's own page.
	const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	expect(violations.map((violation) => violation.id)).toEqual([]);
	// No frame before the written page is parsed; the kit's preloads come after it.
	const head = html.slice(0, html.indexOf('</head>'));
	expect(head).toContain('<link rel="expect" href="#first-home" blocking="render">');
	expect(head).not.toContain('modulepreload');

	release();
	await expect(written(page)).toHaveCount(0);
	await expect(page.getByText('1 answer today')).toBeVisible();
	// The same words and numbers, in the same place, and nothing moved.
	expect(await homeOnView(page, 'Soft Skills')).toEqual(before);
	expect(await layoutShift(page)).toBe(0);
});

test('a deck tapped before the app starts opens its review', async ({ page, context }) => {
	await workerServes(page);
	const release = await holdTheApp(page, context);
	await openWritten(page);
	await expect(written(page)).toBeVisible();
	await page.getByRole('link', { name: 'Study Soft Skills' }).tap();
	await expect(page).toHaveURL(/\/review\/soft-skills$/);

	release();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Soft Skills');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Left today' }).getByRole('listitem')).toHaveText([
		'13 new',
		'0 again today',
		'0 due',
		'13 left'
	]);
	await expect(written(page)).toHaveCount(0);
});

test('with the database gone, home is the plain page and the app starts as on a first visit', async ({ page, context }) => {
	await workerServes(page);
	await openWritten(page);
	await deleteTheDatabase(context);

	const response = await page.goto('/', { waitUntil: 'domcontentloaded' });
	expect(response?.fromServiceWorker()).toBe(true);
	expect(await response!.text()).toBe(await plainHome(page));
	await expect(deckCounts(page).getByRole('link', { name: 'Study Soft Skills' })).toContainText('13 new');
	await expect(written(page)).toHaveCount(0);
});

test('with a database of a newer version, home is the plain page', async ({ page, context }) => {
	await workerServes(page);
	await openWritten(page);
	expect(await makeTheDatabaseNewer(context)).toBe(SCHEMA_VERSION + 1);

	const response = await page.goto('/', { waitUntil: 'domcontentloaded' });
	expect(response?.fromServiceWorker()).toBe(true);
	expect(await response!.text()).toBe(await plainHome(page));
});

test('a deck with more due cards than the review’s page holds: home, the written home and review say the same', async ({
	page,
	context
}) => {
	await workerServes(page);
	// 150 cards learned before and all due, in a deck of their own, written as the app stores them.
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction(['decks', 'cards', 'today'], 'readwrite');
		const id = 'big';
		tx.objectStore('decks').put({
			id,
			title: 'Big Deck',
			question: 'Big Deck',
			source: 'Big Deck',
			bundled: false,
			createdAt: 1,
			updatedAt: 1
		});
		for (let n = 0; n < 150; n++) {
			const text = { front: `Term ${n}?`, back: `Term ${n} is a term.` };
			tx.objectStore('cards').put({
				id: `${id}:term-${String(n).padStart(3, '0')}`,
				deckId: id,
				kind: 'definition',
				...text,
				generated: text,
				edited: false,
				status: 'review',
				state: { repetitions: 3, interval: 10, easiness: 2.5, repeatToday: false },
				dueDay: 0,
				newOrder: n,
				lapses: 0,
				leech: false,
				lastAnsweredAt: Date.now() - 30 * 86_400_000,
				addedAt: 1
			});
		}
		// As any write of the app that does not keep today's summaries (db/write.ts), it forgets them.
		tx.objectStore('today').clear();
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	});
	await openHome(page);
	// The app's own page: the worker may have written this one too, until the app took over.
	await expect(written(page)).toHaveCount(0);
	const row = page.getByRole('link', { name: 'Study Big Deck' });
	await expect(row.locator('.counts')).toHaveText(/^0 new\s+0 again today\s+100\+ due$/);
	const app = await homeOnView(page, 'Big Deck');

	const release = await holdTheApp(page, context);
	await openWritten(page);
	expect(await homeOnView(page, 'Big Deck')).toEqual(app);
	release();
	await expect(written(page)).toHaveCount(0);

	await startStudy(page, 'Big Deck');
	await expect(page.getByRole('list', { name: 'Left today' }).getByRole('listitem')).toHaveText([
		'0 new',
		'0 again today',
		'100+ due',
		'100+ left'
	]);
	const first = await cardFront(page).textContent();
	expect(first).toMatch(/^Term \d+\?$/);
});
