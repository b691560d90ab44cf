// Keeping the learner's answers when the browser loses its database: the marker and the
// automatic backups (db/marker.ts, db/auto-backup.ts) kept up to date off the answer path, a
// loss noticed at start-up, and the restore. The backup code (and its validator) loads on first use.
import { browser } from '$app/environment';
import { plural } from '$lib/format/when';
import type { AutoBackup } from '$lib/db/auto-backup';
import { deviceFileStore, type FileStore } from '$lib/db/file-store';
import { lostAnswers, readMarker, type Marker } from '$lib/db/marker';
import { getMeta } from '$lib/db/settings';
import { studyDayAt } from '$lib/srs/days';
import { app } from './app.svelte';
import { errorMessage } from '$lib/format/error';

/** The shortest wait between two automatic backups; a slow one (a big collection) waits 20 times its time. */
const MIN_WAIT_MS = 2000;
/** After start-up, the daily backup waits for the first screen to settle. */
const START_WAIT_MS = 5000;

class Recovery {
	/** The answers this start found missing, until the learner restores them or starts over. */
	loss = $state.raw<Marker | undefined>(undefined);
	/** The automatic backups on the device, newest first. */
	backups = $state.raw<AutoBackup[]>([]);
	/** Whether this browser can keep automatic backups (undefined until known). */
	available = $state<boolean | undefined>(undefined);
	/** A restore is running. */
	working = $state(false);
	/** What the last restore did, or why it failed. */
	status = $state('');
	error = $state('');
	/** Why the last automatic backup could not be written ('' when it was). */
	backupError = $state('');
	#store: FileStore | undefined;
	#installId: string | undefined;
	#starting: Promise<void> | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | undefined;
	#again = false;
	#startingOver = false;
	#lastMs = 0;
	/** The collection was replaced (an import, a restore): the next backup is a new one, so the one before stays. */
	#keepNewest = false;

	/** Reads the marker and the backups once; call from the root layout. */
	start(): Promise<void> {
		this.#starting ??= this.#start();
		return this.#starting;
	}

	async #start(): Promise<void> {
		if (!browser) return;
		this.#store = await deviceFileStore();
		this.available = this.#store !== undefined;
		if (!this.#store) return;
		addEventListener('pagehide', () => this.#flush());
		addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'hidden') this.#flush();
		});
		try {
			const db = await app.ready();
			this.#installId = await getMeta(db, 'installId');
			const [marker, backups] = await Promise.all([readMarker(this.#store), this.#list()]);
			this.backups = backups;
			this.loss = lostAnswers(marker, this.#installId);
			if (this.loss) return;
			// Daily, as Anki does: a start on a new study day (or the first start) saves one; so does a
			// start after answers the last backup missed (the page closed before it ran).
			const newest = backups[0];
			const { latestAnswerAt } = await import('$lib/db/auto-backup');
			const missed = marker !== undefined && marker.lastAnswerAt !== (await latestAnswerAt(db));
			if (!marker || missed || (newest && this.#dayOf(newest.exportedAt) !== this.#dayOf(Date.now()))) this.#schedule(START_WAIT_MS);
		} catch {
			// The layout already says why the database could not be opened; nothing is backed up then.
		}
	}

	/** The collection changed (an answer, an undo, an import): the newest backup follows, soon. */
	changed(): void {
		void this.start().then(() => this.#schedule(Math.max(MIN_WAIT_MS, 20 * this.#lastMs)));
	}

	/** Re-reads the list of backups (the settings screen). */
	async refresh(): Promise<void> {
		await this.start();
		if (this.#store) this.backups = await this.#list();
	}

	/** Restores an automatic backup in one tap: the device then holds exactly what it held. */
	async restore(backup: AutoBackup): Promise<boolean> {
		return this.#restore(async (today) => {
			const { readAutoBackup } = await import('$lib/db/auto-backup');
			if (!this.#store) throw new Error('This browser keeps no automatic backups.');
			return readAutoBackup(this.#store, backup.name, today);
		});
	}

	/** Restores a backup file (from `Export backup`), replacing everything on the device. */
	async restoreFile(file: File): Promise<boolean> {
		return this.#restore(async (today) => {
			const { parseBackup } = await import('$lib/db/backup');
			return parseBackup(await file.text(), { today });
		});
	}

	/**
	 * The learner keeps the new, empty collection: the marker follows it from now on. The offer
	 * stays until the marker says so, or a reload straight after would find the loss again.
	 */
	async startOver(): Promise<void> {
		this.working = true;
		this.status = '';
		this.error = '';
		this.#startingOver = true;
		try {
			await this.#run();
		} finally {
			this.#startingOver = false;
			this.working = false;
		}
		this.loss = undefined;
	}

	/** An import (Settings) put a collection on the device: a loss is over, and a backup follows. */
	imported(): void {
		this.loss = undefined;
		this.#keepNewest = true;
		this.changed();
	}

	async #restore(read: (today: number) => Promise<import('$lib/db/backup-schema').Backup>): Promise<boolean> {
		this.working = true;
		this.status = '';
		this.error = '';
		try {
			const [{ restoreBackup }, db] = await Promise.all([import('$lib/db/auto-backup'), app.ready()]);
			const now = Date.now();
			const backup = await read(studyDayAt(now, app.settings).today);
			const installId = this.#installId ?? (await getMeta(db, 'installId')) ?? '';
			const result = await restoreBackup(this.#store, db, backup, { now, installId });
			this.loss = undefined;
			this.#keepNewest = true;
			this.status = `Restored ${plural(result.decks, 'deck')}, ${plural(result.cards, 'card')} and ${plural(result.reviews, 'answer')}.`;
			await app.reload();
			return true;
		} catch (error) {
			this.error = errorMessage(error);
			return false;
		} finally {
			this.working = false;
		}
	}

	#dayOf = (time: number) => studyDayAt(time, app.settings).today;

	async #list(): Promise<AutoBackup[]> {
		if (!this.#store) return [];
		const { listAutoBackups } = await import('$lib/db/auto-backup');
		return listAutoBackups(this.#store);
	}

	/** At most one backup per wait: changes made meanwhile are in it, since it reads the database when it runs. */
	#schedule(wait: number): void {
		// While a loss is open nothing is written: the marker keeps naming the lost answers, and the
		// emptied database never pushes the learner's backups out.
		if (!this.#store || this.loss || this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
			idle(() => void this.#run(), { timeout: 2000 });
		}, wait);
	}

	/** The page is going away: a pending backup is written now. */
	#flush(): void {
		if (this.#timer === undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		void this.#run();
	}

	async #run(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#keep();
		try {
			await this.#running;
		} finally {
			this.#running = undefined;
		}
		if (this.#again) {
			this.#again = false;
			await this.#run();
		}
	}

	async #keep(): Promise<void> {
		const store = this.#store;
		if (!store || (this.loss && !this.#startingOver)) return;
		const started = performance.now();
		try {
			const [{ keepSafe }, db] = await Promise.all([import('$lib/db/auto-backup'), app.ready()]);
			this.#installId ??= await getMeta(db, 'installId');
			if (this.#installId === undefined) return;
			const keepNewest = this.#keepNewest;
			const kept = await keepSafe(store, db, { now: Date.now(), installId: this.#installId, dayOf: this.#dayOf, keepNewest });
			if (kept.saved) this.#keepNewest = false;
			this.backups = await this.#list();
			this.backupError = '';
		} catch (error) {
			this.backupError = `The automatic backup could not be saved: ${errorMessage(error)}`;
		} finally {
			this.#lastMs = performance.now() - started;
		}
	}
}

export const recovery = new Recovery();
