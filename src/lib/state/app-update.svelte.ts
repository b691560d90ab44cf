// The service worker's life seen by the screens: a newer version waiting, the Reload action, and
// a tab whose code is older than what the server and the worker now have.
import { browser } from '$app/environment';

class AppUpdate {
	/** A newer version is installed (waiting, or already taken by another tab) and this tab runs the old one. */
	waiting = $state(false);
	/** While true (a card's answer is being revealed), the update prompt stays hidden. */
	busy = $state(false);
	/** A part of this tab's code failed to load: the version it belongs to is gone. */
	stale = $state(false);
	registration: ServiceWorkerRegistration | undefined;
	/** Only the tab where the learner pressed Reload reloads when the new version takes over. */
	#reloading = false;

	get showPrompt() {
		return this.waiting && !this.busy && !this.stale;
	}

	/** Watches for another tab's Reload and for code that failed to load; call once, at mount. */
	watch(): () => void {
		if (!browser) return () => {};
		const failed = () => (this.stale = true);
		// A lazy chunk of this tab's build failed to load: that build is gone. (The kit itself
		// reloads a navigation whose screen failed to load once a new version is out.)
		addEventListener('vite:preloadError', failed);
		const container = navigator.serviceWorker;
		let controlled = Boolean(container?.controller);
		const changed = () => {
			if (this.#reloading) return location.reload();
			// The first install claiming this tab is not an update; a later change is another tab's Reload.
			// This tab keeps its page (it may show an answer) and offers the reload instead.
			if (controlled) this.waiting = true;
			controlled = true;
		};
		container?.addEventListener('controllerchange', changed);
		return () => {
			removeEventListener('vite:preloadError', failed);
			container?.removeEventListener('controllerchange', changed);
		};
	}

	/** Registers the worker and looks for new versions; call once, after the first screen. */
	async start(): Promise<void> {
		if (!browser || !('serviceWorker' in navigator)) return;
		// Its own chunk: nothing of the first screen waits for it.
		const { registerWorker } = await import('$lib/platform/register-worker');
		this.registration = await registerWorker(() => (this.waiting = true));
	}

	/** Moves this tab, and only this one, to the newest version. */
	reload(): void {
		const waiting = this.registration?.waiting;
		this.waiting = false;
		if (!waiting || !navigator.serviceWorker.controller) return location.reload();
		// The page reloads when the new worker takes control (see start), so it loads the new version.
		this.#reloading = true;
		waiting.addEventListener('statechange', () => {
			if (waiting.state === 'activated') location.reload();
		});
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}
}

export const appUpdate = new AppUpdate();
