import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A fully static site: every page is a prerendered shell, all data lives on the device.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		// Stylesheets this small cost more as a request than as bytes: inlined, nothing blocks the
		// first paint or waits for them before the bootstrap script runs.
		inlineStyleThreshold: 8192,
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// SvelteKit hashes its own inline bootstrap script; nothing else inline may run.
				'script-src': ['self'],
				// Svelte transitions inject <style> rules at run time, which a hash cannot cover.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
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
