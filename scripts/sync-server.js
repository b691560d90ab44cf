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
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { REFUSALS, couchRules, couchWelcome, lockout, persistentCookies, refuse } from './couch-rules.js';

const require = createRequire(import.meta.url);

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

/** [chttpd_auth] timeout as the README configures CouchDB: a session lasts 30 days of inactivity. */
const SESSION_SECONDS = 2_592_000;

/**
 * Parts of express-pouchdb that CouchDB 3 does not have or that this server must never offer: the
 * replicator (a stored replication would run as the server, on any learner's database), Fauxton,
 * and every route that runs a design document's or a request's JavaScript in this process.
 */
const LEFT_OUT = [
	'replicator',
	'routes/replicate',
	'routes/fauxton',
	'routes/show',
	'routes/list',
	'routes/update',
	'routes/rewrite',
	'routes/vhosts',
	'routes/cluster-rewrite',
	'routes/special-test-auth',
	'routes/temp-views',
	// Walks a database's folder on every info request (lstat per file): slow, and never needed.
	'disk-size'
];

/**
 * Starts the server; resolves once it listens. `port` 0 picks a free port. `origins` lists the
 * app origins allowed to call it with the learner's cookie (default: any localhost origin). On
 * 127.0.0.1 it also listens on ::1 where the machine has it, so `localhost` reaches it either way.
 */
/**
 * @param {{ dir?: string, port?: number, host?: string, origins?: string[], log?: (message: string) => void, now?: () => number }} [options]
 * @returns {Promise<{ url: string, port: number, admin: { name: string, password: string }, stop(): Promise<void> }>}
 */
export async function startSyncServer({
	dir,
	port = 0,
	host = '127.0.0.1',
	origins,
	log = (message) => console.error(message),
	now = Date.now
} = {}) {
	const folder = resolve(dir ?? '.sync-data');
	mkdirSync(folder, { recursive: true });
	// A server admin, new at each start and known only to this process: without one, every
	// visitor is an admin ("admin party") and no database is private.
	const admin = { name: 'sync-admin', password: randomBytes(18).toString('base64url') };
	// The key that signs session cookies stays with the data, so a restart keeps learners signed in.
	const secretPath = join(folder, 'cookie-secret');
	if (!existsSync(secretPath)) writeFileSync(secretPath, randomBytes(32).toString('hex'), { mode: 0o600 });
	const secret = readFileSync(secretPath, 'utf8').trim();
	// The server's own id (CouchDB's uuid in its welcome) stays with the data too.
	const uuidPath = join(folder, 'server-uuid');
	if (!existsSync(uuidPath)) writeFileSync(uuidPath, randomBytes(16).toString('hex'));
	const uuid = readFileSync(uuidPath, 'utf8').trim();
	const configPath = join(folder, 'config.json');
	writeFileSync(
		configPath,
		JSON.stringify({
			admins: { [admin.name]: admin.password },
			// Numbers, not strings: pouchdb-auth adds the timeout to the cookie's time, and a string
			// would make every session last for ever.
			couch_httpd_auth: { secret, timeout: SESSION_SECONDS, allow_persistent_cookies: true },
			log: { file: join(folder, 'log.txt'), level: 'warning' }
		}),
		{ mode: 0o600 }
	);
	sanitizeEngineErrors(log);
	// The same PouchDB as pouchdb-server's, set up the way its launcher does.
	const pouchApp = expressPouchDB({
		configPath,
		logPath: join(folder, 'log.txt'),
		mode: 'fullCouchDB',
		overrideMode: { exclude: LEFT_OUT }
	});
	const ServerPouch = withPlugins(PouchDB).defaults({ prefix: folder + '/' });
	pouchApp.setPouchDB(ServerPouch);
	// The engine is an Express app of its own: it would name itself in every answer.
	pouchApp.disable('x-powered-by');
	// CouchDB's rules sit right after the engine has read the session or Basic credentials, before
	// any of its routes can open a database or read a body.
	const adminHeader = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
	// Read straight from the store (LevelDB shares one handle per folder), not through the engine.
	const users = new ServerPouch('_users');
	/** @type {(id: string) => Promise<boolean>} */
	const userExists = (id) =>
		users.get(id).then(
			() => true,
			(/** @type {{ status?: number }} */ error) => {
				if (error.status === 404) return false;
				throw error;
			}
		);
	insertAfterAuthentication(pouchApp, couchRules({ userDatabaseName, userExists }));

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
	app.use(persistentCookies(SESSION_SECONDS));
	app.use(lockout({ serverAdmin: adminHeader, now }));
	app.use(couchWelcome(uuid));
	app.use(pouchApp);
	// Whatever still throws is answered as CouchDB answers an internal error, never with a stack.
	app.use(
		(
			/** @type {unknown} */ error,
			/** @type {import('node:http').IncomingMessage} */ req,
			/** @type {import('node:http').ServerResponse} */ res,
			/** @type {() => void} */ _next
		) => {
			log(`sync server: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			refuse(res, REFUSALS.unknown);
		}
	);

	const listeners = [await listen(app, port, host)];
	const address = /** @type {import('node:net').AddressInfo} */ (listeners[0]?.address());
	if (host === '127.0.0.1') {
		// Not every machine has IPv6: the server is complete on 127.0.0.1 alone.
		const ipv6 = await listen(app, address.port, '::1').catch(() => undefined);
		if (ipv6) listeners.push(ipv6);
	}
	const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`;
	const local = `http://127.0.0.1:${address.port}`;

	// couch_peruser: each learner signed up in _users gets their database, with themselves as its
	// only member, followed through the _users changes feed as CouchDB does.
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
			} catch (error) {
				if (stopped) break;
				log(`sync server: following sign-ups: ${error instanceof Error ? error.message : String(error)}`);
				await new Promise((wait) => setTimeout(wait, 200));
			}
		}
	})();

	const sockets = new Set();
	for (const server of listeners)
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
			await Promise.all(
				listeners.map(
					(server) =>
						new Promise((/** @type {(value?: unknown) => void} */ done) => {
							server.close(() => done());
							server.closeAllConnections();
						})
				)
			);
			for (const socket of sockets) socket.destroy();
			await following;
		}
	};
}

