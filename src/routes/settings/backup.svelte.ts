// The backup file of Settings: its reads and writes, so that the section itself only shows them.
import { exportBackup, getMeta, importBackup, markBackedUp, parseBackup, type Backup, type ImportResult } from '$lib/db';
import { studyDayAt } from '$lib/srs/days';
import { app } from '$lib/state/app.svelte';

export { BackupError, MAX_BACKUP_BYTES, type Backup } from '$lib/db';

/** When the learner last exported a backup; null when never. */
export async function lastBackupTime(): Promise<number | null> {
	return (await getMeta(await app.ready(), 'lastBackupAt')) ?? null;
}

/** Every deck, card, review and setting as one backup, as of `now`. */
export async function makeBackup(now: number): Promise<Backup> {
	return exportBackup(await app.ready(), now);
}

/** The file was handed to the browser's download: remembered for the backup reminder. */
export async function backedUp(now: number): Promise<void> {
	await markBackedUp(await app.ready(), now);
	await app.refresh();
}

/** Checks a whole file's text (BackupError naming the first problem); nothing is imported yet. */
export function readBackup(text: string, now: number): Backup {
	return parseBackup(text, { today: studyDayAt(now, app.settings).today });
}

export async function importChosenBackup(backup: Backup, mode: 'replace' | 'merge'): Promise<ImportResult> {
	// The file's deck options count as saved now: sync takes them to the other devices.
	return importBackup(await app.ready(), backup, mode, Date.now());
}
