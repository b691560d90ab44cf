// Shared by the sync tests only: the embedded server on a free port in a temporary folder, and
// PouchDB in Node (LevelDB in a temporary folder) as a device's outbox and inbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import replication from 'pouchdb-replication';
import type { PouchDatabase } from './pouch';
import { Account } from './remote';
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

/** The embedded server for one test file: started before its tests, stopped and its folders removed after. */
export function useTestServer(): () => TestServer {
	let server: TestServer | undefined;
	beforeAll(async () => {
		server = await startTestServer();
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

/** Signs a new learner up, waiting for couch_peruser's database to exist, as the app does. */
export async function signedUp(server: TestServer, name: string, password = `${name}-secret`) {
	const fetch = cookieFetch();
	const account = new Account(server.url, { fetch });
	await account.signUp(name, password);
	for (let tries = 0; (await fetch(account.databaseUrl(name))).status !== 200; tries++) {
		if (tries > 100) throw new Error(`No database for ${name}`);
		await new Promise((wait) => setTimeout(wait, 20));
	}
	return { account, fetch, remote: remoteDatabase(account.databaseUrl(name), fetch) };
}

/**
 * A new learner `name` signed in on two devices, "laptop" and "phone", each made by `device` with
 * its own handle on the learner's server database; `remote` is the laptop's.
 */
export async function onTwoDevices<D>(server: TestServer, name: string, device: (name: string, remote: PouchDatabase) => Promise<D>) {
	const { remote, fetch, account } = await signedUp(server, name);
	const laptop = await device('laptop', remote);
	const phone = await device('phone', remoteDatabase(account.databaseUrl(name), fetch));
	return { laptop, phone, remote };
}
