import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOptions } from '../playwright.config';
import { answer, cardsLeft, deckCounts, startStudy } from './helpers';

test('closing the browser mid-session and reopening it loses nothing and counts nothing twice', async ({ baseURL }) => {
	const profile = mkdtempSync(join(tmpdir(), 'flashcards-profile-'));
	try {
		const open = () =>
			chromium.launchPersistentContext(profile, {
				...launchOptions,
				baseURL,
				viewport: { width: 390, height: 844 },
				hasTouch: true,
				isMobile: true,
				serviceWorkers: 'allow'
			});
		let context = await open();
		let page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await startStudy(page);
		await answer(page, 'Good');
		await answer(page, 'Easy');
		await page.getByRole('button', { name: 'Show answer' }).click();
		// The tab dies with an answer revealed but not given.
		await context.close();

		context = await open();
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await expect(page.getByText('2 answers today')).toBeVisible();
		await expect(deckCounts(page)).toContainText('11 new');
		await startStudy(page);
		await expect(cardsLeft(page)).toHaveText('11 left');
		await context.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});
