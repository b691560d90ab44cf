// Automatic backups: which files are kept, and a backup written, listed and restored as the
// exported file would be, every answer back.
import { afterEach, describe, expect, test } from 'vitest';
import type { Grade } from '$lib/srs/sm2';
import {
	ANSWERS_PER_AUTO_BACKUP,
	autoBackupName,
	keepSafe,
	KEEP_AUTO_BACKUPS,
	latestAnswerAt,
	listAutoBackups,
	planAutoBackup,
	readAutoBackup,
	readAutoBackupName,
	restoreBackup,
	type AutoBackup
} from './auto-backup';
import { exportBackup } from './backup';
import { memoryFileStore } from './file-store';
import { readMarker } from './marker';
import { recordAnswer, saveDeck, saveSettings, undoLastAnswer } from './index';
import { closeDatabases, dump, freshDatabase, makeDeck, numberedSpecs, settings, timeOn, TODAY } from './test-helpers';
import type { FlashcardsDb } from './schema';

afterEach(closeDatabases);

/** Study days by 24-hour blocks: enough for planAutoBackup, which only compares them. */
const dayOf = (time: number) => Math.floor(time / 86_400_000);
const DAY = 86_400_000;
const T = 1_770_000_000_000;
const backup = (exportedAt: number, answers: number, installId = 'install-a'): AutoBackup => ({
	name: autoBackupName(exportedAt, answers, installId),
	exportedAt,
	answers,
	installId
});
/** The next backup of install-a. */
const next = (exportedAt: number, answers: number, more: { installId?: string; keepNewest?: boolean } = {}) => ({
	exportedAt,
	answers,
	installId: 'install-a',
	...more
});

describe('planAutoBackup', () => {
	test('the first backup is written and nothing removed', () => {
		expect(planAutoBackup([], next(T, 3), dayOf)).toEqual({ write: backup(T, 3), remove: [] });
	});

	test('a collection without answers is never saved', () => {
		expect(planAutoBackup([backup(T, 500)], next(T + 1000, 0), dayOf)).toBeUndefined();
	});

	test('on the same day and within 100 answers, the newest backup is replaced', () => {
		const newest = backup(T, 40);
		expect(planAutoBackup([newest, backup(T - DAY, 10)], next(T + 60_000, 40 + ANSWERS_PER_AUTO_BACKUP - 1), dayOf)).toEqual({
			write: backup(T + 60_000, 139),
			remove: [newest.name]
		});
	});

	test('100 answers more, or 100 fewer (a deleted deck), start a new backup and keep the newest', () => {
		const newest = backup(T, 240);
		expect(planAutoBackup([newest], next(T + 60_000, 340), dayOf)).toEqual({ write: backup(T + 60_000, 340), remove: [] });
		expect(planAutoBackup([newest], next(T + 60_000, 140), dayOf)).toEqual({ write: backup(T + 60_000, 140), remove: [] });
	});

	test('a backup of another install (the database after a loss) never replaces one of the lost database', () => {
		expect(planAutoBackup([backup(T, 40)], next(T + 1000, 1, { installId: 'install-b' }), dayOf)).toEqual({
			write: backup(T + 1000, 1, 'install-b'),
			remove: []
		});
	});

	test('after an import or a restore (keepNewest) the newest is kept, so what was there before stays', () => {
		expect(planAutoBackup([backup(T, 40)], next(T + 1000, 12, { keepNewest: true }), dayOf)).toEqual({
			write: backup(T + 1000, 12),
			remove: []
		});
	});

	test('a new day starts a new backup', () => {
		expect(planAutoBackup([backup(T, 10)], next(T + DAY, 11), dayOf)).toEqual({ write: backup(T + DAY, 11), remove: [] });
	});

	test(`keeps the newest ${KEEP_AUTO_BACKUPS}: the oldest go once a new one is added`, () => {
		const existing = Array.from({ length: KEEP_AUTO_BACKUPS + 1 }, (_, i) => backup(T - i * DAY, 100 - i));
		const plan = planAutoBackup(existing, next(T + DAY, 101), dayOf)!;
		expect(plan.write).toEqual(backup(T + DAY, 101));
		expect(plan.remove).toEqual([existing[KEEP_AUTO_BACKUPS - 1]!.name, existing[KEEP_AUTO_BACKUPS]!.name]);
	});
});

