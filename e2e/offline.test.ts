import { expect, test } from '@playwright/test';
import { answer, deckCounts, openHome, startStudy } from './helpers';

async function waitForServiceWorker(page: import('@playwright/test').Page) {
	// `ready` only says a worker is active; `controller` says it answers this page's requests.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after one visit the app opens with no network', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	// Every screen is in the precache, the deck's review page (served by the SPA fallback) too.
	for (const path of ['/stats', '/browse', '/settings', '/import', '/review/soft-skills']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	}
	await context.setOffline(false);
});

test('a first visit to a nested page makes every screen open offline', async ({ page, context }) => {
	// A fresh profile whose first page is a deck's review screen, not the home page.
	await page.goto('/review/soft-skills');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await waitForServiceWorker(page);
	// The worker is the app's one, at the root, whatever page registered it.
	const registration = await page.evaluate(async () => {
		const found = await navigator.serviceWorker.getRegistration();
		return { scope: found?.scope, script: found?.active?.scriptURL };
	});
	const origin = new URL(page.url()).origin;
	expect(registration).toEqual({ scope: `${origin}/`, script: `${origin}/sw.js` });

	await context.setOffline(true);
	for (const path of [
		'/',
		'/stats',
		'/browse',
		'/settings',
		'/import',
		'/review',
		'/review/soft-skills',
		`/browse/${encodeURIComponent('soft-skills:definition')}`
	]) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
	}
	await page.goto('/review/soft-skills');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await context.setOffline(false);
});

test('studying offline keeps the answer once the network is back', async ({ page, context }) => {
	await openHome(page);
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await startStudy(page);
	await answer(page, 'Good');
	await context.setOffline(false);
	await page.goto('/');
	await expect(page.getByText('1 answer today')).toBeVisible();
	await expect(deckCounts(page)).toContainText('12 new');
});

test('the manifest is linked and lists the home-screen icons', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
	const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
	expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(icons.some((icon) => icon.sizes === '512x512' && icon.purpose === 'maskable')).toBe(true);
	for (const icon of icons) expect((await request.get(icon.src)).status()).toBe(200);
	// Nested pages link the same manifest, not one relative to their own path.
	await page.goto('/review/soft-skills');
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
	expect((await request.get('/apple-touch-icon-180x180.png')).status()).toBe(200);
});
