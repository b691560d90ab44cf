// A learner on a 320 px phone: every screen fits, nothing sticks out sideways, and the six grades
// are readable in words.
import { expect, test } from '@playwright/test';
import { openHome, setStudyNumber, startStudy } from './helpers';
import { lineCount, widthProblems } from './page-checks';

test.use({ viewport: { width: 320, height: 568 } });

test('no screen overflows at 320 px, checked for every element', async ({ page }) => {
	await openHome(page);
	expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
	// The home line wraps after its separator, never before it: no line starts with "·".
	const line = page.locator('p', { hasText: 'Answer a card today to start a streak' });
	const dot = line.getByText('·', { exact: true });
	const [lineBox, dotBox] = [await line.boundingBox(), await dot.boundingBox()];
	expect(dotBox!.x).toBeGreaterThan(lineBox!.x + 10);
	await startStudy(page);
	expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
	await page.getByRole('button', { name: 'Show answer' }).click();
	expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
	for (const screen of ['/stats', '/settings', '/browse', '/import']) {
		await page.goto(screen);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.waitForTimeout(300);
		expect(await widthProblems(page), screen).toEqual({ overflowing: [], atTheEdge: [] });
	}
});

test('the screens of a day past the limit fit at 320 px too: Session complete, Study more, Deck options, a card', async ({ page }) => {
	// The card's history then shows one of the widest times of a day ("10:58 PM"), whenever this runs.
	await page.clock.setFixedTime(new Date(2026, 11, 30, 22, 58));
	await setStudyNumber(page, 'New cards per day', 1);
	await openHome(page);
	await startStudy(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: 'Good', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Study more', exact: true })).toBeVisible();
	expect(await widthProblems(page), 'Session complete').toEqual({ overflowing: [], atTheEdge: [] });
	await page.getByRole('button', { name: 'Study more', exact: true }).click();
	await expect(page.getByRole('dialog', { name: 'Study more: Soft Skills' })).toBeVisible();
	expect(await widthProblems(page), 'Study more').toEqual({ overflowing: [], atTheEdge: [] });
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await openHome(page);
	await expect(page.getByRole('button', { name: 'Study more', exact: true })).toBeVisible();
	expect(await widthProblems(page), 'home with Study more').toEqual({ overflowing: [], atTheEdge: [] });
	// Beside Study more the deck's title keeps its words whole: the numbers go below it instead.
	expect(await lineCount(page.getByRole('heading', { level: 3, name: 'Soft Skills' }))).toBe(1);
	await page.goto('/decks/soft-skills');
	await expect(page.getByLabel('New cards per day')).toBeEnabled();
	expect(await widthProblems(page), 'Deck options').toEqual({ overflowing: [], atTheEdge: [] });
	await page.goto('/browse');
	// Any card's page: the first card link of the list (its name is the card's text).
	await page.locator('main a[href^="/browse/"]').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.waitForTimeout(300);
	expect(await widthProblems(page), 'a card').toEqual({ overflowing: [], atTheEdge: [] });
	// Its history's date breaks between the day and the time, never inside them: two lines at most.
	const answered = page.getByRole('table').getByRole('row').nth(1).getByRole('cell').first();
	await expect(answered).toHaveText(/^\w{3} \d{1,2}, \d{1,2}:\d{2}\s?[AP]M$/);
	expect(await lineCount(answered.locator('time'))).toBeLessThanOrEqual(2);
});

test('the six grades show their meanings in words, each fully on screen at 320 px', async ({ page }) => {
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'Six grades (0–5)' }).check();
	await expect(page.getByRole('group', { name: 'Answer buttons' }).getByRole('status')).toHaveText('Saved');
	await openHome(page);
	await startStudy(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	const words = ['Blackout', 'Wrong, familiar', 'Wrong, nearly', 'Hard recall', 'Hesitant', 'Perfect'];
	for (const [grade, meaning] of words.entries()) {
		const button = page.getByRole('button', { name: String(grade), exact: true });
		await expect(button).toContainText(`${grade} ${meaning}`);
		const box = (await button.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(320);
		expect(box.y + box.height).toBeLessThanOrEqual(568);
		expect(box.height).toBeGreaterThanOrEqual(48);
	}
	expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
});
