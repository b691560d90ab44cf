// The embedded sync server against a hostile learner (and a hostile stranger): every door CouchDB 3
// keeps shut stays shut, with CouchDB's status and JSON; nothing a client sends stops it; and after
// each attack the victim's documents are all there, unchanged.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, COOKIE_BLOCKED, LOCKED_OUT, SyncError, userDatabaseName } from './remote';
import { cookieFetch, removeFolders, signedUp, tempFolder, type TestServer } from './test-server';
import { startSyncServer } from '../../../scripts/sync-server.js';

let clock = Date.now();
let server: TestServer;
beforeAll(async () => {
	server = (await startSyncServer({ dir: tempFolder('sync-security-'), port: 0, now: () => clock, log: () => {} })) as TestServer;
});
afterAll(async () => {
	await server.stop();
	removeFolders();
});

const NOT_SERVER_ADMIN = { error: 'unauthorized', reason: 'You are not a server admin.' };
const NOT_DB_ADMIN = { error: 'unauthorized', reason: 'You are not a db or server admin.' };
const ANONYMOUS_IN_DB = { error: 'unauthorized', reason: 'You are not authorized to access this db.' };
const NOT_YOUR_DB = { error: 'forbidden', reason: 'You are not allowed to access this db.' };

type Fetch = typeof fetch;
const admin = () => ({ authorization: `Basic ${btoa(`${server.admin.name}:${server.admin.password}`)}` });

