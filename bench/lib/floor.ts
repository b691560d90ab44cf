// The floor of an offline cold start on this machine: a page of one heading, answered from its
// cache by a service worker of a few lines. No app can paint before it, so the written card's
// figure is read against it (issue #18's goal is the floor plus 0.1 s), on the same machine and
// in the same minutes: figures here move by half when the machine is busy.
import { createServer, type Server } from 'node:http';

/** Where the floor page is: bench/page/bench.js times the heading of any page at this path. */
export const FLOOR_PATH = '/floor/';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Floor</title>
<script>navigator.serviceWorker.register('sw.js');</script>
</head>
<body><h1 elementtiming="floor">A card's front</h1></body>
</html>`;

const worker = `
self.addEventListener('install', (event) => {
	event.waitUntil(caches.open('floor').then((cache) => cache.add('${FLOOR_PATH}')).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
	if (event.request.mode === 'navigate') event.respondWith(caches.match('${FLOOR_PATH}').then((hit) => hit ?? fetch(event.request)));
});`;

export class FloorServer {
	#server: Server | undefined;
	constructor(readonly port: number) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}${FLOOR_PATH}`;
	}

	async start(): Promise<void> {
		if (this.#server) return;
		const server = createServer((req, res) => {
			const body = req.url === `${FLOOR_PATH}sw.js` ? worker : req.url === FLOOR_PATH ? page : undefined;
			if (body === undefined) return res.writeHead(404).end();
			res.writeHead(200, {
				'content-type': req.url!.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8',
				'cache-control': 'no-cache'
			});
			res.end(body);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', resolve);
		});
		this.#server = server;
	}

	/** Nothing answers on the port any more: the worker must. */
	async stop(): Promise<void> {
		const server = this.#server;
		if (!server) return;
		this.#server = undefined;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}
