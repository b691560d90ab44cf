// The app's static server: the build as a static host serves it, files as they are, and the SPA
// fallback (200.html) for deck and card pages whose ids exist only on the device. `vite preview`
// serves SvelteKit's intermediate output instead, which has no fallback page. Run by
// scripts/serve.js, which tells it where the embedded sync server listens (for /sync-server.json).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';

const port = Number(process.env.PORT ?? 4173);
const root = new URL('../build', import.meta.url).pathname;

if (!existsSync(`${root}/index.html`)) {
	console.error('No build found in build/: run `npm run build` first.');
	process.exit(1);
}

/**
 * Cross-origin isolation (COOP + COEP) on every response: FSRS's optimizer is WebAssembly with
 * shared memory, which a browser allows only on an isolated page (and in its isolated Workers,
 * whose scripts need COEP too). `require-corp` blocks only cross-origin resources loaded without
 * CORS; the app loads none (its images and sounds are its own or blob: URLs), and sync with a
 * CouchDB elsewhere is CORS, which it allows. The service worker adds the same two headers to what
 * it serves (src/service-worker.ts), for hosts that cannot set headers.
 * @param {import('node:http').ServerResponse} res
 */
function isolate(res) {
	res.setHeader('cross-origin-opener-policy', 'same-origin');
	res.setHeader('cross-origin-embedder-policy', 'require-corp');
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

/** The sync server's port, once the supervisor has said it; undefined while there is none. */
let syncPort = process.env.SYNC_PORT_ANNOUNCED ? Number(process.env.SYNC_PORT_ANNOUNCED) : undefined;
process.on('message', (/** @type {{ syncPort?: number }} */ message) => {
	if (typeof message?.syncPort === 'number') syncPort = message.syncPort;
});

/**
 * The sync server's address under the name the page was opened with: a session cookie is kept
 * only for the same site, and `localhost` and `127.0.0.1` are two sites to a browser.
 */
/** @param {string | undefined} hostHeader */
function syncAddress(hostHeader) {
	if (syncPort === undefined) return undefined;
	const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
	return `http://${host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${syncPort}`;
}

const server = createServer((req, res) => {
	isolate(res);
	if (req.url === '/sync-server.json') {
		const address = syncAddress(req.headers.host);
		res.setHeader('content-type', 'application/json');
		res.setHeader('cache-control', 'no-store');
		if (!address) res.statusCode = 404;
		return res.end(JSON.stringify(address ? { server: address } : { error: 'No sync server runs beside this app.' }));
	}
	files(req, res);
}).listen(port, () => {
	console.log(`Serving build/ at http://localhost:${port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Started by the supervisor: gone with it, never left holding the port.
if (process.send) process.on('disconnect', () => process.exit(0));
