// Bringing a lost database back: what the device kept of the lost install (its newest automatic
// backup and its journal), read and checked; what a restore of it would give; and the restore,
// from those or on top of what the sync server gave back. Loaded only when a loss is found.
import { readAutoBackup, type AutoBackup } from '$lib/db/auto-backup';
import { exportBackup } from '$lib/db/backup';
import type { Backup } from '$lib/db/backup-schema';
import { deckScheduler } from '$lib/db/deck-scheduler';
import type { FileStore } from '$lib/db/file-store';
import { restoreBackupWith, restoreInPlace, type RestoreSource } from '$lib/db/restore';
import type { DeckRecord, FlashcardsDb } from '$lib/db/schema';
import { checkRecord } from '$lib/journal/check';
import type { JournalStore } from '$lib/journal/client';
import type { JournalEntry } from '$lib/journal/entries';
import { answersIn, planRestore, type RestoreRules } from '$lib/journal/plan';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import type { Settings } from '$lib/srs/types';

/** What the device kept of a lost install. */
export interface Kept {
	install: string;
	/** Its newest automatic backup, read and checked (none: the journal goes over what the device holds now). */
	backup?: { file: AutoBackup; data: Backup };
	/** Its journal's entries that passed the checks, oldest first. */
	journal: JournalEntry[];
	/** Journal records left out: cut short, or failing the checks. */
	ignored: number;
}

/** Reads what the device kept of `install`: a backup that fails its checks is left out, as a damaged journal entry is. */
export async function readKept(
	files: FileStore | undefined,
	store: JournalStore | undefined,
	install: string,
	backups: readonly AutoBackup[],
	today: number
): Promise<Kept> {
	const kept: Kept = { install, journal: [], ignored: 0 };
	for (const file of backups.filter((backup) => backup.installId === install)) {
		if (!files) break;
		try {
			kept.backup = { file, data: await readAutoBackup(files, file.name, today) };
			break;
		} catch {
			// Damaged or gone: the next older backup of the install.
		}
	}
	if (store) {
		const read = await store.read(install);
		kept.ignored = read.ignored;
		for (const value of read.records) {
			const record = checkRecord(value);
			if (record?.install === install) kept.journal.push(record.entry);
			else kept.ignored++;
		}
	}
	return kept;
}

/** The restore's rules for a collection: its leech setting, and FSRS's fold where a deck uses it (ts-fsrs loaded then). */
async function rulesFor(settings: Settings, decks: readonly DeckRecord[]): Promise<RestoreRules> {
	const rules: RestoreRules = { leechThreshold: LEECH_THRESHOLD, leechAction: settings.leechAction };
	const onFsrs = new Set(decks.filter((deck) => deckScheduler(deck, settings) === 'fsrs').map((deck) => deck.id));
	if (onFsrs.size === 0) return rules;
	const [{ fsrsSchedulerFor, fsrsDueDay }, { fsrsFold }] = await Promise.all([import('$lib/srs/fsrs'), import('$lib/srs/fsrs-switch')]);
	const scheduler = fsrsSchedulerFor(fsrsOptionsOf(settings));
	return {
		...rules,
		onFsrs: (card) => onFsrs.has(card.deckId),
		fsrsFold: (answers) => {
			const fsrs = fsrsFold(answers, scheduler, settings.dayStartHour);
			return { fsrs, dueDay: fsrsDueDay(fsrs) };
		}
	};
}

/** The collection a restore goes over: the backup, or (none) what the device holds now. */
async function baseOf(db: FlashcardsDb, kept: Kept, now: number): Promise<Backup> {
	return kept.backup?.data ?? (await exportBackup(db, now));
}

/** How many answers a restore would give back, and when the last was given. */
export async function preview(db: FlashcardsDb, kept: Kept, now: number): Promise<{ answers: number; lastAnswerAt: number | null }> {
	const base = await baseOf(db, kept, now);
	const log = base.reviews.map((entry) => ({ ...entry, device: entry.device ?? kept.install }));
	const plan = planRestore({ cards: base.cards, log }, kept.journal, await rulesFor(base.settings, base.decks));
	return answersIn([...log, ...plan.days.flatMap((day) => day.entries)]);
}

export interface Restored {
	decks: number;
	cards: number;
	/** Answers the device holds now. */
	answers: number;
	lastAnswerAt: number | null;
	/** Of them, given back by the journal. */
	fromJournal: number;
	/** Journal entries whose card the device does not have (its deck was never in a backup). */
	skipped: number;
	/** Whether the journal changed anything over the backup. */
	changed: boolean;
}

/** Replaces everything with the kept backup (or what the device holds) and the journal over it; the device is `kept.install` again. */
export async function restoreKept(db: FlashcardsDb, kept: Kept, now: number): Promise<Restored> {
	const base = await baseOf(db, kept, now);
	const rules = await rulesFor(base.settings, base.decks);
	const { changes, log } = await restoreBackupWith(db, base, kept.install, (source: RestoreSource) =>
		planRestore(source, kept.journal, rules)
	);
	const plan = changes as ReturnType<typeof planRestore>;
	const changed = plan.cards.length > 0 || plan.days.length > 0 || plan.buried !== undefined || !kept.backup;
	return { decks: base.decks.length, cards: base.cards.length, ...answersIn(log), fromJournal: plan.added, skipped: plan.skipped, changed };
}

/**
 * After a sync brought the server's collection into this device: the kept backup's answers and
 * the journal go over it (each entry once), and the device is `kept.install` again, so the next
 * sync sends what the server lacked as that install's own.
 */
export async function restoreOverServer(db: FlashcardsDb, kept: Kept, settings: Settings, decks: readonly DeckRecord[]): Promise<Restored> {
	const fromBackup: JournalEntry[] = (kept.backup?.data.reviews ?? []).map((entry) => ({
		type: 'log',
		entry: { ...entry, device: entry.device ?? kept.install }
	}));
	const rules = await rulesFor(settings, [...decks, ...(kept.backup?.data.decks ?? [])]);
	const { changes, log } = await restoreInPlace(db, kept.install, (source) => planRestore(source, [...fromBackup, ...kept.journal], rules));
	const plan = changes as ReturnType<typeof planRestore>;
	return { decks: decks.length, cards: 0, ...answersIn(log), fromJournal: plan.added, skipped: plan.skipped, changed: true };
}
