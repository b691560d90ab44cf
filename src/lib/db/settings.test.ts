// The learner's settings, the install facts and the backup reminder.
import { afterEach, describe, expect, test } from 'vitest';
import { studyDay } from '$lib/srs/days';
import { defaultSettings, type ReviewEntry, type Settings } from '$lib/srs/types';
import {
	backupReminderDue,
	ensureInstall,
	getMeta,
	loadSettings,
	markBackedUp,
	readStartup,
	saveSettings,
	setMeta,
	SettingsError,
	validSettings
} from './index';
import { saveFsrsParameters } from './scheduler';
import type { FlashcardsDb } from './schema';
import { addAnswers, closeDatabases, dump, fitted, freshDatabase, NOW, putCards } from './test-helpers';

afterEach(closeDatabases);

const DAY_MS = 24 * 60 * 60 * 1000;

describe('loadSettings and saveSettings', () => {
	test('a new database has the default settings', async () => {
		const db = await freshDatabase();
		const loaded = await loadSettings(db);
		expect(loaded).toEqual(defaultSettings);
		expect(loaded).not.toBe(defaultSettings);
	});

	test('saved settings load back as saved', async () => {
		const db = await freshDatabase();
		const mine: Settings = {
			newPerDay: 7,
			reviewsPerDay: 70,
			dayStartHour: 0,
			gradeScale: 'six',
			theme: 'dark',
			leechAction: 'tag',
			scheduler: 'fsrs',
			desiredRetention: 0.85,
			learningSteps: [5, 60, 1440],
			relearningSteps: [],
			maximumInterval: 365,
			fsrsParameters: null,
			buryRelated: false
		};
		expect(await saveSettings(db, mine)).toEqual(mine);
		expect(await loadSettings(db)).toEqual(mine);
		expect(await db.get('settings', 'study')).toEqual(mine);
	});

	test('a save keeps the fitted FSRS parameters stored: a tab that read the settings before a fit does not take it back', async () => {
		const db = await freshDatabase();
		await saveFsrsParameters(db, {}, fitted);
		const saved = await saveSettings(db, { ...defaultSettings, newPerDay: 9, fsrsParameters: null });
		expect(saved).toEqual({ ...defaultSettings, newPerDay: 9, fsrsParameters: fitted });
		expect(await loadSettings(db)).toEqual(saved);
	});

	test('settings saved by an older version get the newer fields from the defaults', async () => {
		const db = await freshDatabase();
		await db.put('settings', { newPerDay: 5, reviewsPerDay: 50, dayStartHour: 3 } as Settings, 'study');
		expect(await loadSettings(db)).toEqual({ ...defaultSettings, newPerDay: 5, reviewsPerDay: 50, dayStartHour: 3 });
	});

	test.each([
		['newPerDay', 0],
		['newPerDay', 9999],
		['reviewsPerDay', 0],
		['reviewsPerDay', 99999],
		['dayStartHour', 0],
		['dayStartHour', 23],
		['desiredRetention', 0.7],
		['desiredRetention', 0.97],
		['maximumInterval', 1],
		['maximumInterval', 36500]
	] as const)('%s = %d is accepted', async (field, value) => {
		const db = await freshDatabase();
		await saveSettings(db, { ...defaultSettings, [field]: value });
		expect((await loadSettings(db))[field]).toBe(value);
	});

	test.each([
		['newPerDay', 10000, 'New cards per day must be at most 9999'],
		['newPerDay', -1, 'New cards per day must be at least 0'],
		['newPerDay', 2.5, 'New cards per day must be a whole number'],
		['newPerDay', '20', 'New cards per day must be a number'],
		['newPerDay', Number.NaN, 'New cards per day must be a number'],
		['newPerDay', undefined, 'New cards per day must be a number'],
		['reviewsPerDay', 100000, 'Reviews per day must be at most 99999'],
		['reviewsPerDay', -5, 'Reviews per day must be at least 0'],
		['dayStartHour', 24, 'The hour a study day starts must be at most 23'],
		['dayStartHour', -1, 'The hour a study day starts must be at least 0'],
		['dayStartHour', 4.5, 'The hour a study day starts must be a whole number'],
		['gradeScale', 'five', 'The answer buttons must be "four" or "six"'],
		['theme', 'blue', 'The theme must be system, light or dark'],
		['leechAction', 'delete', 'A leech must be suspended or tagged'],
		['scheduler', 'anki', 'The scheduler must be SM-2 or FSRS'],
		['desiredRetention', 0.69, 'Desired retention must be at least 0.7'],
		['desiredRetention', 0.98, 'Desired retention must be at most 0.97'],
		['desiredRetention', Number.NaN, 'Desired retention must be a number'],
		['learningSteps', [1, 0], 'Learning steps must each be at least 1m'],
		['learningSteps', [1.5], 'Learning steps must be whole minutes'],
		['learningSteps', '1m 10m', 'Learning steps must be a list of times'],
		['relearningSteps', [43_201], 'Relearning steps must each be at most 30d'],
		['maximumInterval', 0, 'The maximum interval must be at least 1'],
		['maximumInterval', 36_501, 'The maximum interval must be at most 36500'],
		['maximumInterval', 7.5, 'The maximum interval must be a whole number'],
		['fsrsParameters', { ...fitted, weights: fitted.weights.slice(1) }, 'FSRS-6 has 21 parameters'],
		[
			'fsrsParameters',
			{ ...fitted, weights: [...fitted.weights.slice(0, 20), 0.9] },
			'FSRS parameter w20 must be from 0.1 to 0.8 (got 0.9)'
		],
		['fsrsParameters', { ...fitted, weights: [Number.NaN, ...fitted.weights.slice(1)] }, 'FSRS parameters must be numbers'],
		['fsrsParameters', { ...fitted, answers: 0 }, 'The answers the FSRS parameters were fitted on must be at least 1'],
		['fsrsParameters', { ...fitted, logLoss: -1 }, 'The fitted parameters’ log loss must be at least 0'],
		['fsrsParameters', [1, 2, 3], 'FSRS parameters must be a set of named values']
	] as const)('%s = %s is refused with a message naming it, and nothing is saved', async (field, value, message) => {
		const db = await freshDatabase();
		await saveSettings(db, { ...defaultSettings, newPerDay: 12 });
		const before = await dump(db);
		const saving = saveSettings(db, { ...defaultSettings, [field]: value } as unknown as Settings);
		await expect(saving).rejects.toBeInstanceOf(SettingsError);
		await expect(saving).rejects.toThrow(new SettingsError(message));
		expect(await dump(db)).toEqual(before);
		expect((await loadSettings(db)).newPerDay).toBe(12);
	});

	test('settings from before the scheduler choice get SM-2 and the FSRS defaults', () => {
		const { scheduler: _s, desiredRetention: _d, learningSteps: _l, relearningSteps: _r, maximumInterval: _m, ...older } = defaultSettings;
		void [_s, _d, _l, _r, _m];
		expect(validSettings({ ...older, newPerDay: 3 })).toEqual({ ...defaultSettings, newPerDay: 3 });
		expect(defaultSettings).toMatchObject({ scheduler: 'sm2', desiredRetention: 0.9, learningSteps: [1, 10], maximumInterval: 36500 });
	});

	test('settings from before fitting use FSRS’s default parameters; fitted ones carry nothing unknown', () => {
		const { fsrsParameters: _p, ...older } = defaultSettings;
		void _p;
		expect(validSettings(older)).toEqual({ ...defaultSettings, fsrsParameters: null });
		expect(() => validSettings({ ...defaultSettings, fsrsParameters: { ...fitted, note: 'x' } })).toThrow(SettingsError);
	});

	test('a setting the app does not know is refused with its name', () => {
		expect(() => validSettings({ ...defaultSettings, colour: 'red' })).toThrow(new SettingsError('Unknown setting "colour"'));
	});

	test('something that is not settings at all is refused', () => {
		expect(() => validSettings(null)).toThrow(new SettingsError('The settings must be a set of named values'));
		expect(() => validSettings('settings')).toThrow(new SettingsError('The settings must be a set of named values'));
	});

	test('SettingsError is named so', () => {
		expect(new SettingsError('x').name).toBe('SettingsError');
	});
});

