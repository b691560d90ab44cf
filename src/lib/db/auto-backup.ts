// Automatic backups, as Anki keeps them: the same file as `Export backup`, kept in the Origin
// Private File System (file-store.ts), so they survive a lost IndexedDB. The newest one follows
// the answers; a new one starts each day and every 100 answers, and the last few are kept.
import { exportBackup, importBackup, parseBackup, type ImportResult } from './backup';
import type { Backup } from './backup-schema';
import type { FileStore } from './file-store';
import { lastAnswerTime } from './log-codec';
import { writeMarker } from './marker';
import type { FlashcardsDb } from './schema';

/** How many automatic backups are kept. */
export const KEEP_AUTO_BACKUPS = 8;
/** A new backup (rather than a newer newest one) once the answers differ from it by this many. */
export const ANSWERS_PER_AUTO_BACKUP = 100;

export interface AutoBackup {
	/** The file's name in the store: `auto-backup-<exportedAt>-<answers>-<installId>.json`. */
	name: string;
	exportedAt: number;
	/** Answers in the backup. */
	answers: number;
	/** The install whose database it was: a backup of a lost database is never replaced by the new one's. */
	installId: string;
}

const NAME = /^auto-backup-(\d+)-(\d+)-([\w-]+)\.json$/;

export function autoBackupName(exportedAt: number, answers: number, installId: string): string {
	return `auto-backup-${exportedAt}-${answers}-${installId}.json`;
}

/** The backup a file name describes, or undefined for any other file. */
export function readAutoBackupName(name: string): AutoBackup | undefined {
	const match = NAME.exec(name);
	return match ? { name, exportedAt: Number(match[1]), answers: Number(match[2]), installId: match[3]! } : undefined;
}

/** The automatic backups in the store, newest first. */
export async function listAutoBackups(store: FileStore): Promise<AutoBackup[]> {
	const backups = (await store.list()).flatMap((name) => readAutoBackupName(name) ?? []);
	return backups.sort((a, b) => b.exportedAt - a.exportedAt || b.answers - a.answers);
}

export interface AutoBackupPlan {
	/** The new file. */
	write: AutoBackup;
	/** Files to remove once it is written. */
	remove: string[];
}

/**
 * What saving a backup of `next.answers` answers at `next.exportedAt` does to `existing` (newest
 * first): it replaces the newest when that one is of the same install and study day and within 100
 * answers of it (and `next.keepNewest` is not set, as after an import), else it is added; beyond
 * KEEP_AUTO_BACKUPS the oldest go. A collection without answers is never saved (undefined), so an
 * emptied database cannot push the learner's backups out.
 */
export function planAutoBackup(
	existing: readonly AutoBackup[],
	next: { exportedAt: number; answers: number; installId: string; keepNewest?: boolean },
	dayOf: (time: number) => number
): AutoBackupPlan | undefined {
	const { exportedAt, answers, installId } = next;
	if (answers === 0) return undefined;
	const write = { name: autoBackupName(exportedAt, answers, installId), exportedAt, answers, installId };
	const newest = existing[0];
	const replaces =
		newest !== undefined &&
		!next.keepNewest &&
		newest.installId === installId &&
		dayOf(newest.exportedAt) === dayOf(exportedAt) &&
		Math.abs(answers - newest.answers) < ANSWERS_PER_AUTO_BACKUP;
	const kept = replaces ? existing.slice(1) : existing;
	const remove = [...(replaces ? [newest.name] : []), ...kept.slice(KEEP_AUTO_BACKUPS - 1).map((backup) => backup.name)];
	return { write, remove: remove.filter((name) => name !== write.name) };
}

export interface Safekeeping {
	/** The backup written, or undefined when the collection has no answers. */
	saved: AutoBackup | undefined;
	answers: number;
	/** What was read for it: the journal keeps only what this does not hold (src/lib/journal). */
	backup: Backup;
}

/**
 * Exports the collection into the newest automatic backup (planAutoBackup) and updates the
 * marker. The new file is written before any old one is removed, so there is always one.
 */
export async function keepSafe(
	store: FileStore,
	db: FlashcardsDb,
	{ now, installId, dayOf, keepNewest }: { now: number; installId: string; dayOf: (time: number) => number; keepNewest?: boolean }
): Promise<Safekeeping> {
	const backup = await exportBackup(db, now);
	const answers = backup.reviews.length;
	const plan = planAutoBackup(await listAutoBackups(store), { exportedAt: now, answers, installId, keepNewest }, dayOf);
	if (plan) {
		await store.write(plan.write.name, JSON.stringify(backup));
		for (const name of plan.remove) await store.remove(name);
	}
	await writeMarker(store, { installId, answers, lastAnswerAt: backup.reviews.at(-1)?.time ?? null, writtenAt: now });
	return { saved: plan?.write, answers, backup };
}

/**
 * When the newest answer in the log was given, or null with none: a marker that says otherwise
 * missed the last answers (the page closed before the backup ran) or an undo.
 */
export async function latestAnswerAt(db: FlashcardsDb): Promise<number | null> {
	const tx = db.transaction('log', 'readonly');
	// Only the newest study day's records (one per deck) are read, never a long log.
	let cursor = await tx.store.index('byDay').openCursor(null, 'prev');
	const newestDay = cursor?.value.studyDay;
	let latest: number | null = null;
	while (cursor && cursor.value.studyDay === newestDay) {
		if (cursor.value.cardIds.length > 0) latest = Math.max(latest ?? -Infinity, lastAnswerTime(cursor.value));
		cursor = await cursor.continue();
	}
	return latest;
}

/** Reads and checks an automatic backup as any backup file is checked (BackupError if it fails). */
export async function readAutoBackup(store: FileStore, name: string, today: number): Promise<Backup> {
	const text = await store.read(name);
	if (text === undefined) throw new Error('This automatic backup is no longer on the device.');
	return parseBackup(text, { today });
}

/**
 * Puts the device back as the backup was: everything on it is replaced, settings included, and
 * the marker then names this database with the backup's answers.
 */
export async function restoreBackup(
	store: FileStore | undefined,
	db: FlashcardsDb,
	backup: Backup,
	{ now, installId }: { now: number; installId: string }
): Promise<ImportResult> {
	const result = await importBackup(db, backup, 'replace');
	if (store)
		await writeMarker(store, {
			installId,
			answers: result.reviews,
			lastAnswerAt: backup.reviews.at(-1)?.time ?? null,
			writtenAt: now
		}).catch(() => {});
	return result;
}
