// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="vite-plugin-pwa/vanillajs" />
/// <reference types="vite-plugin-pwa/info" />
declare global {
	namespace App {}
	/** Digest of the glossary pages in decks/, set by vite.config.ts. */
	const __BUNDLED_DECKS_VERSION__: string;
}

export {};
