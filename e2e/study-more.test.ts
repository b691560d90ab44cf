// A learner who reached the day's limit asks for more: more new cards (kept after a reload), or
// tomorrow's reviews ahead of time (Anki's custom study), on a phone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answer, deckCounts, openHome, setStudyNumber, startStudy } from './helpers';

const today = (page: Page) => page.getByRole('list', { name: 'Left today' });

test('after the limit, Study more gives more new cards today, and a reload keeps them', async ({ page }) => {
	await openHome(page);
	await setStudyNumber(page, 'New cards per day', 2);
	await openHome(page);
	await expect(deckCounts(page)).toContainText('2 new');
	// Nothing to offer while cards are left today.
	await expect(deckCounts(page).getByRole('button', { name: 'Study more' })).toHaveCount(0);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Good');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();

	await page.getByRole('button', { name: 'Study more', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Study more: Soft Skills' });
	await expect(dialog.getByLabel('New cards to add today')).toHaveValue('10');
	await expect(dialog.getByLabel('New cards to add today')).toBeFocused();
	const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious).toEqual([]);
	// An impossible number is refused, saying why, and nothing starts.
	await dialog.getByLabel('New cards to add today').fill('0');
	await dialog.getByRole('button', { name: "Increase today's new card limit" }).click();
	await expect(dialog.getByRole('alert')).toHaveText('The number of extra new cards must be a whole number from 1 to 9999 (got 0).');
	await dialog.getByLabel('New cards to add today').fill('3');
	await dialog.getByRole('button', { name: "Increase today's new card limit" }).click();
	await expect(dialog).toBeHidden();
	// The session starts at once with the three more.
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await expect(today(page)).toContainText('3 new');
	await answer(page, 'Good');
	await expect(today(page)).toContainText('2 new');

	await page.reload();
	await expect(today(page)).toContainText('2 new');
	await openHome(page);
	await expect(deckCounts(page)).toContainText('2 new');
});

test('Review ahead shows cards not yet due, offered on the home row of a deck done for the day', async ({ page }) => {
	// Two cards learned over two days are next due in 6 days; new cards are off.
	await page.clock.setFixedTime(new Date(2026, 10, 2, 10, 0, 0));
	await openHome(page);
	await setStudyNumber(page, 'New cards per day', 2);
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Good');
	await page.clock.setFixedTime(new Date(2026, 10, 3, 10, 0, 0));
	await setStudyNumber(page, 'New cards per day', 0);
	await openHome(page);
	await expect(deckCounts(page)).toContainText('2 due');
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Good');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();

	await page.clock.setFixedTime(new Date(2026, 10, 5, 10, 0, 0));
	await openHome(page);
	const row = deckCounts(page);
	await expect(row).toContainText('0 new');
	await expect(row).toContainText('0 due');
	// Done for today with unseen and later cards: the deck's row offers Study more.
	const studyMore = row.getByRole('button', { name: 'Study more', exact: true });
	await expect(studyMore).toHaveAccessibleDescription('Soft Skills');
	await studyMore.click();
	const dialog = page.getByRole('dialog', { name: 'Study more: Soft Skills' });
	await expect(dialog.getByLabel('Reviews due in the next days')).toHaveValue('3');
	// Due on the 9th: three days ahead of the 5th is not enough, four is.
	await dialog.getByRole('button', { name: 'Review ahead' }).click();
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	await page.getByRole('button', { name: 'Study more', exact: true }).click();
	await dialog.getByLabel('Reviews due in the next days').fill('4');
	await dialog.getByRole('button', { name: 'Review ahead' }).click();
	await expect(today(page)).toContainText('2 due');
	await answer(page, 'Good');
	await expect(today(page)).toContainText('1 due');

	// Only the card answered ahead moved: the other is still due on the 9th, as before.
	await page.clock.setFixedTime(new Date(2026, 10, 9, 10, 0, 0));
	await openHome(page);
	await expect(deckCounts(page)).toContainText('1 due');
});