/** The answer as status and parsed body; the body must be CouchDB's JSON, never text or a stack. */
async function answer(send: Fetch, path: string, init: RequestInit = {}) {
	const response = await send(`${server.url}${path}`, {
		...init,
		headers: { accept: 'application/json', 'content-type': 'application/json', ...(init.headers as Record<string, string>) }
	});
	const text = await response.text();
	expect(response.headers.get('content-type'), `${init.method ?? 'GET'} ${path}: ${text}`).toMatch(/^application\/json/);
	return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

const refusal = (status: number, body: object) => ({ status, body });

/** A victim with documents to lose, and an attacker signed in beside them. */
async function victimAndAttacker(name: string) {
	const victim = await signedUp(server, `${name}-victim`);
	await victim.remote.bulkDocs([
		{ _id: 'log:deck:20000:phone', type: 'log', answers: [1, 2, 3] },
		{ _id: 'settings', newPerDay: 20 }
	]);
	const attacker = await signedUp(server, `${name}-attacker`);
	const victimDocs = async () => (await victim.remote.allDocs({ include_docs: true })).rows.map((row) => row.doc);
	return { victim, attacker, victimDocs, before: await victimDocs() };
}

describe('the embedded server, as CouchDB 3 keeps its doors', () => {
	const serverWide: [string, string][] = [
		['GET', '/_all_dbs'],
		['POST', '/_dbs_info'],
		['GET', '/_config'],
		['GET', '/_node/_local/_config'],
		['GET', '/_node/nonode@nohost/_stats'],
		['GET', '/_active_tasks'],
		['GET', '/_scheduler/jobs'],
		['GET', '/_membership'],
		['GET', '/_stats'],
		['GET', '/_utils/'],
		['GET', '/_cluster_setup'],
		['POST', '/_replicate'],
		['GET', '/_replicator'],
		['GET', '/_replicator/_all_docs'],
		['PUT', '/_replicator/steal'],
		['GET', '/_db_updates'],
		['GET', '/_global_changes'],
		['POST', '/_restart']
	];

	it('answers a stranger and a learner at every server-wide endpoint as CouchDB does: 401, not a server admin', async () => {
		const attacker = await signedUp(server, 'wide');
		for (const send of [fetch, attacker.fetch]) {
			for (const [method, path] of serverWide) {
				const body = method === 'GET' ? undefined : '{}';
				expect(await answer(send, path, { method, body }), `${method} ${path}`).toEqual(refusal(401, NOT_SERVER_ADMIN));
			}
		}
		// The welcome, ids and sessions stay open to all, and the admin still reaches everything.
		expect((await answer(fetch, '/')).status).toBe(200);
		expect((await answer(fetch, '/_uuids')).status).toBe(200);
		const all = await answer(fetch, '/_all_dbs', { headers: admin() });
		expect(all.status).toBe(200);
		// The replicator is off: no _replicator database is even made.
		expect(all.body).not.toContain('_replicator');
	});

	it('welcomes and answers the health check as CouchDB 3 does, and never names the engine behind it', async () => {
		const welcome = await answer(fetch, '/');
		expect(welcome.status).toBe(200);
		expect(welcome.body).toMatchObject({ couchdb: 'Welcome', version: '3.5.0', features: [] });
		expect(welcome.body.uuid).toMatch(/^[0-9a-f]{32}$/);
		expect(Object.keys(welcome.body)).not.toContain('express-pouchdb');
		expect(await answer(fetch, '/_up')).toEqual({ status: 200, body: { status: 'ok', seeds: {} } });
		// A refusal, a sign-in and an admin's database answer: no "X-Powered-By: Express" on any.
		const learner = await signedUp(server, 'nameless');
		for (const response of [
			await fetch(`${server.url}/`),
			await fetch(`${server.url}/_all_dbs`),
			await learner.fetch(`${server.url}/_session`),
			await fetch(`${server.url}/_all_dbs`, { headers: admin() })
		]) {
			expect(response.headers.get('x-powered-by'), response.url).toBeNull();
			await response.body?.cancel();
		}
	});

	it('refuses a replication a learner asks for before anything is stored, and copies nothing', async () => {
		const { attacker, victim, victimDocs, before } = await victimAndAttacker('thief');
		const replication = {
			source: `${server.url}/${userDatabaseName(victim.name)}`,
			target: `${server.url}/${userDatabaseName(attacker.name)}`
		};
		expect(await answer(attacker.fetch, '/_replicator/steal', { method: 'PUT', body: JSON.stringify(replication) })).toEqual(
			refusal(401, NOT_SERVER_ADMIN)
		);
		expect(await answer(attacker.fetch, '/_replicate', { method: 'POST', body: JSON.stringify(replication) })).toEqual(
			refusal(401, NOT_SERVER_ADMIN)
		);
		expect(await answer(fetch, '/_replicate', { method: 'POST', body: JSON.stringify({ ...replication, create_target: true }) })).toEqual(
			refusal(401, NOT_SERVER_ADMIN)
		);
		expect((await answer(fetch, '/_replicator/steal', { headers: admin() })).status).toBe(404);
		expect((await attacker.remote.allDocs()).rows).toEqual([]);
		expect(await victimDocs()).toEqual(before);
	});

	it("keeps _users' listings, changes and design documents for the admin, and each user document for its learner", async () => {
		const { attacker, victim } = await victimAndAttacker('users');
		const victimDoc = `/_users/org.couchdb.user:${victim.name}`;
		for (const send of [fetch, attacker.fetch]) {
			expect(await answer(send, '/_users/_all_docs')).toEqual(
				refusal(403, { error: 'forbidden', reason: 'Only admins can access _all_docs of system databases.' })
			);
			expect(await answer(send, '/_users/_changes')).toEqual(refusal(401, NOT_DB_ADMIN));
			expect(await answer(send, '/_users/_design/_auth')).toEqual(
				refusal(403, { error: 'forbidden', reason: 'Only administrators can view design docs in the users database.' })
			);
			expect(await answer(send, '/_users/_find', { method: 'POST', body: '{"selector":{}}' })).toEqual(refusal(401, NOT_DB_ADMIN));
			expect(await answer(send, '/_users/_bulk_docs', { method: 'POST', body: '{"docs":[]}' })).toEqual(refusal(401, NOT_DB_ADMIN));
			expect(await answer(send, victimDoc)).toEqual(refusal(404, { error: 'not_found', reason: 'missing' }));
		}
		// Another's document can't be overwritten, by a learner (404, as couch_users_db) or a stranger (409).
		const takeOver = JSON.stringify({ name: victim.name, password: 'mine now', roles: [], type: 'user' });
		expect(await answer(attacker.fetch, victimDoc, { method: 'PUT', body: takeOver })).toEqual(
			refusal(404, { error: 'not_found', reason: 'missing' })
		);
		expect(await answer(fetch, victimDoc, { method: 'PUT', body: takeOver })).toEqual(
			refusal(409, { error: 'conflict', reason: 'Document update conflict.' })
		);
		expect(await answer(attacker.fetch, victimDoc, { method: 'DELETE' })).toEqual(refusal(404, { error: 'not_found', reason: 'missing' }));
		// A learner reads their own, and gives themselves no role.
		const own = await answer(attacker.fetch, `/_users/org.couchdb.user:${attacker.name}`);
		expect(own.status).toBe(200);
		expect(
			await answer(attacker.fetch, `/_users/org.couchdb.user:${attacker.name}`, {
				method: 'PUT',
				body: JSON.stringify({ ...own.body, roles: ['teacher'] })
			})
		).toEqual(refusal(403, { error: 'forbidden', reason: 'Only _admin may edit roles' }));
		expect(
			await answer(fetch, '/_users/org.couchdb.user:mallory', {
				method: 'PUT',
				body: JSON.stringify({ name: 'mallory', password: 'x', roles: ['_admin'], type: 'user' })
			})
		).toEqual(refusal(403, { error: 'forbidden', reason: 'Only _admin may set roles' }));
		// Nor through the learner's own address, with the victim's id in the body, or a forced revision.
		for (const query of ['', '?new_edits=false', `?id=org.couchdb.user:${victim.name}`]) {
			const hijack = await answer(attacker.fetch, `/_users/org.couchdb.user:${attacker.name}${query}`, {
				method: 'PUT',
				body: JSON.stringify({ ...own.body, _id: `org.couchdb.user:${victim.name}`, _rev: '99-a', name: victim.name, password: 'mine now' })
			});
			expect(hijack.status, query).toBeGreaterThanOrEqual(400);
		}
		// The victim still signs in with their own password.
		await victim.account.signIn(victim.name, victim.password);
	});

	it("refuses another learner's database to a learner (403) and to a stranger (401), and loses nothing", async () => {
		const { attacker, victim, victimDocs, before } = await victimAndAttacker('door');
		const database = `/${userDatabaseName(victim.name)}`;
		const attempts: [string, string, string?][] = [
			['GET', database],
			['GET', `${database}/settings`],
			['PUT', `${database}/planted`, '{"text":"theirs"}'],
			['POST', `${database}/_bulk_docs`, '{"docs":[{"_id":"planted"}]}'],
			['GET', `${database}/_all_docs?include_docs=true`],
			['GET', `${database}/_changes?include_docs=true`],
			['GET', `${database}/_security`],
			['PUT', `${database}/_security`, '{"members":{"names":[]}}'],
			['DELETE', `${database}/settings`]
		];
		for (const [method, path, body] of attempts) {
			expect(await answer(attacker.fetch, path, { method, body }), `${method} ${path}`).toEqual(refusal(403, NOT_YOUR_DB));
			expect(await answer(fetch, path, { method, body }), `${method} ${path}`).toEqual(refusal(401, ANONYMOUS_IN_DB));
		}
		for (const send of [attacker.fetch, fetch])
			expect(await answer(send, database, { method: 'DELETE' })).toEqual(refusal(401, NOT_SERVER_ADMIN));
		expect(await victimDocs()).toEqual(before);
	});

	it('lets no learner put a design document (whose JavaScript the engine would run) in their own database', async () => {
		const attacker = await signedUp(server, 'designer');
		const database = `/${userDatabaseName(attacker.name)}`;
		const code = { views: { all: { map: 'function (doc) { emit(doc._id) }' } }, validate_doc_update: 'function () {}' };
		const attempts: [string, string, string?, Record<string, string>?][] = [
			['PUT', `${database}/_design/evil`, JSON.stringify(code)],
			['PUT', `${database}/_design%2Fevil`, JSON.stringify(code)],
			['POST', database, JSON.stringify({ _id: '_design/evil', ...code })],
			['POST', `${database}/_bulk_docs`, JSON.stringify({ docs: [{ _id: '_design/evil', ...code }] })],
			['POST', `${database}/_bulk_docs`, JSON.stringify({ new_edits: false, docs: [{ _id: '_design/evil', _rev: '1-a', ...code }] })],
			['COPY', `${database}/ordinary`, undefined, { destination: '_design/evil' }],
			['POST', `${database}/_temp_view`, JSON.stringify({ map: 'function (doc) { emit(1) }' })],
			['GET', `${database}/_changes?filter=evil/all`],
			['GET', `${database}/_design/evil/_view/all`],
			['PUT', `${database}/_security`, JSON.stringify({ admins: { names: [attacker.name] } })],
			['POST', `${database}/_compact`, '{}']
		];
		await attacker.remote.put({ _id: 'ordinary' });
		for (const [method, path, body, headers] of attempts)
			expect(await answer(attacker.fetch, path, { method, body, headers }), `${method} ${path}`).toEqual(refusal(401, NOT_DB_ADMIN));
		// A design id in the body, or in ?id=, names nothing: the address names the document, as in CouchDB.
		const renamed: [string, object][] = [
			['renamed?new_edits=false', { _id: '_design/evil', _rev: '1-a', ...code }],
			['renamed-too?id=_design/evil', code],
			['_local/checkpoint', { _id: '_design/evil', ...code }]
		];
		for (const [path, body] of renamed)
			expect((await answer(attacker.fetch, `${database}/${path}`, { method: 'PUT', body: JSON.stringify(body) })).status, path).toBe(201);
		expect((await attacker.remote.allDocs({ keys: ['renamed', 'renamed-too'] })).rows.map((row) => row.value?.rev !== undefined)).toEqual([
			true,
			true
		]);
		expect((await answer(attacker.fetch, `${database}/_local/checkpoint`)).body).toMatchObject({ _id: '_local/checkpoint' });
		const designs = await answer(fetch, `${database}/_all_docs?startkey="_design/"&endkey="_design0"`, { headers: admin() });
		expect(designs.body.rows).toEqual([]);
	});
});

describe('the embedded server, whatever a client sends', () => {
	it('refuses a 9 MB document with 413 document_too_large, alone or in a batch, and stores nothing of it', async () => {
		const { remote, fetch: learner, name } = await signedUp(server, 'heavy');
		const database = `/${userDatabaseName(name)}`;
		const big = JSON.stringify({ text: 'x'.repeat(9_000_000) });
		expect(await answer(learner, `${database}/big`, { method: 'PUT', body: big })).toEqual(
			refusal(413, { error: 'document_too_large', reason: 'big' })
		);
		const batch = `{"docs":[{"_id":"small"},${big.replace('{', '{"_id":"big",')}]}`;
		expect(await answer(learner, `${database}/_bulk_docs`, { method: 'POST', body: batch })).toEqual(
			refusal(413, { error: 'document_too_large', reason: 'big' })
		);
		expect((await remote.allDocs()).rows).toEqual([]);
		// Just under the limit is a document like any other.
		expect(
			(await answer(learner, `${database}/fits`, { method: 'PUT', body: JSON.stringify({ text: 'x'.repeat(7_999_000) }) })).status
		).toBe(201);
	});

	it('answers malformed JSON with 400 bad_request, wherever it is sent', async () => {
		const { fetch: learner, name, remote } = await signedUp(server, 'garbled');
		const database = `/${userDatabaseName(name)}`;
		const badJson = refusal(400, { error: 'bad_request', reason: 'invalid UTF-8 JSON' });
		expect(await answer(learner, `${database}/doc`, { method: 'PUT', body: '{"text": ' })).toEqual(badJson);
		expect(await answer(learner, `${database}/_bulk_docs`, { method: 'POST', body: '[' })).toEqual(badJson);
		expect(await answer(learner, `${database}/_bulk_docs`, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0x7d]) })).toEqual(badJson);
		expect(await answer(fetch, '/_session', { method: 'POST', body: '{name' })).toEqual(badJson);
		expect(await answer(fetch, '/_users/org.couchdb.user:broken', { method: 'PUT', body: 'null,' })).toEqual(badJson);
		expect(await answer(learner, `${database}/%E0%A4%A`)).toEqual(
			refusal(400, { error: 'bad_request', reason: 'The request path is not a valid address.' })
		);
		expect((await remote.allDocs()).rows).toEqual([]);
	});

	it('answers a huge header with 431 and goes on answering', async () => {
		const status = await new Promise<number>((done, fail) => {
			const sent = request(`${server.url}/_session`, { headers: { cookie: `AuthSession=${'x'.repeat(64 * 1024)}` } }, (response) => {
				response.resume();
				done(response.statusCode ?? 0);
			});
			sent.on('error', fail);
			sent.end();
		});
		expect(status).toBe(431);
		expect((await answer(fetch, '/_session')).status).toBe(200);
	});

	it('reads no more than 64 KB from anyone not signed in (a sign-in, a sign-up)', async () => {
		const big = JSON.stringify({ name: 'x', password: 'y'.repeat(70_000), roles: [], type: 'user' });
		const tooLarge = refusal(413, { error: 'too_large', reason: 'the request entity is too large' });
		expect(await answer(fetch, '/_session', { method: 'POST', body: big })).toEqual(tooLarge);
		expect(await answer(fetch, '/_users/org.couchdb.user:x', { method: 'PUT', body: big })).toEqual(tooLarge);
		expect((await answer(fetch, '/_users/org.couchdb.user:x', { headers: admin() })).status).toBe(404);
	});

	it('refuses a body over 64 MB from its declared length, without reading it', async () => {
		const { fetch: learner, name } = await signedUp(server, 'flood');
		const cookie = (await learner(`${server.url}/_session`)).headers.getSetCookie()[0]!.split(';')[0]!;
		const status = await new Promise<number>((done, fail) => {
			const sent = request(
				`${server.url}/${userDatabaseName(name)}/_bulk_docs`,
				{ method: 'POST', headers: { cookie, 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) } },
				(response) => {
					response.resume();
					done(response.statusCode ?? 0);
					sent.destroy();
				}
			);
			sent.on('error', fail);
			sent.write('{"docs":[');
		});
		expect(status).toBe(413);
	});
});

