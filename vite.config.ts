import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Changes whenever a page in decks/ changes: the app re-seeds bundled decks only then. */
function bundledDecksVersion(): string {
	const hash = createHash('sha256');
	for (const name of readdirSync('decks').sort())
		hash
			.update(name)
			.update('\0')
			.update(readFileSync(`decks/${name}`))
			.update('\0');
	return hash.digest('hex').slice(0, 16);
}

/**
 * The app's own modules that go in one chunk group, by file name, so a rename cannot silently undo
 * the chunking: every file listed must exist, or the build stops and names it.
 */
function modules(group: string, files: string[]): (id: string) => boolean {
	const missing = files.filter((file) => !existsSync(file));
	if (missing.length > 0) {
		throw new Error(`vite.config.ts: the '${group}' chunk group lists files that do not exist: ${missing.join(', ')}. Update the list.`);
	}
	const wanted = new Set(files);
	return (id) => wanted.has(relative(process.cwd(), id.split('?')[0]!).split(sep).join('/'));
}

/**
 * What every screen runs first: Svelte, the kit's router, the app's shared state and what it reads
 * at start. One chunk instead of a dozen, because on a phone each file costs a round trip through
 * the service worker before the first screen can run.
 */
const shellModules = modules('shell', [
	'src/lib/state/app.svelte.ts',
	'src/lib/state/app-update.svelte.ts',
	'src/lib/state/device.svelte.ts',
	'src/lib/state/theme.svelte.ts',
	'src/lib/platform/web-storage.ts',
	'src/lib/state/changes.svelte.ts',
	'src/lib/format/when.ts',
	'src/lib/format/error.ts',
	'src/lib/format/numbers.ts'
]);
const shellPackages = [/node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue)[\\/]/, /vite[\\/]preload-helper|rolldown[\\/]runtime/];
const shell = (id: string) => shellModules(id) || shellPackages.some((pattern) => pattern.test(id));

/** The review screen, shared by /review and /review/<deck>. */
const review = modules('review', [
	'src/lib/components/ReviewScreen.svelte',
	'src/lib/state/review.svelte.ts',
	'src/lib/state/review-queue.svelte.ts',
	'src/lib/state/review-answers.svelte.ts',
	'src/lib/state/review-captions.svelte.ts',
	// Its reads of today's cards and of the session: the home page does not need them.
	'src/lib/db/session.ts',
	'src/lib/db/study-session.ts'
]);

/** `Study more`, deck options and burying: one small chunk, loaded on the first tap, none of it first. */
const dayOptions = modules('day-options', [
	'src/lib/components/open-study-more.ts',
	'src/lib/components/StudyMore.svelte',
	'src/lib/state/day-options.ts',
	'src/lib/db/day-options.ts',
	'src/lib/srs/day-options.ts'
]);

/** Cross-origin isolation, as scripts/static-server.js sends it: FSRS's optimizer needs it in `npm run dev` too. */
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
	server: { headers: isolation },
	preview: { headers: isolation },
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{ name: 'shell', test: shell, priority: 2 },
						{ name: 'review', test: review, priority: 1 },
						{ name: 'day-options', test: dayOptions, priority: 1 }
					]
				}
			}
		}
	},
	define: {
		__BUNDLED_DECKS_VERSION__: JSON.stringify(bundledDecksVersion())
	},
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// The worker is the app's own (src/service-worker.ts, built by the kit): it also answers
			// reminders and writes the first card into the review page. Its precache list is injected.
			strategies: 'injectManifest',
			srcDir: 'src',
			// Served as /sw.js, the name every installed copy already has registered.
			filename: 'sw.ts',
			// A new version waits for the learner's "Reload" instead of swapping code mid-review.
			registerType: 'prompt',
			// Registered by src/lib/state/app-update.svelte.ts, by absolute URL.
			injectRegister: false,
			pwaAssets: { disabled: true },
			manifest: {
				name: 'Glossary Flashcards',
				short_name: 'Flashcards',
				description: 'Daily spaced-repetition review of product-management glossary decks, offline.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f4e79',
				background_color: '#ffffff',
				icons: [
					{ src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				],
				// Android's Share menu offers the installed app for a page's selected text: it opens Add a glossary.
				share_target: { action: '/import', method: 'GET', params: { title: 'title', text: 'text', url: 'url' } }
			},
			injectManifest: {
				// The whole app shell, every prerendered page included, so any page opens offline.
				// SQLite's WebAssembly too, so that an Anki package can be imported offline.
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,wasm}', 'prerendered/**/*.{html,json}'],
				// The worker itself is never in its own precache.
				globIgnores: ['client/service-worker.js', 'client/sw.js']
			},
			// Deck and card pages have ids only known on the device: they are served by the SPA
			// fallback page, which the service worker also answers every other navigation with.
			kit: { includeVersionFile: true, adapterFallback: '200.html', spa: true }
		})
	],
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		// Every core: Vitest's default leaves one free, which on two cores is half the machine idle.
		maxWorkers: '100%',
		// Shared two-core machines: a parser fuzz or ESLint's first start can take seconds under load.
		testTimeout: 30_000
	}
});
