// The sync server the tests are given (the embedded one on a free port, or the CouchDB at
// COUCHDB_URL): accounts, cookie sessions, replication both ways, a conflict, and that one
// learner cannot reach another's database. What only the embedded server promises (its rules
// against a hostile learner, its cookie, CORS) is in server-security.test.ts.
import { describe, expect, it } from 'vitest';
import { Account, SyncError, checkServer, userDatabaseName } from './remote';
import { cookieFetch, localDatabase, remoteDatabase, signedUp, useTestServer } from './test-server';

const server = useTestServer();

const learner = (name: string, password?: string) => signedUp(server(), name, password);

describe('the sync server', () => {
	it('names a learner database as couch_peruser does', () => {
		expect(userDatabaseName('alice')).toBe('userdb-616c696365');
		expect(userDatabaseName('zoë')).toBe('userdb-7a6fc3ab');
	});

	it('takes a server behind a path (a reverse proxy at /couchdb), without its trailing slash', () => {
		expect(checkServer('https://your.site/couchdb/')).toBe('https://your.site/couchdb');
		expect(new Account('https://your.site/couchdb').databaseUrl('ada')).toBe('https://your.site/couchdb/userdb-616461');
	});

	it('signs a learner up and in with a cookie session, and out again', async () => {
		const { account, name, password } = await learner('ada');
		expect(await account.session()).toBe(name);
		await account.signOut();
		expect(await account.session()).toBeUndefined();
		await account.signIn(name, password);
		expect(await account.session()).toBe(name);
	});

	it('refuses a wrong password with words the learner reads', async () => {
		const { name } = await learner('bea');
		const stranger = new Account(server().url, { fetch: cookieFetch() });
		const error = await stranger.signIn(name, 'not-her-password').catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toBe('Wrong name or password');
		expect(await stranger.session()).toBeUndefined();
	});

	it('says a name is taken instead of signing up twice', async () => {
		const { name } = await learner('cleo');
		const other = new Account(server().url, { fetch: cookieFetch() });
		await expect(other.signUp(name, 'another')).rejects.toThrow(
			`The name "${name}" is taken on this server: sign in, or choose another name.`
		);
	});

	it('signs a second account up on a device still holding the first one’s session', async () => {
		const first = await learner('dan');
		const second = `${first.name}-too`;
		server().forget?.(second);
		await first.account.signUp(second, 'another secret');
		expect(await first.account.session()).toBe(second);
	});

	it('pushes one device and pulls on another, through the learner database', async () => {
		const { remote } = await learner('dora');
		const phone = localDatabase();
		const laptop = localDatabase();
		await laptop.put({ _id: 'log:soft-skills:20500:laptop', type: 'log', answers: [1, 2, 3] });
		const pushed = await laptop.replicate.to(remote);
		expect(pushed.docs_written).toBe(1);
		const pulled = await phone.replicate.from(remote);
		expect(pulled.docs_written).toBe(1);
		expect(await phone.get('log:soft-skills:20500:laptop')).toMatchObject({ type: 'log', answers: [1, 2, 3] });
	});

	it('keeps both sides of a conflict, one winning the same on both devices', async () => {
		const { remote } = await learner('elsa');
		const phone = localDatabase();
		const laptop = localDatabase();
		await laptop.put({ _id: 'deck:x', title: 'Before' });
		await laptop.replicate.to(remote);
		await phone.replicate.from(remote);
		const onPhone = await phone.get('deck:x');
		const onLaptop = await laptop.get('deck:x');
		await phone.put({ ...onPhone, title: 'From the phone' });
		await laptop.put({ ...onLaptop, title: 'From the laptop' });
		await phone.replicate.to(remote);
		await laptop.replicate.to(remote);
		await phone.replicate.from(remote);
		await laptop.replicate.from(remote);
		const phoneDoc = await phone.get('deck:x', { conflicts: true });
		const laptopDoc = await laptop.get('deck:x', { conflicts: true });
		expect(phoneDoc._rev).toBe(laptopDoc._rev);
		expect(phoneDoc.title).toBe(laptopDoc.title);
		expect(phoneDoc._conflicts).toHaveLength(1);
		const loser = await phone.get('deck:x', { rev: phoneDoc._conflicts![0]! });
		expect(new Set([phoneDoc.title, loser.title])).toEqual(new Set(['From the phone', 'From the laptop']));
	});

	it("refuses a second learner access to the first learner's database (its _security)", async () => {
		const first = await learner('fay');
		await first.remote.put({ _id: 'private', text: 'mine' });
		const second = await learner('gus');
		const intruder = remoteDatabase(first.account.databaseUrl(first.name), second.fetch);
		// CouchDB answers a signed-in learner 403 and no one 401; either way the door stays shut.
		await expect(intruder.get('private')).rejects.toMatchObject({ status: 403 });
		await expect(intruder.put({ _id: 'planted', text: 'theirs' })).rejects.toMatchObject({ status: 403 });
		const anonymous = await fetch(`${first.account.databaseUrl(first.name)}/private`);
		expect(anonymous.status).toBe(401);
		const security = await fetch(`${first.account.databaseUrl(first.name)}/_security`, {
			headers: { authorization: `Basic ${btoa(`${server().admin.name}:${server().admin.password}`)}` }
		});
		// couch_peruser makes the learner the database's admin too; the embedded server, its member only.
		const { admins, members } = (await security.json()) as { admins: { names: string[] }; members: object };
		expect(members).toEqual({ names: [first.name], roles: [] });
		expect([[], [first.name]]).toContainEqual(admins.names);
		expect(await first.remote.get('private')).toMatchObject({ text: 'mine' });
		await expect(first.remote.get('planted')).rejects.toMatchObject({ status: 404 });
		// Nor can a learner make a database of their own, or take a role.
		const made = await second.fetch(`${server().url}/userdb-6e6f626f6479`, { method: 'PUT' });
		expect(made.status).toBe(401);
		const promoted = await fetch(`${server().url}/_users/org.couchdb.user:${server().learnerName?.('hal') ?? 'hal'}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: server().learnerName?.('hal') ?? 'hal', password: 'x', roles: ['_admin'], type: 'user' })
		});
		expect(promoted.status).toBe(403);
	});
});
