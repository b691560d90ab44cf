// The device runs out of space while the learner studies: the database still takes the answers,
// but the safety copy beside it can't be written. The learner is told where they are, in words,
// until space is back; then the answers that waited are copied and the words go.
import { expect, test, type Page } from '@playwright/test';
import { answer, deleteTheDatabase, openHome, startStudy } from './helpers';
import { overflowing, seriousViolations } from './page-checks';

const warning = (page: Page) => page.getByRole('alert').filter({ hasText: 'safety copy can’t be written' });

/** The journal's entries on the disk: each frame is [length][checksum][JSON] (src/lib/journal/codec.ts). */
function journalAnswers(page: Page) {
	return page.evaluate(async () => {
		const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('glossary-flashcards', { create: true });
		const times: number[] = [];
		for await (const [name, handle] of (folder as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) {
			if (!name.startsWith('journal-')) continue;
			const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
			const view = new DataView(bytes.buffer);
			for (let at = 0; at + 8 <= bytes.length;) {
				const length = view.getUint32(at, true);
				const record = JSON.parse(new TextDecoder().decode(bytes.subarray(at + 8, at + 8 + length)));
				if (record.entry.type === 'log') times.push(record.entry.entry.time);
				at += 8 + length;
			}
		}
		return times.sort();
	});
}

test('with storage full, the review screen and the home page say the safety copy can’t be written, until space is back', async ({
	page,
	context
}) => {
	await openHome(page);
	await startStudy(page);
	await answer(page, 'Good');
	expect(await journalAnswers(page)).toHaveLength(1);

	// The device is full: the browser grants this site no more space than it uses.
	const cdp = await context.newCDPSession(page);
	const origin = new URL(page.url()).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
	await answer(page, 'Easy');
	await expect(warning(page)).toHaveText(
		/^This device’s safety copy can’t be written: storage is full\. Your answers are saved, but if the browser lost its data now, the answers since \d{1,2}:\d{2}( [AP]M)? would be lost\. Free some space on this device, or export a backup in Settings\.$/
	);
	expect(await journalAnswers(page)).toHaveLength(1);
	// Said where the learner goes next too, and the answer counts: it is in the database.
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByText('2 answers today')).toBeVisible();
	await expect(warning(page)).toBeVisible();
	// Whole on the narrowest phone, and to a screen reader.
	await page.setViewportSize({ width: 320, height: 700 });
	expect(await overflowing(page)).toEqual([]);
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 390, height: 844 });

	// Space is back: the answer that waited is copied (tried again on a timer), and the words go.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await expect(warning(page)).toBeHidden({ timeout: 15_000 });
	// The automatic backup, which failed too, is tried again at once: nothing is left to say.
	await expect(page.getByRole('alert')).toHaveCount(0);

	// And nothing was lost: with the database gone now, both answers come back.
	await deleteTheDatabase(context);
	await openHome(page);
	const offer = page.getByRole('region', { name: 'Your answers are missing from this browser' });
	await offer.getByRole('button', { name: /\(2 answers\)$/ }).click();
	await expect(page.getByText('2 answers today')).toBeVisible();
});