describe('the embedded server, signing in', () => {
	it('locks a name out after 5 wrong passwords for 5 minutes, in CouchDB 3.4’s words, its right password too', async () => {
		const { name, password } = await signedUp(server, 'forgetful');
		const signIn = (secret: string) => answer(fetch, '/_session', { method: 'POST', body: JSON.stringify({ name, password: secret }) });
		for (let attempt = 0; attempt < 5; attempt++) expect((await signIn('wrong')).status).toBe(401);
		const locked = refusal(403, { error: 'forbidden', reason: 'Account is temporarily locked due to multiple authentication failures' });
		expect(await signIn(password)).toEqual(locked);
		// Basic authentication is the same door.
		expect(await answer(fetch, '/_session', { headers: { authorization: `Basic ${btoa(`${name}:${password}`)}` } })).toEqual(locked);
		const account = new Account(server.url, { fetch: cookieFetch() });
		await expect(account.signIn(name, password)).rejects.toThrow(LOCKED_OUT);
		clock += 299_000;
		expect(await signIn(password)).toEqual(locked);
		clock += 2_000;
		expect((await signIn(password)).status).toBe(200);
	});

	it('counts only wrong passwords: a learner refused an admin endpoint 6 times with their own password is not locked out', async () => {
		const { name, password } = await signedUp(server, 'curious');
		const basic = { authorization: `Basic ${btoa(`${name}:${password}`)}` };
		for (let attempt = 0; attempt < 6; attempt++)
			expect(await answer(fetch, '/_all_dbs', { headers: basic })).toEqual(refusal(401, NOT_SERVER_ADMIN));
		expect((await answer(fetch, '/_session', { headers: basic })).body).toMatchObject({ userCtx: { name } });
	});

	it('keeps the session in a cookie that outlives the browser (Max-Age and Expires of 30 days), and clears it on sign-out', async () => {
		const { name, password } = await signedUp(server, 'stays');
		const signedIn = await fetch(`${server.url}/_session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name, password })
		});
		const cookie = signedIn.headers.getSetCookie()[0]!;
		expect(cookie).toMatch(/^AuthSession=[\w-]+; Max-Age=2592000; Path=\/; Expires=[^;]+; HttpOnly$/);
		const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!);
		expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(30);
		const signedOut = await fetch(`${server.url}/_session`, { method: 'DELETE', headers: { cookie: cookie.split(';')[0]! } });
		expect(signedOut.headers.getSetCookie().at(-1)).toMatch(/^AuthSession=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
	});

	it('says so when the browser kept no cookie from the sign-in', async () => {
		const { name, password } = await signedUp(server, 'cookieless');
		// A fetch that keeps no cookie, as a browser that blocks the server's.
		const account = new Account(server.url, { fetch: (input, init) => fetch(input, init) });
		const error = await account.signIn(name, password).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toBe(COOKIE_BLOCKED);
	});

	it('waits for a database couch_peruser has not made (404), and gives up after about 10 s', async () => {
		const { name, password } = await signedUp(server, 'patient');
		// Gone again (by the admin): to the learner it is a database not made yet.
		await fetch(`${server.url}/${userDatabaseName(name)}`, { method: 'DELETE', headers: admin() });
		const waits: number[] = [];
		const account = new Account(server.url, { fetch: cookieFetch(), sleep: async (ms) => void waits.push(ms) });
		await account.signIn(name, password);
		await expect(account.waitForDatabase(name)).rejects.toThrow(
			"The server made no database for you: couch_peruser must be on (see the README's CouchDB setup)."
		);
		const waited = waits.reduce((sum, ms) => sum + ms, 0);
		expect(waited).toBeGreaterThanOrEqual(10_000);
		expect(waited).toBeLessThan(11_000);
	});

	it('lets the app on localhost or 127.0.0.1 call it with credentials, on either name, and no other origin', async () => {
		for (const origin of ['http://localhost:4173', 'http://127.0.0.1:4173']) {
			for (const host of [server.url, server.url.replace('localhost', '127.0.0.1')]) {
				const allowed = await fetch(`${host}/_session`, {
					method: 'OPTIONS',
					headers: { origin, 'access-control-request-method': 'POST' }
				});
				expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
				expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
			}
		}
		const other = await fetch(`${server.url}/_session`, { headers: { origin: 'https://evil.example' } });
		expect(other.headers.get('access-control-allow-origin')).toBeNull();
	});
});

// Last: couch_peruser's databases for the crowd are made after it, one by one.
describe('the embedded server, under a crowd', () => {
	it('takes 1,000 sign-ups at once, then still answers, and loses nothing', async () => {
		const { victimDocs, before, victim } = await victimAndAttacker('crowd');
		const names = Array.from({ length: 1000 }, (_, i) => `crowd-${i}`);
		const statuses = await Promise.all(
			names.map(async (name) => {
				const response = await fetch(`${server.url}/_users/org.couchdb.user:${name}`, {
					method: 'PUT',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ name, password: 'p', roles: [], type: 'user' })
				});
				await response.arrayBuffer();
				return response.status;
			})
		);
		expect(statuses.filter((status) => status === 201)).toHaveLength(1000);
		expect(await answer(fetch, '/_session')).toMatchObject({ status: 200 });
		expect(await victimDocs()).toEqual(before);
		await victim.account.signIn(victim.name, victim.password);
		const last = new Account(server.url, { fetch: cookieFetch() });
		await last.signIn('crowd-999', 'p');
		expect(await last.session()).toBe('crowd-999');
		// A few seconds on an idle machine; the margin is for a machine shared with other work.
	}, 120_000);
});
