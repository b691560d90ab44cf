// Stats' "Which fits you": below 300 reviews it says how many more are needed; with a history
// of 360 reviews, imported from a backup, it names the scheduler that predicted them better.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { studyDay } from '../src/lib/srs/days';
import { defaultSettings } from '../src/lib/srs/types';
import { answerColumns, evaluate } from '../src/lib/stats/evaluation';
import { fitWords } from '../src/lib/stats/evaluation-words';

interface BackupReview {
	cardId: string;
	studyDay: number;
	time: number;
	grade: number;
}

/** A backup of 40 cards with 10 answers each, by the benchmark's collection code; every 7th answer forgotten. */
function backupWith400Answers(): { json: string; reviews: BackupReview[] } {
	const sandbox: { __benchCollection?: { backup(c: unknown): { reviews: BackupReview[] } } } = {};
	vm.createContext(sandbox);
	vm.runInContext(readFileSync('bench/page/collection.js', 'utf8'), sandbox);
	const now = Date.now();
	const backup = sandbox.__benchCollection!.backup({
		deckId: 'history',
		deckTitle: 'History',
		cards: 40,
		reviewsPerCard: 10,
		now,
		today: studyDay(now, defaultSettings.dayStartHour),
		dayStartHour: defaultSettings.dayStartHour,
		installedAt: now - 400 * 86_400_000,
		settings: defaultSettings
	});
	backup.reviews.forEach((review, i) => {
		if (i % 7 === 3) review.grade = 1;
	});
	return { json: JSON.stringify(backup), reviews: backup.reviews };
}

test('below 300 reviews, Which fits you says how many more are needed', async ({ page }) => {
	await page.goto('/stats');
	const fit = page.getByRole('region', { name: 'Which fits you' });
	await expect(
		fit.getByText('FSRS and SM-2 can be compared on your own answers from 300 reviews on. You have 0: 300 more are needed.')
	).toBeVisible();
});

test('with 360 reviews, Which fits you names the scheduler that predicted them best, and when FSRS fitted to you will be compared', async ({
	page
}) => {
	const { json, reviews } = backupWith400Answers();
	// Their latest quarter, 90 reviews, is too few to score FSRS fitted on the earlier ones: two schedulers are compared.
	const expected = fitWords(evaluate(answerColumns(reviews)));
	expect(expected.headline).toMatch(
		/^On your 360 reviews, (FSRS with its default parameters|SM-2) predicted your recall best \(log loss .*resamplings of your cards\.$/
	);

	await page.goto('/settings');
	await page.getByLabel('Backup file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(json) });
	await page.getByRole('button', { name: 'Import backup' }).click();
	await page.getByRole('button', { name: 'Replace everything on this device' }).click();
	await expect(page.getByRole('status').filter({ hasText: /^Imported 1 deck, 40 cards, 400 reviews\./ })).toBeVisible();

	await page.goto('/stats');
	const fit = page.getByRole('region', { name: 'Which fits you' });
	await expect(fit.getByText(expected.headline)).toBeVisible({ timeout: 60_000 });
	for (const detail of expected.details) await expect(fit.getByText(detail)).toBeVisible();
	await expect(fit.getByText(/FSRS fitted to you is compared once your latest quarter of reviews reaches 300/)).toBeVisible();
	await expect(fit).toHaveAttribute('aria-busy', 'false');
});
