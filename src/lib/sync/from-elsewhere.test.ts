// What comes from elsewhere, through the embedded server: history imported from another install,
// a device whose clock is wrong by days, and documents no device of the learner's could have
// written (put straight into their database).
import { afterEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '$lib/db/answers';
import { exportBackup, importBackup, parseBackup } from '$lib/db/backup';
import { ensureInstall, loadSettings, saveSettings } from '$lib/db/settings';
import type { FlashcardsDb } from '$lib/db/schema';
import { cardRecord, closeDatabases, dump, freshDatabase, logEntries, NOW, putCards, settings, TODAY, timeOn } from '$lib/db/test-helpers';
import type { Settings } from '$lib/srs/types';
import { syncOnce } from './engine';
import { logDocId } from './documents';
import { gatedFetch, type HostileKeys } from './json-gate';
import type { PouchDatabase } from './pouch';
import { localDatabase, remoteDatabase, signedUp, useTestServer } from './test-server';

const server = useTestServer();
let learners = 0;

afterEach(() => closeDatabases());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Device {
	db: FlashcardsDb;
	local: PouchDatabase;
	remote: PouchDatabase;
	/** The documents whose JSON carried a key no device writes, as the server sent them. */
	hostile: HostileKeys;
}

/** A learner, and a device of theirs named `name` (with the deck "d" unless `empty`), its server database read through the JSON gate. */
async function learner() {
	const account = await signedUp(server(), `elsewhere${++learners}`);
	const url = account.account.databaseUrl(account.name);
	const device = async (name: string, { empty = false, withProto = '' } = {}): Promise<Device> => {
		const db = await freshDatabase();
		await ensureInstall(db, NOW, () => name);
		if (!empty)
			await putCards(
				db,
				'd',
				['a1', 'a2', 'a3'].map((key, i) => cardRecord('d', key, { newOrder: i }))
			);
		const hostile: HostileKeys = new Map();
		const remote = remoteDatabase(
			url,
			gatedFetch(hostile, withProto ? addingProto(account.fetch, withProto) : account.fetch) as typeof fetch
		);
		return { db, local: localDatabase(), remote, hostile };
	};
	return { ...account, url, device };
}

/** The server's answers with a `__proto__` key added to the documents whose text holds `where`. */
function addingProto(base: typeof fetch, where: string): typeof fetch {
	return async (input, init) => {
		const response = await base(input, init);
		const text = await response.text();
		return new Response(text.replaceAll(where, `${where},"__proto__":{"polluted":true}`), {
			status: response.status,
			headers: response.headers
		});
	};
}

const sync = (on: Device, now = Date.now()) => syncOnce(on.db, on.local, on.remote, now, { hostile: on.hostile });

const answer = (on: Device, cardId: string, minute: number, day = TODAY) =>
	recordAnswer(on.db, { cardId, grade: 4, now: timeOn(day, 10, minute), tookMs: 1000, sessionId: `${cardId}-s`, settings });

const keysOf = async (on: Device) => (await logEntries(on.db)).map((entry) => `${entry.cardId}@${entry.time}:${entry.device}`).sort();

describe('history from another install', () => {
	it('a backup made on another install, imported on a new device, reaches the server and every other device', async () => {
		const { device } = await learner();
		// Three days of study on an install that never synced, kept as a backup file.
		const old = await device('old-phone');
		for (let day = 0; day < 3; day++) for (const [i, card] of ['d:a1', 'd:a2'].entries()) await answer(old, card, i, TODAY - 3 + day);
		const file = JSON.stringify(await exportBackup(old.db, NOW));

		const laptop = await device('laptop', { empty: true });
		await importBackup(laptop.db, parseBackup(file, { today: TODAY }), 'replace');
		expect(await sync(laptop)).toMatchObject({ rejected: [] });
		const phone = await device('phone', { empty: true });
		expect(await sync(phone)).toMatchObject({ added: 6, rejected: [], decksAdded: ['Deck d'] });
		expect(await keysOf(phone)).toEqual(await keysOf(old));
		expect((await logEntries(phone.db)).every((entry) => entry.device === 'old-phone')).toBe(true);
		expect(await phone.db.getAll('cards')).toEqual(await laptop.db.getAll('cards'));
	});

	it('two devices that import the same backup and sync never double its answers, and the server ends with one copy of each document', async () => {
		const { device, remote } = await learner();
		const old = await device('old-phone');
		for (const [i, card] of ['d:a1', 'd:a2'].entries()) await answer(old, card, i);
		const file = JSON.stringify(await exportBackup(old.db, NOW));
		const [laptop, phone] = [await device('laptop'), await device('phone')];
		// Each answers a card of its own too, then imports the file, offline.
		await answer(laptop, 'd:a3', 30);
		await answer(phone, 'd:a3', 40);
		for (const on of [laptop, phone]) await importBackup(on.db, parseBackup(file, { today: TODAY }), 'merge');
		// The phone's first sync meets the laptop's copy of the old phone's document.
		await sync(laptop);
		await sync(phone);
		await sync(laptop);
		const expected = [...(await keysOf(old)), `d:a3@${timeOn(TODAY, 10, 30)}:laptop`, `d:a3@${timeOn(TODAY, 10, 40)}:phone`].sort();
		for (const on of [laptop, phone]) expect(await keysOf(on)).toEqual(expected);
		expect(await laptop.db.getAll('cards')).toEqual(await phone.db.getAll('cards'));
		const doc = await remote.get(logDocId('d', TODAY, 'old-phone'), { conflicts: true });
		expect(doc._conflicts).toBeUndefined();
		expect((doc.entries as unknown[]).length).toBe(2);
	});
});

describe('a server that refuses large requests', () => {
	it('a push refused as too large (413) is sent again one document a request, and nothing is lost', async () => {
		const account = await learner();
		const laptop = await account.device('laptop');
		for (let day = 0; day < 6; day++) await answer(laptop, 'd:a1', 0, TODAY - 6 + day);
		// As a proxy with a small body limit answers: the whole batch refused.
		let refused = 0;
		const small: typeof fetch = async (input, init) => {
			if (String(input).includes('_bulk_docs') && String(init?.body ?? '').length > 4000) {
				refused++;
				return new Response('{"error":"too_large","reason":"the request entity is too large"}', { status: 413 });
			}
			return account.fetch(input, init);
		};
		const remote = remoteDatabase(account.url, small);
		expect(await syncOnce(laptop.db, laptop.local, remote, NOW + HOUR)).toMatchObject({ rejected: [] });
		expect(refused).toBe(1);
		const phone = await account.device('phone');
		expect(await sync(phone, NOW + HOUR)).toMatchObject({ added: 6, rejected: [] });
	});
});

describe('a clock that cannot be trusted', () => {
	const saved = (on: Device, change: Partial<Settings>, at: number) => saveSettings(on.db, { ...settings, ...change }, at);

	it('a device whose clock runs 2 days ahead does not win over a save made after its save was seen', async () => {
		const { device } = await learner();
		const [ahead, phone] = [await device('ahead'), await device('phone')];
		await sync(ahead, NOW + 2 * DAY);
		await sync(phone, NOW);
		await saved(ahead, { newPerDay: 30 }, NOW + 2 * DAY);
		await sync(ahead, NOW + 2 * DAY);
		// The phone takes it, then changes it an hour later by its own (right) clock.
		await sync(phone, NOW + HOUR);
		expect(await loadSettings(phone.db)).toMatchObject({ newPerDay: 30 });
		await saved(phone, { newPerDay: 12 }, NOW + 2 * HOUR);
		expect(await sync(phone, NOW + 2 * HOUR)).toMatchObject({ notices: [], rejected: [] });
		expect(await sync(ahead, NOW + 2 * DAY + HOUR)).toMatchObject({ notices: [], rejected: [] });
		for (const on of [ahead, phone]) expect(await loadSettings(on.db)).toMatchObject({ newPerDay: 12 });
	});

	it('saved on both before either synced, the later stamp is kept on both and the device that lost names what it had', async () => {
		const { device } = await learner();
		const [ahead, phone] = [await device('ahead'), await device('phone')];
		await sync(ahead, NOW + 2 * DAY);
		await sync(phone, NOW);
		await saved(phone, { newPerDay: 12 }, NOW + HOUR);
		await saved(ahead, { newPerDay: 30 }, NOW + 2 * DAY);
		await sync(phone, NOW + HOUR);
		expect(await sync(ahead, NOW + 2 * DAY)).toMatchObject({ notices: [] });
		const { notices } = await sync(phone, NOW + HOUR);
		expect(notices.map((notice) => notice.text)).toEqual([
			expect.stringMatching(
				/^Your settings from this device \(saved .+\) were overruled by a later save on another device \(saved .+\): New cards per day 30 \(this device had 12\)\.$/
			)
		]);
		for (const on of [ahead, phone]) expect(await loadSettings(on.db)).toMatchObject({ newPerDay: 30 });
	});
});

describe('documents no device could have written', () => {
	/** PUTs raw JSON text into the learner's database, as anyone signed in as them could. */
	const putRaw = (account: Awaited<ReturnType<typeof learner>>, id: string, json: string) =>
		account.fetch(`${account.url}/${encodeURIComponent(id)}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: json
		});

	it('a future answer, __proto__ keys and impossible values are all refused and all named, every sync, and the store is unchanged', async () => {
		const account = await learner();
		const laptop = await account.device('laptop');
		await answer(laptop, 'd:a1', 0);
		await sync(laptop, NOW + HOUR);
		const good = (await logEntries(laptop.db))[0]!;
		const intruder = { ...good, device: 'intruder', sessionId: 'x' };
		const logDoc = (device: string, entries: object[]) => ({ type: 'log', deckId: 'd', studyDay: TODAY, device, entries });
		const future = { ...intruder, device: 'future', time: NOW + 50 * 365 * DAY };
		const ids = {
			future: logDocId('d', TODAY, 'future'),
			proto: logDocId('d', TODAY, 'proto'),
			constructor: logDocId('d', TODAY, 'ctor'),
			dueDay: logDocId('d', TODAY, 'far'),
			answeredAfter: logDocId('d', TODAY, 'after')
		};
		expect((await putRaw(account, ids.future, JSON.stringify(logDoc('future', [future])))).status).toBe(201);
		expect((await putRaw(account, ids.proto, JSON.stringify(logDoc('proto', [{ ...intruder, device: 'proto' }])))).status).toBe(201);
		const ctor = logDoc('ctor', [{ ...intruder, device: 'ctor', after: { ...good.after, constructor: 1 } }]);
		expect((await putRaw(account, ids.constructor, JSON.stringify(ctor))).status).toBe(201);
		const far = logDoc('far', [{ ...intruder, device: 'far', after: { ...good.after, dueDay: TODAY + 200 * 365 } }]);
		expect((await putRaw(account, ids.dueDay, JSON.stringify(far))).status).toBe(201);
		const after = logDoc('after', [{ ...intruder, device: 'after', after: { ...good.after, lastAnsweredAt: good.time + 1 } }]);
		expect((await putRaw(account, ids.answeredAfter, JSON.stringify(after))).status).toBe(201);

		// CouchDB keeps a `__proto__` key as it was written (the embedded server drops it): the phone
		// reads the server as CouchDB would answer.
		const phone = await account.device('phone', { withProto: '"device":"proto"' });
		await sync(phone, NOW + HOUR);
		const before = await dump(phone.db);
		const named = [
			`The synced document "${ids.future}" was not taken: entry 1 is dated 50 years after the present (the clock of the device that wrote it may be wrong).`,
			`The synced document "${ids.proto}" was not taken: it has a "__proto__" field, which no device writes.`,
			`The synced document "${ids.constructor}" was not taken: it has a "constructor" field, which no device writes.`,
			`The synced document "${ids.dueDay}" was not taken: entry 1 has a due day more than 100 years away (${TODAY + 200 * 365}).`,
			`The synced document "${ids.answeredAfter}" was not taken: entry 1 has a card answered after the entry itself.`
		].sort();
		// Every one, on this sync and the next ones (the feed brings them once).
		for (let i = 0; i < 2; i++) {
			const result = await sync(phone, NOW + 2 * HOUR);
			expect([...result.rejected].sort()).toEqual(named);
			expect(result.added).toBe(0);
		}
		const now = await dump(phone.db);
		expect({ ...now, meta: [] }).toEqual({ ...before, meta: [] });
		expect((await logEntries(phone.db)).map((entry) => entry.device)).toEqual(['laptop']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		// The laptop never writes over them: what they hold stays for the learner to see.
		await answer(laptop, 'd:a2', 5);
		await sync(laptop, NOW + 2 * HOUR);
		expect((await laptop.remote.get(ids.future)).entries).toEqual([future]);
	});
});
