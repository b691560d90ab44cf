// The safety copy: every change the database takes is also appended to the journal beside it
// (src/lib/journal), started while the database's transaction runs and waited for with it. When
// the journal (or the automatic backup, told by recovery.svelte.ts) can't be written, this says
// so in words, with what to do, until a write succeeds again; entries not yet copied are retried.
import { browser } from '$app/environment';
import { getMeta } from '$lib/db/settings';
import { journalKey, type Change, type JournalEntry } from '$lib/journal/entries';
import { openJournal, type JournalKind, type JournalStore } from '$lib/journal/client';
import type { LogEntry } from '$lib/srs/types';
import { readStored, writeStored } from '$lib/platform/web-storage';
import { app } from './app.svelte';

/** While entries wait to be copied, the journal tries again this often. */
const RETRY_MS = 5000;
/**
 * An append that takes longer than this (another tab holding the journal, a stuck disk) counts as
 * failed, so the answer is never held up by it: it is said, and tried again with the next.
 */
const APPEND_TIMEOUT_MS = 3000;

/** Rejects with a TimeoutError when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DOMException('The safety copy did not answer in time.', 'TimeoutError')), ms);
	});
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
/**
 * A failure outlives the page: after a reload the changes that waited are no longer in memory, so
 * only an automatic backup (which holds everything the database does) makes them safe again.
 */
const UNSAFE_KEY = 'safety-copy-unsafe';

function readUnsafe(): { problem: string; since: number | null } | undefined {
	try {
		const stored: unknown = JSON.parse(readStored('localStorage', UNSAFE_KEY) || 'null');
		const { problem, since } = (stored ?? {}) as { problem?: unknown; since?: unknown };
		return typeof problem === 'string' && problem && (since === null || typeof since === 'number') ? { problem, since } : undefined;
	} catch {
		return undefined;
	}
}

/** Why a write failed, as the end of "This device's safety copy can't be written: …". */
export function failureWords(error: unknown): string {
	const name = error instanceof Error || error instanceof DOMException ? error.name : '';
	if (name === 'QuotaExceededError') return 'storage is full';
	if (name === 'NotAllowedError' || name === 'SecurityError') return 'the browser does not allow it here';
	if (name === 'TimeoutError') return 'it did not answer in time';
	return 'the browser refused to write it';
}

/** Why a browser without Cache Storage or OPFS keeps no safety copy. */
const NOWHERE = 'this browser has nowhere to keep it';

