// The app's own service worker (built by the kit, its precache list injected by vite-plugin-pwa):
// every prerendered page and the app's code are precached, so any page opens offline.
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { addPlugins, addRoute, cleanupOutdatedCaches, createHandlerBoundToURL, precache } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openExistingDatabase } from '$lib/db/database';
import type { FlashcardsDb } from '$lib/db/schema';
import { readFirstCard, type FirstCard } from '$lib/db/first-card';
import { backupReminderDue } from '$lib/db/settings';
import { readToday } from '$lib/db/today';
import { withHome, type WrittenHome } from '$lib/first-paint/home';
import { reviewDeckOf, withFirstCard } from '$lib/first-paint/page';
import { dailyReminder, REMINDER_TAG } from '$lib/reminders/waiting';

/** Chromium's Periodic Background Sync event (not yet in TypeScript's lib). */
interface PeriodicSyncEvent extends ExtendableEvent {
	readonly tag: string;
}

// Workbox finds its injection point by the literal `self.__WB_MANIFEST`.
declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precache>[0] };
const worker = self;

// A new version waits until the learner presses Reload, which sends this message.
worker.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void worker.skipWaiting();
});

// The first install takes control at once, so the first visit is already offline-ready.
clientsClaim();
const precached = self.__WB_MANIFEST;
precache(precached);
addPlugins([{ handlerWillRespond: async ({ event, response }) => isolated(event, response) }]);

/** The kit's base path ('' at the root), from the scope the app registers the worker with. */
const base = new URL(worker.registration.scope).pathname.replace(/\/$/, '');

// The home page with today's deck rows written in; before the precache's own route, which would
// answer it plain.
const homeUrl = precached
	.map((entry) => (typeof entry === 'string' ? entry : entry.url))
	.find((url) => new URL(url, worker.location.href).pathname === `${base}/`);
const plainHome = homeUrl === undefined ? undefined : createHandlerBoundToURL(homeUrl);
if (plainHome) {
	registerRoute(
		({ request, url }) => request.mode === 'navigate' && (url.pathname === `${base}/` || url.pathname === base),
		(options) => homePage(options, plainHome)
	);
}
addRoute();
cleanupOutdatedCaches();
// Deck and card pages have ids only known on the device: every navigation the precache does not
// answer gets the SPA fallback page, a deck's review page with its first card written in.
const shell = createHandlerBoundToURL('200.html');
registerRoute(new NavigationRoute((options) => reviewPage(options) ?? shell(options)));

/**
 * Every page and Worker script the worker serves is cross-origin isolated (COOP + COEP, as
 * scripts/static-server.js sends them), so FSRS's optimizer, WebAssembly with shared memory, runs
 * offline and on hosts that cannot set headers. The review page with its first card is built from
 * the served page's headers, so it has them too. A Worker needs COEP of its own to be isolated.
 * Precaching at install runs this too, with an event that has no request: what it caches is left as is.
 */
function isolated(event: Event | undefined, response: Response): Response {
	const destination = (event as FetchEvent | undefined)?.request?.destination;
	if (destination !== 'document' && destination !== 'worker') return response;
	const headers = new Headers(response.headers);
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The review screen's stylesheet (the 'review' chunk group of vite.config.ts), linked by the written card. */
const reviewStylesheet = precached
	.map((entry) => (typeof entry === 'string' ? entry : entry.url))
	.find((url) => /^_app\/immutable\/assets\/review\.[^/]+\.css$/.test(url));

/**
 * The longest the page waits for the worker's read (today's summaries, db/today.ts): past it, the
 * plain page is served and the app reads them itself. A warm read takes a few milliseconds.
 */
const FIRST_CARD_WAIT_MS = 50;

/** The home page with today's deck rows written in, or the plain one when they can't be read in time. */
async function homePage(options: Parameters<typeof shell>[0], plain: typeof shell): Promise<Response> {
	const [page, home] = await Promise.all([plain(options), withinTime(writtenHome(), FIRST_CARD_WAIT_MS)]);
	if (!home || !page.ok) return page;
	const written = withHome(await page.clone().text(), home);
	if (written === undefined) return page;
	const headers = new Headers(page.headers);
	headers.delete('content-length');
	return new Response(written, { status: page.status, statusText: page.statusText, headers });
}

/** What the home page shows, or undefined when it can't be read: no database yet, a newer one, an error. */
async function writtenHome(): Promise<WrittenHome | undefined> {
	try {
		return await withDatabase(async (db) => {
			const now = Date.now();
			const [today, backupReminder] = await Promise.all([readToday(db, null, now), backupReminderDue(db, now)]);
			return { days: today.decks, streak: today.streak, today: today.studyDay, backupReminder, settings: { theme: today.settings.theme } };
		});
	} catch (error) {
		console.error('The home page could not be read', error);
		return undefined;
	}
}

/** `/review/<deck>` with the first card written in, or undefined for any other page. */
function reviewPage(options: Parameters<typeof shell>[0]): Promise<Response> | undefined {
	const deckId = reviewDeckOf(new URL(options.request.url).pathname, base);
	if (deckId === undefined || !reviewStylesheet) return undefined;
	const stylesheet = `${base}/${reviewStylesheet}`;
	return (async () => {
		const [plain, first] = await Promise.all([shell(options), withinTime(firstCardOf(deckId), FIRST_CARD_WAIT_MS)]);
		if (!first?.card || !plain.ok) return plain;
		const page = withFirstCard(await plain.clone().text(), first, stylesheet, base);
		if (page === undefined) return plain;
		const headers = new Headers(plain.headers);
		headers.delete('content-length');
		return new Response(page, { status: plain.status, statusText: plain.statusText, headers });
	})();
}

/**
 * `use` with the learner's database, closed after (the app's upgrade must not wait for the
 * worker); undefined when there is none yet or a newer one, which the worker leaves alone.
 */
async function withDatabase<T>(use: (db: FlashcardsDb) => Promise<T>): Promise<T | undefined> {
	const db = await openExistingDatabase();
	if (!db) return undefined;
	try {
		return await use(db);
	} finally {
		db.close();
	}
}

/** The deck's first card, or undefined when it can't be read: no database yet, a newer one, an error. */
async function firstCardOf(deckId: string): Promise<FirstCard | undefined> {
	try {
		return await withDatabase((db) => readFirstCard(db, deckId, Date.now()));
	} catch (error) {
		console.error('The first card could not be read', error);
		return undefined;
	}
}

/** `promise`'s value, or undefined when it takes longer than `ms`. */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// The daily reminder (Periodic Background Sync, installed Chromium): the badge, and one
// notification when cards wait. A missing or newer database is left alone: nothing is shown.
async function remind(now: number): Promise<void> {
	await withDatabase((db) =>
		dailyReminder(db, now, worker.navigator, async (text) => {
			if (Notification.permission !== 'granted') throw new Error('Notifications are not allowed');
			await worker.registration.showNotification(text, {
				body: 'Tap to study.',
				tag: REMINDER_TAG,
				icon: '/pwa-192x192.png',
				data: { url: '/' }
			});
		})
	);
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
