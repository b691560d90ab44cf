// The one way a write reaches IndexedDB (tldraw's LocalIndexedDb.tx() is the model): a strict
// read-write transaction that commits everything its body wrote or nothing, and a failure turned
// into a StorageError that says what was not saved. Every write in db/ goes through here.
import type { IDBPTransaction, StoreNames } from 'idb';
import { abandon, storageError } from './database';
import type { FlashcardsDb, FlashcardsSchema } from './schema';

export type WriteTx<Names extends StoreNames<FlashcardsSchema>[]> = IDBPTransaction<FlashcardsSchema, Names, 'readwrite'>;

/**
 * Errors a body throws on purpose to refuse a change that does not fit what is stored (a card
 * changed in another tab): they reach the caller as they are, not as a StorageError.
 */
export class RefusedWrite extends Error {}

/** The transactions whose body kept today's summaries itself (db/today.ts keepToday). */
const todayKept = new WeakSet<object>();

/** Said by keepToday: this transaction wrote today's summaries of what it changed. */
export function markTodayKept(tx: object): void {
	todayKept.add(tx);
}

/**
 * What a write does to today's summaries (db/today.ts): by default it forgets them all, in the
 * same transaction, so that no reader (the service worker first) trusts numbers it may have
 * changed; the next read makes them again. `unchanged`: it writes nothing they are made of.
 */
export interface WriteOptions {
	today?: 'unchanged';
}

/**
 * Runs `body` in one read-write transaction on `stores` and resolves with its result once the
 * browser has committed it (`await tx.done`: the moment something is saved). `body` puts the
 * promises of its requests in `writes`, so that after a failure they are silenced and the
 * transaction is aborted: nothing it wrote is kept. `what` names what was not saved, for the
 * StorageError ("Your last answer was not saved: this device is out of storage space ...").
 */
export async function writeTransaction<const Names extends StoreNames<FlashcardsSchema>[], T>(
	db: FlashcardsDb,
	stores: Names,
	what: string,
	body: (tx: WriteTx<Names>, writes: Promise<unknown>[]) => Promise<T> | T,
	options: WriteOptions = {}
): Promise<T> {
	const writes: Promise<unknown>[] = [];
	let tx: WriteTx<Names> | undefined;
	const forgets = options.today !== 'unchanged';
	try {
		const scope = forgets && !stores.includes('today') ? [...stores, 'today' as const] : stores;
		tx = db.transaction(scope as Names, 'readwrite', { durability: 'strict' });
		const result = await body(tx, writes);
		if (forgets && !todayKept.has(tx)) writes.push((tx as unknown as WriteTx<['today']>).objectStore('today').clear());
		await Promise.all([...writes, tx.done]);
		return result;
	} catch (error) {
		if (tx) abandon(tx, writes);
		if (error instanceof RefusedWrite) throw error;
		throw storageError(error, what);
	}
}
