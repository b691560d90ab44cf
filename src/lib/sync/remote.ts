import type { PouchStatic } from './pouch';

// The learner's account on a CouchDB server (or the embedded pouchdb-server): sign up, sign in
// with CouchDB's cookie session (the password is sent once and never stored), sign out, and
// the address of their own database, which couch_peruser names after them.

/** Why a sync step failed, in words the learner reads; `reason` is for the code to tell them apart. */
export class SyncError extends Error {
	constructor(
		message: string,
		readonly reason: 'address' | 'offline' | 'credentials' | 'locked' | 'cookie' | 'taken' | 'signed-out' | 'server',
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'SyncError';
	}
}

export const UNREACHABLE = "The server can't be reached; your answers are kept on this device";
/** CouchDB 3.4+ locks a name out for 5 minutes after 5 wrong passwords (chttpd_auth_lockout). */
export const LOCKED_OUT = 'Too many wrong passwords: the server locked this account for a few minutes';
export const COOKIE_BLOCKED =
	"This browser blocked the sync server's sign-in cookie. The app and the server must be on the same site (see the README).";
export const SIGNED_OUT = 'You are signed out of the sync server: sign in again.';
/** CouchDB's reason when the lockout refuses a sign-in (couch_httpd_auth). */
const LOCKOUT_REASON = 'Account is temporarily locked due to multiple authentication failures';
/** couch_peruser makes a new learner's database a moment after the sign-up (145 to 321 ms measured). */
export const DATABASE_WAIT_MS = 10_000;

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
	/** How a wait for the learner's new database pauses (tests pass one that takes no time). */
	sleep?: (ms: number) => Promise<void>;
}

export class Account {
	readonly server: string;
	readonly #fetch: typeof fetch;
	readonly #sleep: (ms: number) => Promise<void>;

	constructor(server: string, options: AccountOptions = {}) {
		this.server = checkServer(server);
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, { ...init, credentials: 'include' }));
		this.#sleep = options.sleep ?? ((ms) => new Promise((wait) => setTimeout(wait, ms)));
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

	/**
	 * Creates the learner's account (CouchDB's _users), signs in, and waits for the database
	 * couch_peruser makes for them.
	 */
	async signUp(name: string, password: string): Promise<string> {
		checkCredentials(name, password);
		// CouchDB answers 404 to a learner who writes another's user document: a session left
		// from an earlier account would make this sign-up look like one.
		await this.#request('/_session', { method: 'DELETE' }).catch(() => {});
		const response = await this.#request(`/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
			method: 'PUT',
			body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' })
		});
		if (response.status === 409)
			throw new SyncError(`The name "${name}" is taken on this server: sign in, or choose another name.`, 'taken');
		if (response.status === 401)
			throw new SyncError(
				"This server does not let new learners sign up (its _users database is closed to them): ask its admin, or see the README's CouchDB setup.",
				'server'
			);
		if (!response.ok) throw await serverError(response, 'Signing up');
		await this.signIn(name, password);
		await this.waitForDatabase(name);
		return name;
	}

	/**
	 * Starts a cookie session, then asks the server who is signed in: a browser that refused the
	 * cookie (a server on another site) is told so, not left to fail at the first sync.
	 */
	async signIn(name: string, password: string): Promise<string> {
		checkCredentials(name, password);
		const response = await this.#request('/_session', { method: 'POST', body: JSON.stringify({ name, password }) });
		if (response.status === 401) throw new SyncError('Wrong name or password', 'credentials');
		if (response.status === 403 && (await reasonOf(response)) === LOCKOUT_REASON) throw new SyncError(LOCKED_OUT, 'locked');
		if (!response.ok) throw await serverError(response, 'Signing in');
		if ((await this.session()) === undefined) throw new SyncError(COOKIE_BLOCKED, 'cookie');
		return name;
	}

	/**
	 * Resolves once the learner's database answers; a new one is 404 until couch_peruser has made
	 * it, so this asks again for up to DATABASE_WAIT_MS.
	 */
	async waitForDatabase(name: string, waitMs = DATABASE_WAIT_MS): Promise<void> {
		let waited = 0;
		for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
			const response = await this.#request(`/${userDatabaseName(name)}`);
			if (response.ok) return;
			// 401 from CouchDB for no session, 403 for another learner's: either way, not yours now.
			if (response.status === 401 || response.status === 403) throw new SyncError(SIGNED_OUT, 'signed-out');
			if (response.status !== 404) throw await serverError(response, 'Opening your database');
			if (waited >= waitMs)
				throw new SyncError("The server made no database for you: couch_peruser must be on (see the README's CouchDB setup).", 'server');
			await this.#sleep(pause);
			waited += pause;
		}
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

/** CouchDB's `reason`, read once; '' when the body is not CouchDB's JSON. */
const reasons = new WeakMap<Response, Promise<string>>();
function reasonOf(response: Response): Promise<string> {
	let reason = reasons.get(response);
	if (!reason) {
		reason = response
			.json()
			.then((body: unknown) => {
				const text = (body as { reason?: unknown } | null)?.reason;
				return typeof text === 'string' ? text : '';
			})
			.catch(() => '');
		reasons.set(response, reason);
	}
	return reason;
}

async function serverError(response: Response, what: string): Promise<SyncError> {
	const reason = await reasonOf(response);
	return new SyncError(`${what} failed: the server answered ${response.status}${reason ? ` (${reason})` : ''}.`, 'server');
}

/** PouchDB, loaded only when sync is on: a learner who never turns it on never downloads it. */
export async function loadPouchDB(): Promise<PouchStatic> {
	return (await import('pouchdb-browser')).default;
}
