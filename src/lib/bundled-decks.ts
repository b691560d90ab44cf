// The glossary pages shipped in decks/, compiled into the app so a fresh install has them offline.
import type { BundledPage } from '$lib/glossary';

/** A digest of decks/ made at build time (vite.config.ts), so an unchanged app skips loading them. */
export const BUNDLED_DECKS_VERSION: string = __BUNDLED_DECKS_VERSION__;

const pages = import.meta.glob('/decks/*.{txt,md}', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export async function bundledPages(): Promise<BundledPage[]> {
	return Promise.all(
		Object.entries(pages).map(async ([path, load]) => ({
			id: path.replace(/^.*\//, '').replace(/\.(txt|md)$/, ''),
			source: await load()
		}))
	);
}