/** "14:02" today, else "12 Mar 2026, 14:02": when the first answer not copied was given. */
export function sinceWords(time: number, now: number): string {
	const at = new Date(time);
	const sameDay = at.toDateString() === new Date(now).toDateString();
	return sameDay
		? at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
		: at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export class Journal {
	/** Where the journal is kept; undefined until known, null where this browser keeps none. */
	kind = $state<JournalKind | null | undefined>(undefined);
	/** Why the last journal write failed ('' when the last one worked). */
	problem = $state(browser ? (readUnsafe()?.problem ?? '') : '');
	/** Why the last automatic backup failed ('' when it worked), from recovery.svelte.ts. */
	backupProblem = $state('');
	/** When the first change not in the journal was made (null: none waits). */
	since = $state<number | null>(browser ? (readUnsafe()?.since ?? null) : null);
	/** Told when a write works while the automatic backup is failing (recovery.svelte.ts tries it again). */
	onWritable: (() => void) | undefined;
	/** Changes a page before this one could not copy: only a backup makes them safe. */
	#lostWaiting = browser && readUnsafe() !== undefined;
	#store: Promise<JournalStore | undefined> | undefined;
	#install: string | undefined;
	/** Changes the journal could not take yet, oldest first: they go with the next append. */
	#waiting: JournalEntry[] = [];
	#retry: ReturnType<typeof setTimeout> | undefined;
	/** One append at a time, in order. */
	#queue: Promise<unknown> = Promise.resolve();
	readonly #open: () => Promise<JournalStore | undefined>;

	/** `open` finds where this browser keeps the journal (tests give a store of their own). */
	constructor(open: () => Promise<JournalStore | undefined> = browser ? openJournal : async () => undefined) {
		this.#open = open;
	}

	/** Opens the journal (the worker starts): call before the first change, e.g. as a review starts. */
	start(): Promise<JournalStore | undefined> {
		this.#store ??= this.#open().then(
			(store) => {
				this.kind = store?.kind ?? null;
				// Said from the start, not only after the first answer: nothing here can keep a copy.
				if (!store) this.problem = NOWHERE;
				return store;
			},
			() => {
				this.kind = null;
				this.problem = NOWHERE;
				return undefined;
			}
		);
		return this.#store;
	}

	/** The journal, once open (undefined where there is none). */
	store(): Promise<JournalStore | undefined> {
		return this.start();
	}

	/** The install whose journal takes this tab's changes: the database's own. */
	async install(): Promise<string> {
		this.#install ??= (await getMeta(await app.ready(), 'installId')) ?? '';
		return this.#install;
	}

	/** After a restore the device is the lost install again: its journal takes the changes from now on. */
	useInstall(install: string): void {
		this.#install = install;
	}

	/**
	 * Appends `changes` (with any that wait) and resolves true once they are in the journal; false
	 * when they could not be written, and the screen says so. Never rejects.
	 */
	append(changes: readonly JournalEntry[]): Promise<boolean> {
		const run = this.#queue.then(() => this.#write(changes));
		this.#queue = run;
		return run;
	}

	async #write(changes: readonly JournalEntry[]): Promise<boolean> {
		const entries = [...this.#waiting, ...changes];
		if (entries.length === 0) return true;
		try {
			const [store, install] = await Promise.all([this.start(), this.install()]);
			if (!store) throw new DOMException('This browser has nowhere to keep the safety copy.', 'NotSupportedError');
			await within(store.append(install, entries), APPEND_TIMEOUT_MS);
			this.#waiting = [];
			if (!this.#lostWaiting) this.#safe();
			// A write that works after one that failed: space is back, and the backup may try again now.
			if (this.backupProblem) this.onWritable?.();
			return true;
		} catch (error) {
			// With nowhere to keep them, they are not kept waiting either.
			this.#waiting = this.kind === null ? [] : entries;
			const first = Math.min(...entries.map((entry) => (entry.type === 'log' ? entry.entry.time : entry.time)));
			this.since = Math.min(this.since ?? Infinity, first);
			this.problem = this.kind === null ? NOWHERE : failureWords(error);
			writeStored('localStorage', UNSAFE_KEY, JSON.stringify({ problem: this.problem, since: this.since }));
			// Space may come back without another answer: try again on a timer, until it works.
			if (this.kind !== null && this.#retry === undefined)
				this.#retry = setTimeout(() => {
					this.#retry = undefined;
					if (this.#waiting.length > 0) void this.append([]);
				}, RETRY_MS);
			return false;
		}
	}

	/**
	 * Runs a write whose log entry is made inside its transaction (`onEntry`, db/answers.ts), the
	 * journal's copy started at that moment; resolves when both are done. A write that fails after
	 * its entry was made withdraws the entry from the journal.
	 */
	async withEntry<T, E extends LogEntry>(write: (onEntry: (entry: E) => void) => Promise<T>): Promise<T> {
		let made: E | undefined;
		let copied: Promise<boolean> | undefined;
		try {
			const result = await write((entry) => {
				made = entry;
				copied = this.append([{ type: 'log', entry }]);
			});
			await copied;
			return result;
		} catch (error) {
			if (made) void this.#withdraw({ type: 'log', entry: made });
			throw error;
		}
	}

	/** Runs a write and copies `change` beside it, resolving when both are done (see withEntry). */
	async alongside<T>(change: Change, write: () => Promise<T>): Promise<T> {
		const copied = this.append([change]);
		try {
			const result = await write();
			await copied;
			return result;
		} catch (error) {
			void this.#withdraw(change);
			throw error;
		}
	}

	/** Every change is in the journal again, or an automatic backup holds them all. */
	#safe(): void {
		this.since = null;
		this.problem = '';
		this.#lostWaiting = false;
		writeStored('localStorage', UNSAFE_KEY, '');
	}

	/**
	 * An automatic backup was written: it holds everything the database does, so nothing waits to
	 * be made safe any more (changes still waiting for the journal are copied all the same).
	 */
	backedUp(): void {
		this.backupProblem = '';
		if (this.#waiting.length === 0) this.#safe();
		else this.#lostWaiting = false;
	}

	/** The database refused a change the journal already took: a restore must leave it out. */
	async #withdraw(change: Change): Promise<void> {
		await this.append([{ type: 'withdrawn', key: journalKey(change), time: Date.now() }]);
	}

	/** What the review screen and the home page say while a copy can't be written, or ''. */
	get warning(): string {
		if (this.problem) {
			const since = this.since === null ? '' : ` the answers since ${sinceWords(this.since, Date.now())}`;
			const what =
				this.problem === 'storage is full'
					? 'Free some space on this device, or export a backup in Settings.'
					: 'Export a backup in Settings now and then.';
			return `This device’s safety copy can’t be written: ${this.problem}. Your answers are saved, but if the browser lost its data now,${since || ' they'} would be lost. ${what}`;
		}
		if (this.backupProblem)
			return `This device’s automatic backup can’t be written: ${this.backupProblem}. Your answers are saved, and kept in the safety copy for now. ${
				this.backupProblem === 'storage is full' ? 'Free some space on this device.' : 'Export a backup in Settings now and then.'
			}`;
		return '';
	}
}

export const journal = new Journal();
