import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answer, cardFront, deckCounts, openHome, startStudy } from './helpers';

const definition = 'What are Soft Skills in Product Management?';

/** Opens Browse from home and the first card whose text matches `search`. */
async function openCard(page: Page, search: string, front: string): Promise<void> {
	await openHome(page);
	await page.getByRole('link', { name: 'Browse' }).click();
	await page.getByRole('searchbox', { name: 'Search cards' }).fill(search);
	await page.getByRole('link', { name: front }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Card' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
}

test('search finds a card by a word of its back, and the deck and state filters narrow the list', async ({ page }) => {
	await page.goto('/browse');
	await expect(page.getByRole('status').getByText('18 cards')).toBeVisible();
	await expect(page.getByRole('list').getByRole('link')).toHaveCount(18);

	await page.getByRole('searchbox', { name: 'Search cards' }).fill('Methodologies');
	await expect(page.getByText('1 card matches')).toBeVisible();
	const found = page.getByRole('list').getByRole('link');
	await expect(found).toHaveCount(1);
	await expect(found).toContainText('How do soft skills differ from hard skills in product management?');
	await expect(found).toContainText('Soft Skills · New');

	await page.getByRole('searchbox', { name: 'Search cards' }).fill('');
	await page.getByLabel('State').selectOption({ label: 'Young' });
	await expect(page.getByText('No card matches.')).toBeVisible();
	await page.getByLabel('State').selectOption({ label: 'New' });
	await page.getByLabel('Deck').selectOption({ label: 'Soft Skills' });
	await expect(page.getByText('18 cards match')).toBeVisible();

	await found.first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Card' })).toBeVisible();
	await expect(page.getByText(definition)).toBeVisible();
	await expect(page.getByText('Not answered yet.')).toBeVisible();
	// Back in the list, the filters are as they were.
	await page.getByRole('link', { name: 'Browse' }).click();
	await expect(page.getByLabel('State')).toHaveValue('new');
	await expect(page.getByText('18 cards match')).toBeVisible();
});

test('a suspended card leaves the queue', async ({ page }) => {
	await openCard(page, 'What are Soft Skills in Product Management', definition);
	await page.getByRole('button', { name: 'Suspend' }).click();
	await expect(page.getByRole('button', { name: 'Unsuspend' })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText('Suspended: this card is left out of reviews.');

	await page.getByRole('link', { name: 'Browse' }).click();
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(deckCounts(page)).toContainText('12 new');
	await startStudy(page);
	let answered = 0;
	while (await page.getByRole('button', { name: 'Show answer' }).isVisible()) {
		await expect(cardFront(page)).not.toHaveText(definition);
		await answer(page, 'Good');
		answered++;
		expect(answered).toBeLessThan(18);
	}
	// 17 cards left, less the 5 reversed list items that wait behind their items (related cards).
	expect(answered).toBe(12);
});

test('an edited card shows its new text in review, and a page change offers the page’s text', async ({ page }) => {
	await openCard(page, 'What are Soft Skills in Product Management', definition);
	await page.getByRole('button', { name: 'Edit' }).click();
	await expect(page.getByLabel('Front')).toBeFocused();
	await page.getByLabel('Front').fill('Soft skills: what are they? <b>not bold</b>');
	await page.getByLabel('Back').fill('Interpersonal abilities: communication, empathy, leadership.');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.getByText('Soft skills: what are they? <b>not bold</b>')).toBeVisible();

	await page.getByRole('link', { name: 'Browse' }).click();
	await page.getByRole('link', { name: 'Home' }).click();
	await startStudy(page);
	await expect(cardFront(page)).toHaveText('Soft skills: what are they? <b>not bold</b>');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByText('Interpersonal abilities: communication, empathy, leadership.')).toBeVisible();

	// What saving a changed glossary page does to an edited card (db/decks.ts saveDeck): the new
	// text goes to `generated` and `pageChanged`, the learner's text stays.
	await page.evaluate(async (cardId) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('glossary-flashcards');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const store = db.transaction('cards', 'readwrite').objectStore('cards');
		await new Promise<void>((resolve, reject) => {
			const read = store.get(cardId);
			read.onsuccess = () => {
				const text = { front: 'What are soft skills, in the page’s new words?', back: read.result.generated.back };
				const write = store.put({ ...read.result, generated: text, pageChanged: text });
				write.onsuccess = () => resolve();
				write.onerror = () => reject(write.error);
			};
		});
		db.close();
	}, 'soft-skills:definition');

	await page.goto(`/browse/${encodeURIComponent('soft-skills:definition')}`);
	await expect(page.getByRole('heading', { name: 'The glossary page changed this card' })).toBeVisible();
	await expect(page.getByText('What are soft skills, in the page’s new words?')).toBeVisible();
	await page.getByRole('button', { name: "Use the page's text" }).click();
	await expect(page.getByRole('heading', { name: 'The glossary page changed this card' })).toBeHidden();
	await expect(page.getByText('Soft skills: what are they?')).toBeHidden();
	await expect(page.getByRole('definition').filter({ hasText: 'What are soft skills, in the page’s new words?' })).toBeVisible();
});

test('reset to new asks first, and Cancel keeps the card as it was', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await expect(cardFront(page)).toHaveText(definition);
	await answer(page, 'Good');
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(deckCounts(page)).toContainText('12 new');

	await openCard(page, 'product management', definition);
	const history = page.getByRole('table');
	await expect(history.getByRole('row')).toHaveCount(2);
	await expect(history.getByRole('row').nth(1)).toContainText('Good (4)');
	await expect(history.getByRole('row').nth(1)).toContainText('1 day');

	await page.getByRole('button', { name: 'Reset to new' }).click();
	const dialog = page.getByRole('dialog', { name: 'Reset this card to new?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText('Young · due tomorrow')).toBeVisible();

	await page.getByRole('button', { name: 'Reset to new' }).click();
	await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Reset: this card is new again.');
	await expect(page.getByText('Not yet: the card is new')).toBeVisible();
	// The history stays.
	await expect(history.getByRole('row')).toHaveCount(2);

	await page.getByRole('link', { name: 'Browse' }).click();
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(deckCounts(page)).toContainText('13 new');
});

test('browse and a card page pass axe in light and dark, and fit a 360 px screen', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		await page.goto('/browse');
		await expect(page.getByText('18 cards')).toBeVisible();
		const list = await new AxeBuilder({ page }).analyze();
		await page.getByRole('link', { name: definition }).click();
		await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
		const card = await new AxeBuilder({ page }).analyze();
		const violations = [...list.violations, ...card.violations].map(
			(violation) => `${colorScheme}: ${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`
		);
		expect(violations).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	}
});
