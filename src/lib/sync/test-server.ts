// Shared by the sync tests only: the embedded server on a free port in a temporary folder, or any
// CouchDB named by COUCHDB_URL (with its admin's name and password, e.g.
// http://admin:pw@127.0.0.1:5984), and PouchDB in Node (LevelDB in a temporary folder) as a
// device's outbox and inbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import replication from 'pouchdb-replication';
import type { PouchDatabase } from './pouch';
import { Account, userDatabaseName } from './remote';
import { startSyncServer } from '../../../scripts/sync-server.js';

/** The server's PouchDB class is this same one: its plugins are added once. */
export const NodePouch = PouchDB;
if (!PouchDB.adapters.http) PouchDB.plugin(http);
if (!PouchDB.adapters.leveldb) PouchDB.plugin(leveldb);
if (!('replicate' in PouchDB.prototype)) PouchDB.plugin(replication);

export interface TestServer {
	url: string;
	admin: { name: string; password: string };
	stop(): Promise<void>;
	/** A real CouchDB (COUCHDB_URL), not the embedded server. */
	external?: boolean;
	/** The name a test's learner gets here: on a real server, made unique to this run. */
	learnerName?(name: string): string;
	/** Removes the learners this run signed up (a real server keeps them otherwise). */
	forget?(name: string): void;
}

const folders: string[] = [];

export function tempFolder(prefix: string): string {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

export function removeFolders(): void {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export async function startTestServer(dir = tempFolder('sync-server-')): Promise<TestServer> {
	return (await startSyncServer({ dir, port: 0 })) as TestServer;
}

/**
 * The CouchDB at COUCHDB_URL: the tests sign learners up through its public sign-up as the app
 * does, each named `<name>-<this run>` so no learner of the server's own is touched, and remove
 * them (their user document and their database) when the file's tests are done.
 */
export function externalServer(address: string): TestServer {
	const parsed = new URL(address);
	const admin = { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
	if (!admin.name) throw new Error('COUCHDB_URL needs the admin, as in http://admin:password@127.0.0.1:5984');
	parsed.username = parsed.password = '';
	const url = parsed.href.replace(/\/+$/, '');
	const run = Math.random().toString(36).slice(2, 8);
	const learners = new Set<string>();
	const asAdmin = (path: string, init: RequestInit = {}) =>
		fetch(`${url}${path}`, { ...init, headers: { authorization: `Basic ${btoa(`${admin.name}:${admin.password}`)}` } });
	return {
		url,
		admin,
		external: true,
		learnerName: (name) => `${name}-${run}`,
		forget: (name) => void learners.add(name),
		async stop() {
			for (const name of learners) {
				const id = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
				const user = await asAdmin(id);
				if (user.ok) await asAdmin(`${id}?rev=${((await user.json()) as { _rev: string })._rev}`, { method: 'DELETE' });
				// couch_peruser's delete_dbs = false (the README's) keeps the database: removed here.
				await asAdmin(`/${userDatabaseName(name)}`, { method: 'DELETE' });
			}
		}
	};
}

/**
 * The server for one test file: the CouchDB at COUCHDB_URL if set, else the embedded server,
 * started before its tests, stopped and its folders removed after.
 */
export function useTestServer(): () => TestServer {
	let server: TestServer | undefined;
	beforeAll(async () => {
		const couchdb = process.env.COUCHDB_URL;
		server = couchdb ? externalServer(couchdb) : await startTestServer();
	});
	afterAll(async () => {
		await server?.stop();
		removeFolders();
	});
	return () => {
		if (!server) throw new Error('The test server starts in beforeAll');
		return server;
	};
}

/** A fetch that keeps the session cookie, as a browser does. */
export function cookieFetch(): typeof fetch {
	let cookie = '';
	return async (input, init = {}) => {
		const headers = new Headers(init.headers as HeadersInit);
		if (cookie) headers.set('cookie', cookie);
		const response = await fetch(input, { ...init, headers });
		// Signing out sends the cookie again, then its expired replacement: the last one counts.
		const set = response.headers.getSetCookie().at(-1);
		if (set !== undefined) cookie = set.split(';')[0]!;
		return response;
	};
}

/** The learner's server database, reached with their session cookie. */
export function remoteDatabase(url: string, withCookie: typeof fetch): PouchDatabase {
	return new NodePouch(url, {
		skip_setup: true,
		// PouchDB 7 in Node hands over node-fetch's Headers: made plain for the global fetch.
		fetch: (address, options) => withCookie(address, { ...options, headers: [...new Headers(options?.headers).entries()] })
	});
}

/** A device's local PouchDB. */
export function localDatabase(): PouchDatabase {
	return new NodePouch(join(tempFolder('sync-device-'), 'outbox'));
}

/**
 * Signs a new learner up (as `server.learnerName(name)`: see externalServer), waiting for
 * couch_peruser's database to exist, as the app does.
 */
export async function signedUp(server: TestServer, base: string, password = `${base}-secret`) {
	const name = server.learnerName?.(base) ?? base;
	server.forget?.(name);
	const fetch = cookieFetch();
	const account = new Account(server.url, { fetch });
	// Resolves once couch_peruser's database answers.
	await account.signUp(name, password);
	return { name, password, account, fetch, remote: remoteDatabase(account.databaseUrl(name), fetch) };
}

/**
 * A new learner `name` signed in on two devices, "laptop" and "phone", each made by `device` with
 * its own handle on the learner's server database; `remote` is the laptop's.
 */
export async function onTwoDevices<D>(server: TestServer, name: string, device: (name: string, remote: PouchDatabase) => Promise<D>) {
	const learner = await signedUp(server, name);
	const laptop = await device('laptop', learner.remote);
	const phone = await device('phone', remoteDatabase(learner.account.databaseUrl(learner.name), learner.fetch));
	const remote = learner.remote;
	return { laptop, phone, remote };
}
