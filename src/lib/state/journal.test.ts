// The safety copy as the screens use it, over a journal in memory that a test can fill up.
import 'fake-indexeddb/auto';
import { afterEach, expect, test, vi } from 'vitest';
import { folderJournal, type JournalStore } from '$lib/journal/client';
import { memoryFolder } from '$lib/journal/files';
import { checkRecord } from '$lib/journal/check';
import { journalKey, type Change } from '$lib/journal/entries';
import { Journal, sinceWords } from './journal.svelte';

afterEach(() => vi.useRealTimers());

const suspend = (cardId: string, time: number): Change => ({ type: 'suspend', cardId, time, suspended: true });

/** A journal on a disk of `room` bytes (Infinity: never full), for the install 'phone'. */
function journalOn(room = Infinity) {
	const folder = memoryFolder();
	folder.full = room;
	const store = folderJournal(folder);
	const journal = new Journal(async () => store);
	journal.useInstall('phone');
	const written = async () => (await store.read('phone')).records.flatMap((value) => checkRecord(value)?.entry ?? []);
	return { folder, store, journal, written };
}

test('a change is acknowledged once the database and the journal both have it', async () => {
	const { journal, written } = journalOn();
	const result = await journal.alongside(suspend('d:a', 1000), async () => 'saved');
	expect(result).toBe('saved');
	expect(await written()).toEqual([suspend('d:a', 1000)]);
	expect(journal.kind).toBe('file');
	expect(journal.warning).toBe('');
});

test('storage full: the change is saved in the database, the screens say since when, and the words go once the copy is written', async () => {
	const { folder, journal, written } = journalOn(0);
	const at = new Date(2026, 2, 10, 14, 2).getTime();
	expect(await journal.append([suspend('d:a', at)])).toBe(false);
	expect(journal.warning).toBe(
		`This device’s safety copy can’t be written: storage is full. Your answers are saved, but if the browser lost its data now, the answers since ${sinceWords(at, Date.now())} would be lost. Free some space on this device, or export a backup in Settings.`
	);
	// Still full: the next change waits with the first, and the time stays the first's.
	expect(await journal.append([suspend('d:b', at + 60_000)])).toBe(false);
	expect(journal.since).toBe(at);
	folder.full = Infinity;
	// Space is back: the next write takes everything that waited.
	expect(await journal.append([])).toBe(true);
	expect(await written()).toEqual([suspend('d:a', at), suspend('d:b', at + 60_000)]);
	expect(journal.warning).toBe('');
});

test('a failed backup is said too, and goes with the next one written', () => {
	const { journal } = journalOn();
	journal.backupProblem = 'storage is full';
	expect(journal.warning).toBe(
		'This device’s automatic backup can’t be written: storage is full. Your answers are saved, and kept in the safety copy for now. Free some space on this device.'
	);
	journal.backedUp();
	expect(journal.warning).toBe('');
});

test('a write the database refuses after the journal took its entry withdraws the entry', async () => {
	const { journal, written } = journalOn();
	const entry = suspend('d:a', 1000);
	await expect(
		journal.alongside(entry, async () => {
			throw new Error('Your last answer was not saved');
		})
	).rejects.toThrow('Your last answer was not saved');
	await journal.append([]);
	const entries = await written();
	expect(entries[0]).toEqual(entry);
	expect(entries[1]).toMatchObject({ type: 'withdrawn', key: journalKey(entry) });
});

test('a journal that does not answer never holds an answer up: after 3 s it counts as failed', async () => {
	vi.useFakeTimers();
	const stuck: JournalStore = { ...folderJournal(memoryFolder()), append: () => new Promise(() => {}) };
	const journal = new Journal(async () => stuck);
	journal.useInstall('phone');
	const copied = journal.append([suspend('d:a', 1000)]);
	await vi.advanceTimersByTimeAsync(3000);
	expect(await copied).toBe(false);
	expect(journal.problem).toBe('it did not answer in time');
});

test('the time is the hour today, and the date too on another day', () => {
	const now = new Date(2026, 2, 10, 18, 30).getTime();
	expect(sinceWords(new Date(2026, 2, 10, 14, 2).getTime(), now)).toBe(
		new Date(2026, 2, 10, 14, 2).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
	);
	expect(sinceWords(new Date(2026, 2, 9, 14, 2).getTime(), now)).toBe(
		new Date(2026, 2, 9, 14, 2).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
	);
});

test('a browser with nowhere to keep the journal says so from the start', async () => {
	const journal = new Journal(async () => undefined);
	await journal.start();
	expect(journal.kind).toBeNull();
	expect(journal.warning).toBe(
		'This device’s safety copy can’t be written: this browser has nowhere to keep it. Your answers are saved, but if the browser lost its data now, they would be lost. Export a backup in Settings now and then.'
	);
});
