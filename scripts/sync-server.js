// The embedded sync server for development, tests and self-hosting on one machine: PouchDB's
// CouchDB-compatible HTTP server (express-pouchdb, the heart of pouchdb-server) over LevelDB in a
// folder, speaking CouchDB's replication protocol with `_users` and `_session` cookie auth.
// The only code here configures the engine the way a CouchDB 3 production server is configured
// (see the README): a server admin, CORS for the app's origin, and what CouchDB's couch_peruser
// does (a database per learner, readable and writable by that learner alone).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldb from 'pouchdb-adapter-leveldb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import mapreduce from 'pouchdb-mapreduce';

/** couch_peruser's name for a learner's database: "userdb-" and the name's UTF-8 bytes in hex. */
/** @param {string} name */
export function userDatabaseName(name) {
	return `userdb-${Buffer.from(name, 'utf8').toString('hex')}`;
}

/** PouchDB's plugins change the one shared class, and some refuse to be added twice (tests add them too). */
/** @param {import('../src/lib/sync/pouch').PouchStatic} Pouch */
function withPlugins(Pouch) {
	if (!Pouch.adapters.http) Pouch.plugin(http);
	if (!Pouch.adapters.leveldb) Pouch.plugin(leveldb);
	// `in`, not a read: reading the getter on the prototype would make every database share one.
	if (!('replicate' in Pouch.prototype)) Pouch.plugin(replication);
	if (!('viewCleanup' in Pouch.prototype)) Pouch.plugin(mapreduce);
	return Pouch;
}

/** Origins allowed by default: the app served on this machine, on any port. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/**
 * Starts the server; resolves once it listens. `port` 0 picks a free port. `origins` lists the
 * app origins allowed to call it with the learner's cookie (default: any localhost origin).
 */
/**
 * @param {{ dir?: string, port?: number, host?: string, origins?: string[] }} [options]
 * @returns {Promise<{ url: string, port: number, admin: { name: string, password: string }, stop(): Promise<void> }>}
 */
