// Switching a deck to FSRS and back, on a phone: FSRS's intervals on the four buttons, studying
// with them, and SM-2's intervals exactly as they were once the deck is back on SM-2.
import { expect, test, type Page } from '@playwright/test';
import { describeFsrsInterval, FsrsScheduler, newFsrsState, studyClock } from '../src/lib/srs/fsrs';
import { cardFront, deckTitle, openHome, setStudyNumber, startStudy } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const GRADES = ['Again', 'Hard', 'Good', 'Easy'] as const;

/** The four buttons' captions ("Good · 1d"), once the answer is shown. */
async function captions(page: Page): Promise<string[]> {
	await page.getByRole('button', { name: 'Show answer' }).click();
	const texts: string[] = [];
	for (const grade of GRADES)
		texts.push((await page.getByRole('button', { name: grade, exact: true }).textContent())!.replace(/\s+/g, ' ').trim());
	return texts;
}

async function grade(page: Page, name: (typeof GRADES)[number]): Promise<void> {
	await page.getByRole('button', { name, exact: true }).click();
	await expect(page.getByRole('button', { name: 'Show answer' }).or(page.getByRole('heading', { name: 'Session complete' }))).toBeVisible();
}

async function deckScheduler(page: Page, choice: 'SM-2' | 'FSRS'): Promise<void> {
	// A deck's own scheduler is one of its Deck options, reached from Settings' deck list.
	await page.goto('/settings');
	await page.getByRole('link', { name: `Deck options of ${deckTitle}` }).click();
	const form = page.getByRole('form', { name: `Options of ${deckTitle}` });
	await form.getByRole('combobox', { name: 'Scheduler' }).selectOption({ label: choice });
	await expect(form.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(1);
}

test('a deck switched to FSRS shows FSRS’s intervals and studies with them; back on SM-2 its intervals are exactly as before', async ({
	page
}) => {
	await openHome(page);
	await setStudyNumber(page, 'New cards per day', 2);

	// On SM-2: two new cards answered Hard come back today, in SuperMemo's same-day repetition.
	await openHome(page);
	await startStudy(page);
	const sm2New = await captions(page);
	expect(sm2New).toEqual(['Again · today', 'Hard · 1d + again today', 'Good · 1d', 'Easy · 1d']);
	await grade(page, 'Hard');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await grade(page, 'Hard');
	const repeated = await cardFront(page).textContent();
	const sm2Repeat = await captions(page);
	expect(sm2Repeat).not.toEqual(sm2New);

	// On FSRS, with two more new cards for today: a new card's buttons are FSRS's, its learning
	// steps in minutes (1m 10m) and Easy in days.
	await deckScheduler(page, 'FSRS');
	await setStudyNumber(page, 'New cards per day', 4);
	await openHome(page);
	await startStudy(page);
	const fsrs = new FsrsScheduler();
	const at = studyClock(20_000, 3_600_000);
	const preview = fsrs.preview(newFsrsState(), at, [1, 3, 4, 5]);
	const fsrsNew = GRADES.map((name, i) => `${name} · ${describeFsrsInterval(preview[i]!, at)}`);
	expect(fsrsNew[0]).toBe('Again · 1m');
	expect(fsrsNew[2]).toBe('Good · 10m');
	expect(await captions(page)).toEqual(fsrsNew);
	expect(fsrsNew).not.toEqual(sm2New);
	// Good takes it to its 10-minute step: it stays for today, counted as "again today".
	const studied = (await cardFront(page).textContent())!;
	await grade(page, 'Good');
	await expect(page.getByText('3 again today')).toBeVisible();
	expect(await captions(page)).toEqual(fsrsNew);
	await grade(page, 'Easy');

	// Its page says what FSRS makes of it: the first Good's stability and difficulty, sure recall.
	const good = fsrs.review(newFsrsState(), 4, at);
	await page.goto('/browse');
	await page.getByRole('searchbox', { name: 'Search cards' }).fill(studied);
	await page.getByRole('link', { name: studied }).first().click();
	const memory = page.getByRole('region', { name: 'Memory (FSRS)' });
	await expect(memory.getByRole('definition')).toHaveText([
		`${good.stability.toFixed(1)} days`,
		`${good.difficulty.toFixed(1)} of 10`,
		'100%'
	]);

	// Back on SM-2: the card repeated on SM-2 (not answered on FSRS) shows exactly its intervals.
	await deckScheduler(page, 'SM-2');
	await openHome(page);
	await startStudy(page);
	await expect(cardFront(page)).toHaveText(repeated!);
	expect(await captions(page)).toEqual(sm2Repeat);
});

test('FSRS chosen in Settings switches the decks that follow it; with six grades set, a deck on FSRS still has four buttons and says why', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'Six grades (0–5)' }).check();
	await expect(page.getByRole('group', { name: 'Answer buttons' }).getByRole('status')).toHaveText('Saved');
	const scheduler = page.getByRole('group', { name: 'Scheduler' });
	await scheduler.getByRole('radio', { name: 'FSRS' }).check();
	await expect(scheduler.getByRole('status')).toHaveText('Saved');
	await expect(page.getByRole('spinbutton', { name: 'Desired retention' })).toHaveValue('0.9');
	await expect(page.getByRole('textbox', { name: 'Learning steps', exact: true })).toHaveValue('1m 10m');
	// Served cross-origin isolated, FSRS's optimizer can run: FSRS uses its defaults until fitted.
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
	await expect(page.getByRole('group', { name: 'FSRS parameters' }).getByText('FSRS uses its default parameters.')).toBeVisible();
	await page.getByRole('link', { name: `Deck options of ${deckTitle}` }).click();
	await expect(page.getByRole('form', { name: `Options of ${deckTitle}` }).getByText('Now FSRS, as in Settings.')).toBeVisible();

	await openHome(page);
	await startStudy(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	const grades = page.getByRole('group', { name: 'How well did you remember?' });
	await expect(grades.getByRole('button')).toHaveText([/^Again\s+· 1m$/, /^Hard\s+· \d+m$/, /^Good\s+· 10m$/, /^Easy\s+· \d+d$/]);
	await expect(
		page.getByText(
			'This deck uses FSRS, which rates an answer Again, Hard, Good or Easy: four buttons, not the six grades set in Settings.'
		)
	).toBeVisible();

	// Back on SM-2 in Settings, the six grades are back.
	await page.goto('/settings');
	await page.getByRole('group', { name: 'Scheduler' }).getByRole('radio', { name: 'SM-2' }).check();
	await expect(page.getByRole('group', { name: 'Scheduler' }).getByRole('status')).toHaveText('Saved');
	await openHome(page);
	await startStudy(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(grades.getByRole('button')).toHaveCount(6);
	await expect(page.getByText(/four buttons, not the six grades/)).toHaveCount(0);
});
