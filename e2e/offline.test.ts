import { expect, test } from '@playwright/test';

test('after one visit the app opens with no network', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();

	// `ready` only says a worker is active; `controller` says it answers this page's requests.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();
	await context.setOffline(false);
});

test('the manifest is linked and lists the home-screen icons', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
	const icons = manifest.icons as { sizes: string; purpose?: string }[];
	expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(icons.some((icon) => icon.sizes === '512x512' && icon.purpose === 'maskable')).toBe(true);
	for (const icon of manifest.icons as { src: string }[]) {
		expect((await request.get(icon.src)).status()).toBe(200);
	}
});