describe('meta', () => {
	test('ensureInstall gives the install an id and a start time once', async () => {
		const db = await freshDatabase();
		let made = 0;
		const newId = () => `install-${++made}`;
		await ensureInstall(db, NOW, newId);
		await ensureInstall(db, NOW + DAY_MS, newId);
		expect(made).toBe(1);
		expect(await getMeta(db, 'installId')).toBe('install-1');
		expect(await getMeta(db, 'installedAt')).toBe(NOW);
	});

	test('setMeta and getMeta keep each value under its key', async () => {
		const db = await freshDatabase();
		expect(await getMeta(db, 'bundled')).toBeUndefined();
		await setMeta(db, 'bundled', { a: 'page a' });
		await setMeta(db, 'backupReminderDismissedAt', NOW);
		expect(await getMeta(db, 'bundled')).toEqual({ a: 'page a' });
		expect(await getMeta(db, 'backupReminderDismissedAt')).toBe(NOW);
	});

	test('markBackedUp remembers when', async () => {
		const db = await freshDatabase();
		await markBackedUp(db, NOW);
		expect(await getMeta(db, 'lastBackupAt')).toBe(NOW);
	});
});

describe('backupReminderDue', () => {
	function entry(time: number): ReviewEntry {
		const snapshot = {
			status: 'new' as const,
			state: { repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false },
			dueDay: 0,
			lapses: 0,
			leech: false,
			lastAnsweredAt: 0
		};
		return {
			cardId: 'd:a',
			deckId: 'd',
			time,
			studyDay: studyDay(time, 4),
			grade: 4,
			wasNew: true,
			before: snapshot,
			after: snapshot,
			tookMs: 1000,
			sessionId: 's',
			device: 'here'
		};
	}

	async function installed(daysAgo: number, answersDaysAgo: number[] = []): Promise<FlashcardsDb> {
		const db = await freshDatabase();
		await ensureInstall(db, NOW - daysAgo * DAY_MS, () => 'id');
		await addAnswers(
			db,
			answersDaysAgo.map((ago) => entry(NOW - ago * DAY_MS))
		);
		return db;
	}

	test('is due a week after install when there are answers never backed up', async () => {
		expect(await backupReminderDue(await installed(8, [7]), NOW)).toBe(true);
	});

	test('is not due before a week has passed', async () => {
		expect(await backupReminderDue(await installed(6, [5]), NOW)).toBe(false);
	});

	test('is not due with nothing to back up', async () => {
		expect(await backupReminderDue(await installed(30), NOW)).toBe(false);
	});

	test('counts from the last backup, and only answers given since', async () => {
		const db = await installed(30, [20, 10]);
		await markBackedUp(db, NOW - 9 * DAY_MS);
		expect(await backupReminderDue(db, NOW)).toBe(false);
		await addAnswers(db, [entry(NOW - 8 * DAY_MS)]);
		expect(await backupReminderDue(db, NOW)).toBe(true);
		await markBackedUp(db, NOW - 2 * DAY_MS);
		expect(await backupReminderDue(db, NOW)).toBe(false);
	});

	test('is silent for a week after being dismissed', async () => {
		const db = await installed(30, [10]);
		await setMeta(db, 'backupReminderDismissedAt', NOW - 3 * DAY_MS);
		expect(await backupReminderDue(db, NOW)).toBe(false);
		await setMeta(db, 'backupReminderDismissedAt', NOW - 8 * DAY_MS);
		expect(await backupReminderDue(db, NOW)).toBe(true);
	});

	test('is not due on a database that never recorded its install', async () => {
		const db = await freshDatabase();
		await addAnswers(db, [entry(NOW - 30 * DAY_MS)]);
		expect(await backupReminderDue(db, NOW)).toBe(false);
	});
});

describe('readStartup', () => {
	test('a first open has default settings, no decks, no install id and no bundled version', async () => {
		const db = await freshDatabase();
		expect(await readStartup(db)).toEqual({ settings: defaultSettings, decks: [], installed: false, bundledVersion: undefined });
	});

	test('reads the settings, the decks by title and what was installed, in one go', async () => {
		const db = await freshDatabase();
		await putCards(db, 'b', [], 'Zebra');
		await putCards(db, 'a', [], 'Alpha');
		await saveSettings(db, { ...defaultSettings, newPerDay: 7 });
		await ensureInstall(db, NOW, () => 'install-1');
		await setMeta(db, 'bundledVersion', 'abc123');
		const start = await readStartup(db);
		expect(start.settings).toEqual({ ...defaultSettings, newPerDay: 7 });
		expect(start.decks.map((deck) => deck.title)).toEqual(['Alpha', 'Zebra']);
		expect(start.installed).toBe(true);
		expect(start.bundledVersion).toBe('abc123');
	});
});
