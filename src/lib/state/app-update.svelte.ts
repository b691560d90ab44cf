// The service worker's life seen by the screens: offline-ready, an update waiting, the Reload action.
import { browser } from '$app/environment';

class AppUpdate {
	/** A new version is installed and waits for the learner to reload. */
	waiting = $state(false);
	/** While true (a card's answer is being revealed), the update prompt stays hidden. */
	busy = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | undefined;

	get showPrompt() {
		return this.waiting && !this.busy;
	}

	async start() {
		if (!browser || !('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => {
				this.waiting = true;
			},
			onRegisterError: (error) => console.error('Service worker registration failed', error),
			onRegisteredSW: (_url, registration) => {
				// A phone app stays open for days: look for a new version every hour.
				if (registration) setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
			}
		});
	}

	async reload() {
		this.waiting = false;
		await this.#update?.(true);
	}
}

export const appUpdate = new AppUpdate();
