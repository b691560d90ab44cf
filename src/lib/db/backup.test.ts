// Backups: export, the checks a file must pass, and import (replace or merge) in one transaction.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import type { Grade } from '$lib/srs/sm2';
import { formatBytes } from '$lib/format/bytes';
import { defaultSettings, type Settings } from '$lib/srs/types';
import {
	BackupError,
	deleteDeck,
	editCard,
	exportBackup,
	importBackup,
	loadSettings,
	MAX_BACKUP_BYTES,
	parseBackup,
	recordAnswer,
	saveDeck,
	saveSettings,
	setMeta,
	setSuspended,
	StorageError,
	undoLastAnswer,
	type Backup
} from './index';
import { SCHEMA_VERSION, type FlashcardsDb } from './schema';
import { readDeckOptions, saveDeckOptions } from './day-options';
import {
	closeDatabases,
	dump,
	logEntries,
	freshDatabase,
	makeDeck,
	NOW,
	settings,
	standing,
	timeOn,
	TODAY,
	type Dump
} from './test-helpers';

afterEach(() => {
	vi.restoreAllMocks();
	closeDatabases();
});

const EXPORTED_AT = timeOn(TODAY, 21);
const mySettings: Settings = { ...defaultSettings, newPerDay: 8, gradeScale: 'six' };

function answer(db: FlashcardsDb, cardId: string, grade: Grade, now: number, sessionId = 'session-a') {
	return recordAnswer(db, { cardId, grade, now, tookMs: 2500, sessionId, settings });
}

/** Two decks with cards in every state (new, learned, repeat, suspended, retired, edited with a page change) and two days of answers. */
async function populated(): Promise<FlashcardsDb> {
	const db = await freshDatabase();
	await saveDeck(
		db,
		makeDeck(
			'soft',
			[
				['a', 'Front a', 'Back a'],
				['b', 'Front b', 'Back b'],
				['c', 'Front c', 'Back c'],
				['d', 'Front d', 'Back d'],
				['e', 'Front e', 'Back e']
			],
			'Soft Skills'
		),
		'soft v1',
		{
			now: timeOn(TODAY - 2, 8),
			bundled: true
		}
	);
	await saveDeck(
		db,
		makeDeck(
			'tech',
			[
				['x', 'Front x', 'Back x'],
				['y', 'Front y', 'Back y']
			],
			'Technical Debt'
		),
		'tech v1',
		{ now: timeOn(TODAY - 2, 8) }
	);
	await answer(db, 'soft:a', 4, timeOn(TODAY - 1, 9));
	await answer(db, 'soft:b', 1, timeOn(TODAY - 1, 9, 1));
	await answer(db, 'soft:b', 4, timeOn(TODAY - 1, 9, 2));
	await answer(db, 'tech:x', 5, timeOn(TODAY - 1, 9, 3));
	await answer(db, 'soft:a', 4, timeOn(TODAY, 9), 'session-b');
	await answer(db, 'soft:c', 3, timeOn(TODAY, 9, 1), 'session-b');
	await setSuspended(db, 'tech:y', true);
	await editCard(db, 'tech:x', { front: 'My x', back: 'My back x' });
	await saveDeck(
		db,
		makeDeck(
			'tech',
			[
				['x', 'Front x', 'Back x v2'],
				['y', 'Front y', 'Back y']
			],
			'Technical Debt'
		),
		'tech v2',
		{ now: timeOn(TODAY, 8) }
	);
	await saveDeck(
		db,
		makeDeck(
			'soft',
			[
				['a', 'Front a', 'Back a'],
				['b', 'Front b', 'Back b'],
				['c', 'Front c', 'Back c'],
				['e', 'Front e', 'Back e']
			],
			'Soft Skills'
		),
		'soft v2',
		{
			now: timeOn(TODAY, 8)
		}
	);
	await saveSettings(db, mySettings);
	await setMeta(db, 'installId', 'device-a');
	return db;
}

const withoutMeta = ({ meta: _meta, ...rest }: Dump) => rest;

/** A card's FSRS memory after a Good a day ago, as a deck on FSRS stores it. */
const FSRS_STATE = {
	phase: 'review',
	stability: 3.2602,
	difficulty: 2.1181,
	step: 0,
	reps: 2,
	lapses: 0,
	scheduledDays: 3,
	lastDay: TODAY - 1,
	due: (TODAY + 2) * 86_400_000
} as const;

