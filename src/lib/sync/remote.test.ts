// The learner's account against CouchDB's answers, each given by a fake server: what the learner
// is told for each, and the wait for couch_peruser's database.
import { describe, expect, it } from 'vitest';
import { Account, COOKIE_BLOCKED, LOCKED_OUT, SIGNED_OUT, SyncError } from './remote';

type Answer = [status: number, body: object];

/** A server that gives `answers` in order, recording what was asked. */
function fakeServer(answers: Answer[]) {
	const asked: string[] = [];
	const fetch: typeof globalThis.fetch = async (input, init) => {
		asked.push(`${init?.method ?? 'GET'} ${String(input).replace('https://sync.example.com', '')}`);
		const [status, body] = answers.shift() ?? [500, { error: 'unknown_error', reason: 'no more answers' }];
		return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	};
	const sleeps: number[] = [];
	const account = new Account('https://sync.example.com', { fetch, sleep: async (ms) => void sleeps.push(ms) });
	return { account, asked, sleeps };
}

const failure = (promise: Promise<unknown>) =>
	promise.then(
		() => undefined,
		(error: unknown) => error as SyncError
	);

describe('the account, as CouchDB answers it', () => {
	it('says a locked-out name is locked out, and any other 403 as the server put it', async () => {
		const locked = fakeServer([
			[403, { error: 'forbidden', reason: 'Account is temporarily locked due to multiple authentication failures' }]
		]);
		const error = await failure(locked.account.signIn('ada', 'secret'));
		expect(error).toMatchObject({ message: LOCKED_OUT, reason: 'locked' });
		const other = fakeServer([[403, { error: 'forbidden', reason: 'Something else' }]]);
		expect(await failure(other.account.signIn('ada', 'secret'))).toMatchObject({
			message: 'Signing in failed: the server answered 403 (Something else).',
			reason: 'server'
		});
	});

	it('asks the server who is signed in after signing in, and says so when the cookie did not stay', async () => {
		const { account, asked } = fakeServer([
			[200, { ok: true, name: 'ada', roles: [] }],
			[200, { ok: true, userCtx: { name: null, roles: [] } }]
		]);
		expect(await failure(account.signIn('ada', 'secret'))).toMatchObject({ message: COOKIE_BLOCKED, reason: 'cookie' });
		expect(asked).toEqual(['POST /_session', 'GET /_session']);
	});

	it("says a server whose _users is closed does not let learners sign up (CouchDB 3's default)", async () => {
		const { account } = fakeServer([
			[200, { ok: true }],
			[401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' }]
		]);
		expect(await failure(account.signUp('ada', 'secret'))).toMatchObject({
			message:
				"This server does not let new learners sign up (its _users database is closed to them): ask its admin, or see the README's CouchDB setup.",
			reason: 'server'
		});
	});

	it('signs up, signs in, and waits while the new database answers 404', async () => {
		const { account, asked, sleeps } = fakeServer([
			[200, { ok: true }],
			[201, { ok: true }],
			[200, { ok: true }],
			[200, { ok: true, userCtx: { name: 'ada', roles: [] } }],
			[404, { error: 'not_found', reason: 'Database does not exist.' }],
			[404, { error: 'not_found', reason: 'Database does not exist.' }],
			[200, { db_name: 'userdb-616461' }]
		]);
		expect(await account.signUp('ada', 'secret')).toBe('ada');
		expect(asked).toEqual([
			'DELETE /_session',
			'PUT /_users/org.couchdb.user:ada',
			'POST /_session',
			'GET /_session',
			'GET /userdb-616461',
			'GET /userdb-616461',
			'GET /userdb-616461'
		]);
		expect(sleeps).toEqual([50, 100]);
	});

	it('takes a 401 and a 403 from the database alike: the learner is signed out of it', async () => {
		for (const [status, error] of [
			[401, 'unauthorized'],
			[403, 'forbidden']
		] as const) {
			const { account } = fakeServer([[status, { error, reason: 'You are not allowed to access this db.' }]]);
			expect(await failure(account.waitForDatabase('ada'))).toMatchObject({ message: SIGNED_OUT, reason: 'signed-out' });
		}
	});
});
