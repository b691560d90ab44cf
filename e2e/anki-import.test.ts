// Bringing decks from Anki: a package chosen in `Anki package` on Add a glossary, previewed, saved,
// then studied with its cards as Anki renders them; hostile HTML in a package runs nothing and
// fetches nothing; a file that is no package is refused with nothing saved.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadSqlite } from '../src/lib/anki/sqlite';
import { makePackage } from '../src/lib/anki/test-package';
import { openHome } from './helpers';
import { widthProblems } from './page-checks';

const fixture = (name: string) => new URL(`../src/lib/anki/fixtures/${name}`, import.meta.url).pathname;

async function openImport(page: Page): Promise<void> {
	await openHome(page);
	await page.getByRole('link', { name: 'Add a glossary' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a glossary' })).toBeVisible();
}

const ankiPreview = (page: Page) => page.getByRole('region', { name: /cards? from \d+ notes?$/ });

test('a learner imports an Anki deck through the picker, studies a cloze card, exports the deck for Anki and imports the export again', async ({
	page,
	browser
}) => {
	// A whole journey through two profiles: import, study, export and two imports of the export.
	test.slow();
	await openImport(page);
	await page.getByLabel('Anki package').setInputFiles(fixture('anki21-mixed-notetypes-fsrs.apkg'));

	const preview = ankiPreview(page);
	await expect(preview.getByRole('heading', { name: '13 cards from 8 notes' })).toBeVisible();
	await expect(preview.getByRole('list', { name: 'Decks' })).toHaveText(
		/Test - Mixed Types\s*13 cards · a new deck · on FSRS, as in Anki, with its memory of each card/
	);
	await expect(preview).toContainText('13 cards have review history: 26 answers.');
	await expect(preview).toContainText('1 image or sound from the package.');
	expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	await preview.getByRole('button', { name: 'Import 13 cards' }).click();
	const saved = page.getByRole('status').filter({ hasText: 'Imported Test - Mixed Types: 13 new cards, 26 answers of history.' });
	await expect(saved).toBeVisible();
	await saved.getByRole('link', { name: 'Study Test - Mixed Types' }).click();

	// The deck is on FSRS, as in Anki; its cards are overdue. Answer until a cloze card shows.
	const card = page.getByRole('article', { name: 'Card' });
	const show = page.getByRole('button', { name: 'Show answer' });
	for (let i = 0; i < 13; i++) {
		await expect(show).toBeVisible();
		if ((await card.textContent())?.includes('[...]')) break;
		await show.click();
		await page.getByRole('button', { name: 'Good', exact: true }).click();
	}
	await expect(card).toContainText('[...]');
	const hidden = await card.textContent();
	await show.click();
	// The back shows the clozed words, marked, and the note's Back Extra field.
	await expect(card.locator('.cloze').first()).toBeVisible();
	await expect(card).not.toContainText('[...]');
	await expect(card).toContainText('This is the "Back Extra" field of a cloze card.');
	expect(hidden).not.toContain('Back Extra');
	await page.getByRole('button', { name: 'Good', exact: true }).click();
	await expect(show.or(page.getByRole('heading', { name: 'Session complete' }))).toBeVisible();

	// The deck goes back to Anki from its Deck options, with its progress.
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Deck options of Test - Mixed Types' }).click();
	await expect(page.getByRole('checkbox', { name: 'Include progress' })).toBeChecked();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export for Anki (.apkg)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('Test - Mixed Types.apkg');
	const exported = page
		.getByRole('status')
		.filter({ hasText: /^Exported 13 cards \(8 notes\) with \d+ answers and 1 media file to Test - Mixed Types\.apkg\.$/ });
	await expect(exported).toBeVisible();
	// Anki's 26 answers and the ones given here.
	const answers = Number(/with (\d+) answers/.exec((await exported.textContent()) ?? '')![1]);
	expect(answers).toBeGreaterThan(26);
	const file = { name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: readFileSync(await download.path()) };

	// Imported again here: the same deck, nothing added twice.
	await openImport(page);
	await page.getByLabel('Anki package').setInputFiles(file);
	await expect(preview.getByRole('heading', { name: '13 cards from 8 notes' })).toBeVisible();
	await expect(preview.getByRole('list', { name: 'Decks' })).toHaveText(/Test - Mixed Types\s*13 cards · updates your deck/);
	await preview.getByRole('button', { name: 'Import 13 cards' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Imported Test - Mixed Types: 0 new cards, 0 answers of history.' })
	).toBeVisible();

	// And in a profile of its own: the deck, on FSRS, with every answer.
	const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL, serviceWorkers: 'allow' });
	try {
		const other = await fresh.newPage();
		await openImport(other);
		await other.getByLabel('Anki package').setInputFiles(file);
		const again = ankiPreview(other);
		await expect(again.getByRole('heading', { name: '13 cards from 8 notes' })).toBeVisible();
		await expect(again.getByRole('list', { name: 'Decks' })).toHaveText(
			/Test - Mixed Types\s*13 cards · a new deck · on FSRS, as in Anki, with its memory of each card/
		);
		await expect(again).toContainText(`13 cards have review history: ${answers} answers.`);
		await expect(again).toContainText('1 image or sound from the package.');
		await again.getByRole('button', { name: 'Import 13 cards' }).click();
		await expect(
			other.getByRole('status').filter({ hasText: `Imported Test - Mixed Types: 13 new cards, ${answers} answers of history.` })
		).toBeVisible();
	} finally {
		await fresh.close();
	}
});

test('the image of an imported card comes from the package, and its sound plays from a button', async ({ page }) => {
	await openImport(page);
	await page.getByLabel('Anki package').setInputFiles(fixture('anki21b-small-deck.apkg'));
	await ankiPreview(page).getByRole('button', { name: 'Import 6 cards' }).click();
	await page.getByRole('link', { name: 'Study Test deck' }).click();
	const card = page.getByRole('article', { name: 'Card' });
	const show = page.getByRole('button', { name: 'Show answer' });
	for (let i = 0; i < 6 && !(await card.textContent())?.includes('Car'); i++) {
		await show.click();
		await page.getByRole('button', { name: 'Good', exact: true }).click();
		await expect(show).toBeVisible();
	}
	await show.click();
	const image = card.getByRole('img');
	await expect(image).toHaveAttribute('src', /^blob:/);
	await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	await page.evaluate(() => {
		const played: string[] = ((window as unknown as { played: string[] }).played = []);
		const play = HTMLMediaElement.prototype.play;
		HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
			played.push(this.src);
			return play.call(this);
		};
	});
	await card.getByRole('button', { name: 'Play cable-car.mp3' }).click();
	expect(await page.evaluate(() => (window as unknown as { played: string[] }).played)).toEqual([expect.stringMatching(/^blob:/)]);
	// The tap played the sound; it did not count as an answer or turn anything over.
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
});

