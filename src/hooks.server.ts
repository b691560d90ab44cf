// Runs at build time only (every page is prerendered or the SPA fallback).
import type { Handle } from '@sveltejs/kit';

/**
 * A prerendered screen (home, Stats, Settings...) paints from its HTML alone; its scripts make it
 * interactive a moment later. Marking their preloads fetchpriority="low" says so, and lets the
 * first paint go first: without it Lighthouse's simulation counted the 43 KB of scripts into FCP
 * and LCP whenever they arrived before the first paint (about half the runs: FCP 1.26 s against
 * 0.7 s). The SPA fallback that deck and card pages get has nothing to paint without its scripts,
 * so it keeps their priority.
 */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) =>
			html.includes('<main') ? html.replaceAll('rel="modulepreload">', 'rel="modulepreload" fetchpriority="low">') : html
	});