export async function startSyncServer({ dir, port = 0, host = '127.0.0.1', origins } = {}) {
	const folder = resolve(dir ?? '.sync-data');
	mkdirSync(folder, { recursive: true });
	// A server admin, new at each start and known only to this process: without one, every
	// visitor is an admin ("admin party") and no database is private.
	const admin = { name: 'sync-admin', password: randomBytes(18).toString('base64url') };
	// The key that signs session cookies stays with the data, so a restart keeps learners signed in.
	const secretPath = join(folder, 'cookie-secret');
	if (!existsSync(secretPath)) writeFileSync(secretPath, randomBytes(32).toString('hex'), { mode: 0o600 });
	const secret = readFileSync(secretPath, 'utf8').trim();
	const configPath = join(folder, 'config.json');
	writeFileSync(
		configPath,
		JSON.stringify({
			admins: { [admin.name]: admin.password },
			couch_httpd_auth: { secret, timeout: '2592000', allow_persistent_cookies: 'true' },
			log: { file: join(folder, 'log.txt'), level: 'warning' }
		})
	);
	// The same PouchDB as pouchdb-server's, set up the way its launcher does.
	const pouchApp = expressPouchDB({ configPath, logPath: join(folder, 'log.txt'), mode: 'fullCouchDB' });
	pouchApp.setPouchDB(withPlugins(PouchDB).defaults({ prefix: folder + '/' }));

	const app = express();
	app.disable('x-powered-by');
	app.use(
		(
			/** @type {import('node:http').IncomingMessage & { path: string }} */ req,
			/** @type {import('node:http').ServerResponse} */ res,
			/** @type {() => void} */ next
		) => {
			const origin = req.headers.origin;
			const allowed = origin && (origins ? origins.includes(origin) : LOCAL_ORIGIN.test(origin));
			if (allowed) {
				// Credentials (the session cookie) need the exact origin, never "*".
				res.setHeader('access-control-allow-origin', origin);
				res.setHeader('access-control-allow-credentials', 'true');
				res.setHeader('vary', 'Origin');
				if (req.method === 'OPTIONS') {
					res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE');
					res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'content-type');
					res.setHeader('access-control-max-age', '600');
					res.statusCode = 204;
					return res.end();
				}
			}
			next();
		}
	);
	// As in CouchDB, only a server admin creates or deletes a database (express-pouchdb 4.2 crashes
	// on a learner's attempt instead of refusing it).
	const adminHeader = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
	app.use(
		(
			/** @type {import('node:http').IncomingMessage & { path: string }} */ req,
			/** @type {import('node:http').ServerResponse} */ res,
			/** @type {() => void} */ next
		) => {
			const database = /^\/([^/_][^/]*)\/?$/.exec(req.path);
			if (database && (req.method === 'PUT' || req.method === 'DELETE') && req.headers.authorization !== adminHeader) {
				res.statusCode = 401;
				res.setHeader('content-type', 'application/json');
				return res.end(JSON.stringify({ error: 'unauthorized', reason: 'You are not a server admin.' }));
			}
			next();
		}
	);
	app.use(pouchApp);

	/** @type {import('node:http').Server} */
	const server = await new Promise((done, fail) => {
		const listening = app.listen(port, host, () => done(listening));
		listening.on('error', fail);
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`;
	const local = `http://127.0.0.1:${address.port}`;

	// couch_peruser: each learner signed up in _users gets their database, with themselves as its
	// only member and admin, followed through the _users changes feed as CouchDB does.
	const stopping = new AbortController();
	/** @type {(path: string, init?: RequestInit) => Promise<Response>} */
	const asAdmin = (path, init = {}) =>
		fetch(`${local}${path}`, {
			signal: stopping.signal,
			...init,
			headers: { authorization: adminHeader, 'content-type': 'application/json', .../** @type {Record<string, string>} */ (init.headers) }
		});
	// express-pouchdb sets the auth database up on first use, and fails when two requests race to
	// be first: it is used once here, before anyone else can.
	await asAdmin('/_users');
	await fetch(`${local}/_session`);
	let stopped = false;
	const following = (async () => {
		let since = 0;
		while (!stopped) {
			try {
				const response = await asAdmin(`/_users/_changes?feed=longpoll&timeout=10000&since=${since}&include_docs=true`);
				const changes = await response.json();
				for (const change of changes.results ?? []) {
					const user = change.doc;
					if (!user || user._deleted || user.type !== 'user' || typeof user.name !== 'string') continue;
					await givePrivateDatabase(asAdmin, user.name);
				}
				since = changes.last_seq ?? since;
			} catch {
				if (!stopped) await new Promise((wait) => setTimeout(wait, 200));
			}
		}
	})();

	const sockets = new Set();
	server.on('connection', (/** @type {import('node:net').Socket} */ socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return {
		url,
		port: address.port,
		/** For tests and tools: the server admin of this run. */
		admin,
		async stop() {
			stopped = true;
			stopping.abort();
			await new Promise((/** @type {(value?: unknown) => void} */ done) => {
				server.close(() => done());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
			await following;
		}
	};
}

/** @param {(path: string, init?: RequestInit) => Promise<Response>} asAdmin @param {string} name */
async function givePrivateDatabase(asAdmin, name) {
	const database = userDatabaseName(name);
	const created = await asAdmin(`/${database}`, { method: 'PUT' });
	if (!created.ok && created.status !== 412) throw new Error(`creating ${database}: ${created.status}`);
	const security = { admins: { names: [name], roles: [] }, members: { names: [name], roles: [] } };
	const secured = await asAdmin(`/${database}/_security`, { method: 'PUT', body: JSON.stringify(security) });
	if (!secured.ok) throw new Error(`securing ${database}: ${secured.status}`);
}

// `node scripts/sync-server.js [--dir FOLDER] [--port N]`: runs until stopped.
if (import.meta.url === `file://${process.argv[1]}`) {
	/** @type {(name: string, fallback: string) => string} */
	const argument = (name, fallback) => {
		const at = process.argv.indexOf(`--${name}`);
		return (at > 0 && process.argv[at + 1]) || fallback;
	};
	const sync = await startSyncServer({ dir: argument('dir', '.sync-data'), port: Number(argument('port', '5984')) });
	console.log(`Sync server at ${sync.url}`);
	const stop = () => sync.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
