// Keeping the learner's answers when the browser loses its database: the marker, the automatic
// backups and the journal (db/marker.ts, db/auto-backup.ts, src/lib/journal) kept up to date off
// the answer path, a loss noticed at start-up, and the restore: from the newest backup and the
// journal over it, from a backup file, or from the sync server. The backup code (and its
// validator) loads on first use.
import { browser } from '$app/environment';
import { plural } from '$lib/format/when';
import type { AutoBackup } from '$lib/db/auto-backup';
import { deviceFileStore, type FileStore } from '$lib/db/file-store';
import { lostAnswers, readMarker, writeMarker, type Marker } from '$lib/db/marker';
import { getMeta } from '$lib/db/settings';
import { studyDayAt } from '$lib/srs/days';
import { app } from './app.svelte';
import { journal, failureWords } from './journal.svelte';
import { errorMessage } from '$lib/format/error';
import type { Kept } from './restore';

/** The shortest wait between two automatic backups; a slow one (a big collection) waits 20 times its time. */
const MIN_WAIT_MS = 2000;
/** After start-up, the daily backup waits for the first screen to settle. */
const START_WAIT_MS = 5000;
/** A failed backup is tried again after 10 s, then twice as long each time, up to 5 minutes. */
const MIN_RETRY_MS = 10_000;
const MAX_RETRY_MS = 5 * 60_000;

/** What a start found lost: the install, and what the device kept of it would give back. */
export interface Loss extends Marker {
	/** Whether an automatic backup of it is on the device (else the journal goes over what the device holds). */
	backup?: AutoBackup;
	/** Answers its journal holds beyond the backup. */
	fromJournal: number;
}

/** What a restore could not place: changes to cards of decks that are in no backup (added since the last one). */
function skippedWords(skipped: number): string {
	return skipped === 0
		? ''
		: ` ${plural(skipped, 'change')} to cards of decks added since the last automatic backup could not be restored: add those decks again, then restore a backup file or from the sync server for their answers.`;
}

class Recovery {
	/** The answers this start found missing, until the learner restores them or starts over. */
	loss = $state.raw<Loss | undefined>(undefined);
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
	/** What the device kept of the lost install, read when the loss was found. */
	#kept: Kept | undefined;
	/** The marker says this install has no answers yet: the first answer writes it at once. */
	#markerEmpty = false;
	#starting: Promise<void> | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | undefined;
	#again = false;
	#startingOver = false;
	#lastMs = 0;
	/** After a failed backup, the wait before the next try (0: the last one worked). */
	#retryWait = 0;
	/** The collection was replaced (an import, a restore): the next backup is a new one, so the one before stays. */
	#keepNewest = false;

	/** Reads the marker, the backups and the journals once; call from the root layout. */
	start(): Promise<void> {
		this.#starting ??= this.#start();
		return this.#starting;
	}

