// What the journeys of the pages the service worker writes before the app starts (first-card,
// first-home) share: the worker serving, the app held back, the database gone or newer, and the
// page's layout shifts.
//
// Holding the app back: the page's scripts are answered by the service worker from its precache,
// which page.route never sees. So a test takes the kit's entry script out of the precache; the
// worker then fetches it from the network, and that request (made by the worker) goes through
// context.route, which holds it until the test lets the app start.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { openHome } from './helpers';

/** Opens the app once, so that its service worker serves every page after. */
export async function workerServes(page: Page): Promise<void> {
	await openHome(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Takes the kit's entry script out of the worker's precache and holds its fetch; call the result to let it go. */
export async function holdTheApp(page: Page, context: BrowserContext): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await context.route('**/_app/immutable/entry/start.*.js', async (route) => {
		await released;
		// A page left meanwhile (a test's next try, a tapped link) no longer wants it.
		await route.continue().catch(() => {});
	});
	const removed = await page.evaluate(async () => {
		let count = 0;
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				if (request.url.includes('/_app/immutable/entry/start.')) count += Number(await cache.delete(request));
			}
		}
		return count;
	});
	expect(removed).toBe(1);
	return release;
}

/** Another page of the app's origin opens the database one version up, as a newer app would; resolves with that version. */
export async function makeTheDatabaseNewer(context: BrowserContext): Promise<number> {
	const other = await context.newPage();
	await other.goto('/manifest.webmanifest');
	const version = await other.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				// The open app lets go of it.
				const probe = indexedDB.open('glossary-flashcards');
				probe.onsuccess = () => {
					const next = probe.result.version + 1;
					probe.result.close();
					const open = indexedDB.open('glossary-flashcards', next);
					open.onsuccess = () => {
						open.result.close();
						resolve(next);
					};
					open.onerror = () => reject(open.error);
				};
				probe.onerror = () => reject(probe.error);
			})
	);
	await other.close();
	return version;
}

/** The layout shift the page has had so far (the sum of its layout-shift entries). */
export function layoutShift(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				let total = 0;
				const add = (entries: PerformanceEntryList) => {
					for (const entry of entries) total += (entry as PerformanceEntry & { value: number }).value;
				};
				const observer = new PerformanceObserver((list) => add(list.getEntries()));
				observer.observe({ type: 'layout-shift', buffered: true });
				// Buffered entries arrive with the next frame, if there are any.
				requestAnimationFrame(() =>
					setTimeout(() => {
						add(observer.takeRecords());
						observer.disconnect();
						resolve(total);
					}, 100)
				);
			})
	);
}
