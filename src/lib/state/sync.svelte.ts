// Sync between the learner's devices, as the screens see it: the account, when a sync runs
// (on opening the app, after answers, when the network comes back, on Sync now) and its status
// in words. PouchDB and the sync engine load only once sync is on. What a sync kept when
// something changed on two devices is sync-notices.svelte.ts's.
import { browser } from '$app/environment';
import { app } from './app.svelte';
import { syncNotices } from './sync-notices.svelte';
import { readAccount, writeAccount, type SavedAccount } from '$lib/platform/sync-account';
import { errorMessage } from '$lib/format/error';
import { syncedWords } from '$lib/format/synced';

/** After an answer, a sync waits this long for the next one, so a session syncs in a few batches. */
const AFTER_ANSWERS_MS = 4000;

type Engine = typeof import('$lib/sync/engine');
type Remote = typeof import('$lib/sync/remote');
type Pouch = import('$lib/sync/pouch').PouchDatabase;

class SyncState {
	/** The server and name signed in with; undefined while sync is off. */
	config = $state<SavedAccount | undefined>(browser ? readAccount() : undefined);
	syncing = $state(false);
	/** What went wrong last, in words ("Wrong name or password"); '' when the last step worked. */
	problem = $state('');
	lastSyncedAt = $state<number | undefined>(undefined);
	waiting = $state(0);
	/** Changes each minute, so "Synced 2 minutes ago" moves on. */
	now = $state(Date.now());
	#local: Pouch | undefined;
	#remote: Pouch | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | undefined;
	#again = false;
	#started = false;

	get on(): boolean {
		return this.config !== undefined;
	}

	/** The status in words, for Settings and the home page. */
	get status(): string {
		if (!this.config) return 'Sync is off';
		if (this.syncing) return 'Syncing…';
		if (this.problem) return this.problem;
		if (this.waiting > 0) return `${this.waiting} answer${this.waiting === 1 ? '' : 's'} waiting to sync`;
		return this.lastSyncedAt === undefined ? 'Not synced yet' : syncedWords(this.lastSyncedAt, this.now);
	}

	/** On opening the app: sync if it is on, and again whenever the network comes back. */
	start(): () => void {
		if (!browser || this.#started) return () => {};
		const stop = this.#listen();
		if (this.config) void this.syncNow();
		return stop;
	}

	#listen(): () => void {
		this.#started = true;
		const online = () => void this.syncNow();
		const tick = setInterval(() => (this.now = Date.now()), 30_000);
		window.addEventListener('online', online);
		return () => {
			this.#started = false;
			clearInterval(tick);
			window.removeEventListener('online', online);
		};
	}

	/** The learner's pick for a card edited on two devices; the next sync takes it to the others. */
	async pickCardText(cardId: string, pick: 'kept' | 'other'): Promise<void> {
		await syncNotices.pick(cardId, pick);
		if (pick === 'other') void this.syncNow();
	}

	/** After an answer is saved: a sync soon, in the background, never in the answer's way. */
	afterAnswer(): void {
		if (!this.config) return;
		this.waiting++;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.syncNow(), AFTER_ANSWERS_MS);
	}

	async #modules(): Promise<[Remote, Engine]> {
		return Promise.all([import('$lib/sync/remote'), import('$lib/sync/engine')]);
	}

	async signUp(server: string, name: string, password: string): Promise<void> {
		await this.#signIn(server, name, password, 'up');
	}

	async signIn(server: string, name: string, password: string): Promise<void> {
		await this.#signIn(server, name, password, 'in');
	}

	async #signIn(server: string, name: string, password: string, how: 'up' | 'in'): Promise<void> {
		this.problem = '';
		try {
			const [{ Account }] = await this.#modules();
			const account = new Account(server);
			if (how === 'up') await account.signUp(name.trim(), password);
			else await account.signIn(name.trim(), password);
			this.#close();
			this.config = { server: account.server, name: name.trim() };
			writeAccount(this.config);
			// Turned on from Settings: from now on it also syncs when the network comes back.
			if (!this.#started) this.#listen();
		} catch (error) {
			this.problem = errorMessage(error);
			return;
		}
		await this.syncNow(how === 'up' ? 20 : 0);
	}

	async signOut(): Promise<void> {
		const config = this.config;
		if (!config) return;
		this.config = undefined;
		writeAccount(undefined);
		this.problem = '';
		this.lastSyncedAt = undefined;
		this.waiting = 0;
		syncNotices.dismiss();
		this.#close();
		try {
			const [{ Account }] = await this.#modules();
			await new Account(config.server).signOut();
		} catch {
			// Offline: the cookie stays until it expires, but this device no longer uses it.
		}
	}

	#close(): void {
		void this.#local?.close().catch(() => {});
		void this.#remote?.close().catch(() => {});
		this.#local = this.#remote = undefined;
	}

	/**
	 * Pull, bring in, push; one at a time (a sync asked for while one runs follows it). `retries`
	 * waits for a new learner's database, which the server makes just after the sign-up.
	 */
	syncNow(retries = 0): Promise<void> {
		if (!this.config) return Promise.resolve();
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		clearTimeout(this.#timer);
		this.#running = this.#run(retries).finally(() => {
			this.#running = undefined;
			if (this.#again) {
				this.#again = false;
				void this.syncNow();
			}
		});
		return this.#running;
	}

	async #run(retries: number): Promise<void> {
		const config = this.config!;
		this.syncing = true;
		try {
			const [remoteModule, engine] = await this.#modules();
			const db = await app.ready();
			if (!this.#local || !this.#remote) {
				const PouchDB = await remoteModule.loadPouchDB();
				const account = new remoteModule.Account(config.server);
				this.#local = new PouchDB(`glossary-flashcards-sync-${remoteModule.userDatabaseName(config.name)}`);
				this.#remote = new PouchDB(account.databaseUrl(config.name), { skip_setup: true });
			}
			for (let attempt = 0; ; attempt++) {
				try {
					const result = await engine.syncOnce(db, this.#local, this.#remote);
					this.problem = result.rejected[0] ?? '';
					syncNotices.add(result.conflicts);
					break;
				} catch (error) {
					const notYet = (error as { cause?: { status?: number } }).cause?.status === 404;
					if (!notYet || attempt >= retries) throw error;
					await new Promise((wait) => setTimeout(wait, 250));
				}
			}
			this.lastSyncedAt = this.now = Date.now();
			this.waiting = await engine.countWaiting(db, this.#local);
			await app.reload();
			await syncNotices.readConflicts();
		} catch (error) {
			this.problem = errorMessage(error);
			if (this.#local) {
				try {
					const [, engine] = await this.#modules();
					this.waiting = await engine.countWaiting(await app.ready(), this.#local);
				} catch {
					// The count waits for the next sync.
				}
			}
		} finally {
			this.syncing = false;
		}
	}
}

export const sync = new SyncState();