	async #start(): Promise<void> {
		if (!browser) return;
		const journalStore = journal.start();
		journal.onWritable = () => this.#retryNow();
		this.#store = await deviceFileStore();
		this.available = this.#store !== undefined;
		if (this.#store) {
			addEventListener('pagehide', () => this.#flush());
			addEventListener('visibilitychange', () => {
				if (document.visibilityState === 'hidden') this.#flush();
			});
		}
		try {
			const db = await app.ready();
			this.#installId = await getMeta(db, 'installId');
			const installId = this.#installId ?? '';
			const [marker, backups, store] = await Promise.all([this.#store ? readMarker(this.#store) : undefined, this.#list(), journalStore]);
			this.backups = backups;
			const journals = (await store?.installs().catch(() => [])) ?? [];
			// The install whose answers may be gone: the one the marker names, or, with no marker (it was
			// never written, or lost too), one whose journal is here.
			const lost = marker ? (marker.installId !== installId ? marker.installId : undefined) : journals.find((id) => id !== installId);
			if (lost !== undefined && (await this.#findLoss(lost, marker, backups))) return;
			if (!this.#store) return;
			if (marker?.installId !== installId) {
				// The marker from the first moment: a new database (or one the marker never named) is
				// named now, so that losing it after its first answer is noticed.
				const { latestAnswerAt } = await import('$lib/db/auto-backup');
				const last = await latestAnswerAt(db);
				await writeMarker(this.#store, { installId, answers: last === null ? 0 : 1, lastAnswerAt: last, writtenAt: Date.now() });
				this.#markerEmpty = last === null;
			} else this.#markerEmpty = marker.answers === 0;
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

	/**
	 * Whether `install`'s answers are lost: the marker says it held some, or its journal or a backup
	 * of it does. Reads what a restore would give back, for the offer.
	 */
	async #findLoss(install: string, marker: Marker | undefined, backups: AutoBackup[]): Promise<boolean> {
		const [{ readKept, preview }, db, store] = await Promise.all([import('./restore'), app.ready(), journal.store()]);
		const now = Date.now();
		const kept = await readKept(this.#store, store, install, backups, this.#dayOf(now));
		const found = kept.journal.length > 0 || kept.backup ? await preview(db, kept, now) : { answers: 0, lastAnswerAt: null };
		const held = lostAnswers(marker, this.#installId)?.answers ?? 0;
		if (found.answers === 0 && held === 0) return false;
		this.#kept = kept;
		const fromBackup = kept.backup?.file.answers ?? 0;
		this.loss = {
			installId: install,
			answers: Math.max(found.answers, held),
			lastAnswerAt: found.lastAnswerAt ?? marker?.lastAnswerAt ?? null,
			writtenAt: marker?.writtenAt ?? now,
			...(kept.backup ? { backup: kept.backup.file } : {}),
			fromJournal: Math.max(0, found.answers - fromBackup)
		};
		return true;
	}

	/** The collection changed (an answer, an undo, an import): the newest backup follows, soon. */
	changed(): void {
		void this.start().then(() => {
			// The marker with the first answer: a loss before the first backup is noticed too.
			if (this.#markerEmpty && this.#store && this.#installId !== undefined && !this.loss) {
				this.#markerEmpty = false;
				const now = Date.now();
				void writeMarker(this.#store, { installId: this.#installId, answers: 1, lastAnswerAt: now, writtenAt: now }).catch(() => {
					this.#markerEmpty = true;
				});
			}
			this.#schedule(Math.max(MIN_WAIT_MS, 20 * this.#lastMs));
		});
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
	 * After a loss: the newest automatic backup of the lost install and its journal over it (or the
	 * journal over what the device holds, with no backup): every answer the device kept. The device
	 * is the lost install again, with its journal and backups.
	 */
	async restoreAll(): Promise<boolean> {
		const kept = this.#kept;
		if (!kept) return false;
		return this.#work(async () => {
			const [{ restoreKept }, db] = await Promise.all([import('./restore'), app.ready()]);
			const restored = await restoreKept(db, kept, Date.now());
			await this.#becomeLost(kept.install, restored, restored.changed);
			this.status =
				`Restored ${plural(restored.decks, 'deck')}, ${plural(restored.cards, 'card')} and ${plural(restored.answers, 'answer')}.` +
				skippedWords(restored.skipped);
		});
	}

	/**
	 * After a loss: sign in if needed (`account`), sync the server's collection into this device,
	 * put the kept backup and journal over it (each entry once), and sync again, so the server gets
	 * the answers it lacked.
	 */
	async restoreFromServer(account?: { server: string; name: string; password: string }): Promise<boolean> {
		const kept = this.#kept;
		if (!kept) return false;
		return this.#work(async () => {
			const [{ sync }, { restoreOverServer }, db] = await Promise.all([import('./sync.svelte'), import('./restore'), app.ready()]);
			if (account) {
				await sync.signIn(account.server, account.name, account.password);
				if (!sync.on) throw new Error(sync.problem || 'The sign-in failed.');
			}
			if (!sync.on) throw new Error('Sign in to the sync server first.');
			if (!account) await sync.syncNow();
			if (sync.problem) throw new Error(sync.problem);
			await app.reload();
			const restored = await restoreOverServer(db, kept, app.settings, app.decks);
			await this.#becomeLost(kept.install, restored, true);
			await sync.syncNow();
			this.status =
				`Restored from the sync server: ${plural(restored.answers, 'answer')}` +
				(restored.fromJournal > 0 ? `, ${restored.fromJournal} of them kept only on this device and now sent.` : '.') +
				skippedWords(restored.skipped);
			if (sync.problem) this.status += ` They could not be sent yet: ${sync.problem}`;
		});
	}

	/**
	 * The restore put the lost install's collection back: the device is that install again (the
	 * marker names it, its journal takes the changes) and the new database's journal goes. When
	 * the restore holds more than the newest backup (`beyondBackup`), a backup of it follows at
	 * once, beside that one, and folds the journal.
	 */
	async #becomeLost(install: string, restored: { answers: number; lastAnswerAt: number | null }, beyondBackup: boolean): Promise<void> {
		const replaced = this.#installId;
		this.#installId = install;
		journal.useInstall(install);
		this.loss = undefined;
		this.#kept = undefined;
		this.#keepNewest = beyondBackup;
		if (this.#store)
			await writeMarker(this.#store, {
				installId: install,
				answers: restored.answers,
				lastAnswerAt: restored.lastAnswerAt,
				writtenAt: Date.now()
			}).catch(() => {});
		if (replaced !== undefined && replaced !== install) await (await journal.store())?.remove(replaced).catch(() => {});
		await app.reload();
		if (beyondBackup) void this.#run();
	}

	/** Runs a restore: one at a time, its failure said in words, nothing else changed. */
	async #work(restore: () => Promise<void>): Promise<boolean> {
		this.working = true;
		this.status = '';
		this.error = '';
		try {
			await restore();
			return true;
		} catch (error) {
			this.error = errorMessage(error);
			return false;
		} finally {
			this.working = false;
		}
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
			// Nothing to back up yet (no answers): the marker names this database all the same.
			if (this.#store && this.#installId !== undefined)
				await writeMarker(this.#store, { installId: this.#installId, answers: 0, lastAnswerAt: null, writtenAt: Date.now() }).catch(
					() => {}
				);
		} finally {
			this.#startingOver = false;
			this.working = false;
		}
		this.#markerEmpty = true;
		this.loss = undefined;
		this.#kept = undefined;
	}

	/**
	 * An import (Settings) put a collection on the device: a loss is over, and a backup follows. A
	 * replace makes the journal's entries meaningless (they were changes of the collection replaced).
	 */
	imported(mode: 'replace' | 'merge' = 'replace'): void {
		this.loss = undefined;
		this.#kept = undefined;
		this.#keepNewest = true;
		if (mode === 'replace') void this.#forgetJournal();
		this.changed();
	}

	async #forgetJournal(): Promise<void> {
		const store = await journal.store();
		if (store && this.#installId !== undefined) await store.remove(this.#installId).catch(() => {});
	}

	async #restore(read: (today: number) => Promise<import('$lib/db/backup-schema').Backup>): Promise<boolean> {
		return this.#work(async () => {
			const [{ restoreBackup }, db] = await Promise.all([import('$lib/db/auto-backup'), app.ready()]);
			const now = Date.now();
			const backup = await read(studyDayAt(now, app.settings).today);
			const installId = this.#installId ?? (await getMeta(db, 'installId')) ?? '';
			const result = await restoreBackup(this.#store, db, backup, { now, installId });
			this.loss = undefined;
			this.#kept = undefined;
			this.#keepNewest = true;
			await this.#forgetJournal();
			this.status = `Restored ${plural(result.decks, 'deck')}, ${plural(result.cards, 'card')} and ${plural(result.reviews, 'answer')}.`;
			await app.reload();
			void this.#run();
		});
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

	/** Space is back (the journal could write again): a failed backup is tried now, not at its turn. */
	#retryNow(): void {
		if (this.#retryWait === 0 || this.#timer === undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		void this.#run();
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
			if (kept.saved) {
				this.#keepNewest = false;
				this.#markerEmpty = false;
				// The backup holds what the journal held: the journal keeps only the rest.
				await this.#fold(this.#installId, kept.backup).catch(() => {});
			}
			this.backups = await this.#list();
			this.backupError = '';
			this.#retryWait = 0;
			if (kept.saved) journal.backedUp();
			else journal.backupProblem = '';
		} catch (error) {
			this.backupError = `The automatic backup could not be saved: ${errorMessage(error)}`;
			journal.backupProblem = failureWords((error as { cause?: unknown }).cause ?? error);
			// Space may come back without another answer: try again, less and less often.
			this.#retryWait = Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, this.#retryWait * 2));
			this.#schedule(this.#retryWait);
		} finally {
			this.#lastMs = performance.now() - started;
		}
	}

	/** Folds the journal into the backup just written: it keeps only what the backup does not hold. */
	async #fold(install: string, backup: import('$lib/db/backup-schema').Backup): Promise<void> {
		const journalStore = await journal.store();
		if (!journalStore) return;
		const [{ checkRecord }, { coverageOf, keptAfterBackup }] = await Promise.all([
			import('$lib/journal/check'),
			import('$lib/journal/plan')
		]);
		const read = await journalStore.read(install);
		const entries = read.records.flatMap((value) => {
			const record = checkRecord(value);
			return record?.install === install ? [record.entry] : [];
		});
		await journalStore.compact(install, read.position, keptAfterBackup(entries, coverageOf(backup)));
	}
}

export const recovery = new Recovery();
