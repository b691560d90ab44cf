import { expect, test } from '@playwright/test';
import { answer, deckCounts, openHome, startStudy } from './helpers';

test('the new-card limit holds across reloads, and the next study day brings the cards back', async ({ page }) => {
	// 10:00 local time; the study day starts at 04:00.
	const morning = new Date(2026, 10, 25, 10, 0, 0);
	await page.clock.setFixedTime(morning);
	await page.goto('/settings');
	const limit = page.getByLabel('New cards per day');
	await limit.fill('3');
	await limit.press('Tab');
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

	await openHome(page);
	await expect(deckCounts(page)).toContainText('3 new');
	await startStudy(page);
	await answer(page, 'Good');
	await page.reload();
	await answer(page, 'Good');
	await answer(page, 'Good');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	await openHome(page);
	await expect(deckCounts(page)).toContainText('0 new');
	await expect(page.getByRole('heading', { name: 'All done for today' })).toBeVisible();

	// 02:00 the next night still belongs to the same study day.
	await page.clock.setFixedTime(new Date(2026, 10, 26, 2, 0, 0));
	await openHome(page);
	await expect(deckCounts(page)).toContainText('0 new');
	await expect(deckCounts(page)).toContainText('0 due');

	// 04:00 starts the next study day: the three cards are due and three new ones are allowed.
	await page.clock.setFixedTime(new Date(2026, 10, 26, 4, 0, 0));
	await openHome(page);
	await expect(deckCounts(page)).toContainText('3 new');
	await expect(deckCounts(page)).toContainText('3 due');
	await expect(page.getByText('1 day streak')).toBeVisible();
});
