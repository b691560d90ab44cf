// Serves the static build the way a static host does: files as they are, the SPA fallback
// (200.html) for deck and card pages whose ids exist only on the device. `vite preview`
// serves SvelteKit's intermediate output instead, which has no fallback page.
// Beside it runs the embedded sync server (scripts/sync-server.js), its data in .sync-data/
// (SYNC_DIR), on a free port (SYNC_PORT); /sync-server.json tells the app where it is, for
// the Server field in Settings. SYNC=off serves the app alone.
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

/** @type {string | undefined} */
let syncUrl;
if (process.env.SYNC !== 'off') {
	try {
		// Imported only here: with SYNC=off the app is served with nothing but sirv (the benchmark
		// serves a copy of build/ from a folder with no node_modules of the sync server's).
		const { startSyncServer } = await import('./sync-server.js');
		const sync = await startSyncServer({ dir: process.env.SYNC_DIR ?? '.sync-data', port: Number(process.env.SYNC_PORT ?? 0) });
		syncUrl = sync.url;
		console.log(`Sync server at ${sync.url} (data in ${process.env.SYNC_DIR ?? '.sync-data'}/)`);
	} catch (error) {
		// Another server holds the folder, say: the app is served all the same, without the address.
		console.warn(`No sync server: ${error instanceof Error ? error.message : String(error)}`);
	}
}

createServer((req, res) => {
	if (req.url === '/sync-server.json') {
		res.setHeader('content-type', 'application/json');
		res.setHeader('cache-control', 'no-store');
		if (!syncUrl) res.statusCode = 404;
		return res.end(JSON.stringify(syncUrl ? { server: syncUrl } : { error: 'No sync server runs beside this app.' }));
	}
	files(req, res);
}).listen(port, () => {
	console.log(`Serving build/ at http://localhost:${port}`);
});
