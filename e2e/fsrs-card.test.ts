// The card page shows what FSRS makes of a card: stability, difficulty, today's chance of recall.
import { expect, test } from '@playwright/test';
import { FsrsScheduler, newFsrsState, studyClock } from '../src/lib/srs/fsrs';
import { answer, cardFront, openHome, startStudy } from './helpers';

test('after a Good on a new card, its page shows FSRS’s stability and difficulty, and a sure recall today', async ({ page }) => {
	// FSRS-6's first Good, whatever the day: stability w2, difficulty D0(Good).
	const good = new FsrsScheduler().review(newFsrsState(), 4, studyClock(20_000, 3_600_000));
	await openHome(page);
	await startStudy(page);
	const front = (await cardFront(page).textContent())!;
	await answer(page, 'Good');

	await openHome(page);
	await page.getByRole('link', { name: 'Browse' }).click();
	await page.getByRole('searchbox', { name: 'Search cards' }).fill(front);
	await page.getByRole('link', { name: front }).first().click();

	const memory = page.getByRole('region', { name: 'Memory (FSRS)' });
	await expect(memory.getByRole('definition')).toHaveText([
		`${good.stability.toFixed(1)} days`,
		`${good.difficulty.toFixed(1)} of 10`,
		'100%'
	]);
	await expect(memory.getByRole('term')).toHaveText(['Stability', 'Difficulty', 'Chance of recall today']);
});

test('a new card has no FSRS memory on its page', async ({ page }) => {
	await page.goto('/browse');
	await page.getByRole('list').getByRole('link').first().click();
	await expect(page.getByText('Not answered yet.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Memory (FSRS)' })).toHaveCount(0);
});
