// Registering the service worker and noticing a newer version (see app-update.svelte.ts).
import { version } from '$app/environment';
import { base } from '$app/paths';

/** A phone app stays open for days: it looks for a new version this often. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/** Registers the worker; `newer` is called when a newer version is installed or already serves. */
export async function registerWorker(newer: () => void): Promise<ServiceWorkerRegistration | undefined> {
	const container = navigator.serviceWorker;
	let registration: ServiceWorkerRegistration;
	try {
		// By absolute URL and scope: a first visit to /review/<deck> must not ask for /review/sw.js.
		registration = await container.register(`${base}/sw.js`, { scope: `${base}/` });
	} catch (error) {
		console.error('Service worker registration failed', error);
		return undefined;
	}
	const watch = (worker: ServiceWorker) => {
		// "installed" with a worker already in control means: waiting for the learner's Reload.
		const check = () => {
			if (worker.state === 'installed' && container.controller) newer();
		};
		check();
		worker.addEventListener('statechange', check);
	};
	if (registration.waiting) watch(registration.waiting);
	if (registration.installing) watch(registration.installing);
	registration.addEventListener('updatefound', () => {
		if (registration.installing) watch(registration.installing);
	});
	setInterval(() => registration.update().catch(() => {}), CHECK_EVERY_MS);
	// Another tab may have taken a new version before this one looked: the version the worker
	// serves (from its precache) then differs from the one this page runs.
	if (container.controller && (await servedVersion()) !== version) newer();
	return registration;
}

async function servedVersion(): Promise<string | undefined> {
	try {
		const response = await fetch(`${base}/_app/version.json`);
		return ((await response.json()) as { version?: string }).version;
	} catch {
		return undefined;
	}
}
