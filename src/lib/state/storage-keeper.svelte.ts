// Storage that survives: persistent storage asked for again once the app is installed and once it
// is a week old (the first ask, at the first answer, is app.askPersistence), and on iOS in a
// Safari tab one warning that Safari deletes a site's data after 7 days without use.
import { browser } from '$app/environment';
import type { FlashcardsDb } from '$lib/db/schema';
import { getMeta, setMeta } from '$lib/db/settings';
import { app } from './app.svelte';
import { device } from './device.svelte';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** iOS Safari in a tab, not the home-screen app: the one place with the 7-day deletion. */
function safariTab(standalone: boolean): boolean {
	const ua = navigator.userAgent;
	return !standalone && /iPhone|iPad|iPod/.test(ua) && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua);
}

class StorageKeeper {
	/** The one-time warning about Safari's 7-day deletion is showing. */
	safariWarning = $state(false);

	/** Call once the app is open; `now` is the time of opening. */
	async start(now: number): Promise<() => void> {
		if (!browser) return () => {};
		const db = await app.ready();
		if (safariTab(device.standalone) && !(await getMeta(db, 'safariWarned'))) this.safariWarning = true;
		const installed = () => void this.#ask(db, now, 'installed').catch(() => {});
		addEventListener('appinstalled', installed);
		const persisted = await navigator.storage?.persisted?.().catch(() => undefined);
		if (persisted === false) {
			const asked = (await getMeta(db, 'persistAsked')) ?? {};
			const installedAt = await getMeta(db, 'installedAt');
			if (device.standalone && asked.installed === undefined) await this.#ask(db, now, 'installed');
			else if (installedAt !== undefined && now - installedAt >= WEEK_MS && asked.afterWeek === undefined)
				await this.#ask(db, now, 'afterWeek');
		}
		return () => removeEventListener('appinstalled', installed);
	}

	async #ask(db: FlashcardsDb, now: number, when: 'installed' | 'afterWeek'): Promise<void> {
		if (!navigator.storage?.persist) return;
		const granted = await navigator.storage.persist();
		device.persisted = granted;
		await setMeta(db, 'persistAsked', { ...((await getMeta(db, 'persistAsked')) ?? {}), [when]: now });
	}

	async dismissSafariWarning(): Promise<void> {
		this.safariWarning = false;
		await setMeta(await app.ready(), 'safariWarned', true);
	}
}

export const storageKeeper = new StorageKeeper();
