import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { deckCounts, openHome } from './helpers';

/** A small glossary page: a definition, three "Name: description" entries and two FAQ entries. */
function roadmapPage({
	definition = 'A product roadmap is a shared plan that shows how a product will evolve over time and why.',
	quarterly = 'At least once a quarter.'
} = {}): string {
	return `Product Roadmap

What is a Product Roadmap?

${definition}

Key Components

- Vision: The long-term destination of the product.
- Themes: Groups of related work tied to a customer problem.
- Timeline: Broad time horizons such as now, next and later.

Frequently Asked Questions

Question 1: How often should a roadmap be updated? Answer: ${quarterly}

Question 2: Is a roadmap a commitment? Answer: No. It states current intent and priorities.
`;
}

const textBox = (page: Page) => page.getByRole('textbox', { name: 'Glossary text' });
const preview = (page: Page) => page.getByRole('region', { name: /^\d+ cards?$/ });

async function openImport(page: Page): Promise<void> {
	await openHome(page);
	await page.getByRole('link', { name: 'Add a glossary' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a glossary' })).toBeVisible();
}

test('a pasted page is previewed by kind of card, then saved as a new deck', async ({ page }) => {
	await openImport(page);
	await textBox(page).fill(roadmapPage());

	await expect(page.getByRole('heading', { level: 2, name: '10 cards' })).toBeVisible();
	for (const group of ['Definitions (1)', 'List items (3)', 'List items, reversed (3)', 'Whole lists (1)', 'Questions and answers (2)']) {
		await expect(preview(page).getByRole('heading', { level: 3, name: group, exact: true })).toBeVisible();
	}
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'Key Components: Vision' })).toContainText(
		'The long-term destination of the product.'
	);
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'How often should a roadmap be updated?' })).toContainText(
		'At least once a quarter.'
	);
	expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	await page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Created the deck Product Roadmap with 10 cards.' })).toBeVisible();
	await expect(textBox(page)).toHaveValue('');

	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByRole('link', { name: 'Study Product Roadmap' })).toBeVisible();
	await expect(deckCounts(page, 'Product Roadmap')).toContainText('7 new');
});

test('a page copied only in part says where it stops and which cards were left out, and why', async ({ page }) => {
	await openImport(page);
	const cut = roadmapPage().replace(
		/Question 2: [^]*$/,
		'Question 2: How often should a roadmap be updated? Answer: Every quarter.\n\nQuestion 3: Is a roadmap a commitment? Answer: No. It states current intent, not a prom'
	);
	await textBox(page).fill(cut);

	await expect(page.getByRole('heading', { level: 2, name: '10 cards' })).toBeVisible();
	await expect(preview(page)).toContainText(
		"The text seems cut off after '…states current intent, not a prom'; its last part was left out."
	);
	await expect(preview(page).getByRole('heading', { level: 3, name: 'Left out (1)', exact: true })).toBeVisible();
	await expect(preview(page)).toContainText(
		'1 card was left out, as it broke a card rule (a card asks one thing, and its back answers it):'
	);
	await expect(
		preview(page)
			.getByRole('listitem')
			.filter({ hasText: 'How often should a roadmap be updated?' })
			.filter({ hasText: 'it asks the same as another card' })
	).toHaveCount(1);
	await expect(preview(page).getByRole('listitem').filter({ hasText: 'Is a roadmap a commitment?' })).toContainText('No.');
	expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	await page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Created the deck Product Roadmap with 10 cards.' })).toBeVisible();
});

test('a page that is not a glossary page shows why, and creates nothing', async ({ page }) => {
	await openImport(page);
	await textBox(page).fill('Shopping list\n\neggs, milk, bread');
	const error = page.getByRole('alert');
	await expect(error).toContainText('This is not a glossary page');
	await expect(textBox(page)).toHaveAttribute('aria-invalid', 'true');
	await expect(textBox(page)).toHaveAccessibleDescription(/This is not a glossary page/);

	await page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await expect(error).toContainText('This is not a glossary page');
	await expect(page.getByRole('status').filter({ hasText: 'Created' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByRole('link', { name: 'Study Soft Skills' })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Study / })).toHaveCount(1);
});

test('markup in a page is shown as text and never runs', async ({ page }) => {
	await openImport(page);
	const markup = '<img src=x onerror=window.__xss=1>';
	await textBox(page).fill(roadmapPage({ definition: `A product roadmap is a plan ${markup} for the product.` }));
	const definition = preview(page).getByRole('listitem').filter({ hasText: 'What is a Product Roadmap?' });
	// The generator reads Markdown, so the underscores of "__xss" go as emphasis marks; the tag stays as characters.
	await expect(definition).toContainText('A product roadmap is a plan <img src=x onerror=window.');
	await expect(preview(page).locator('img')).toHaveCount(0);

	await page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await page.getByRole('link', { name: 'Study Product Roadmap' }).click();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('article', { name: 'Card' })).toContainText('<img src=x onerror=window.');
	await expect(page.getByRole('article', { name: 'Card' }).locator('img')).toHaveCount(0);
	expect(await page.evaluate(() => [typeof (window as { __xss?: unknown }).__xss, typeof (window as { xss?: unknown }).xss])).toEqual([
		'undefined',
		'undefined'
	]);
});

test('the same page again updates its deck in place instead of adding another', async ({ page }) => {
	await openImport(page);
	await textBox(page).fill(roadmapPage());
	await expect(page.getByRole('heading', { level: 2, name: '10 cards' })).toBeVisible();
	await page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Created the deck Product Roadmap' })).toBeVisible();

	await textBox(page).fill(roadmapPage({ quarterly: 'Every quarter, and whenever the strategy changes.' }));
	await expect(preview(page)).toContainText('This updates your deck Product Roadmap: 0 new cards, 1 changed, 9 unchanged, 0 retired');
	await expect(page.getByRole('button', { name: 'Create deck', exact: true })).toHaveCount(0);
	await page.getByRole('button', { name: 'Update deck', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Updated the deck Product Roadmap: 0 new cards, 1 changed, 9 unchanged, 0 retired.' })
	).toBeVisible();

	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByRole('link', { name: 'Study Product Roadmap' })).toHaveCount(1);
	await expect(page.getByRole('heading', { name: 'Product Roadmap', exact: true })).toHaveCount(1);
	await expect(deckCounts(page, 'Product Roadmap')).toContainText('7 new');
});

test('a page chosen as a file fills the text box and is previewed', async ({ page }) => {
	await openImport(page);
	await page
		.getByLabel('Glossary file')
		.setInputFiles({ name: 'roadmap.md', mimeType: 'text/markdown', buffer: Buffer.from(roadmapPage()) });
	await expect(textBox(page)).toHaveValue(roadmapPage());
	await expect(page.getByRole('heading', { level: 2, name: '10 cards' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Create deck', exact: true })).toBeVisible();
});

test('text pasted before the page has finished loading is previewed too', async ({ page }) => {
	await page.goto('/import', { waitUntil: 'commit' });
	await textBox(page).fill(roadmapPage());
	await expect(page.getByRole('heading', { level: 2, name: '10 cards' })).toBeVisible();
});
