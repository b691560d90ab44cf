// A learner takes a glossary deck to Anki from its Deck options: as Anki's text format, and as a
// package without progress, whose cards all start new there.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { deckTitle, openHome } from './helpers';
import { widthProblems } from './page-checks';

test.use({ viewport: { width: 320, height: 640 } });

test('a learner exports a glossary deck as text for Anki, and as a package without progress', async ({ page }) => {
	await openHome(page);
	await page.goto('/settings');
	await page.getByRole('link', { name: `Deck options of ${deckTitle}` }).click();
	const exportButton = page.getByRole('button', { name: 'Export as text (.txt)' });
	await expect(exportButton).toBeVisible();
	expect(await widthProblems(page)).toEqual({ overflowing: [], atTheEdge: [] });
	const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious).toEqual([]);

	const [text] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
	expect(text.suggestedFilename()).toBe(`${deckTitle}.txt`);
	const lines = readFileSync(await text.path(), 'utf8').split('\n');
	expect(lines.slice(0, 6)).toEqual([
		'#separator:tab',
		'#html:false',
		'#guid column:1',
		'#notetype column:2',
		'#deck column:3',
		'#tags column:6'
	]);
	expect(lines[6]).toMatch(new RegExp(`^[^\\t]+\\tBasic\\t${deckTitle}\\tWhat are Soft Skills in Product Management\\?\\t`));
	const notes = lines.filter((line) => line.includes(`\tBasic\t${deckTitle}\t`)).length;
	await expect(page.getByRole('status').filter({ hasText: `Exported ${notes} notes to ${deckTitle}.txt.` })).toBeVisible();

	await page.getByRole('checkbox', { name: 'Include progress' }).uncheck();
	const [apkg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export for Anki (.apkg)' }).click()]);
	expect(apkg.suggestedFilename()).toBe(`${deckTitle}.apkg`);
	// A zip: "PK\\3\\4".
	expect([...readFileSync(await apkg.path()).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
	await expect(
		page.getByRole('status').filter({ hasText: new RegExp(`^Exported ${notes} cards to ${deckTitle}\\.apkg\\.$`) })
	).toBeVisible();
});