describe('backup file names', () => {
	test('carry the time and the answers, and other files are not backups', () => {
		const id = '0f8c1e2a-6b1d-4c55-9a0e-3d2f1b7c9e44';
		expect(autoBackupName(T, 12, id)).toBe(`auto-backup-${T}-12-${id}.json`);
		expect(readAutoBackupName(`auto-backup-${T}-12-${id}.json`)).toEqual(backup(T, 12, id));
		for (const name of ['marker.json', `auto-backup-${T}-12.json`, `auto-backup-${T}-12-a.json.crswap`, `x-auto-backup-${T}-1-a.json`])
			expect(readAutoBackupName(name)).toBeUndefined();
	});

	test('are listed newest first, other files left out', async () => {
		const store = memoryFileStore(
			new Map([
				[autoBackupName(T - DAY, 5, 'install-a'), '{}'],
				['marker.json', '{}'],
				[autoBackupName(T, 9, 'install-a'), '{}'],
				[autoBackupName(T - 2 * DAY, 1, 'install-a'), '{}']
			])
		);
		expect(await listAutoBackups(store)).toEqual([backup(T, 9), backup(T - DAY, 5), backup(T - 2 * DAY, 1)]);
	});
});

async function studied(answers: number): Promise<FlashcardsDb> {
	const db = await freshDatabase();
	await saveDeck(db, makeDeck('soft', numberedSpecs(answers)), 'soft v1', { now: timeOn(TODAY - 1, 8) });
	await saveSettings(db, { ...settings, newPerDay: 50 });
	for (let i = 0; i < answers; i++) {
		await recordAnswer(db, {
			cardId: `soft:a${i + 1}`,
			grade: ((i % 4) + 2) as Grade,
			now: timeOn(TODAY, 9, i),
			tookMs: 1000,
			sessionId: 's',
			settings
		});
	}
	return db;
}

describe('keepSafe and restoreBackup', () => {
	test('writes the same file as Export backup, and the marker with the answers and the last answer time', async () => {
		const store = memoryFileStore();
		const db = await studied(4);
		const now = timeOn(TODAY, 12);
		const kept = await keepSafe(store, db, { now, installId: 'install-a', dayOf });
		expect(kept).toEqual({ saved: backup(now, 4), answers: 4, backup: await exportBackup(db, now) });
		expect(JSON.parse(store.files.get(autoBackupName(now, 4, 'install-a'))!)).toEqual(kept.backup);
		expect(await readMarker(store)).toEqual({ installId: 'install-a', answers: 4, lastAnswerAt: timeOn(TODAY, 9, 3), writtenAt: now });
	});

	test('a collection without answers leaves the backups as they are and still writes the marker', async () => {
		const store = memoryFileStore(new Map([[autoBackupName(T, 30, 'install-a'), '{"kept":true}']]));
		const db = await freshDatabase();
		expect(await keepSafe(store, db, { now: T + 1000, installId: 'install-b', dayOf })).toMatchObject({ saved: undefined, answers: 0 });
		expect([...store.files.keys()].sort()).toEqual([autoBackupName(T, 30, 'install-a'), 'marker.json']);
		expect(await readMarker(store)).toEqual({ installId: 'install-b', answers: 0, lastAnswerAt: null, writtenAt: T + 1000 });
	});

	test('a lost database restored from its automatic backup has every answer, card and setting back', async () => {
		const store = memoryFileStore();
		const db = await studied(6);
		const now = timeOn(TODAY, 12);
		await keepSafe(store, db, { now, installId: 'install-a', dayOf });
		const before = await dump(db);

		const fresh = await freshDatabase();
		const [newest] = await listAutoBackups(store);
		const restored = await restoreBackup(store, fresh, await readAutoBackup(store, newest!.name, TODAY), {
			now: now + 1000,
			installId: 'install-b'
		});
		expect(restored).toEqual({ mode: 'replace', decks: 1, cards: 6, reviews: 6, updatedCards: 0 });
		const after = await dump(fresh);
		expect({ ...after, meta: [] }).toEqual({ ...before, meta: [] });
		expect(await readMarker(store)).toEqual({
			installId: 'install-b',
			answers: 6,
			lastAnswerAt: timeOn(TODAY, 9, 5),
			writtenAt: now + 1000
		});
	});

	test('a damaged automatic backup is refused as a damaged file is, and the database is left as it was', async () => {
		const name = autoBackupName(T, 3, 'install-a');
		const store = memoryFileStore(new Map([[name, '{"format":"glossary-flashcards-backup","version":1']]));
		await expect(readAutoBackup(store, name, TODAY)).rejects.toThrow(
			'This file is not a backup: it is not valid JSON. It may be cut off or damaged.'
		);
		await expect(readAutoBackup(store, autoBackupName(T, 4, 'install-a'), TODAY)).rejects.toThrow(
			'This automatic backup is no longer on the device.'
		);
	});
});

describe('latestAnswerAt', () => {
	test('is the time of the newest log entry, an undo included, and is null without answers', async () => {
		const db = await studied(3);
		expect(await latestAnswerAt(db)).toBe(timeOn(TODAY, 9, 2));
		// An undo is an entry of its own in the log (it travels by sync), so it moves the time on.
		await undoLastAnswer(db, 's', timeOn(TODAY, 9, 5));
		expect(await latestAnswerAt(db)).toBe(timeOn(TODAY, 9, 5));
		expect(await latestAnswerAt(await freshDatabase())).toBeNull();
	});
});
