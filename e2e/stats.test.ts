import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { answer, openHome, startStudy } from './helpers';

test('after a short session the stats show today’s answers, the streak and what comes next', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Good');
	await answer(page, 'Again');
	await page.getByRole('link', { name: 'Home' }).click();
	await page.getByRole('link', { name: 'Stats' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Stats' })).toBeVisible();
	for (const name of ['Activity', 'Forecast', 'Retention', 'Cards']) {
		await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
	}

	const activity = page.getByRole('region', { name: 'Activity' });
	await expect(activity.getByText('Today: 3 answers')).toBeVisible();
	await expect(activity.getByText('Streak: 1 day', { exact: true })).toBeVisible();
	await expect(activity.getByText('Best streak: 1 day')).toBeVisible();
	await expect(activity.getByRole('img', { name: 'Answers per day over the last year: 3 answers on 1 day' })).toBeVisible();
	// Today is the calendar's last cell.
	await expect(activity.locator('svg[role="img"] rect title').last()).toHaveText(/^\d{4}-\d{2}-\d{2}: 3 answers$/);

	// The two Good cards are due tomorrow; the Again card is due again today.
	const forecast = page.getByRole('region', { name: 'Forecast' });
	await expect(forecast.getByRole('img', { name: /^Reviews due per day over the next 30 days: 3 reviews in total/ })).toBeVisible();
	await expect(forecast.getByText('3 reviews due in the next 30 days, 1 of them today')).toBeVisible();

	// Three first answers are not reviews: nothing to measure retention on yet.
	const retention = page.getByRole('region', { name: 'Retention' });
	await expect(retention.getByRole('row', { name: /^Remembered/ }).getByRole('cell')).toHaveText(['— 0 of 0', '— 0 of 0', '— 0 of 0']);
	await expect(retention.getByRole('row', { name: /^Answers per day/ }).getByRole('cell')).toHaveText(['0.4', '0.1', '0.0']);

	const cards = page.getByRole('region', { name: 'Cards' });
	await expect(cards.getByRole('heading', { name: 'Soft Skills · 18 cards' })).toBeVisible();
	const counts = await cards.getByRole('definition').allTextContents();
	const names = await cards.getByRole('term').allTextContents();
	expect(Object.fromEntries(names.map((name, i) => [name.trim(), counts[i]]))).toEqual({
		New: '15',
		Learning: '1',
		Young: '2',
		Mature: '0',
		Suspended: '0',
		Leech: '0'
	});
});

test('the stats page passes axe in light and dark, and fits a 360 px screen', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		await page.goto('/stats');
		await expect(page.getByText('Today: 0 answers')).toBeVisible();
		await expect(page.getByRole('columnheader', { name: 'Last 365 days' })).toBeVisible();
		const results = await new AxeBuilder({ page }).analyze();
		expect(
			results.violations.map((violation) => `${colorScheme}: ${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)
		).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	}
});
