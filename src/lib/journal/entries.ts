// What the journal holds: every change of the learner's progress that the database also holds, as
// it was made. The review log's entries (answers, undos, resets) are kept whole; burying,
// suspending and editing a card, which the log does not hold, are kept as what the learner did.
import { entryKey } from '$lib/db/plan-merge';
import type { LogEntry } from '$lib/srs/types';

export type JournalEntry =
	/** An answer, an undo or a reset, exactly as the log stores it. */
	| { type: 'log'; entry: LogEntry }
	/** Suspend (or unsuspend) from the review screen or Browse. */
	| { type: 'suspend'; cardId: string; time: number; suspended: boolean }
	/** The card's text as the learner left it (an edit, or the page's text taken back). */
	| { type: 'text'; cardId: string; time: number; front: string; back: string }
	/** A card buried until the next study day, or the burial undone. */
	| { type: 'bury'; cardId: string; time: number; studyDay: number; buried: boolean }
	/**
	 * The entry with this key never reached the database (its transaction failed after the journal
	 * took it): a restore leaves it out.
	 */
	| { type: 'withdrawn'; key: string; time: number };

/** A change the learner made: every entry but a withdrawal. */
export type Change = Exclude<JournalEntry, { type: 'withdrawn' }>;

/** An entry as the journal file holds it: the version of its shape, and the install that wrote it. */
export interface JournalRecord {
	v: 1;
	install: string;
	entry: JournalEntry;
}

/**
 * What makes an entry the same entry wherever it is found (two files of one journal, a backup, the
 * sync server): a log entry by its card, moment and kind, as backups and sync tell them apart.
 */
export function journalKey(entry: JournalEntry): string {
	switch (entry.type) {
		case 'log':
			return `log:${entryKey(entry.entry)}`;
		case 'withdrawn':
			return `withdrawn:${entry.key}@${entry.time}`;
		default:
			return `${entry.type}:${entry.cardId}@${entry.time}`;
	}
}

/** When an entry was made. */
export function entryTime(entry: JournalEntry): number {
	return entry.type === 'log' ? entry.entry.time : entry.time;
}