async function backupText(db: FlashcardsDb): Promise<string> {
	return JSON.stringify(await exportBackup(db, EXPORTED_AT));
}

describe('exportBackup', () => {
	test('holds every deck, card, review and the settings, in the versioned format', async () => {
		const db = await populated();
		const all = await dump(db);
		const backup = await exportBackup(db, EXPORTED_AT);
		expect(backup).toEqual({
			format: 'glossary-flashcards-backup',
			version: 1,
			exportedAt: EXPORTED_AT,
			schemaVersion: SCHEMA_VERSION,
			decks: all.decks,
			cards: all.cards,
			// One entry per answer, oldest first, whatever the stored layout.
			reviews: [...all.reviews].sort((a, b) => a.time - b.time),
			settings: mySettings
		});
		expect(backup.cards.map((card) => card.status).sort()).toEqual(['new', 'retired', 'review', 'review', 'review', 'review', 'suspended']);
		expect(backup.reviews).toHaveLength(6);
	});

	test('gives the default settings when none were saved, and passes its own checks', async () => {
		const db = await freshDatabase();
		const backup = await exportBackup(db, EXPORTED_AT);
		expect(backup.settings).toEqual(defaultSettings);
		expect(parseBackup(JSON.stringify(backup), { today: TODAY })).toEqual(backup);
	});
});

describe('importBackup replacing', () => {
	test('an export imported into an empty database gives the same content', async () => {
		const source = await populated();
		const text = await backupText(source);
		const target = await freshDatabase();
		expect(await importBackup(target, parseBackup(text, { today: TODAY }), 'replace')).toEqual({
			mode: 'replace',
			decks: 2,
			cards: 7,
			reviews: 6,
			updatedCards: 0
		});
		expect(withoutMeta(await dump(target))).toEqual(withoutMeta(await dump(source)));
		expect(JSON.parse(await backupText(target))).toEqual(JSON.parse(text));
	});

	test("a deck on FSRS comes back on FSRS, with its cards' FSRS memory and the FSRS settings", async () => {
		const source = await populated();
		const deck = (await source.get('decks', 'soft'))!;
		await source.put('decks', { ...deck, scheduler: 'fsrs' });
		const card = (await source.get('cards', 'soft:a'))!;
		await source.put('cards', { ...card, fsrs: { ...FSRS_STATE } });
		await saveSettings(source, { ...mySettings, scheduler: 'fsrs', desiredRetention: 0.8, learningSteps: [2, 20], maximumInterval: 400 });
		const target = await freshDatabase();
		await importBackup(target, parseBackup(await backupText(source), { today: TODAY }), 'replace');
		expect((await target.get('decks', 'soft'))?.scheduler).toBe('fsrs');
		expect((await target.get('cards', 'soft:a'))?.fsrs).toEqual(FSRS_STATE);
		expect(await loadSettings(target)).toMatchObject({
			scheduler: 'fsrs',
			desiredRetention: 0.8,
			learningSteps: [2, 20],
			maximumInterval: 400
		});
		expect(withoutMeta(await dump(target))).toEqual(withoutMeta(await dump(source)));
	});

	test('a backup from before the scheduler choice imports with SM-2 and the FSRS defaults', async () => {
		const source = await populated();
		const backup = JSON.parse(await backupText(source)) as { settings: Record<string, unknown> };
		for (const key of ['scheduler', 'desiredRetention', 'learningSteps', 'relearningSteps', 'maximumInterval']) delete backup.settings[key];
		const target = await freshDatabase();
		await importBackup(target, parseBackup(JSON.stringify(backup), { today: TODAY }), 'replace');
		expect(await loadSettings(target)).toEqual(mySettings);
	});

	test('the imported log goes on: new answers join it and undo still walks back its sessions', async () => {
		const source = await populated();
		const target = await freshDatabase();
		await importBackup(target, parseBackup(await backupText(source), { today: TODAY }), 'replace');
		const next = await answer(target, 'soft:a', 5, timeOn(TODAY, 20), 'session-c');
		expect(await logEntries(target)).toHaveLength(7);
		expect((await logEntries(target)).filter((entry) => entry.cardId === 'soft:a').at(-1)).toEqual(next.entry);
		const before = await dump(source);
		await undoLastAnswer(target, 'session-c');
		expect(standing(withoutMeta(await dump(target)))).toEqual(standing(withoutMeta(before)));
		expect((await undoLastAnswer(target, 'session-b'))?.id).toBe('soft:c');
	});

	test('a deck’s own limits go into the file, come back with it, and are checked', async () => {
		const source = await populated();
		expect((await exportBackup(source, EXPORTED_AT)).deckOptions).toBeUndefined();
		await saveDeckOptions(source, 'soft', { newPerDay: 3 });
		await saveDeckOptions(source, 'tech', { reviewsPerDay: 40 });
		const text = await backupText(source);
		expect(JSON.parse(text).deckOptions).toEqual({ soft: { newPerDay: 3 }, tech: { reviewsPerDay: 40 } });
		const target = await freshDatabase();
		await saveDeckOptions(target, 'soft', { newPerDay: 1 }).catch(() => {});
		await importBackup(target, parseBackup(text, { today: TODAY }), 'replace');
		expect(await readDeckOptions(target)).toEqual({ soft: { newPerDay: 3 }, tech: { reviewsPerDay: 40 } });
		expect(JSON.parse(await backupText(target))).toEqual(JSON.parse(text));

		const file = JSON.parse(text);
		expect(() => parseBackup(JSON.stringify({ ...file, deckOptions: { soft: { newPerDay: -2 } } }), { today: TODAY })).toThrow(
			'This backup is damaged at deckOptions.soft.newPerDay: New cards per day must be at least 0.'
		);
		expect(() => parseBackup(JSON.stringify({ ...file, deckOptions: { gone: { newPerDay: 2 } } }), { today: TODAY })).toThrow(
			'This backup is damaged: it has deck options for a deck that is not in the file ("gone").'
		);
	});

	test('what the device had is replaced by the backup; the device facts stay', async () => {
		const source = await populated();
		const target = await freshDatabase();
		await saveDeck(target, makeDeck('other', [['o', 'Front o', 'Back o']]), 'other', { now: NOW });
		await answer(target, 'other:o', 4, NOW, 'session-z');
		await setMeta(target, 'installId', 'device-b');
		await importBackup(target, parseBackup(await backupText(source), { today: TODAY }), 'replace');
		const after = await dump(target);
		expect(withoutMeta(after)).toEqual(withoutMeta(await dump(source)));
		// The save clock is the device's own (it never goes back: db/clock.ts); the stamps of the decks replaced go.
		expect(after.meta).toEqual([
			['clock', { time: NOW, count: 0 }],
			['installId', 'device-b'],
			['saveStamps', { deckOptions: {}, decks: {} }]
		]);
	});
});

