import { expect, test } from '@playwright/test';
import { openHome, startStudy } from './helpers';
import { seriousViolations } from './page-checks';

for (const scheme of ['light', 'dark'] as const) {
	test(`home and review have no serious accessibility violations (${scheme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await openHome(page);
		expect(await seriousViolations(page)).toEqual([]);
		await startStudy(page);
		expect(await seriousViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Show answer' }).click();
		expect(await seriousViolations(page)).toEqual([]);
	});
}

test('the revealed answer is announced and focus follows the learner', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await page.keyboard.press('Enter');
	const live = page.locator('[aria-live="polite"]').filter({ hasText: /\S/ });
	await expect(live).toContainText('Soft skills in product management are non-technical');
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeFocused();
});