test('typing the answer of a type-in card, then Enter, shows how it compares, as Anki shows it', async ({ page }) => {
	await openImport(page);
	await page.getByLabel('Anki package').setInputFiles(fixture('anki21b-small-deck.apkg'));
	await ankiPreview(page).getByRole('button', { name: 'Import 6 cards' }).click();
	await page.getByRole('link', { name: 'Study Test deck' }).click();
	const box = page.getByRole('textbox', { name: 'Type the answer' });
	const show = page.getByRole('button', { name: 'Show answer' });
	for (let i = 0; i < 6 && !(await box.isVisible()); i++) {
		await show.click();
		await page.getByRole('button', { name: 'Good', exact: true }).click();
		await expect(show).toBeVisible();
	}
	// A tap in the box does not turn the card over; Enter does.
	await box.click();
	await expect(show).toBeVisible();
	await box.fill('tipe');
	await box.press('Enter');
	const card = page.getByRole('article', { name: 'Card' });
	await expect(card.getByText('You typed “tipe”. The answer is “type”.')).toBeAttached();
	const compared = card.locator('code.anki-typeans');
	await expect(compared).toHaveText('tipe↓type');
	await expect(compared.locator('.typeBad')).toHaveText('i');
	await expect(compared.locator('.typeMissed')).toHaveText('y');
});

