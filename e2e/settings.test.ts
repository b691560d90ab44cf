import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { answer, deckCounts, openHome, startStudy } from './helpers';

async function openSettings(page: Page, hash = ''): Promise<void> {
	await page.goto(`/settings${hash}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	// The fields are enabled once the stored settings are loaded.
	await expect(page.getByLabel('New cards per day')).toBeEnabled();
}

async function answerOneCard(page: Page): Promise<void> {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	await openHome(page);
	await expect(deckCounts(page)).toContainText('12 new');
}

test('a backup brings back a deleted deck with its progress', async ({ page }) => {
	await answerOneCard(page);

	await openSettings(page, '#backup');
	await expect(page.getByText('No backup yet.')).toBeVisible();
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^glossary-flashcards-backup-\d{4}-\d{2}-\d{2}\.json$/);
	const file = await download.path();
	const backup = JSON.parse(await readFile(file, 'utf8'));
	expect(backup).toMatchObject({ format: 'glossary-flashcards-backup', version: 1 });
	expect([backup.decks.length, backup.cards.length, backup.reviews.length]).toEqual([1, 18, 1]);
	await expect(page.getByText(/^Last backup: /)).toBeVisible();

	await page.getByRole('button', { name: 'Delete deck Soft Skills' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete the deck Soft Skills with its 18 cards and their history?' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('status').filter({ hasText: 'Deleted the deck Soft Skills.' })).toBeVisible();
	await openHome(page);
	await expect(page.getByRole('link', { name: 'Study Soft Skills' })).toHaveCount(0);

	await openSettings(page);
	await page.getByLabel('Backup file').setInputFiles(file);
	await page.getByRole('button', { name: 'Import backup' }).click();
	await expect(page.getByRole('group', { name: 'Import this backup?' })).toContainText('1 deck, 18 cards, 1 review');
	await page.getByRole('button', { name: 'Replace everything on this device' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Imported 1 deck, 18 cards, 1 review.' })).toBeVisible();

	await openHome(page);
	await expect(deckCounts(page)).toContainText('12 new');
	await expect(page.getByText('1 answer today')).toBeVisible();
});

test('merging a backup says what it really added, not the file’s totals', async ({ page }) => {
	await answerOneCard(page);
	await openSettings(page, '#backup');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	const file = await (await downloading).path();

	// The same file merged straight back adds nothing.
	await page.getByLabel('Backup file').setInputFiles(file);
	await page.getByRole('button', { name: 'Import backup' }).click();
	await page.getByRole('button', { name: 'Merge with this device' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Merged: added 0 new decks, 0 new cards and 0 new answers.' })).toBeVisible();

	// After the deck is deleted, the merge brings back its deck, its cards and its one answer.
	await page.getByRole('button', { name: 'Delete deck Soft Skills' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Deleted the deck Soft Skills.' })).toBeVisible();
	await page.getByLabel('Backup file').setInputFiles(file);
	await page.getByRole('button', { name: 'Import backup' }).click();
	await page.getByRole('button', { name: 'Merge with this device' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Merged: added 1 new deck, 18 new cards and 1 new answer.' })).toBeVisible();
});

test('a broken backup file is refused and changes nothing', async ({ page }) => {
	await answerOneCard(page);
	await openSettings(page);
	const cutOff = '{"format":"glossary-flashcards-backup","version":1,"exportedAt":1,"decks":[{"id":"soft-skills","title":"Soft';
	await page.getByLabel('Backup file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(cutOff) });
	await page.getByRole('button', { name: 'Import backup' }).click();
	await expect(page.getByRole('alert')).toHaveText('This file is not a backup: it is not valid JSON. It may be cut off or damaged.');
	await expect(page.getByLabel('Backup file')).toHaveAccessibleDescription(/not valid JSON/);
	await expect(page.getByRole('button', { name: 'Replace everything on this device' })).toHaveCount(0);

	await openHome(page);
	await expect(deckCounts(page)).toContainText('12 new');
	await expect(page.getByText('1 answer today')).toBeVisible();
});

test('cancelling the delete dialog keeps the deck', async ({ page }) => {
	await openHome(page);
	await openSettings(page);
	await page.getByRole('button', { name: 'Delete deck Soft Skills' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('dialog')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Delete deck Soft Skills' })).toBeFocused();
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
});

test('settings are saved at once and apply without a reload; a wrong value is not saved', async ({ page }) => {
	await openHome(page);
	await expect(deckCounts(page)).toContainText('13 new');
	await page.getByRole('link', { name: 'Settings' }).click();
	const newPerDay = page.getByLabel('New cards per day');
	await expect(newPerDay).toBeEnabled();
	expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
		[]
	);

	await newPerDay.fill('5');
	await newPerDay.blur();
	await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(deckCounts(page)).toContainText('5 new');

	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(newPerDay).toHaveValue('5');
	await newPerDay.fill('10000');
	await newPerDay.blur();
	await expect(page.getByRole('alert')).toHaveText('New cards per day must be at most 9999');
	await expect(newPerDay).toHaveAttribute('aria-invalid', 'true');
	await expect(newPerDay).toHaveAccessibleDescription(/must be at most 9999/);
	await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toHaveCount(0);

	await page.reload();
	await expect(page.getByLabel('New cards per day')).toBeEnabled();
	await expect(page.getByLabel('New cards per day')).toHaveValue('5');
	await openHome(page);
	await expect(deckCounts(page)).toContainText('5 new');
});

test('the other settings save too: day start, answer buttons, theme, leeches', async ({ page }) => {
	await openSettings(page);
	await page.getByLabel('Study day starts at').selectOption({ label: '06:00' });
	await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
	await page.getByRole('radio', { name: 'Six grades (0–5)' }).check();
	await page.getByRole('radio', { name: 'Dark' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.getByRole('radio', { name: 'Tag only' }).check();
	await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Study day starts at')).toBeEnabled();
	await expect(page.getByLabel('Study day starts at')).toHaveValue('6');
	await expect(page.getByRole('radio', { name: 'Six grades (0–5)' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Tag only' })).toBeChecked();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a theme chosen in Settings wins over the system’s: Dark on a light system, Light on a dark one', async ({ page }) => {
	const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	await page.emulateMedia({ colorScheme: 'light' });
	await openSettings(page);
	expect(await background()).toBe('rgb(255, 255, 255)');
	await page.getByRole('radio', { name: 'Dark' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	expect(await background()).toBe('rgb(16, 20, 26)');
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.getByRole('radio', { name: 'Light' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	expect(await background()).toBe('rgb(255, 255, 255)');
	await page.getByRole('radio', { name: 'System' }).check();
	await expect(page.locator('html')).not.toHaveAttribute('data-theme');
	expect(await background()).toBe('rgb(16, 20, 26)');
});

test('FSRS options are checked like the study settings: a wrong one is refused by its field, a right one saved', async ({ page }) => {
	await openSettings(page);
	const scheduler = page.getByRole('region', { name: 'Scheduler' });
	const retention = scheduler.getByRole('spinbutton', { name: 'Desired retention' });
	await expect(retention).toBeEnabled();
	await retention.fill('1.5');
	await retention.press('Enter');
	await expect(scheduler.getByRole('alert')).toHaveText('Desired retention must be at most 0.97');
	await expect(retention).toHaveAttribute('aria-invalid', 'true');
	await expect(retention).toHaveAccessibleDescription(/^Desired retention must be at most 0\.97 The chance of remembering a card/);

	const steps = scheduler.getByRole('textbox', { name: 'Learning steps', exact: true });
	await steps.fill('1m soon');
	await steps.press('Enter');
	await expect(scheduler.getByRole('alert').filter({ hasText: 'soon' })).toHaveText(
		"Steps are times like 1m 10m 1h 1d, each from 1m to 30d; 'soon' is not one"
	);

	const longest = scheduler.getByRole('spinbutton', { name: 'Maximum interval (days)' });
	await longest.fill('400');
	await longest.press('Enter');
	await expect(scheduler.getByRole('status').filter({ hasText: /^Saved$/ })).toHaveCount(1);
	await expect(longest).not.toHaveAttribute('aria-invalid');

	await page.reload();
	await expect(longest).toBeEnabled();
	await expect(longest).toHaveValue('400');
	await expect(retention).toHaveValue('0.9');
	await expect(steps).toHaveValue('1m 10m');
});
