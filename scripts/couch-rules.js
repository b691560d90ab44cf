// What CouchDB 3 refuses, applied in front of the embedded server's engine (express-pouchdb),
// which on its own lets anyone list every database, store and run replications, and read the
// auth database's internals. Everything a learner may do is allowed here by name; everything
// else is refused with the status and JSON body CouchDB 3.5 gives for it.
import { timingSafeEqual } from 'node:crypto';

/** CouchDB's [couchdb] max_document_size: a larger document is refused, never stored. */
export const MAX_DOCUMENT_SIZE = 8_000_000;
/**
 * The largest request body read at all. CouchDB 3 allows 4 GB ([chttpd] max_http_request_size);
 * this process holds a body in memory to check it, so it reads no more than a batch of documents
 * under the size above can need.
 */
export const MAX_REQUEST_SIZE = 64 * 1024 * 1024;
/** What anyone may send unsigned (a sign-in, a sign-up): a user document is well under 1 KB. */
export const MAX_ANONYMOUS_REQUEST_SIZE = 64 * 1024;

/** [chttpd_auth_lockout] as CouchDB 3.4+ ships it: enforce, threshold 5, max_lifetime 300000. */
export const LOCKOUT = { threshold: 5, lifetimeMs: 300_000, maxObjects: 10_000 };

/** @typedef {[status: number, error: string, reason: string]} Refusal */

/** CouchDB's answers, word for word (chttpd, couch_httpd_auth, couch_users_db, couch_db). */
export const REFUSALS = /** @satisfies {Record<string, Refusal>} */ ({
	notServerAdmin: [401, 'unauthorized', 'You are not a server admin.'],
	notDbAdmin: [401, 'unauthorized', 'You are not a db or server admin.'],
	anonymousInDb: [401, 'unauthorized', 'You are not authorized to access this db.'],
	notYourDb: [403, 'forbidden', 'You are not allowed to access this db.'],
	usersAllDocs: [403, 'forbidden', 'Only admins can access _all_docs of system databases.'],
	usersDesignDocs: [403, 'forbidden', 'Only administrators can view design docs in the users database.'],
	setRoles: [403, 'forbidden', 'Only _admin may set roles'],
	editRoles: [403, 'forbidden', 'Only _admin may edit roles'],
	missing: [404, 'not_found', 'missing'],
	conflict: [409, 'conflict', 'Document update conflict.'],
	locked: [403, 'forbidden', 'Account is temporarily locked due to multiple authentication failures'],
	badJson: [400, 'bad_request', 'invalid UTF-8 JSON'],
	badPath: [400, 'bad_request', 'The request path is not a valid address.'],
	reservedId: [400, 'bad_request', 'Only reserved document ids may start with underscore.'],
	tooLarge: [413, 'too_large', 'the request entity is too large'],
	notJson: [415, 'bad_content_type', 'Content-Type must be application/json'],
	// Not CouchDB's: a database here holds the app's documents, nothing else (see the README).
	noAttachments: [403, 'forbidden', 'This server keeps no attachments.'],
	unknown: [500, 'unknown_error', 'The server could not answer this request.']
});

/**
 * @typedef {import('node:http').IncomingMessage & {
 *   path: string, query: Record<string, unknown>, body?: unknown, _body?: boolean,
 *   couchSession?: { userCtx: { name: string | null, roles: string[] } }
 * }} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {(req: Request, res: Response, next: (error?: unknown) => void) => void} Middleware
 */

/** @param {Response} res @param {Refusal} refusal @param {string} [reasonInstead] */
export function refuse(res, [status, error, reason], reasonInstead) {
	if (res.headersSent) return void res.end();
	const body = JSON.stringify({ error, reason: reasonInstead ?? reason });
	res.statusCode = status;
	res.setHeader('content-type', 'application/json');
	res.setHeader('cache-control', 'must-revalidate');
	res.end(`${body}\n`);
}

