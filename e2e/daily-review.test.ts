import { expect, test } from '@playwright/test';
import { answer, cardFront, cardsLeft, deckCounts, openHome, startStudy } from './helpers';

test('a first run has the bundled deck ready to study', async ({ page }) => {
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
	await expect(deckCounts(page)).toContainText('0 due');
	await expect(page.getByRole('link', { name: 'Study Soft Skills' })).toBeVisible();
	for (const name of ['Add a glossary', 'Browse', 'Stats', 'Settings']) {
		await expect(page.getByRole('link', { name })).toBeVisible();
	}
});

test('a whole daily session with keys and taps, every grade, undo and the end', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await expect(cardsLeft(page)).toHaveText('13 left');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();

	// Keyboard: Space reveals, focus moves to Good, the buttons show what they would do.
	const first = await cardFront(page).textContent();
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeFocused();
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toContainText('Good · 1d');
	await expect(page.getByRole('button', { name: 'Again', exact: true })).toContainText('Again · today');
	// Hard on a new card: its 1-day interval, and SuperMemo's step 7 brings it back today as well.
	await expect(page.getByRole('button', { name: 'Hard', exact: true })).toContainText('Hard · 1d + again today');
	await expect(page.getByRole('button', { name: 'Easy', exact: true })).toContainText('Easy · 1d');
	await page.keyboard.press('3');
	await expect(cardsLeft(page)).toHaveText('12 left');
	const second = await cardFront(page).textContent();
	expect(second).not.toBe(first);

	// Z takes the answer back: the first card is shown again and counts again.
	await page.keyboard.press('z');
	await expect(cardFront(page)).toHaveText(first!);
	await expect(cardsLeft(page)).toHaveText('13 left');

	// Taps: Again brings the card back later today, Hard repeats it today too, Easy and Good move on.
	await answer(page, 'Again');
	await answer(page, 'Hard');
	await answer(page, 'Easy');
	await page.keyboard.press('Enter');
	await page.keyboard.press('4'); // Easy by key
	await expect(cardsLeft(page)).toHaveText('11 left');

	// The Undo button walks back across several cards.
	const fifth = await cardFront(page).textContent();
	await answer(page, 'Good');
	await answer(page, 'Good');
	await page.getByRole('button', { name: 'Undo' }).click();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(cardFront(page)).toHaveText(fifth!);

	// Study to the end with Good: the Again and Hard cards come back as same-day repeats.
	let answered = 4;
	while (await page.getByRole('button', { name: 'Show answer' }).isVisible()) {
		await answer(page, 'Good');
		answered++;
		expect(answered).toBeLessThan(40);
	}
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	// 13 cards (the 5 reversed list items wait: related cards are buried), plus the repeats of the
	// Again and the Hard card.
	expect(answered).toBe(15);
	await expect(page.getByText('15 cards answered in')).toBeVisible();
	await expect(page.getByText('13 reviews and 5 new tomorrow.')).toBeVisible();

	await page.getByRole('link', { name: 'Back home' }).click();
	await expect(page.getByRole('heading', { name: 'All done for today' })).toBeVisible();
	await expect(page.getByText('The next cards are due tomorrow.')).toBeVisible();
	await expect(page.getByText('15 answers today')).toBeVisible();
	await expect(page.getByText('1 day streak')).toBeVisible();
});

test('the answer buttons are big, at the bottom, and stay put between cards', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	const show = await page.getByRole('button', { name: 'Show answer' }).boundingBox();
	await page.getByRole('button', { name: 'Show answer' }).click();
	const boxes = [];
	for (const name of ['Again', 'Hard', 'Good', 'Easy']) boxes.push(await page.getByRole('button', { name, exact: true }).boundingBox());
	const viewport = page.viewportSize()!;
	for (const box of boxes) {
		expect(box!.height).toBeGreaterThanOrEqual(48);
		expect(box!.y + box!.height).toBeGreaterThan(viewport.height - 100);
	}
	expect(show!.y + show!.height).toBeGreaterThan(viewport.height - 100);
	await page.getByRole('button', { name: 'Good', exact: true }).click();
	await page.getByRole('button', { name: 'Show answer' }).click();
	const again = await page.getByRole('button', { name: 'Good', exact: true }).boundingBox();
	expect(again).toEqual(boxes[2]);
});

test('a double tap on Good gives one answer', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: 'Good', exact: true }).dblclick();
	await expect(cardsLeft(page)).toHaveText('12 left');
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByText('1 answer today')).toBeVisible();
});

test('a reload in the middle of a session resumes with nothing lost or counted twice', async ({ page }) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await answer(page, 'Again');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.reload();
	await expect(cardsLeft(page)).toHaveText('12 left');
	// Undo still reaches the answers given before the reload.
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(cardsLeft(page)).toHaveText('12 left');
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByText('1 answer today')).toBeVisible();
	await expect(deckCounts(page)).toContainText('12 new');
});

test('card text from a page is shown as text and never runs', async ({ page }) => {
	await page.goto('/import');
	const source = [
		'Evil Term',
		'',
		'What is Evil Term?',
		'',
		'Evil Term is <img src=x onerror=window.__xss=1> a definition with <script>window.__xss=2</script> markup in it.',
		'',
		'Frequently Asked Questions',
		'',
		'Question 1: Is <b>this</b> bold? Answer: No, <img src=x onerror=window.__xss=3> it is text.'
	].join('\n');
	await page.getByLabel('Glossary text').fill(source);
	await page.getByRole('button', { name: 'Create deck' }).click();
	// The page offers the new deck once it is saved.
	await expect(page.getByRole('link', { name: 'Study Evil Term' })).toBeVisible();
	await openHome(page);
	await startStudy(page, 'Evil Term');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByText('<img src=x onerror=window.__xss=1>', { exact: false }).first()).toBeVisible();
	await page.getByRole('button', { name: 'Good', exact: true }).click();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('article', { name: 'Card' })).toContainText('<img src=x onerror=window.__xss=3>');
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
	expect(await page.locator('article img, article script, article b').count()).toBe(0);
});
