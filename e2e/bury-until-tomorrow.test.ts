// A learner buries a card they do not want to see today (Anki's Bury): one tap from the card's
// actions, the next card comes, and the buried one waits until the next study day, reload or not.
import { expect, test } from '@playwright/test';
import { cardFront, cardsLeft, deckCounts, openHome, startStudy } from './helpers';

test('Bury until tomorrow takes the card out of today, across a reload, and the next day brings it back', async ({ page }) => {
	await page.clock.setFixedTime(new Date(2026, 10, 10, 10, 0, 0));
	await openHome(page);
	await startStudy(page);
	await expect(cardsLeft(page)).toHaveText('13 left');
	const buried = (await cardFront(page).textContent())!;
	await page.getByRole('toolbar', { name: 'Card actions' }).getByRole('button', { name: 'Bury until tomorrow' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Card buried until tomorrow.' })).toBeVisible();
	await expect(cardsLeft(page)).toHaveText('12 left');
	await expect(cardFront(page)).not.toHaveText(buried);

	await page.reload();
	await expect(cardsLeft(page)).toHaveText('12 left');
	await expect(cardFront(page)).not.toHaveText(buried);
	await openHome(page);
	await expect(deckCounts(page)).toContainText('12 new');

	await page.clock.setFixedTime(new Date(2026, 10, 11, 10, 0, 0));
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
	await startStudy(page);
	await expect(cardFront(page)).toHaveText(buried);
});

test('a card buried or suspended by mistake comes back with Undo, first, and stays back after a reload', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	const actions = page.getByRole('toolbar', { name: 'Card actions' });
	const undo = actions.getByRole('button', { name: 'Undo' });
	await expect(undo).toBeDisabled();
	const first = (await cardFront(page).textContent())!;
	await actions.getByRole('button', { name: 'Bury until tomorrow' }).click();
	await expect(cardsLeft(page)).toHaveText('12 left');
	const second = (await cardFront(page).textContent())!;
	await actions.getByRole('button', { name: 'Suspend' }).click();
	await expect(cardsLeft(page)).toHaveText('11 left');

	await undo.click();
	await expect(page.getByRole('status').filter({ hasText: 'Suspension undone.' })).toBeVisible();
	await expect(cardFront(page)).toHaveText(second);
	await expect(cardsLeft(page)).toHaveText('12 left');
	await page.keyboard.press('z');
	await expect(page.getByRole('status').filter({ hasText: 'Burial undone.' })).toBeVisible();
	await expect(cardFront(page)).toHaveText(first);
	await expect(cardsLeft(page)).toHaveText('13 left');
	await expect(undo).toBeDisabled();

	await page.reload();
	await expect(cardsLeft(page)).toHaveText('13 left');
	await expect(cardFront(page)).toHaveText(first);
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
});
