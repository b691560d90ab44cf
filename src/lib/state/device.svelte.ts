// What the browser says about this device: the network, installation and persistent storage.
import { browser } from '$app/environment';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class Device {
	online = $state(true);
	installPrompt = $state.raw<InstallPromptEvent | undefined>(undefined);
	standalone = $state(false);
	persisted = $state<boolean | undefined>(undefined);
	#askedPersist = false;

	/**
	 * Asks the browser to keep the data even under storage pressure. Called from the first
	 * answer's click or key press, because browsers grant it more readily inside a user gesture.
	 */
	askPersistence(): void {
		if (this.#askedPersist || !browser || !navigator.storage?.persist) return;
		this.#askedPersist = true;
		navigator.storage.persist().then(
			(granted) => (this.persisted = granted),
			() => {}
		);
	}

	/** Network, install and storage facts from the browser; call once from the root layout. */
	watch(): () => void {
		this.online = navigator.onLine;
		this.standalone = matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
		navigator.storage?.persisted?.().then(
			(value) => (this.persisted = value),
			() => {}
		);
		const online = () => (this.online = true);
		const offline = () => (this.online = false);
		const beforeInstall = (event: Event) => {
			event.preventDefault();
			this.installPrompt = event as InstallPromptEvent;
		};
		const installed = () => {
			this.installPrompt = undefined;
			this.standalone = true;
		};
		addEventListener('online', online);
		addEventListener('offline', offline);
		addEventListener('beforeinstallprompt', beforeInstall);
		addEventListener('appinstalled', installed);
		return () => {
			removeEventListener('online', online);
			removeEventListener('offline', offline);
			removeEventListener('beforeinstallprompt', beforeInstall);
			removeEventListener('appinstalled', installed);
		};
	}

	async install(): Promise<void> {
		const prompt = this.installPrompt;
		if (!prompt) return;
		await prompt.prompt();
		await prompt.userChoice;
		this.installPrompt = undefined;
	}

	/** iOS Safari has no install prompt: the learner adds the app through the Share menu. */
	get showIosHint(): boolean {
		if (!browser || this.standalone) return false;
		const ua = navigator.userAgent;
		return /iPhone|iPad|iPod/.test(ua) && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua);
	}
}

export const device = new Device();
