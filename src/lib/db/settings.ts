// The learner's settings and the small facts the app keeps about itself (install id, last backup).
import { defaultSettings, type Settings } from '$lib/srs/types';
import { keepToday, TODAY_STORES } from './today';
import { writeTransaction } from './write';
import { byTitle } from './deck-list';
import { lastAnswerTime } from './log-codec';
import type { DeckRecord, FlashcardsDb, MetaKey, MetaRecords } from './schema';

export async function loadSettings(db: FlashcardsDb): Promise<Settings> {
	const stored = await db.get('settings', 'study');
	// Settings saved by an older version lack newer fields: the defaults fill them in.
	return { ...defaultSettings, ...stored };
}

/**
 * Checks every value (throws SettingsError naming the wrong one) and saves at once. The fitted FSRS
 * parameters stay as stored: only db/scheduler.ts saveFsrsParameters changes them, with the cards
 * they schedule (a tab that read the settings before a fit must not take the fit back).
 */
export async function saveSettings(db: FlashcardsDb, settings: Settings, now = Date.now()): Promise<Settings> {
	// Loaded on first save, so the validator and sync's clock are not part of the app's first load.
	const [{ validSettings }, { sharedSettingsDiffer, stampSaves }] = await Promise.all([import('./validate'), import('./clock')]);
	const checked = validSettings(settings);
	return writeTransaction(db, [...TODAY_STORES], 'Your settings', async (tx, writes) => {
		const stored = await tx.objectStore('settings').get('study');
		// Fitted parameters are saved by db/scheduler.ts saveFsrsParameters only: a settings save keeps them.
		const valid: Settings = { ...checked, fsrsParameters: { ...defaultSettings, ...stored }.fsrsParameters };
		writes.push(tx.objectStore('settings').put(valid, 'study'));
		// Sync's last writer wins by this save's stamp (db/clock.ts); the theme alone is no save to sync.
		if (sharedSettingsDiffer(stored && { ...defaultSettings, ...stored }, valid)) {
			writes.push(tx.objectStore('meta').put(now, 'settingsSavedAt'));
			await stampSaves(tx.objectStore('meta'), writes, now, [{ settings: true }]);
		}
		// Limits, the day's start, related cards: every deck's numbers may change.
		await keepToday(tx, writes, 'all', now);
		return valid;
	});
}

export async function getMeta<K extends MetaKey>(db: FlashcardsDb, key: K): Promise<MetaRecords[K] | undefined> {
	return (await db.get('meta', key)) as MetaRecords[K] | undefined;
}

/** The records today's numbers are made of (db/today.ts): a change to one of them forgets them. */
const OF_TODAY: ReadonlySet<MetaKey> = new Set(['deckOptions', 'studyMore', 'buried']);

export function setMeta<K extends MetaKey>(db: FlashcardsDb, key: K, value: MetaRecords[K]): Promise<void> {
	return writeTransaction(
		db,
		['meta'],
		'The app’s own records',
		(tx, writes) => void writes.push(tx.objectStore('meta').put(value, key)),
		OF_TODAY.has(key) ? {} : { today: 'unchanged' }
	);
}

export interface Startup {
	settings: Settings;
	decks: DeckRecord[];
	/** The install has its id (false only on the very first open). */
	installed: boolean;
	bundledVersion: string | undefined;
}

/** Everything the app needs to start, read in one transaction (each one costs on a slow phone). */
export async function readStartup(db: FlashcardsDb): Promise<Startup> {
	const tx = db.transaction(['settings', 'meta', 'decks'], 'readonly');
	const [stored, installId, bundledVersion, decks] = await Promise.all([
		tx.objectStore('settings').get('study'),
		tx.objectStore('meta').get('installId'),
		tx.objectStore('meta').get('bundledVersion'),
		tx.objectStore('decks').getAll()
	]);
	return {
		settings: { ...defaultSettings, ...stored },
		decks: decks.sort(byTitle),
		installed: installId !== undefined,
		bundledVersion: bundledVersion as string | undefined
	};
}

/** Gives the install an id and a start time on first open. */
export function ensureInstall(db: FlashcardsDb, now: number, newId: () => string): Promise<void> {
	return writeTransaction(
		db,
		['meta'],
		'The app’s own records',
		async (tx, writes) => {
			const meta = tx.objectStore('meta');
			if ((await meta.get('installId')) === undefined) writes.push(meta.put(newId(), 'installId'), meta.put(now, 'installedAt'));
		},
		{ today: 'unchanged' }
	);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The home page reminds the learner to export when the last backup (or the install) is more
 * than 7 days old, there are answers since, and the reminder was not dismissed in the last week.
 */
export async function backupReminderDue(db: FlashcardsDb, now: number): Promise<boolean> {
	const tx = db.transaction(['meta', 'log'], 'readonly');
	const meta = tx.objectStore('meta');
	const [lastBackupAt, installedAt, dismissedAt] = (await Promise.all([
		meta.get('lastBackupAt'),
		meta.get('installedAt'),
		meta.get('backupReminderDismissedAt')
	])) as (number | undefined)[];
	const since = lastBackupAt ?? installedAt ?? now;
	if (now - since < WEEK_MS || (dismissedAt !== undefined && now - dismissedAt < WEEK_MS)) return false;
	// One answer since is enough: look at the newest days' records only, never read a long log.
	// A study day is a local date (at most a day from the UTC date), or the one before it when
	// the answer came before the day start hour: two days back from the UTC date covers both.
	const from = Math.floor((lastBackupAt ?? 0) / DAY_MS) - 2;
	let cursor = await tx.objectStore('log').index('byDay').openCursor(IDBKeyRange.lowerBound(from), 'prev');
	while (cursor) {
		if (lastAnswerTime(cursor.value) > (lastBackupAt ?? 0)) return true;
		cursor = await cursor.continue();
	}
	return false;
}
