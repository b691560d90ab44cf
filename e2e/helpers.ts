// What a learner does again and again in the journeys: open the app, study, read the screen.
import { expect, type BrowserContext, type Page } from '@playwright/test';

export const deckTitle = 'Soft Skills';

/** Opens the home page and waits until the decks are loaded from IndexedDB. */
export async function openHome(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByText(/answers? today/)).toBeVisible();
}

export function deckCounts(page: Page, title = deckTitle) {
	return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

export async function startStudy(page: Page, title = deckTitle): Promise<void> {
	await page.getByRole('link', { name: `Study ${title}` }).click();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
}

export function cardFront(page: Page) {
	return page.getByRole('article', { name: 'Card' }).locator('p').first();
}

/**
 * The review screen's "N left". By role, so that only the screen on view counts: while the app
 * takes over from the card the service worker wrote, its own screen is already there, hidden.
 */
export function cardsLeft(page: Page) {
	return page.getByRole('list', { name: 'Left today' }).getByText(/^\d+ left$/);
}

/** Reveals the answer and gives a grade by its button, waiting until the answer is saved. */
export async function answer(page: Page, grade: 'Again' | 'Hard' | 'Good' | 'Easy'): Promise<void> {
	await page.getByRole('button', { name: 'Show answer' }).click();
	const before = await cardFront(page).textContent();
	await page.getByRole('button', { name: grade, exact: true }).click();
	// The next card (or the end) shows only after the answer is committed.
	await expect(page.getByRole('button', { name: 'Show answer' }).or(page.getByRole('heading', { name: 'Session complete' }))).toBeVisible();
	return void before;
}

/** Sets a number in Settings' Study section (by its label) and waits for its Saved. */
export async function setStudyNumber(page: Page, label: string, value: number | string): Promise<void> {
	await page.goto('/settings');
	const field = page.getByLabel(label);
	await expect(field).toBeEnabled();
	await field.fill(String(value));
	await field.press('Enter');
	await expect(
		page
			.getByRole('region', { name: 'Study' })
			.getByRole('status')
			.filter({ hasText: /^Saved$/ })
	).toBeVisible();
}

/** Another page of the app's origin deletes the database; the open app lets go of it. */
export async function deleteTheDatabase(context: BrowserContext): Promise<void> {
	const other = await context.newPage();
	await other.goto('/manifest.webmanifest');
	await other.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase('glossary-flashcards');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			})
	);
	await other.close();
}
