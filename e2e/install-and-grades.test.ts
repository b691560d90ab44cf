import { expect, test } from '@playwright/test';
import { cardsLeft, openHome, startStudy } from './helpers';

test('the six-grade scale shows buttons 0 to 5, answered by keys 0 to 5', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'Six grades (0–5)' }).check();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await openHome(page);
	await startStudy(page);
	await page.keyboard.press('Space');
	for (const grade of ['0', '1', '2', '3', '4', '5']) {
		await expect(page.getByRole('button', { name: grade, exact: true })).toBeVisible();
	}
	// Each grade says what it means in words on the button itself, not only in a tooltip.
	await expect(page.getByRole('button', { name: '5', exact: true })).toContainText('5 Perfect · 1d');
	await expect(page.getByRole('button', { name: '0', exact: true })).toContainText('0 Blackout · today');
	await expect(page.getByRole('button', { name: '3', exact: true })).toHaveAccessibleDescription('Hard recall · 1d + again today');
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toHaveCount(0);
	await page.keyboard.press('5');
	await expect(cardsLeft(page)).toHaveText('12 left');
});

test('an Install app button appears when the browser offers installation', async ({ page }) => {
	await openHome(page);
	await expect(page.getByRole('button', { name: 'Install app' })).toHaveCount(0);
	await page.evaluate(() => {
		const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {
				(window as { __prompted?: boolean }).__prompted = true;
			},
			userChoice: Promise.resolve({ outcome: 'accepted' })
		});
		window.dispatchEvent(offer);
	});
	await page.getByRole('button', { name: 'Install app' }).click();
	expect(await page.evaluate(() => (window as { __prompted?: boolean }).__prompted)).toBe(true);
	await expect(page.getByRole('button', { name: 'Install app' })).toHaveCount(0);
});
