import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Where the site is written: build/ unless a test builds a second version beside it.
const out = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// The service worker writes the review screen's first paint with the screen's own classes
		// (src/lib/first-paint/page.ts): that one component's scoped class has a fixed name. The
		// others keep Svelte's default (a hash of the file name).
		cssHash: ({ hash, css, filename }) =>
			filename?.endsWith('/ReviewScreen.svelte')
				? 'svelte-review-screen'
				: `svelte-${hash(filename === '(unknown)' ? css : (filename ?? css))}`
	},
	kit: {
		// A fully static site: every page is a prerendered shell, all data lives on the device.
		adapter: adapter({ pages: out, assets: out, fallback: '200.html', strict: true }),
		// Stylesheets this small cost more as a request than as bytes: inlined, nothing blocks the
		// first paint or waits for them before the bootstrap script runs.
		inlineStyleThreshold: 8192,
		// The app registers its worker itself (src/lib/state/app-update.svelte.ts): by absolute URL,
		// a second after the first screen, with the update prompt.
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// SvelteKit hashes its own inline bootstrap script; nothing else inline may run.
				'script-src': ['self'],
				// Svelte transitions inject <style> rules at run time, which a hash cannot cover.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				// An Anki card's sounds play from its deck's media, as blob: URLs made on the device.
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				// Sync talks to the learner's own CouchDB server, which they pick: any https:// origin,
				// and the embedded server on this machine (http:// only there). Nothing else connects.
				'connect-src': ['self', 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
