// Storage that survives: persistent storage asked for again once installed, and Safari's 7-day
// deletion explained once on iOS in a browser tab.
import { expect, test } from '@playwright/test';
import { openHome } from './helpers';

test('persistent storage is asked for again when the app is installed, if it was refused', async ({ page }) => {
	await page.addInitScript(() => {
		const asked: number[] = [];
		Object.assign(window, { asked });
		Object.assign(navigator.storage, {
			persisted: async () => false,
			persist: async () => {
				asked.push(Date.now());
				return false;
			}
		});
	});
	const asked = () => page.evaluate(() => (window as unknown as { asked: number[] }).asked.length);
	await openHome(page);
	await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
	await expect.poll(asked).toBe(1);
});

test.describe('on iOS in Safari', () => {
	test.use({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'
	});

	test('Safari’s 7-day deletion is explained once', async ({ page }) => {
		await openHome(page);
		const warning = page.getByRole('alert').filter({ hasText: 'Safari may delete this app’s cards and answers after 7 days without use' });
		await expect(warning).toBeVisible();
		await expect(warning).toContainText('Add the app to your Home Screen');
		await warning.getByRole('button', { name: 'OK' }).click();
		await expect(warning).toHaveCount(0);
		await page.reload();
		await expect(page.getByText(/answers? today/)).toBeVisible();
		// The other screens' start-up checks ran too (the worker controls the page by now).
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await page.waitForTimeout(1500);
		await expect(warning).toHaveCount(0);
	});

	test('the reminder setting explains that an iPhone cannot wake the app, and how to install', async ({ page }) => {
		await page.goto('/settings');
		await expect(page.getByText('Safari on iPhone and iPad cannot wake a web app at a set time')).toBeVisible();
		await expect(page.getByText('Add the app to your Home Screen (Share, then Add to Home Screen)')).toBeVisible();
	});
});