test('a package with hostile HTML in its fields runs nothing and makes no request', async ({ page, context }) => {
	const outside: string[] = [];
	await context.route(
		(url) => !['localhost', '127.0.0.1'].includes(url.hostname),
		(route) => {
			outside.push(route.request().url());
			return route.abort();
		}
	);
	const sqlite = await loadSqlite({ binary: readFileSync(new URL('../node_modules/sql.js/dist/sql-wasm.wasm', import.meta.url)) });
	const front = [
		'Hostile front',
		'<script>window.__ran = "script"</script>',
		'<img src="x.png" onerror="window.__ran = \'onerror\'">',
		'<img src="https://evil.example/pixel.png">',
		'<iframe src="https://evil.example/frame"></iframe>',
		'<div style="background: url(https://evil.example/bg.png); color: red">styled text</div>',
		'<a href="javascript:window.__ran = \'link\'" onclick="window.__ran = \'click\'">a link</a>',
		'<svg><image href="https://evil.example/svg.png"></image></svg>',
		'<object data="https://evil.example/object"></object>',
		'<link rel="stylesheet" href="https://evil.example/style.css">',
		'<style>@import url(https://evil.example/import.css); body { background: url(https://evil.example/body.png) }</style>',
		'<form action="https://evil.example/form"><input name="q" value="typed"><button>Send</button></form>',
		'<video poster="https://evil.example/poster.png" src="https://evil.example/v.mp4"></video>',
		'<table background="https://evil.example/table.png"><tr><td>cell</td></tr></table>',
		'<img srcset="https://evil.example/set.png 2x" src="https://evil.example/src.png">',
		'<details open ontoggle="window.__ran = \'toggle\'"><summary>more</summary>inside</details>'
	].join('\n');
	const pkg = makePackage(sqlite, {
		notes: [{ guid: 'hostile-1', fields: [front, '<b onmouseover="window.__ran = 1">Bold back</b>'], deck: 'Hostile' }]
	});
	await openImport(page);
	await page
		.getByLabel('Anki package')
		.setInputFiles({ name: 'hostile.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(pkg) });
	await ankiPreview(page).getByRole('button', { name: 'Import 1 card' }).click();
	await page.getByRole('link', { name: 'Study Hostile' }).click();

	const card = page.getByRole('article', { name: 'Card' });
	await expect(card).toContainText('Hostile front');
	await expect(card).toContainText('styled text');
	await expect(card).toContainText('Missing file: x.png');
	await expect(card).toContainText('An image from the web, not loaded');
	await expect(card).toContainText('cell');
	// A tap on the link only turns the card over, as a tap on any of the card does.
	await card.getByText('a link').click();
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
	await expect(card).toContainText('Bold back');
	await card.getByText('Bold back').hover();

	const inCard = await card.evaluate((element) => ({
		scripts: element.querySelectorAll('script, iframe, object, embed, link, style, form, input:not(.anki-typed), video, audio, image')
			.length,
		handlers: [...element.querySelectorAll('*')]
			.flatMap((node) => [...node.attributes].map((a) => a.name))
			.filter((name) => name.startsWith('on')),
		hrefs: element.querySelectorAll('[href], [srcset], [background], [poster], [action]').length,
		sources: [...element.querySelectorAll('[src]')].map((node) => node.getAttribute('src')).filter((src) => !src?.startsWith('blob:'))
	}));
	expect(inCard).toEqual({ scripts: 0, handlers: [], hrefs: 0, sources: [] });
	expect(await page.evaluate(() => (window as unknown as { __ran?: unknown }).__ran)).toBeUndefined();
	expect(outside).toEqual([]);
});

test('a file that is no Anki package is refused in words, and nothing is saved', async ({ page }) => {
	await openImport(page);
	const decksBefore = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
		});
		const count = await new Promise<number>((resolve) => {
			const request = db.transaction('decks').objectStore('decks').count();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return count;
	});
	await page
		.getByLabel('Anki package')
		.setInputFiles({ name: 'notes.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from('Front;Back\nhello;world\n') });
	await expect(page.getByRole('alert')).toHaveText(
		'This file is not an Anki package: Anki packages (.apkg, .colpkg) are zip files, and this is not one.'
	);
	await expect(ankiPreview(page)).toHaveCount(0);
	await page.getByLabel('Anki package').setInputFiles(fixture('anki21b-empty.apkg'));
	await expect(page.getByRole('alert')).toHaveText('This package has no cards.');
	await openHome(page);
	expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(0);
	const decksAfter = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
		});
		const count = await new Promise<number>((resolve) => {
			const request = db.transaction('decks').objectStore('decks').count();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return count;
	});
	expect(decksAfter).toBe(decksBefore);
});

test.describe('at 320 px', () => {
	test.use({ viewport: { width: 320, height: 568 } });

	test('an Anki deck’s preview and its cards fit: wide images, tables and the answer box included', async ({ page }) => {
		await openImport(page);
		await page.getByLabel('Anki package').setInputFiles(fixture('anki2-template-torture.apkg'));
		await expect(ankiPreview(page).getByRole('heading', { name: '146 cards from 48 notes' })).toBeVisible();
		await expect(ankiPreview(page)).toContainText('36 cards have templates broken in Anki too: they show why.');
		await expect(ankiPreview(page)).toContainText('70 media files the cards use are not in the package: they show as missing.');
		expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
		await ankiPreview(page).getByRole('button', { name: 'Import 146 cards' }).click();
		await page.getByRole('link', { name: 'Study 1-TEMPLATES::Typing broken' }).click();
		// Thai cards: a table, a box for the typed answer, missing images and sounds.
		await expect(page.getByRole('textbox', { name: 'Type the answer' })).toBeVisible();
		expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
		await page.getByRole('button', { name: 'Show answer' }).click();
		await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
		expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });

		await openImport(page);
		await page.getByLabel('Anki package').setInputFiles(fixture('anki21b-webp-png-mp3-media.apkg'));
		await ankiPreview(page).getByRole('button', { name: 'Import 8 cards' }).click();
		await page.getByRole('link', { name: 'Study new_test_deck' }).click();
		const card = page.getByRole('article', { name: 'Card' });
		for (let i = 0; i < 8 && (await card.getByRole('img').count()) === 0; i++) {
			await page.getByRole('button', { name: 'Show answer' }).click();
			if ((await card.getByRole('img').count()) > 0) break;
			await page.getByRole('button', { name: 'Good', exact: true }).click();
			await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		}
		await expect(card.getByRole('img').first()).toBeVisible();
		expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
	});
});
