// The app's own service worker (built by the kit, its precache list injected by vite-plugin-pwa):
// every prerendered page and the app's code are precached, so any page opens offline.
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

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
