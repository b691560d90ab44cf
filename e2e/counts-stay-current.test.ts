// A learner leaves the home page open: its numbers follow what another tab answers, and the new
// study day when the clock passes the day start (04:00), without a reload.
import { expect, test } from '@playwright/test';
import { answer, deckCounts, openHome, setStudyNumber, startStudy } from './helpers';

test('the home counts follow an answer given in another tab', async ({ page, context }) => {
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
	const other = await context.newPage();
	await openHome(other);
	await startStudy(other);
	await answer(other, 'Good');
	await answer(other, 'Good');
	// No reload, no focus change: the first tab hears of the answers.
	await expect(deckCounts(page)).toContainText('11 new');
	await expect(page.getByText('2 answers today')).toBeVisible();
});

test('the home counts move to the new study day when the clock passes the day start', async ({ page }) => {
	await page.clock.install({ time: new Date(2026, 10, 10, 3, 40, 0) });
	await setStudyNumber(page, 'New cards per day', 1);
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await openHome(page);
	await expect(deckCounts(page)).toContainText('0 new');
	await expect(page.getByRole('heading', { name: 'All done for today' })).toBeVisible();

	// 04:00 starts the next study day: the card answered yesterday is due, one new card is allowed.
	await page.clock.fastForward('30:00');
	await expect(deckCounts(page)).toContainText('1 new');
	await expect(deckCounts(page)).toContainText('1 due');
	await expect(page.getByRole('heading', { name: 'All done for today' })).toBeHidden();
});