/** Reads the body, refusing one over `limit` bytes; resolves to undefined when it was refused. */
/** @param {Request} req @param {Response} res @returns {Promise<Buffer | undefined>} */
function readBody(req, res, limit = MAX_REQUEST_SIZE) {
	return new Promise((resolve) => {
		const declared = Number(req.headers['content-length'] ?? 0);
		// Answered early, the rest of the body is not read: the connection ends with the answer.
		const tooLarge = () => (res.setHeader('connection', 'close'), refuse(res, REFUSALS.tooLarge));
		if (declared > limit) {
			tooLarge();
			req.resume();
			return resolve(undefined);
		}
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let done = false;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			if (done) return;
			size += chunk.length;
			if (size > limit) {
				done = true;
				tooLarge();
				resolve(undefined);
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!done) resolve(Buffer.concat(chunks));
		});
		req.on('error', () => {
			if (!done) resolve(undefined);
			done = true;
		});
	});
}

/**
 * Reads a JSON body (a form too, for `POST /_session`) into req.body, as body-parser would, so
 * the engine's own parsers leave it alone. False when it was refused (and answered).
 */
/** @param {Request} req @param {Response} res @returns {Promise<boolean>} */
export async function readJson(req, res, { form = false, limit = MAX_REQUEST_SIZE } = {}) {
	const type = String(req.headers['content-type'] ?? '');
	if (/^multipart\//i.test(type)) return (refuse(res, REFUSALS.notJson), false);
	const raw = await readBody(req, res, limit);
	if (!raw) return false;
	req._body = true;
	if (form && /^application\/x-www-form-urlencoded/i.test(type)) {
		req.body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
		return true;
	}
	if (raw.length === 0) {
		req.body = {};
		return true;
	}
	try {
		req.body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
	} catch {
		return (refuse(res, REFUSALS.badJson), false);
	}
	return true;
}

/** The document's size as CouchDB counts it closely enough: its JSON's bytes. */
/** @param {unknown} doc */
const tooLarge = (doc) => Buffer.byteLength(JSON.stringify(doc) ?? '') > MAX_DOCUMENT_SIZE;

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @param {unknown} id */
const isDesignId = (id) => typeof id === 'string' && id.startsWith('_design');

/**
 * Counts wrong passwords per address and name, as CouchDB 3.4+'s chttpd_auth_lockout does: after
 * `threshold` failures, that name is refused from that address (its right password too) until
 * `lifetimeMs` after the first failure. `serverAdmin` (the exact header of this process's own
 * admin, which follows sign-ups) is never locked out: a stranger must not stop new databases.
 */
/**
 * @param {{ serverAdmin?: string, now?: () => number, threshold?: number, lifetimeMs?: number, maxObjects?: number }} [options]
 * @returns {Middleware}
 */
export function lockout({ serverAdmin, now = Date.now, ...limits } = {}) {
	const { threshold, lifetimeMs, maxObjects } = { ...LOCKOUT, ...limits };
	/** @type {Map<string, { failures: number, until: number }>} */
	const failures = new Map();
	return (req, res, next) => {
		const authorization = req.headers.authorization;
		if (serverAdmin && authorization && sameText(authorization, serverAdmin)) return next();
		const signIn = req.method === 'POST' && req.path === '/_session';
		const attempt = async () => {
			if (signIn && !(await readJson(req, res, { form: true, limit: MAX_ANONYMOUS_REQUEST_SIZE }))) return;
			const name = signIn ? nameOf(req.body) : basicName(authorization);
			if (name === undefined) return next();
			const key = `${req.socket.remoteAddress}\n${name}`;
			const entry = failures.get(key);
			if (entry && entry.until <= now()) failures.delete(key);
			else if (entry && entry.failures >= threshold) return refuse(res, REFUSALS.locked);
			res.on('finish', () => {
				// Only a failed authentication counts: a 401 for an admin's endpoint to a learner who
				// did authenticate (req.couchSession names them) is no wrong password.
				if (res.statusCode !== 401 || req.couchSession?.userCtx.name === name) return;
				const current = failures.get(key);
				if (current && current.until > now()) current.failures++;
				else failures.set(key, { failures: 1, until: now() + lifetimeMs });
				// The oldest go first, so a flood of names cannot grow this without end.
				for (const oldest of failures.keys()) {
					if (failures.size <= maxObjects) break;
					failures.delete(oldest);
				}
			});
			next();
		};
		attempt().catch(next);
	};
}

/** @param {unknown} body */
const nameOf = (body) => (isObject(body) && typeof body.name === 'string' ? body.name : undefined);

/** @param {string | undefined} header */
function basicName(header) {
	const match = /^Basic\s+(\S+)/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : decoded.slice(0, colon);
}

/** @param {string} a @param {string} b */
function sameText(a, b) {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Session cookies that outlive the browser, as CouchDB sends them with allow_persistent_cookies:
 * Max-Age (and Expires) of the session's `timeoutSeconds`. Express's res.cookie counts in ms.
 */
/** @param {number} timeoutSeconds @returns {Middleware} */
export function persistentCookies(timeoutSeconds) {
	return (req, res, next) => {
		const response = /** @type {Response & { cookie: (name: string, value: string, options?: Record<string, unknown>) => unknown }} */ (
			res
		);
		const cookie = response.cookie.bind(response);
		response.cookie = (name, value, options = {}) =>
			// A sign-out clears the cookie with an expiry in the past: left as it is.
			name === 'AuthSession' && value && options.expires === undefined
				? cookie(name, value, { ...options, maxAge: timeoutSeconds * 1000 })
				: cookie(name, value, options);
		next();
	};
}

/** The CouchDB version whose answers this server gives: the welcome says so, as CouchDB's does. */
export const COUCHDB_VERSION = '3.5.0';

/**
 * CouchDB's welcome (`GET /`) and health check (`GET /_up`), in CouchDB 3's shape rather than the
 * engine's own ("express-pouchdb": "Welcome!"), so no client, and no stranger, is told another
 * server answers. The vendor says honestly which server it is; `uuid` is this server's, kept with
 * its data.
 * @param {string} uuid
 * @returns {Middleware}
 */
export function couchWelcome(uuid) {
	const welcome = JSON.stringify({
		couchdb: 'Welcome',
		version: COUCHDB_VERSION,
		uuid,
		features: [],
		vendor: { name: 'Glossary Flashcards embedded sync server (PouchDB Server)' }
	});
	const up = JSON.stringify({ status: 'ok', seeds: {} });
	return (req, res, next) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') return next();
		const body = req.path === '/' ? welcome : req.path === '/_up' ? up : undefined;
		if (body === undefined) return next();
		res.statusCode = 200;
		res.setHeader('content-type', 'application/json');
		res.setHeader('cache-control', 'must-revalidate');
		res.end(req.method === 'HEAD' ? undefined : body + '\n');
	};
}

/** Server-wide endpoints a learner may use: CouchDB's welcome, sessions and ids. */
const OPEN = new Set(['_session', '_uuids', '_up']);
/** Inside a learner's own database: what PouchDB's replication and the app use. */
const DATABASE_ENDPOINTS = new Set([
	'_all_docs',
	'_bulk_docs',
	'_bulk_get',
	'_changes',
	'_revs_diff',
	'_missing_revs',
	'_ensure_full_commit',
	'_security',
	'_local'
]);
/** Built-in `_changes` filters, which run no code of the learner's. */
const BUILT_IN_FILTERS = new Set(['_doc_ids', '_selector']);

/**
 * Who reaches what, once the engine has authenticated the request (req.couchSession). A server
 * admin passes; anyone else reaches the welcome, `_session`, sign-up and their own user document
 * in `_users`, and their own database (couch_peruser's `userdb-<hex>`) for documents, never
 * design documents: the engine would run a design document's JavaScript in this process, where
 * CouchDB runs it in a sandbox (couchjs), so on this server a learner is their database's member,
 * not its admin.
 */
/**
 * @param {{ userDatabaseName: (name: string) => string, userExists: (id: string) => Promise<boolean>, usersDb?: string }} server
 * @returns {Middleware}
 */
export function couchRules({ userDatabaseName, userExists, usersDb = '_users' }) {
	return (req, res, next) => {
		const user = req.couchSession?.userCtx ?? { name: null, roles: [] };
		if (user.roles.includes('_admin')) return next();
		const parts = pathParts(req.path);
		if (!parts) return refuse(res, REFUSALS.badPath);
		const [top, ...rest] = parts;
		if (top === undefined) return next();
		if (OPEN.has(top) && rest.length === 0) {
			if (top === '_session' && typeof req.query.next === 'string' && !/^\/(?![/\\])/.test(req.query.next))
				return refuse(res, REFUSALS.badPath);
			return next();
		}
		if (top === usersDb) return usersRequest(req, res, next, user.name, rest, userExists);
		if (top.startsWith('_')) return refuse(res, REFUSALS.notServerAdmin);
		// Creating or deleting a database is a server admin's, whoever's name it has.
		if (rest.length === 0 && (req.method === 'PUT' || req.method === 'DELETE')) return refuse(res, REFUSALS.notServerAdmin);
		if (user.name === null) return refuse(res, REFUSALS.anonymousInDb);
		if (top !== userDatabaseName(user.name)) return refuse(res, REFUSALS.notYourDb);
		ownDatabaseRequest(req, res, next, rest).catch(next);
	};
}

/** The path's segments, decoded; one trailing slash allowed (PouchDB asks for `/db/`). */
/** @param {string} path @returns {string[] | undefined} */
function pathParts(path) {
	if (path === '/') return [];
	const raw = path.slice(1).replace(/\/$/, '').split('/');
	try {
		const parts = raw.map((part) => decodeURIComponent(part));
		return parts.some((part) => part === '') ? undefined : parts;
	} catch {
		return undefined;
	}
}

/**
 * `_users`: anyone may sign up (a role-less user document), a learner reads, changes and deletes
 * only their own; listings, changes and design documents are the admin's (couch_users_db).
 */
/**
 * @param {Request} req @param {Response} res @param {(error?: unknown) => void} next
 * @param {string | null} name @param {string[]} rest @param {(id: string) => Promise<boolean>} userExists
 */
function usersRequest(req, res, next, name, rest, userExists) {
	const [id, ...more] = rest;
	if (id === '_all_docs') return refuse(res, REFUSALS.usersAllDocs);
	if (id !== undefined && isDesignId(id))
		return refuse(res, req.method === 'GET' || req.method === 'HEAD' ? REFUSALS.usersDesignDocs : REFUSALS.notDbAdmin);
	if (id === undefined || !id.startsWith('org.couchdb.user:') || more.length > 0) return refuse(res, REFUSALS.notDbAdmin);
	const owner = id.slice('org.couchdb.user:'.length);
	const own = name !== null && name === owner;
	if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return own ? next() : refuse(res, REFUSALS.missing);
	if (req.method !== 'PUT') return refuse(res, REFUSALS.notDbAdmin);
	// Signed in, a learner writes only their own document (couch_users_db answers 404 for another's).
	if (name !== null && !own) return refuse(res, REFUSALS.missing);
	// Forced revisions are the admin's: with one, a learner could write over a document whose
	// revision they never read.
	if (req.query.new_edits !== undefined) return refuse(res, REFUSALS.notDbAdmin);
	readJson(req, res, { limit: MAX_ANONYMOUS_REQUEST_SIZE })
		.then(async (read) => {
			if (!read) return;
			const doc = req.body;
			if (!isObject(doc)) return refuse(res, REFUSALS.badJson, 'Document must be a JSON object');
			atPath(req, doc, id);
			if (tooLarge(doc)) return refuse(res, [413, 'document_too_large', id]);
			// The engine makes a learner an admin of their own user document for the request, so its
			// own rule on roles would not hold them: no learner gives themselves a role here.
			if (!Array.isArray(doc.roles) || doc.roles.length > 0) return refuse(res, own ? REFUSALS.editRoles : REFUSALS.setRoles);
			// A sign-up under a name that exists is a conflict, as in CouchDB (the engine's own
			// validation would answer 403 first).
			if (name === null && doc._rev === undefined && (await userExists(id))) return refuse(res, REFUSALS.conflict);
			next();
		})
		.catch(next);
}

/**
 * A learner's own database: documents and `_local` checkpoints, read and written the way PouchDB
 * replicates; no design documents, no database-admin endpoints, no attachments, at most
 * MAX_DOCUMENT_SIZE a document.
 */
/** @param {Request} req @param {Response} res @param {(error?: unknown) => void} next @param {string[]} rest */
async function ownDatabaseRequest(req, res, next, rest) {
	const [id, ...more] = rest;
	const method = req.method ?? 'GET';
	const writes = method === 'PUT' || method === 'POST';
	if (id === undefined) {
		if (method === 'GET' || method === 'HEAD') return next();
		if (method !== 'POST') return refuse(res, REFUSALS.notDbAdmin);
		if (!(await readJson(req, res))) return;
		return checkDocuments(res, next, [req.body]);
	}
	if (id.startsWith('_')) {
		if (isDesignId(id) || !DATABASE_ENDPOINTS.has(id))
			return refuse(res, id.startsWith('_design') || DATABASE_ADMIN.has(id) ? REFUSALS.notDbAdmin : REFUSALS.reservedId);
		if (id === '_security' && method !== 'GET' && method !== 'HEAD') return refuse(res, REFUSALS.notDbAdmin);
		if (id === '_local' && more.length !== 1) return refuse(res, REFUSALS.notDbAdmin);
		if (id !== '_local' && more.length > 0) return refuse(res, REFUSALS.notDbAdmin);
		if (id === '_changes' && req.query.filter !== undefined && !BUILT_IN_FILTERS.has(String(req.query.filter)))
			return refuse(res, REFUSALS.notDbAdmin);
		if (!writes) return next();
		if (!(await readJson(req, res))) return;
		if (id === '_bulk_docs') {
			const docs = isObject(req.body) ? req.body.docs : undefined;
			if (!Array.isArray(docs)) return refuse(res, [400, 'bad_request', 'POST body must include `docs` parameter.']);
			return checkDocuments(res, next, docs);
		}
		if (id === '_local') return checkDocuments(res, next, [atPath(req, req.body, `_local/${more[0]}`)]);
		return next();
	}
	if (more.length > 0) return refuse(res, REFUSALS.noAttachments);
	if (method === 'COPY') {
		const destination = decodeDestination(req.headers.destination);
		return destination === undefined || isDesignId(destination) ? refuse(res, REFUSALS.notDbAdmin) : next();
	}
	if (method === 'POST') return refuse(res, REFUSALS.noAttachments);
	if (method !== 'PUT') return next();
	if (!(await readJson(req, res))) return;
	return checkDocuments(res, next, [atPath(req, req.body, id)]);
}

/**
 * The document is the one its address names, as in CouchDB: express-pouchdb would take an `_id`
 * in the body (or `?id=`) over the address, so `PUT /db/ordinary` could write `_design/evil`, and
 * a learner's own user document another learner's.
 */
/** @param {Request} req @param {unknown} body @param {string} id */
function atPath(req, body, id) {
	delete req.query.id;
	if (isObject(body)) body._id = id;
	return body;
}

/** Endpoints CouchDB keeps for a database's admins. */
const DATABASE_ADMIN = new Set([
	'_compact',
	'_view_cleanup',
	'_purge',
	'_purged_infos_limit',
	'_revs_limit',
	'_temp_view',
	'_index',
	'_design_docs'
]);

/** @param {string | string[] | undefined} header */
function decodeDestination(header) {
	if (typeof header !== 'string') return undefined;
	try {
		return decodeURIComponent(header.split('?')[0] ?? '');
	} catch {
		return undefined;
	}
}

/** Every document an object, none a design document, each under the size limit. */
/** @param {Response} res @param {(error?: unknown) => void} next @param {unknown[]} docs */
function checkDocuments(res, next, docs) {
	for (const doc of docs) {
		if (!isObject(doc)) return refuse(res, [400, 'bad_request', 'Document must be a JSON object']);
		if (isDesignId(doc._id)) return refuse(res, REFUSALS.notDbAdmin);
		if (tooLarge(doc)) return refuse(res, [413, 'document_too_large', typeof doc._id === 'string' ? doc._id : '']);
	}
	next();
}
