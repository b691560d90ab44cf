// The daily reminder and the app icon's badge on this device: the setting, what the platform can
// deliver, the notification permission (asked only when the learner turns the reminder on), and
// the Periodic Background Sync registration the service worker answers (src/service-worker.ts).
import { browser } from '$app/environment';
import { getMeta, setMeta } from '$lib/db/settings';
import { cardsWaiting, defaultReminder, REMINDER_TAG, showBadge, type Reminder } from '$lib/reminders/waiting';
import { app } from './app.svelte';
import { device } from './device.svelte';

/** How often the worker may be woken to look; Chromium wakes it less often, as it sees fit. */
const LOOK_EVERY_MS = 60 * 60 * 1000;

/** What this device can do to remind the learner. */
export type ReminderSupport = 'periodic-sync' | 'install-first' | 'ios-tab' | 'ios-installed' | 'none';

interface PeriodicSyncManager {
	register(tag: string, options?: { minInterval: number }): Promise<void>;
	unregister(tag: string): Promise<void>;
}
type WithPeriodicSync = ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager };

function isIos(): boolean {
	return /iPhone|iPad|iPod/.test(navigator.userAgent);
}

export function reminderSupport(standalone: boolean): ReminderSupport {
	if (isIos()) return standalone ? 'ios-installed' : 'ios-tab';
	if (!('serviceWorker' in navigator) || !('periodicSync' in ServiceWorkerRegistration.prototype)) return 'none';
	return standalone ? 'periodic-sync' : 'install-first';
}

/** The plain words the setting shows for each platform. */
export const supportNote: Record<ReminderSupport, string> = {
	'periodic-sync':
		'Once a day, from this time on, a notification says how many cards wait; none when nothing is due. Android picks the exact moment.',
	'install-first':
		'A browser tab cannot wake the app at a set time. Install the app (Install app, on the home page) and the reminder arrives from then on.',
	'ios-tab':
		'Safari on iPhone and iPad cannot wake a web app at a set time, so no reminder can arrive. Add the app to your Home Screen (Share, then Add to Home Screen): its icon then shows how many cards are due.',
	'ios-installed':
		'iPhone and iPad cannot wake a web app at a set time, so no reminder can arrive. With notifications allowed, the app’s icon shows how many cards are due.',
	none: 'This browser cannot wake the app at a set time, so no reminder can arrive here. Chrome on Android can, with the app installed.'
};

class Reminders {
	reminder = $state<Reminder>({ ...defaultReminder });
	loaded = $state(false);
	/** The worker's last look for waiting cards (Periodic Background Sync), if it ever looked. */
	looked = $state.raw<{ at: number; shown?: string } | undefined>(undefined);
	/** Why the reminder cannot be turned on as asked (permission refused). */
	problem = $state('');

	get support(): ReminderSupport {
		return browser ? reminderSupport(device.standalone) : 'none';
	}

	async load(): Promise<void> {
		const db = await app.ready();
		this.reminder = (await getMeta(db, 'reminder')) ?? { ...defaultReminder };
		this.looked = await getMeta(db, 'reminderLooked');
		this.loaded = true;
	}

	/** Turns the reminder on or off, or moves its time; says false when permission was refused. */
	async save(next: Reminder): Promise<boolean> {
		this.problem = '';
		if (next.on && !this.reminder.on && 'Notification' in globalThis && Notification.permission !== 'granted') {
			// Asked here, from the learner's own switch, never before.
			const permission = await Notification.requestPermission();
			if (permission !== 'granted') {
				this.problem =
					'Notifications are blocked for this app. Allow them in the browser’s site settings, then turn the reminder on again.';
				return false;
			}
		}
		const db = await app.ready();
		await setMeta(db, 'reminder', next);
		this.reminder = next;
		await this.schedule();
		return true;
	}

	/** Keeps the periodic sync registered while the reminder is on (the app may since have been installed). */
	async schedule(): Promise<void> {
		if (!browser || !('serviceWorker' in navigator)) return;
		const registration = (await navigator.serviceWorker.getRegistration()) as WithPeriodicSync | undefined;
		const periodicSync = registration?.periodicSync;
		if (!periodicSync) return;
		try {
			if (this.reminder.on) await periodicSync.register(REMINDER_TAG, { minInterval: LOOK_EVERY_MS });
			else await periodicSync.unregister(REMINDER_TAG);
		} catch {
			// Refused outside an installed app: the setting says so (supportNote), and it is kept for then.
		}
	}

	/** The due count on the app's icon: on opening, after each answer; cleared when nothing is due. */
	async updateBadge(): Promise<void> {
		if (!browser || !('setAppBadge' in navigator)) return;
		const db = app.db ?? (await app.ready());
		await showBadge(navigator, await cardsWaiting(db, Date.now()));
	}
}

export const reminders = new Reminders();
