import type { PouchStatic } from './pouch';

// The learner's account on a CouchDB server (or the embedded pouchdb-server): sign up, sign in
// with CouchDB's cookie session (the password is sent once and never stored), sign out, and
// the address of their own database, which couch_peruser names after them.

/** Why a sync step failed, in words the learner reads; `reason` is for the code to tell them apart. */
export class SyncError extends Error {
	constructor(
		message: string,
		readonly reason: 'address' | 'offline' | 'credentials' | 'taken' | 'signed-out' | 'server',
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'SyncError';
	}
}

export const UNREACHABLE = "The server can't be reached; your answers are kept on this device";

/**
 * The server address as typed, checked: https:// always, http:// only on this machine
 * (localhost, 127.0.0.1), where nothing travels over a network. Returned without a trailing slash.
 */
export function checkServer(text: string): string {
	const typed = text.trim();
	let url: URL;
	try {
		url = new URL(typed);
	} catch {
		throw new SyncError(`"${typed}" is not a server address: it should look like https://sync.example.com`, 'address');
	}
	const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
		throw new SyncError('The server address must start with https:// (http:// is only for localhost and 127.0.0.1).', 'address');
	}
	if (url.username || url.password || url.search || url.hash)
		throw new SyncError('The server address should hold no name, password, "?" or "#": type the name and password below.', 'address');
	return url.href.replace(/\/+$/, '');
}

/** couch_peruser's name for a learner's database: "userdb-" and the name's UTF-8 bytes in hex. */
export function userDatabaseName(name: string): string {
	return `userdb-${[...new TextEncoder().encode(name)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export interface AccountOptions {
	/** Tests in Node pass a fetch that keeps the session cookie; the browser keeps it itself. */
	fetch?: typeof fetch;
}

export class Account {
	readonly server: string;
	readonly #fetch: typeof fetch;

	constructor(server: string, options: AccountOptions = {}) {
		this.server = checkServer(server);
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, { ...init, credentials: 'include' }));
	}

	async #request(path: string, init: RequestInit = {}): Promise<Response> {
		try {
			return await this.#fetch(`${this.server}${path}`, {
				...init,
				headers: { accept: 'application/json', 'content-type': 'application/json', ...init.headers }
			});
		} catch (error) {
			throw new SyncError(UNREACHABLE, 'offline', { cause: error });
		}
	}

	/** Creates the learner's account (CouchDB's _users), then signs in. */
	async signUp(name: string, password: string): Promise<string> {
		checkCredentials(name, password);
		const response = await this.#request(`/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
			method: 'PUT',
			body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' })
		});
		if (response.status === 409 || response.status === 403)
			throw new SyncError(`The name "${name}" is taken on this server: sign in, or choose another name.`, 'taken');
		if (!response.ok) throw await serverError(response, 'Signing up');
		return this.signIn(name, password);
	}

	/** Starts a cookie session; resolves to the name signed in. */
	async signIn(name: string, password: string): Promise<string> {
		checkCredentials(name, password);
		const response = await this.#request('/_session', { method: 'POST', body: JSON.stringify({ name, password }) });
		if (response.status === 401) throw new SyncError('Wrong name or password', 'credentials');
		if (!response.ok) throw await serverError(response, 'Signing in');
		return name;
	}

	/** The name of the session's learner, or undefined when no one is signed in (or the cookie expired). */
	async session(): Promise<string | undefined> {
		const response = await this.#request('/_session');
		if (!response.ok) throw await serverError(response, 'Checking the session');
		const body = (await response.json()) as { userCtx?: { name?: string | null } };
		return body.userCtx?.name ?? undefined;
	}

	async signOut(): Promise<void> {
		const response = await this.#request('/_session', { method: 'DELETE' });
		if (!response.ok) throw await serverError(response, 'Signing out');
	}

	/** The address of the learner's own database. */
	databaseUrl(name: string): string {
		return `${this.server}/${userDatabaseName(name)}`;
	}
}

function checkCredentials(name: string, password: string): void {
	if (name.trim() === '') throw new SyncError('Type your name for the sync server.', 'credentials');
	if (password === '') throw new SyncError('Type your password.', 'credentials');
}

async function serverError(response: Response, what: string): Promise<SyncError> {
	let reason = '';
	try {
		reason = ((await response.json()) as { reason?: string }).reason ?? '';
	} catch {
		// Not JSON: the status says enough.
	}
	return new SyncError(`${what} failed: the server answered ${response.status}${reason ? ` (${reason})` : ''}.`, 'server');
}

/** PouchDB, loaded only when sync is on: a learner who never turns it on never downloads it. */
export async function loadPouchDB(): Promise<PouchStatic> {
	return (await import('pouchdb-browser')).default;
}
