// A learner gives one deck its own daily limit (Anki's deck options), sees it on the home page and
// in the session while another deck keeps the global one, then goes back to the global setting.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { deckCounts, openHome, startStudy } from './helpers';

async function addProductRoadmap(page: Page): Promise<void> {
	await page.goto('/import');
	await page.getByRole('textbox', { name: 'Glossary text' }).fill(`Product Roadmap

What is a Product Roadmap?

A product roadmap is a shared plan that shows how a product will evolve over time and why.

Key Components

- Vision: The long-term destination of the product.
- Themes: Groups of related work tied to a customer problem.
- Timeline: Broad time horizons such as now, next and later.
`);
	await page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Created the deck Product Roadmap/ })).toBeVisible();
}

test('a deck’s own new cards per day: its home count and session show 3 new, another deck is unaffected', async ({ page }) => {
	await openHome(page);
	await addProductRoadmap(page);
	await openHome(page);
	await expect(deckCounts(page, 'Product Roadmap')).toContainText('5 new');
	await expect(deckCounts(page)).toContainText('13 new');

	await page.goto('/settings');
	await page.getByRole('link', { name: 'Deck options of Soft Skills' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deck options' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Soft Skills' })).toBeVisible();
	const newPerDay = page.getByLabel('New cards per day');
	await expect(newPerDay).toBeEnabled();
	await expect(page.getByText('Uses the global setting: 20.').first()).toBeVisible();
	const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious).toEqual([]);
	// An impossible number is refused by its field and not saved.
	await newPerDay.fill('-1');
	await newPerDay.press('Enter');
	// Announced at once, and the field says why it is invalid.
	await expect(page.getByRole('alert')).toHaveText('New cards per day must be a whole number from 0 to 9999 (got -1).');
	await expect(newPerDay).toHaveAttribute('aria-invalid', 'true');
	await expect(newPerDay).toHaveAccessibleDescription(
		/^New cards per day must be a whole number from 0 to 9999 \(got -1\)\. Uses the global/
	);
	await newPerDay.fill('3');
	await newPerDay.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
	await expect(page.getByText('This deck’s own; the global setting is 20.')).toBeVisible();

	await openHome(page);
	await expect(deckCounts(page)).toContainText('3 new');
	await expect(deckCounts(page, 'Product Roadmap')).toContainText('5 new');
	await startStudy(page);
	await expect(page.getByRole('list', { name: 'Left today' })).toContainText('3 new');

	// A reload keeps it; "Use the global settings" gives the deck the global limit again.
	await page.goto(`/decks/soft-skills`);
	await expect(page.getByLabel('New cards per day')).toHaveValue('3');
	await page.getByRole('button', { name: 'Use the global settings' }).click();
	await expect(page.getByLabel('New cards per day')).toHaveValue('');
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
});