describe('importBackup merging', () => {
	/** Device B starts from A's backup; then each studies on its own. */
	async function twoDevices() {
		const a = await populated();
		const b = await freshDatabase();
		await importBackup(b, parseBackup(await backupText(a), { today: TODAY }), 'replace');
		await saveSettings(b, { ...mySettings, theme: 'dark' });
		// A answers soft:a later than B does; B answers soft:b later than A does.
		await answer(b, 'soft:a', 3, timeOn(TODAY + 1, 9), 'b-1');
		await answer(a, 'soft:a', 5, timeOn(TODAY + 1, 10), 'a-1');
		await answer(a, 'soft:b', 3, timeOn(TODAY + 1, 9), 'a-1');
		await answer(b, 'soft:b', 4, timeOn(TODAY + 1, 11), 'b-1');
		await saveDeck(a, makeDeck('only-a', [['q', 'Front q', 'Back q']]), 'only a', { now: timeOn(TODAY + 1, 8) });
		await saveDeck(b, makeDeck('only-b', [['r', 'Front r', 'Back r']]), 'only b', { now: timeOn(TODAY + 1, 8) });
		return { a, b };
	}

	test('keeps the more recently answered version of each card, and both logs without duplicates', async () => {
		const { a, b } = await twoDevices();
		const cardsOf = async (db: FlashcardsDb) => new Map((await db.getAll('cards')).map((card) => [card.id, card]));
		const [cardsA, cardsB] = [await cardsOf(a), await cardsOf(b)];
		const answersA = await logEntries(a);
		const answersB = await logEntries(b);
		// What the merge really added, not the file's totals (4 decks, 8 cards, 8 answers).
		expect(await importBackup(b, parseBackup(await backupText(a), { today: TODAY }), 'merge')).toEqual({
			mode: 'merge',
			decks: 1,
			cards: 1,
			reviews: 2,
			updatedCards: 1
		});
		const merged = await cardsOf(b);
		expect(merged.get('soft:a')).toEqual(cardsA.get('soft:a'));
		expect(merged.get('soft:b')).toEqual(cardsB.get('soft:b'));
		expect(merged.get('only-a:q')).toEqual(cardsA.get('only-a:q'));
		expect(merged.get('only-b:r')).toEqual(cardsB.get('only-b:r'));
		expect([...merged.keys()].sort()).toEqual([
			'only-a:q',
			'only-b:r',
			'soft:a',
			'soft:b',
			'soft:c',
			'soft:d',
			'soft:e',
			'tech:x',
			'tech:y'
		]);
		expect((await b.getAllKeys('decks')).sort()).toEqual(['only-a', 'only-b', 'soft', 'tech']);
		const answerKey = (entry: { cardId: string; time: number; grade: number }) => `${entry.cardId}@${entry.time}#${entry.grade}`;
		const log = (await logEntries(b)).map(answerKey);
		expect(log).toHaveLength(6 + 2 + 2);
		expect(new Set(log)).toEqual(new Set([...answersA, ...answersB].map(answerKey)));
		expect((await b.get('settings', 'study'))?.theme).toBe('dark');
	});

	test('merging the same backup again changes nothing', async () => {
		const { a, b } = await twoDevices();
		const backup = parseBackup(await backupText(a), { today: TODAY });
		await importBackup(b, backup, 'merge');
		const once = await dump(b);
		expect(await importBackup(b, backup, 'merge')).toEqual({ mode: 'merge', decks: 0, cards: 0, reviews: 0, updatedCards: 0 });
		expect(await dump(b)).toEqual(once);
	});

	test('a deleted deck takes its options with it: the next backup has none for it, and restores', async () => {
		const a = await populated();
		await saveDeckOptions(a, 'soft', { newPerDay: 3 });
		await saveDeckOptions(a, 'tech', { reviewsPerDay: 40 });
		await deleteDeck(a, 'tech');
		expect(await readDeckOptions(a)).toEqual({ soft: { newPerDay: 3 } });
		const text = await backupText(a);
		expect(JSON.parse(text).deckOptions).toEqual({ soft: { newPerDay: 3 } });
		const b = await freshDatabase();
		await importBackup(b, parseBackup(text, { today: TODAY }), 'replace');
		expect(await readDeckOptions(b)).toEqual({ soft: { newPerDay: 3 } });
	});

	test('options a device kept for a deck it no longer has stay out of its backup', async () => {
		const a = await populated();
		await saveDeckOptions(a, 'soft', { newPerDay: 3 });
		// As an earlier version left them: a deck deleted with its options still in meta.
		await setMeta(a, 'deckOptions', { soft: { newPerDay: 3 }, gone: { newPerDay: 9 } });
		const text = await backupText(a);
		expect(JSON.parse(text).deckOptions).toEqual({ soft: { newPerDay: 3 } });
		expect(() => parseBackup(text, { today: TODAY })).not.toThrow();
	});

	test('deck options: the device keeps its own, and takes the file’s where it has none', async () => {
		const { a, b } = await twoDevices();
		await saveDeckOptions(a, 'soft', { newPerDay: 3, reviewsPerDay: 30 });
		await saveDeckOptions(a, 'tech', { newPerDay: 7 });
		await saveDeckOptions(b, 'soft', { newPerDay: 5 });
		await importBackup(b, parseBackup(await backupText(a), { today: TODAY }), 'merge');
		expect(await readDeckOptions(b)).toEqual({ soft: { newPerDay: 5, reviewsPerDay: 30 }, tech: { newPerDay: 7 } });
	});
});

