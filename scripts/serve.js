// Serves the static build the way a static host does: files as they are, the SPA fallback
// (200.html) for deck and card pages whose ids exist only on the device. `vite preview`
// serves SvelteKit's intermediate output instead, which has no fallback page.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';

const port = Number(process.env.PORT ?? 4173);
const root = new URL('../build', import.meta.url).pathname;

if (!existsSync(`${root}/index.html`)) {
	console.error('No build found in build/: run `npm run build` first.');
	process.exit(1);
}

const files = sirv(root, {
	single: '200.html',
	// Look files up on each request, so a rebuild is served without a restart.
	dev: true,
	etag: true,
	setHeaders(res, pathname) {
		// Hashed file names never change; everything else (sw.js above all) is checked each time.
		res.setHeader('cache-control', pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache');
	}
});

createServer((req, res) => files(req, res)).listen(port, () => {
	console.log(`Serving build/ at http://localhost:${port}`);
});
