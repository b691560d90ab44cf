// Two tabs on one deck, as a learner who left the app open in one and opened it again in
// another: a card is answered once, whichever tab is first, and the other tab moves on saying so.
import { expect, test, type Page } from '@playwright/test';
import { decodeEntries, type LogDayRecord } from '../src/lib/db/log-codec';
import type { CardSnapshot, LogEntry } from '../src/lib/srs/types';
import { cardFront, openHome, startStudy } from './helpers';

/** The log and the cards as stored, read with the raw API in the page, decoded here by the app's codec. */
async function stored(page: Page): Promise<{ entries: LogEntry[]; cards: Map<string, CardSnapshot & { id: string }> }> {
	const raw = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('glossary-flashcards');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const [log, cards] = await Promise.all([all<LogDayRecord>('log'), all<CardSnapshot & { id: string }>('cards')]);
		db.close();
		// Typed arrays do not cross to the test as such: as plain arrays.
		return { log: log.map((record) => ({ ...record, numbers: [...record.numbers] })), cards };
	});
	const entries = raw.log.flatMap((record) => decodeEntries({ ...record, numbers: Float64Array.from(record.numbers) } as LogDayRecord));
	return { entries: entries.sort((a, b) => a.time - b.time), cards: new Map(raw.cards.map((card) => [card.id, card])) };
}

const schedule = ({ status, state, dueDay, lapses, leech, lastAnsweredAt }: CardSnapshot): CardSnapshot => ({
	status,
	state,
	dueDay,
	lapses,
	leech,
	lastAnsweredAt
});

/** No card answered twice today, and each entry's before-state is what was stored when it was written. */
function expectOneAnswerEach(log: Awaited<ReturnType<typeof stored>>, answered: number): void {
	const answers = log.entries.filter((entry) => entry.kind === 'answer');
	expect(answers).toHaveLength(answered);
	expect(new Set(answers.map((entry) => entry.cardId)).size).toBe(answered);
	for (const entry of answers) {
		expect(entry.before.status).toBe('new');
		expect(entry.before.lastAnsweredAt).toBe(0);
		expect(schedule(log.cards.get(entry.cardId)!)).toEqual(entry.after);
		// Good on a new card: due tomorrow, not 6 days out (a second Good on top of the first).
		expect(entry.after.state.interval).toBe(1);
	}
}

async function twoTabs(page: Page): Promise<Page> {
	await openHome(page);
	const other = await page.context().newPage();
	await openHome(other);
	await startStudy(page);
	await startStudy(other);
	return other;
}

async function reveal(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
}

test('alternating tabs: the tab that answers second is told and moves on, and no card is answered twice', async ({ page }) => {
	const other = await twoTabs(page);
	for (let round = 0; round < 3; round++) {
		// Both tabs show the same card; A answers it first.
		const front = await cardFront(page).textContent();
		await expect(cardFront(other)).toHaveText(front!);
		await reveal(page);
		await reveal(other);
		await page.getByRole('button', { name: 'Good', exact: true }).click();
		await expect(cardFront(page)).not.toHaveText(front!);
		// B's Good is not applied on top of A's: B moves on to the card A shows now.
		await other.getByRole('button', { name: 'Good', exact: true }).click();
		await expect(other.getByRole('status')).toHaveText('Answered in another tab');
		await expect(cardFront(other)).toHaveText((await cardFront(page).textContent())!);
		await expect(other.getByRole('button', { name: 'Show answer' })).toBeVisible();
	}
	expectOneAnswerEach(await stored(page), 3);
	await other.close();
});

test('simultaneous answers in two tabs: one is applied, the other tab is told', async ({ page }) => {
	const other = await twoTabs(page);
	for (let round = 0; round < 3; round++) {
		const front = await cardFront(page).textContent();
		await expect(cardFront(other)).toHaveText(front!);
		await reveal(page);
		await reveal(other);
		await Promise.all([
			page.getByRole('button', { name: 'Good', exact: true }).click(),
			other.getByRole('button', { name: 'Good', exact: true }).click()
		]);
		await expect(cardFront(page)).not.toHaveText(front!);
		await expect(cardFront(other)).not.toHaveText(front!);
		const told = async () =>
			[await page.getByRole('status').textContent(), await other.getByRole('status').textContent()].filter(
				(text) => text?.trim() === 'Answered in another tab'
			).length;
		await expect.poll(told).toBe(1);
	}
	expectOneAnswerEach(await stored(page), 3);
	await other.close();
});