describe('a bad backup is refused, with the problem named, and the database unchanged', () => {
	/** What the import screen does: check the whole file, then import it. */
	async function importFile(db: FlashcardsDb, text: string): Promise<void> {
		await importBackup(db, parseBackup(text, { today: TODAY }), 'replace');
	}

	type Mutable = Record<string, unknown> & {
		decks: Record<string, unknown>[];
		cards: Record<string, unknown>[];
		reviews: Record<string, unknown>[];
		settings: Record<string, unknown>;
	};

	async function edited(change: (backup: Mutable) => void): Promise<string> {
		const backup = JSON.parse(await backupText(await populated())) as Mutable;
		change(backup);
		return JSON.stringify(backup);
	}

	const first = <T>(items: T[]): T => {
		if (items[0] === undefined) throw new Error('empty');
		return items[0];
	};

	const cases: [string, () => Promise<string> | string, string | RegExp][] = [
		['an empty file', () => '', 'This file is empty: it is not a backup.'],
		['a file of blanks', () => ' \n\t ', 'This file is empty: it is not a backup.'],
		['text that is not JSON', () => 'Soft skills are...', 'This file is not a backup: it is not valid JSON. It may be cut off or damaged.'],
		[
			'a truncated backup',
			async () => (await backupText(await populated())).slice(0, 700),
			'This file is not a backup: it is not valid JSON. It may be cut off or damaged.'
		],
		[
			'an Anki package (a zip file)',
			() => 'PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000collection.anki2',
			'This file is not a backup: it is not valid JSON. It may be cut off or damaged.'
		],
		[
			'an Anki text export',
			() => '#separator:tab\n#html:true\nWhat is a PM?\tA person',
			'This file is not a backup: it is not valid JSON. It may be cut off or damaged.'
		],
		[
			'some other JSON',
			() => '{"hello":1}',
			'This file is not a Glossary Flashcards backup (it has no "format": "glossary-flashcards-backup").'
		],
		[
			'a CrowdAnki JSON deck',
			() => '{"__type__":"Deck","name":"PM","notes":[]}',
			'This file is not a Glossary Flashcards backup (it has no "format": "glossary-flashcards-backup").'
		],
		['a JSON list', () => '[]', 'This file is not a Glossary Flashcards backup (it has no "format": "glossary-flashcards-backup").'],
		['JSON null', () => 'null', 'This file is not a Glossary Flashcards backup (it has no "format": "glossary-flashcards-backup").'],
		[
			'a backup from a newer app',
			() => edited((b) => (b.version = 2)),
			'This file is a backup from a newer version of the app (format 2); update the app first.'
		],
		['a backup of an unknown older version', () => edited((b) => (b.version = 0)), 'This backup has an unknown format version (0).'],
		['a version that is not a number', () => edited((b) => (b.version = '1')), 'This backup has an unknown format version ("1").'],
		['a backup without a version', () => edited((b) => delete b.version), 'This backup has an unknown format version (undefined).'],
		[
			'an easiness written as a string',
			() => edited((b) => ((first(b.cards).state as Record<string, unknown>).easiness = '2.5')),
			'This backup is damaged at cards[0].state.easiness: Invalid type: Expected number but received "2.5".'
		],
		[
			'an easiness above the 100 that SM-2 stops at (one Easy on 100 stays 100)',
			() => edited((b) => ((first(b.cards).state as Record<string, unknown>).easiness = 100.1)),
			'This backup is damaged at cards[0].state.easiness: easiness must be from 1.3 to 100 in whole hundredths, such as 2.36 (got 100.1).'
		],
		[
			'an easiness under the 1.3 floor, in an answer',
			() => edited((b) => ((first(b.reviews).after as { state: Record<string, unknown> }).state.easiness = 1.29)),
			'This backup is damaged at reviews[0].after.state.easiness: easiness must be from 1.3 to 100 in whole hundredths, such as 2.36 (got 1.29).'
		],
		[
			'an easiness between hundredths',
			() => edited((b) => ((first(b.cards).state as Record<string, unknown>).easiness = 2.505)),
			'This backup is damaged at cards[0].state.easiness: easiness must be from 1.3 to 100 in whole hundredths, such as 2.36 (got 2.505).'
		],
		[
			'a due day of 1e300 ("Due Invalid Date")',
			() => edited((b) => (first(b.cards).dueDay = 1e300)),
			'This backup is damaged at cards[0].dueDay: a due day must lie within 100 years of today (got 1e+300).'
		],
		[
			'a due day a day past 100 years from today',
			() => edited((b) => (first(b.cards).dueDay = TODAY + 36_501)),
			`This backup is damaged at cards[0].dueDay: a due day must lie within 100 years of today (got ${TODAY + 36_501}).`
		],
		[
			'a due day in an answer more than 100 years ago',
			() => edited((b) => ((b.reviews[1]!.before as Record<string, unknown>).dueDay = TODAY - 36_501)),
			`This backup is damaged at reviews[1].before.dueDay: a due day must lie within 100 years of today (got ${TODAY - 36_501}).`
		],
		[
			'a study day far in the future',
			() => edited((b) => (first(b.reviews).studyDay = 1e9)),
			'This backup is damaged at reviews[0].studyDay: a study day must lie within 100 years of today (got 1000000000).'
		],
		[
			'an answer time no date can hold',
			() => edited((b) => (first(b.reviews).time = 1e300)),
			'This backup is damaged at reviews[0].time: a time must be a date between the years -271821 and 275760 (got 1e+300).'
		],
		[
			'a deck id of ".." (its Study link would open the home page)',
			() => edited((b) => (first(b.decks).id = '..')),
			'This backup is damaged at decks[0].id: the deck id ".." cannot make a link: ".." would be read as a folder in the link.'
		],
		[
			'a deck id of "."',
			() => edited((b) => (first(b.decks).id = '.')),
			'This backup is damaged at decks[0].id: the deck id "." cannot make a link: "." would be read as a folder in the link.'
		],
		[
			'a deck id of spaces',
			() => edited((b) => (first(b.decks).id = '   ')),
			'This backup is damaged at decks[0].id: the deck id "   " cannot make a link: it is empty.'
		],
		[
			'a deck id with a slash',
			() => edited((b) => (first(b.decks).id = '../settings')),
			'This backup is damaged at decks[0].id: the deck id "../settings" cannot make a link: it contains "/", which a link cannot keep.'
		],
		[
			'a card id of ".."',
			() => edited((b) => (first(b.cards).id = '..')),
			'This backup is damaged at cards[0].id: the card id ".." cannot make a link: ".." would be read as a folder in the link.'
		],
		['a grade of 7', () => edited((b) => (first(b.reviews).grade = 7)), /^This backup is damaged at reviews\[0\]\.grade: .*received 7\.$/],
		[
			'a card without a status',
			() => edited((b) => delete first(b.cards).status),
			/^This backup is damaged at cards\[0\]\.status: .*received undefined\.$/
		],
		[
			'a deck whose scheduler the app does not know',
			() => edited((b) => (first(b.decks).scheduler = 'anki')),
			/^This backup is damaged at decks\[0\]\.scheduler: .*received "anki"\.$/
		],
		[
			'a card whose FSRS difficulty is past the 10 FSRS stops at',
			() => edited((b) => (first(b.cards).fsrs = { ...FSRS_STATE, difficulty: 11 })),
			/^This backup is damaged at cards\[0\]\.fsrs\.difficulty: .*received 11\.$/
		],
		[
			'settings with a desired retention FSRS does not offer',
			() => edited((b) => (b.settings.desiredRetention = 0.99)),
			'This backup is damaged at settings.desiredRetention: Desired retention must be at most 0.97.'
		],
		[
			'a card with a field the app does not know',
			() => edited((b) => (first(b.cards).colour = 'red')),
			/^This backup is damaged at cards\[0\]\.colour: /
		],
		[
			'decks that are not a list',
			() => edited((b) => (b.decks = {} as unknown as Record<string, unknown>[])),
			/^This backup is damaged at decks: /
		],
		[
			'impossible settings',
			() => edited((b) => (b.settings.newPerDay = 10000)),
			'This backup is damaged at settings.newPerDay: New cards per day must be at most 9999.'
		],
		[
			'a deck id twice',
			() => edited((b) => b.decks.push({ ...first(b.decks) })),
			'This backup is damaged: the deck id "soft" appears twice.'
		],
		[
			'a card id twice',
			() => edited((b) => b.cards.push({ ...first(b.cards) })),
			'This backup is damaged: the card id "soft:a" appears twice.'
		],
		[
			'an answer twice',
			() => edited((b) => b.reviews.push({ ...first(b.reviews), tookMs: 1 })),
			'This backup is damaged: the answer to "soft:a" given at 2026-03-09 09:00 UTC appears twice.'
		],
		[
			'a review id twice (backups of version 2 and before numbered them)',
			() => edited((b) => b.reviews.forEach((entry, i) => (entry.id = Math.max(1, i)))),
			'This backup is damaged: the review id 1 appears twice.'
		],
		[
			'a card of a deck not in the file',
			() => edited((b) => (b.decks = b.decks.filter((deck) => deck.id !== 'tech'))),
			'This backup is damaged: the card "tech:x" belongs to a deck that is not in the file ("tech").'
		],
		[
			'a review of a card not in the file',
			() => edited((b) => (b.cards = b.cards.filter((card) => card.id !== 'soft:b'))),
			'This backup is damaged: a review refers to a card that is not in the file ("soft:b").'
		],
		[
			'a review filed under another deck than its card',
			() => edited((b) => (first(b.reviews).deckId = 'tech')),
			'This backup is damaged: a review of the card "soft:a" names the deck "tech", but the card is in "soft".'
		]
	];

	test.each(cases)('%s', async (_what, makeText, message) => {
		const db = await populated();
		const text = await makeText();
		const before = await dump(db);
		let thrown: unknown;
		try {
			await importFile(db, text);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(BackupError);
		expect((thrown as BackupError).name).toBe('BackupError');
		if (typeof message === 'string') expect((thrown as BackupError).message).toBe(message);
		else expect((thrown as BackupError).message).toMatch(message);
		expect(await dump(db)).toEqual(before);
	});

	test('a file over the size limit is refused before it is read', async () => {
		const db = await populated();
		const before = await dump(db);
		const text = await backupText(db);
		expect(() => parseBackup(text, { today: TODAY, limit: text.length - 1 })).toThrow(
			new BackupError(`This file is too large to be a backup (${formatBytes(text.length)}; the limit is ${formatBytes(text.length - 1)}).`)
		);
		expect(parseBackup(text, { today: TODAY, limit: text.length }).cards).toHaveLength(7);
		expect(await dump(db)).toEqual(before);
	});

	test('the default limit is MAX_BACKUP_BYTES (256 MB)', () => {
		// Only the length is read before the size check, so no 256 MB string is needed.
		const huge = { length: MAX_BACKUP_BYTES + 1 } as unknown as string;
		expect(MAX_BACKUP_BYTES).toBe(256 * 1024 * 1024);
		expect(() => parseBackup(huge, { today: TODAY })).toThrow(
			new BackupError('This file is too large to be a backup (256 MB; the limit is 256 MB).')
		);
		expect(() => parseBackup('{"hello":1}', { today: TODAY, limit: MAX_BACKUP_BYTES })).toThrow(/not a Glossary Flashcards backup/);
	});
});

describe('an import that fails while writing leaves the database as it was', () => {
	test('replacing, with a record the database cannot store', async () => {
		const db = await populated();
		const before = await dump(db);
		const backup = parseBackup(await backupText(db), { today: TODAY });
		const broken: Backup = {
			...backup,
			cards: [...backup.cards, { ...backup.cards[0], id: undefined } as unknown as Backup['cards'][number]]
		};
		const importing = importBackup(db, broken, 'replace');
		await expect(importing).rejects.toBeInstanceOf(StorageError);
		await expect(importing).rejects.toThrow(/^The import was not saved: /);
		expect(await dump(db)).toEqual(before);
	});

	test.each(['replace', 'merge'] as const)('%s, when the disk fills up half way', async (mode) => {
		const db = await freshDatabase();
		await saveDeck(db, makeDeck('mine', [['m', 'Front m', 'Back m']]), 'mine', { now: NOW });
		await answer(db, 'mine:m', 4, NOW, 'mine');
		const before = await dump(db);
		const backup = parseBackup(await backupText(await populated()), { today: TODAY });
		let writes = 0;
		const put = IDBObjectStore.prototype.put;
		const add = IDBObjectStore.prototype.add;
		const fillUp = (original: typeof put) =>
			function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
				writes += 1;
				if (writes === 8) throw new DOMException('Quota exceeded', 'QuotaExceededError');
				return original.apply(this, args);
			};
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(fillUp(put));
		vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(fillUp(add));
		await expect(importBackup(db, backup, mode)).rejects.toMatchObject({
			reason: 'quota',
			message: 'The import was not saved: this device is out of storage space. Free some space, then try again.'
		});
		vi.restoreAllMocks();
		expect(writes).toBe(8);
		expect(await dump(db)).toEqual(before);
	});
});
