// The app's shared state: the open database, the settings, the decks and today's counts. What the
// device says (network, installation, storage) is device.svelte.ts; the theme is theme.svelte.ts.
// Straight from the db modules, not the $lib/db index: what the first screen imports decides
// what the first load carries, and the index also leads to backups and validation.
import { openDatabase } from '$lib/db/database';
import { listDecks } from '$lib/db/deck-list';
import type { DeckRecord, DeckToday, FlashcardsDb } from '$lib/db/schema';
import { backupReminderDue, ensureInstall, loadSettings, readStartup, saveSettings, setMeta } from '$lib/db/settings';
import { todayOf } from '$lib/db/today';
import { BUNDLED_DECKS_VERSION, bundledPages } from '$lib/bundled-decks';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { theme } from './theme.svelte';
import { errorMessage } from '$lib/format/error';
import { nextDueOf } from '$lib/format/today';

class App {
	db: FlashcardsDb | undefined;
	settings = $state<Settings>({ ...defaultSettings });
	decks = $state.raw<DeckRecord[]>([]);
	/** Each deck's today (db/today.ts), by title: the home page's rows, as the service worker writes them too. */
	days = $state.raw<DeckToday[]>([]);
	today = $state(0);
	answeredToday = $state(0);
	streak = $state(0);
	nextDue = $state<number | undefined>(undefined);
	backupReminder = $state(false);
	/** Set once the database is open, the settings read and the bundled decks in. */
	loaded = $state(false);
	/** Set once today's counts have been read (the home page's numbers). */
	countsLoaded = $state(false);
	/** A failure the learner must know about (storage full, database closed, ...). */
	error = $state('');
	/** Another tab upgraded the database: this one must reload. */
	mustReload = $state(false);
	#opening: Promise<FlashcardsDb> | undefined;
	/** The clock every rule here is given ("today", the backup reminder); tests pass their own. */
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Opens the database once, seeding the bundled decks on first run. */
	ready(): Promise<FlashcardsDb> {
		this.#opening ??= this.#open();
		return this.#opening;
	}

	async #open(): Promise<FlashcardsDb> {
		try {
			const db = await openDatabase({
				onVersionChange: () => {
					this.mustReload = true;
				},
				onClosed: () => {
					this.error = 'The browser closed the app’s database. Reload the app; answers given before this are saved.';
				}
			});
			const now = this.#now();
			const start = await readStartup(db);
			if (!start.installed) await ensureInstall(db, now, () => crypto.randomUUID());
			this.settings = start.settings;
			this.decks = start.decks;
			// The bundled pages are only loaded and compared when the app ships different ones.
			if (start.bundledVersion !== BUNDLED_DECKS_VERSION) {
				const { seedBundledDecks } = await import('$lib/db/decks');
				await seedBundledDecks(
					db,
					await bundledPages(),
					async (page) => (await import('$lib/glossary')).generateDeck(page.source, { id: page.id }),
					now
				);
				await setMeta(db, 'bundledVersion', BUNDLED_DECKS_VERSION);
				this.decks = await listDecks(db);
			}
			this.db = db;
			this.loaded = true;
			return db;
		} catch (error) {
			this.error = errorMessage(error);
			this.#opening = undefined;
			throw error;
		}
	}

	/** Re-reads decks and today's counts (after a session, an import, a settings change). */
	async refresh(): Promise<void> {
		const db = this.db;
		if (!db) return;
		const now = this.#now();
		const [decks, day, reminder] = await Promise.all([listDecks(db), todayOf(db, null, now), backupReminderDue(db, now)]);
		this.today = day.studyDay;
		this.decks = decks;
		this.days = day.decks;
		this.answeredToday = day.decks.reduce((sum, deck) => sum + deck.answered, 0);
		this.streak = day.streak;
		this.backupReminder = reminder;
		this.nextDue = nextDueOf(day.decks);
		this.countsLoaded = true;
	}

	async updateSettings(settings: Settings): Promise<void> {
		const db = await this.ready();
		this.settings = await saveSettings(db, settings);
		this.applyTheme();
		await this.refresh();
	}

	/** Re-reads what another writer changed (an imported backup): its settings, decks and counts. */
	async reload(): Promise<void> {
		const db = await this.ready();
		const stored = await loadSettings(db);
		// Every sync ends here: one that brought no change must leave the settings be, or a number
		// the learner is typing in Settings goes back to the stored one under their fingers.
		if (JSON.stringify(stored) !== JSON.stringify($state.snapshot(this.settings))) this.settings = stored;
		this.applyTheme();
		await this.refresh();
	}

	async dismissBackupReminder(): Promise<void> {
		const db = await this.ready();
		await setMeta(db, 'backupReminderDismissedAt', this.#now());
		this.backupReminder = false;
	}

	/** The settings' theme on the page. */
	applyTheme(): void {
		theme.apply(this.settings.theme);
	}
}

export const app = new App();
