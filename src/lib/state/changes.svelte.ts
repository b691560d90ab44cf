// When today's numbers may have changed without this tab doing anything: the app came back to the
// foreground, the study day changed while it was open, or another tab answered, imported or
// edited. Screens that show counts watch it and read them again; writers announce what they did.
import { browser } from '$app/environment';
import { studyDayAt } from '$lib/srs/days';

const CHANNEL = 'glossary-flashcards:changes';
/** How often an open screen checks whether the study day changed (a timer to the day start can
 * sleep through a suspended phone; a check on every wake-up and every half minute does not). */
const DAY_CHECK_MS = 30_000;

export type Change = 'answer' | 'import' | 'edit';

class Changes {
	#channel: BroadcastChannel | undefined;
	/** This tab's name in its messages: a tab's own channel objects hear each other, so it skips its own. */
	readonly #tab = browser ? crypto.randomUUID() : '';

	#open(): BroadcastChannel | undefined {
		if (!browser || typeof BroadcastChannel === 'undefined') return undefined;
		return (this.#channel ??= new BroadcastChannel(CHANNEL));
	}

	/**
	 * Tells the app's other tabs that something they may show changed here; the automatic backup
	 * follows, off the way (its code comes with the layout's, after the first screen), so that a
	 * deck added or an edit made is in a backup within seconds, not only answers.
	 */
	announce(what: Change): void {
		this.#open()?.postMessage({ what, tab: this.#tab });
		if (browser) void import('./recovery.svelte').then(({ recovery }) => recovery.changed()).catch(() => {});
	}

	/**
	 * Calls `changed` when the page becomes visible again, when the study day (with the hour
	 * `dayStartHour()` gives) is no longer the one it was, and when another tab announces a change.
	 * Returns the function that stops watching.
	 */
	watch(dayStartHour: () => number, changed: (why: Change | 'day' | 'visible') => void): () => void {
		if (!browser) return () => {};
		let day = studyDayAt(Date.now(), { dayStartHour: dayStartHour() }).today;
		const checkDay = () => {
			const now = studyDayAt(Date.now(), { dayStartHour: dayStartHour() }).today;
			if (now === day) return false;
			day = now;
			changed('day');
			return true;
		};
		const visible = () => {
			if (document.visibilityState !== 'visible') return;
			if (!checkDay()) changed('visible');
		};
		const message = (event: MessageEvent<{ what: Change; tab: string }>) => {
			if (event.data.tab !== this.#tab) changed(event.data.what);
		};
		const timer = setInterval(checkDay, DAY_CHECK_MS);
		const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
		channel?.addEventListener('message', message);
		document.addEventListener('visibilitychange', visible);
		return () => {
			clearInterval(timer);
			channel?.close();
			document.removeEventListener('visibilitychange', visible);
		};
	}
}

export const changes = new Changes();