/**
 * Listens with a deep accept queue: Node's default (511) drops connections when a thousand
 * clients arrive at once, and a client then reads ECONNRESET (the kernel caps it at somaxconn).
 */
/** @param {(req: unknown, res: unknown) => void} app @param {number} port @param {string} host @returns {Promise<import('node:http').Server>} */
function listen(app, port, host) {
	return new Promise((done, fail) => {
		const server = createServer(app);
		server.once('error', fail);
		server.listen({ port, host, backlog: 4096 }, () => done(server));
	});
}

/**
 * Puts `rule` in express-pouchdb's own stack right after its authentication (the middleware that
 * sets req.couchSession), so the rule knows who asks before any route runs. Fails at start, not
 * silently, if a new express-pouchdb no longer has that middleware.
 */
/** @param {any} pouchApp @param {Function} rule */
function insertAfterAuthentication(pouchApp, rule) {
	const stack = pouchApp._router?.stack;
	const at = Array.isArray(stack) ? stack.findIndex((layer) => String(layer.handle).includes('buildCookieSession')) : -1;
	if (at < 0) throw new Error("express-pouchdb's authentication middleware was not found: the sync server cannot apply CouchDB's rules.");
	pouchApp.use(rule);
	stack.splice(at + 1, 0, stack.pop());
}

/**
 * express-pouchdb answers a JavaScript error with its message as the reason ("Cannot read
 * properties of undefined"); CouchDB answers 500 unknown_error. The error goes to the log instead.
 */
/** @param {(message: string) => void} log */
function sanitizeEngineErrors(log) {
	/** @type {{ sendError: Function, __couchErrors?: boolean }} */
	const utils = require('express-pouchdb/lib/utils.js');
	if (utils.__couchErrors) return;
	const sendError = utils.sendError;
	const javascript = new Set([
		'Error',
		'TypeError',
		'RangeError',
		'ReferenceError',
		'SyntaxError',
		'EvalError',
		'URIError',
		'AggregateError'
	]);
	utils.sendError = (/** @type {import('node:http').ServerResponse} */ res, /** @type {any} */ error, /** @type {number} */ status) => {
		const couchError = error && typeof error === 'object' && typeof error.name === 'string' && !javascript.has(error.name);
		const known = couchError && (typeof error.status === 'number' ? error.status < 500 : typeof error.error === 'string');
		if (known || (error && typeof error === 'object' && typeof error.error === 'string' && typeof error.reason === 'string'))
			return sendError(res, error, status);
		log(`sync server: ${error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error)}`);
		refuse(res, REFUSALS.unknown);
	};
	utils.__couchErrors = true;
}

/** @param {(path: string, init?: RequestInit) => Promise<Response>} asAdmin @param {string} name */
async function givePrivateDatabase(asAdmin, name) {
	const database = userDatabaseName(name);
	const created = await asAdmin(`/${database}`, { method: 'PUT' });
	if (!created.ok && created.status !== 412) throw new Error(`creating ${database}: ${created.status}`);
	// Its member only (couch_peruser also makes them its admin): a database admin may write design
	// documents, whose JavaScript this engine would run in its own process (see couch-rules.js).
	const security = { admins: { names: [], roles: [] }, members: { names: [name], roles: [] } };
	const secured = await asAdmin(`/${database}/_security`, { method: 'PUT', body: JSON.stringify(security) });
	if (!secured.ok) throw new Error(`securing ${database}: ${secured.status}`);
}

// `node scripts/sync-server.js [--dir FOLDER] [--port N]`: runs until stopped. Started by
// scripts/serve.js's supervisor, it tells it the port it listens on and stops when it is gone.
if (import.meta.url === `file://${process.argv[1]}`) {
	// Nothing a client sends may end the process: what escapes the engine is logged, and the
	// server goes on answering (the supervisor restarts it if it dies all the same).
	// A server outlives the terminal or supervisor that reads its output. Once that reader is gone,
	// every write fails with EPIPE: the failure is dropped here, or this handler, logging its own
	// failed log line, failed again, forever, at full CPU (seen after a killed test run).
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
	/** @type {(...words: unknown[]) => void} */
	const logQuietly = (...words) => {
		try {
			console.error(...words);
		} catch {
			// Nowhere to write: the server goes on answering all the same.
		}
	};
	process.on('unhandledRejection', (reason) => logQuietly('sync server: unhandled rejection:', reason));
	process.on('uncaughtException', (error) => logQuietly('sync server: uncaught exception:', error));
	/** @type {(name: string, fallback: string) => string} */
	const argument = (name, fallback) => {
		const at = process.argv.indexOf(`--${name}`);
		return (at > 0 && process.argv[at + 1]) || fallback;
	};
	const dir = argument('dir', '.sync-data');
	const sync = await startSyncServer({ dir, port: Number(argument('port', '5984')) });
	console.log(`Sync server at ${sync.url} (data in ${dir}/)`);
	const stop = () => sync.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	if (process.send) {
		process.send({ syncPort: sync.port });
		process.on('disconnect', stop);
	}
}
