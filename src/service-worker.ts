// The app's own service worker (built by the kit, its precache list injected by vite-plugin-pwa):
// every prerendered page and the app's code are precached, so any page opens offline.
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openExistingDatabase } from '$lib/db/database';
import { dailyReminder, REMINDER_TAG } from '$lib/reminders/waiting';

/** Chromium's Periodic Background Sync event (not yet in TypeScript's lib). */
interface PeriodicSyncEvent extends ExtendableEvent {
	readonly tag: string;
}

// Workbox finds its injection point by the literal `self.__WB_MANIFEST`.
declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };
const worker = self;

// A new version waits until the learner presses Reload, which sends this message.
worker.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void worker.skipWaiting();
});

// The first install takes control at once, so the first visit is already offline-ready.
clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Deck and card pages have ids only known on the device: every navigation the precache does not
// answer gets the SPA fallback page.
registerRoute(new NavigationRoute(createHandlerBoundToURL('200.html')));

// The daily reminder (Periodic Background Sync, installed Chromium): the badge, and one
// notification when cards wait. A missing or newer database is left alone: nothing is shown.
async function remind(now: number): Promise<void> {
	const db = await openExistingDatabase();
	if (!db) return;
	try {
		await dailyReminder(db, now, worker.navigator, async (text) => {
			if (Notification.permission !== 'granted') throw new Error('Notifications are not allowed');
			await worker.registration.showNotification(text, {
				body: 'Tap to study.',
				tag: REMINDER_TAG,
				icon: '/pwa-192x192.png',
				data: { url: '/' }
			});
		});
	} finally {
		db.close();
	}
}

worker.addEventListener('periodicsync', ((event: PeriodicSyncEvent) => {
	if (event.tag === REMINDER_TAG) event.waitUntil(remind(Date.now()).catch((error) => console.error('Daily reminder failed', error)));
}) as EventListener);

// A tap on the reminder brings an open tab of the app forward, or opens the home page.
worker.addEventListener('notificationclick', (event) => {
	event.notification.close();
	event.waitUntil(
		(async () => {
			const tabs = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = tabs[0];
			if (open) await open.focus();
			else await worker.clients.openWindow('/');
		})()
	);
});
