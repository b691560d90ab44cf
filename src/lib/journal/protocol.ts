// What the page and the journal's worker say to each other (worker.ts, client.ts).

/** The folder of the app's files in the Origin Private File System (db/file-store.ts keeps the backups there too). */
export const FOLDER = 'glossary-flashcards';
/** Held by whoever opens a journal file: appends, reads and compactions of every tab take turns. */
export const LOCK = 'glossary-flashcards-journal';

/** `journal-<install id>-<generation>.bin`: a compaction writes the next generation, then removes the older. */
export function journalFileName(install: string, generation: number): string {
	return `journal-${install}-${generation}.bin`;
}

/** The install and generation a file name names, or undefined for any other file. */
export function readJournalFileName(name: string): { install: string; generation: number } | undefined {
	const match = /^journal-([\w-]+)-(\d+)\.bin$/.exec(name);
	return match ? { install: match[1]!, generation: Number(match[2]) } : undefined;
}

/** Where a read of a journal ended, so that a compaction keeps whatever was appended after it. */
export interface JournalPosition {
	/** The newest generation read. */
	generation: number;
	/** Where the whole frames of each generation read ended (a tab may still append to an older one). */
	ends: Record<number, number>;
}

export type JournalRequest =
	| { id: number; op: 'hello' }
	| { id: number; op: 'append'; install: string; records: unknown[] }
	| { id: number; op: 'read'; install: string }
	| { id: number; op: 'compact'; install: string; from: JournalPosition; keep: unknown[] }
	| { id: number; op: 'installs' }
	| { id: number; op: 'remove'; install: string };

export interface JournalRead {
	/** Every whole frame of every generation, oldest first (parsed, not checked). */
	records: unknown[];
	/** Bytes of frames cut short, left out. */
	ignored: number;
	position: JournalPosition;
}

export type JournalReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: { name: string; message: string } };
