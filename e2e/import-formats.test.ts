// Getting a page in the ways a phone or laptop gives it: a rich-text paste (text/html on the clipboard),
// a share from the browser (/import?title=&text=&url=), a saved .html file. An HTML page is read inertly:
// its scripts, event handlers and images never run or load.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { deckCounts, openHome } from './helpers';

const fixture = (name: string) => readFileSync(new URL(`../src/lib/glossary/fixtures/${name}`, import.meta.url), 'utf8');

const textBox = (page: Page) => page.getByRole('textbox', { name: 'Glossary text' });
const preview = (page: Page) => page.getByRole('region', { name: /^\d+ cards?$/ });

async function openImport(page: Page, query = ''): Promise<void> {
	await page.goto(`/import${query}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Add a glossary' })).toBeVisible();
	// The controls work once the page's script has run.
	await expect(page.getByRole('button', { name: 'Create deck' })).toBeEnabled();
}

/** Pastes as a browser does after a person copies part of a page: text/html and text/plain together. */
async function pasteFormatted(page: Page, html: string, plain: string): Promise<void> {
	await textBox(page).focus();
	await textBox(page).evaluate(
		(box, [html, plain]) => {
			const data = new DataTransfer();
			data.setData('text/html', html as string);
			data.setData('text/plain', plain as string);
			box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
		},
		[html, plain]
	);
}

test('a paste carrying text/html is read as the formatted page, and the plain text is one tap away', async ({ page }) => {
	await openImport(page);
	// The plain text a browser puts beside the HTML has lost the list's structure: one line per entry, no headings marked.
	const plain = 'Opportunity Solution Tree\nWhat is an Opportunity Solution Tree?\nA visual map that links an outcome to opportunities.';
	await pasteFormatted(page, fixture('opportunity-solution-tree.paste.html'), plain);

	await expect(page.getByRole('status').filter({ hasText: 'Read the formatted page you pasted' })).toBeVisible();
	await expect(textBox(page)).toHaveValue(plain);
	await expect(page.getByRole('heading', { level: 2, name: '16 cards' })).toBeVisible();
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'Levels of the Tree: Outcome' })).toContainText(
		'The measurable change the team has been asked to drive.'
	);
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'Who should build the tree?' })).toContainText(
		'The product trio of a product manager, a designer and an engineer builds it together.'
	);

	await page.getByRole('button', { name: 'Use the plain text instead' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Read the plain text of your paste.' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '1 card' })).toBeVisible();
	await page.getByRole('button', { name: 'Use the formatted page' }).click();
	await expect(page.getByRole('heading', { level: 2, name: '16 cards' })).toBeVisible();

	await page.getByRole('button', { name: 'Create deck' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Created the deck Opportunity Solution Tree with 16 cards.' })).toBeVisible();
});

test('a page shared from the browser opens Add a glossary with its text previewed, and its address becomes the deck source link', async ({
	page
}) => {
	const text = fixture('jobs-to-be-done.lines.txt');
	const query = new URLSearchParams({ title: 'Jobs to Be Done | Glossary', text, url: 'https://glossary.example.com/jobs-to-be-done' });
	await openImport(page, `?${query}`);

	await expect(textBox(page)).toHaveValue(text);
	await expect(page.getByRole('heading', { level: 2, name: '15 cards' })).toBeVisible();
	await expect(preview(page).getByRole('link', { name: 'https://glossary.example.com/jobs-to-be-done' })).toHaveAttribute(
		'href',
		'https://glossary.example.com/jobs-to-be-done'
	);
	// The shared page is not brought back by a reload once it is in the box.
	expect(new URL(page.url()).search).toBe('');

	await page.getByRole('button', { name: 'Create deck' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Created the deck Jobs to Be Done with 15 cards.' })).toBeVisible();
	await openHome(page);
	await expect(deckCounts(page, 'Jobs to Be Done').getByRole('link', { name: 'Source page of Jobs to Be Done' })).toHaveAttribute(
		'href',
		'https://glossary.example.com/jobs-to-be-done'
	);
});

test('a shared link that is no web address is not kept', async ({ page }) => {
	const query = new URLSearchParams({ text: fixture('jobs-to-be-done.lines.txt'), url: 'javascript:alert(1)' });
	await openImport(page, `?${query}`);
	await expect(page.getByRole('heading', { level: 2, name: '15 cards' })).toBeVisible();
	await expect(preview(page).getByRole('link')).toHaveCount(0);
});

test('a saved .html page chosen as the Glossary file is previewed', async ({ page }) => {
	await openImport(page);
	await page.getByLabel('Glossary file').setInputFiles({
		name: 'Jobs to Be Done - Glossary.html',
		mimeType: 'text/html',
		buffer: Buffer.from(fixture('jobs-to-be-done.html'))
	});
	await expect(page.getByRole('status').filter({ hasText: 'Read the saved page Jobs to Be Done - Glossary.html' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '15 cards' })).toBeVisible();
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'Why does Jobs to Be Done help Product Teams?' })).toBeVisible();
	await expect(textBox(page)).toHaveValue(/^# Jobs to Be Done\n\n## What is Jobs to Be Done\?/);
});

test.describe('with the Content-Security-Policy bypassed', () => {
	// The app's CSP alone would block inline handlers and remote images: bypassed, the test checks that the reader itself runs and loads nothing.
	test.use({ bypassCSP: true });

	test('an HTML page with a script, an img onerror and remote images runs nothing and requests nothing', async ({ page, baseURL }) => {
		const outside: string[] = [];
		// Every request the page makes is seen here; any to another origin (the page's images, scripts, stylesheet) fails the test.
		await page.route('**/*', (route) => {
			const url = route.request().url();
			if (!url.startsWith(baseURL as string)) {
				outside.push(url);
				return route.abort();
			}
			return route.continue();
		});
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await openImport(page);
		const hostile = `<!DOCTYPE html><html><head><link rel="stylesheet" href="https://evil.example.com/x.css"><script>window.__ran = 'head'; alert('head')</script></head><body>
	<h1>Jobs to Be Done</h1><h2>What is Jobs to Be Done?</h2>
	<p>Jobs to Be Done is a way of understanding customers by the progress they want to make. <img src="x" onerror="window.__ran = 'onerror'; alert('onerror')"></p>
	<img src="https://evil.example.com/pixel.gif" alt="tracking"><picture><source srcset="https://evil.example.com/a.webp"></picture>
	<p onclick="window.__ran = 'click'">Synonyms: JTBD</p>
	<script src="https://evil.example.com/app.js"></script><iframe src="https://evil.example.com/frame"></iframe>
	<p>&lt;script&gt;alert('text')&lt;/script&gt; is only text.</p></body></html>`;
		await pasteFormatted(page, hostile, 'Jobs to Be Done');
		await expect(page.getByRole('heading', { level: 2, name: /^\d+ cards$/ })).toBeVisible();
		const definition = preview(page).getByRole('listitem').filter({ hasText: 'What is Jobs to Be Done?' });
		await expect(definition).toContainText('by the progress they want to make.');
		await expect(definition).toContainText("<script>alert('text')</script> is only text.");
		await page.getByLabel('Glossary file').setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from(hostile) });
		await expect(page.getByRole('status').filter({ hasText: 'Read the saved page page.html' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: /^\d+ cards$/ })).toBeVisible();
		// Had the page been loaded into a live document, its images would be requesting by now.
		await page.waitForLoadState('networkidle');

		expect(await page.evaluate(() => (window as unknown as { __ran?: string }).__ran)).toBeUndefined();
		expect(dialogs).toEqual([]);
		expect(outside).toEqual([]);
	});
});

test('a long page is read in a background worker, and a short one without', async ({ page }) => {
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await openImport(page);
	await textBox(page).fill(fixture('jobs-to-be-done.txt'));
	await expect(page.getByRole('heading', { level: 2, name: '15 cards' })).toBeVisible();
	expect(workers.filter((url) => url.includes('deck.worker'))).toEqual([]);

	const entries = Array.from(
		{ length: 3000 },
		(_, i) => `Question ${i + 1}: Why is step ${i + 1} needed? Answer: Because step ${i} came first.`
	);
	// A long page comes as a file: typing 200 KB into the box is no way anyone brings it.
	const steps = `Steps\n\nWhat are Steps?\n\nSteps are what a team does in order.\n\nFrequently Asked Questions\n\n${entries.join('\n\n')}`;
	expect(steps.length).toBeGreaterThan(100_000);
	await page.getByLabel('Glossary file').setInputFiles({ name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from(steps) });
	await expect(page.getByRole('heading', { level: 2, name: '3001 cards' })).toBeVisible();
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'Why is step 100 needed?' })).toContainText(
		'Because step 99 came first.'
	);
	expect(workers.filter((url) => url.includes('deck.worker'))).toHaveLength(1);
});
