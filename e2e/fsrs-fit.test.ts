// FSRS fitted to the learner: the app is cross-origin isolated on every screen (served, and offline
// through its worker), so FSRS's optimizer runs; a learner with an imported Anki history fits FSRS
// to it in Settings, sees the result in words, keeps it across a reload and gets the next answer's
// intervals from it; Stats compares SM-2, FSRS's defaults and FSRS fitted on the later reviews.
import { expect, test, type Page } from '@playwright/test';
import { openHome } from './helpers';

const SAMPLE = new URL('../src/lib/anki/fixtures/anki21-cloze-with-scheduling.apkg', import.meta.url).pathname;
const SCREENS = ['/', '/settings', '/stats', '/import', '/browse'];

const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated);

async function importSample(page: Page): Promise<void> {
	// Through the home page's link, as a learner gets there: the screen is running before the file is chosen.
	await openHome(page);
	await page.getByRole('link', { name: 'Add a glossary' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a glossary' })).toBeVisible();
	await page.getByLabel('Anki package').setInputFiles(SAMPLE);
	await page.getByRole('button', { name: /^Import [\d,]+ cards$/ }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Imported .*3,?470 answers of history\./ })).toBeVisible({ timeout: 60_000 });
}

/** The answer buttons of the first card of the imported deck, each with its interval. */
async function captions(page: Page): Promise<string[]> {
	await openHome(page);
	await page
		.getByRole('link', { name: /^Study / })
		.first()
		.click();
	await page.getByRole('button', { name: 'Show answer' }).click();
	const grades = page.getByRole('group', { name: 'How well did you remember?' });
	await expect(grades.getByRole('button')).toHaveCount(4);
	await expect(grades.getByRole('button').first()).toHaveText(/\d/);
	return grades.getByRole('button').allInnerTexts();
}

test('every screen is cross-origin isolated, served and offline through the worker', async ({ page, context }) => {
	for (const screen of SCREENS) {
		await page.goto(screen);
		expect(await isolated(page), screen).toBe(true);
	}
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await context.setOffline(true);
	for (const screen of [...SCREENS, '/review/some-deck']) {
		await page.goto(screen);
		expect(await isolated(page), `${screen} offline`).toBe(true);
	}
	await context.setOffline(false);
});

test('a learner fits FSRS to an imported Anki history, keeps it across a reload, and the next answer is scheduled with it', async ({
	page
}) => {
	test.setTimeout(180_000);
	await importSample(page);
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'FSRS' }).check();
	await expect(page.getByRole('group', { name: 'Scheduler' }).getByRole('status')).toHaveText('Saved');
	const parameters = page.getByRole('group', { name: 'FSRS parameters' });
	await expect(parameters.getByText('FSRS uses its default parameters.')).toBeVisible();
	const before = await captions(page);

	await page.goto('/settings');
	const fit = parameters.getByRole('button', { name: 'Fit to my reviews' });
	await expect(fit).toBeEnabled();
	await fit.click();
	await expect(parameters.getByRole('progressbar', { name: /^Fitting FSRS to your reviews/ })).toBeVisible();
	const result = /^Fitted on 3,470 reviews: predicted recall error 0\.\d+ \(defaults: 0\.\d+\), log loss 0\.\d+ \(defaults: 0\.\d+\)\.$/;
	await expect(parameters.getByText(result)).toBeVisible({ timeout: 120_000 });
	await expect(parameters.getByRole('progressbar')).toHaveCount(0);

	await page.reload();
	await expect(parameters.getByText(result)).toBeVisible();
	const after = await captions(page);
	expect(after).not.toEqual(before);

	await page.goto('/settings');
	await parameters.getByRole('button', { name: 'Use default parameters' }).click();
	await expect(parameters.getByText('FSRS uses its default parameters.')).toBeVisible();
	await expect(parameters.getByRole('button', { name: 'Use default parameters' })).toHaveCount(0);
});

test('a deck on FSRS is fitted to its own reviews in Deck options, and Settings keeps its parameters', async ({ page }) => {
	test.setTimeout(180_000);
	await importSample(page);
	await page.goto('/settings');
	await page
		.getByRole('link', { name: /^Deck options of (?!Soft Skills$)/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deck options' })).toBeVisible();
	const parameters = page.getByRole('group', { name: 'FSRS parameters' });
	// Anki scheduled this deck with FSRS, so it comes on FSRS, following Settings' parameters until fitted.
	await expect(page.getByLabel('Scheduler')).toHaveValue('fsrs');
	await expect(parameters.getByText('This deck uses the FSRS parameters of Settings.')).toBeVisible();
	await parameters.getByRole('button', { name: 'Fit to my reviews' }).click();
	const result = /^Fitted on 3,470 reviews: predicted recall error 0\.\d+ \(defaults: 0\.\d+\), log loss 0\.\d+ \(defaults: 0\.\d+\)\.$/;
	await expect(parameters.getByText(result)).toBeVisible({ timeout: 120_000 });
	await page.reload();
	await expect(parameters.getByText(result)).toBeVisible();
	await page.goto('/settings');
	await expect(page.getByRole('group', { name: 'FSRS parameters' }).getByText('FSRS uses its default parameters.')).toBeVisible();
});

test('Stats compares SM-2, FSRS’s defaults and FSRS fitted on an imported history, on reviews the fit never saw', async ({ page }) => {
	test.setTimeout(180_000);
	await importSample(page);
	await page.goto('/stats');
	const fits = page.getByRole('region', { name: 'Which fits you' });
	await expect(fits).toHaveAttribute('aria-busy', 'false', { timeout: 120_000 });
	await expect(fits.getByText(/^On your latest 507 reviews, /)).toBeVisible();
	await expect(fits.getByText(/^On your latest 507 reviews, .*FSRS fitted to you.*resamplings of your cards/)).toBeVisible();
	await expect(
		fits.getByText(/^RMSE \(bins\): FSRS fitted to you 0\.\d+, FSRS with its default parameters 0\.\d+ and SM-2 0\.\d+\.$/)
	).toBeVisible();
	await expect(fits.getByText(/were fitted on your earlier answers only and scored on these 507 later reviews/)).toBeVisible();
});

test('a fit needs enough reviews: with none, the button says how many more', async ({ page }) => {
	await page.goto('/settings');
	const parameters = page.getByRole('group', { name: 'FSRS parameters' });
	await expect(parameters.getByRole('button', { name: 'Fit to my reviews (64 more reviews needed)' })).toBeDisabled({ timeout: 30_000 });
});
