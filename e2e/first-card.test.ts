// The first card at the floor: once the service worker serves the app, it writes a deck's first
// card into the review page it returns, before the app starts, and the app takes over in place.
// How the app is held back: first-paint.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { holdTheApp, layoutShift, makeTheDatabaseNewer, workerServes } from './first-paint';
import { cardFront, deleteTheDatabase } from './helpers';
import { SCHEMA_VERSION } from '../src/lib/db/schema';

const deck = '/review/soft-skills';
const hostile = '<img src=x onerror=alert(1)>';

/** As the worker writes text into the page. */
const escaped = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Opens the deck's review page until the worker wrote the first card into it, and returns the
 * page's HTML as the worker served it. The worker gives its read 50 ms (a warm read takes a few):
 * on a machine busy with other tests a read can miss that, and the page is then the plain shell,
 * as it should be; the next try finds the database warm.
 */
async function openWritten(page: Page): Promise<string> {
	let html = '';
	for (let attempt = 0; attempt < 5 && !html.includes('id="first-card"'); attempt++) {
		const response = await page.goto(deck, { waitUntil: 'domcontentloaded' });
		expect(response?.fromServiceWorker()).toBe(true);
		html = await response!.text();
	}
	expect(html).toContain('id="first-card"');
	return html;
}

/** The written screen, gone once the app shows its own. */
const written = (page: Page) => page.locator('#first-card');

/** Where each part of the screen is drawn, to compare before and after the app takes over. */
async function layoutOf(page: Page) {
	const box = async (locator: ReturnType<Page['locator']>) => locator.boundingBox();
	return {
		heading: await box(page.getByRole('heading', { level: 1 })),
		counts: await box(page.getByRole('list', { name: 'Left today' })),
		front: await box(cardFront(page)),
		show: await box(page.getByRole('button', { name: 'Show answer' })),
		actions: await box(page.getByRole('toolbar', { name: 'Card actions' }))
	};
}

test('the review page comes with its first card, and the app takes it over in place; answering works', async ({ page, context }) => {
	await workerServes(page);
	const release = await holdTheApp(page, context);

	const html = await openWritten(page);
	// Before any script: the card, the counts by their names, the button.
	await expect(written(page)).toBeVisible();
	const front = (await cardFront(page).textContent()) ?? '';
	expect(front.length).toBeGreaterThan(0);
	expect(html).toContain(`<p class="front card-text svelte-review-screen" elementtiming="first-card">${escaped(front)}</p>`);
	// Nothing in the head but the screen's stylesheet to ask for, and no frame before the written
	// screen is parsed: the kit's module preloads come after it, so the first frame has the card.
	const head = html.slice(0, html.indexOf('</head>'));
	expect(head).toContain('<link rel="expect" href="#first-card" blocking="render">');
	expect(head).toMatch(/<link href="\/_app\/immutable\/assets\/review\.[^"]+\.css" rel="stylesheet">/);
	expect(head).not.toContain('modulepreload');
	const preloadsAt = html.indexOf('rel="modulepreload"');
	expect(preloadsAt).toBeGreaterThan(html.indexOf('id="first-card"'));
	expect(preloadsAt).toBeLessThan(html.indexOf('<script>'));
	const counts = page.getByRole('list', { name: 'Left today' });
	await expect(counts.getByRole('listitem')).toHaveText(['13 new', '0 again today', '0 due', '13 left']);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Soft Skills');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await expect(page).toHaveTitle('Soft Skills · Review');
	// As readable to a screen reader as the app's own screen.
	const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	expect(violations.map((violation) => violation.id)).toEqual([]);
	const before = await layoutOf(page);

	release();
	await expect(written(page)).toHaveCount(0);
	await expect(cardFront(page)).toHaveText(front);
	await expect(counts.getByRole('listitem')).toHaveText(['13 new', '0 again today', '0 due', '13 left']);
	// Same place, to the pixel, and nothing on the page moved.
	expect(await layoutOf(page)).toEqual(before);
	expect(await layoutShift(page)).toBe(0);

	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: 'Good', exact: true }).click();
	await expect(cardFront(page)).not.toHaveText(front);
	await expect(counts.getByRole('listitem')).toHaveText(['12 new', '0 again today', '0 due', '12 left']);
});

test('card text is written as text: markup in it shows as typed and runs nothing', async ({ page, context }) => {
	await workerServes(page);
	await page.goto(deck);
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Front').fill(hostile);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');

	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	const requested: string[] = [];
	context.on('request', (request) => requested.push(new URL(request.url()).pathname));
	const release = await holdTheApp(page, context);
	const html = await openWritten(page);
	expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
	expect(html).not.toContain(hostile);
	await expect(written(page)).toBeVisible();
	await expect(cardFront(page)).toHaveText(hostile);
	await expect(page.locator('img')).toHaveCount(0);

	release();
	await expect(written(page)).toHaveCount(0);
	await expect(cardFront(page)).toHaveText(hostile);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
	expect(dialogs).toEqual([]);
	expect(requested.filter((path) => path.endsWith('/x'))).toEqual([]);
});

/** The app's plain shell page, as the server has it. */
async function plainShell(page: Page): Promise<string> {
	return (await page.request.get('/200.html')).text();
}

test('with the database gone, the worker serves the plain shell and the app starts as before', async ({ page, context }) => {
	await workerServes(page);
	// The worker writes the card while the database is there.
	await openWritten(page);
	await deleteTheDatabase(context);

	const response = await page.goto(deck, { waitUntil: 'domcontentloaded' });
	expect(response?.fromServiceWorker()).toBe(true);
	expect(await response!.text()).toBe(await plainShell(page));
	// The app then makes a new database, as on a first visit, and shows the deck's first card.
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await expect(written(page)).toHaveCount(0);
});

test('with a database of a newer version, the worker serves the plain shell', async ({ page, context }) => {
	await workerServes(page);
	await openWritten(page);
	const version = await makeTheDatabaseNewer(context);
	expect(version).toBe(SCHEMA_VERSION + 1);

	const response = await page.goto(deck, { waitUntil: 'domcontentloaded' });
	expect(response?.fromServiceWorker()).toBe(true);
	expect(await response!.text()).toBe(await plainShell(page));
});

test('a tap on Show answer before the app is ready shows the answer once it is, exactly once', async ({ page, context }) => {
	await workerServes(page);
	const release = await holdTheApp(page, context);
	await openWritten(page);
	await expect(written(page)).toBeVisible();
	const front = await cardFront(page).textContent();
	// Two taps, as an impatient thumb does: still one reveal.
	const show = page.getByRole('button', { name: 'Show answer' });
	await show.tap();
	await show.tap();
	await expect(page.getByRole('heading', { name: 'Answer' })).toHaveCount(0);

	release();
	await expect(written(page)).toHaveCount(0);
	await expect(cardFront(page)).toHaveText(front!);
	await expect(page.getByRole('heading', { name: 'Answer' })).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeFocused();
	await expect(page.getByRole('button', { name: 'Show answer' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Good', exact: true }).click();
	await expect(cardFront(page)).not.toHaveText(front!);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
});

test('without a tap before the app is ready, the answer stays hidden', async ({ page, context }) => {
	await workerServes(page);
	const release = await holdTheApp(page, context);
	await openWritten(page);
	await expect(written(page)).toBeVisible();
	release();
	await expect(written(page)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await expect(page.getByRole('heading', { name: 'Answer' })).toHaveCount(0);
});
