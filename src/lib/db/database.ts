// Opening the database, and turning what the browser throws into messages a learner can act on.
import { openDB } from 'idb';
import type { upgrade as Upgrade } from './migrations';
import { DATABASE_NAME, SCHEMA_VERSION, type FlashcardsDb, type FlashcardsSchema } from './schema';
import { errorMessage } from '$lib/format/error';

/** A storage failure; `message` says what happened and what was not saved. */
export class StorageError extends Error {
	constructor(
		message: string,
		readonly reason: 'quota' | 'closed' | 'blocked' | 'newer-version' | 'unknown',
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'StorageError';
	}
}

/** Words for what went wrong; `what` is the thing that was not saved or read. */
export function storageError(error: unknown, what: string): StorageError {
	if (error instanceof StorageError) return error;
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	if (name === 'QuotaExceededError') {
		return new StorageError(`${what} was not saved: this device is out of storage space. Free some space, then try again.`, 'quota', {
			cause: error
		});
	}
	if (name === 'InvalidStateError' || name === 'UnknownError') {
		return new StorageError(`${what} was not saved: the browser closed the database. Reload the app, then try again.`, 'closed', {
			cause: error
		});
	}
	if (name === 'VersionError') {
		return new StorageError('A newer version of the app has upgraded your data. Reload to use it.', 'newer-version', { cause: error });
	}
	const detail = errorMessage(error);
	return new StorageError(`${what} was not saved: ${detail || 'the database refused the change'}.`, 'unknown', { cause: error });
}

/**
 * Gives up a transaction after a failure, so that nothing it wrote is committed: a request that
 * throws synchronously (an invalid key, a value that cannot be stored) does not abort the
 * transaction by itself, and the writes already made would otherwise be committed without the
 * rest. The promises of its pending requests are silenced; they reject with an AbortError.
 */
export function abandon(tx: { abort(): void; done: Promise<void> }, pending: Iterable<Promise<unknown>> = []): void {
	for (const request of pending) request.catch(() => {});
	tx.done.catch(() => {});
	try {
		tx.abort();
	} catch {
		// Already finished (an asynchronous failure aborts it on its own).
	}
}

export interface OpenOptions {
	name?: string;
	/** Another tab opened a newer schema: this connection is closed and the tab should reload. */
	onVersionChange?: () => void;
	/** The browser closed the connection (storage cleared, disk error). */
	onClosed?: () => void;
}

/**
 * Whether the device's database is already at this version, so that the migration steps need not
 * load: most starts. Unknown (no `indexedDB.databases`, or it fails) counts as no.
 */
async function isCurrent(name: string): Promise<boolean> {
	try {
		return (await indexedDB.databases()).some((known) => known.name === name && known.version === SCHEMA_VERSION);
	} catch {
		return false;
	}
}

/** Set when an open found an upgrade to run after all (the database changed since isCurrent). */
class UpgradeNeeded extends Error {}

export async function openDatabase(options: OpenOptions = {}): Promise<FlashcardsDb> {
	const name = options.name ?? DATABASE_NAME;
	const migrations = async () => (await import('./migrations')).upgrade;
	try {
		// The migration steps load only for a first visit or the first start of a new schema.
		const upgrade = (await isCurrent(name)) ? undefined : await migrations();
		try {
			return await open(name, upgrade, options);
		} catch (error) {
			if (!(error instanceof UpgradeNeeded)) throw error;
			return await open(name, await migrations(), options);
		}
	} catch (error) {
		throw storageError(error, 'Your data');
	}
}

async function open(name: string, upgrade: typeof Upgrade | undefined, options: OpenOptions): Promise<FlashcardsDb> {
	let needed = false;
	try {
		return await openDB(name, SCHEMA_VERSION, {
			upgrade(db, oldVersion, newVersion, tx) {
				if (upgrade) return upgrade(db, oldVersion, newVersion, tx);
				// Deleted or changed by another tab since isCurrent: give up this open (nothing is
				// written) and open again with the steps loaded.
				needed = true;
				tx.abort();
			},
			blocked() {
				// An older tab still holds the database; its `blocking` handler closes it shortly.
			},
			blocking(_current, _next, event) {
				// Let the newer tab upgrade instead of blocking it; this tab must reload.
				(event.target as IDBDatabase).close();
				options.onVersionChange?.();
			},
			terminated() {
				options.onClosed?.();
			}
		});
	} catch (error) {
		if (needed) throw new UpgradeNeeded('The database needs an upgrade', { cause: error });
		throw error;
	}
}

/**
 * Opens the database only if it exists at this app's schema version, else undefined: for the
 * service worker, which must never create the database (a first visit), upgrade it or read a
 * newer one it does not understand. It never waits on an upgrade another tab holds open.
 */
export async function openExistingDatabase(name = DATABASE_NAME): Promise<FlashcardsDb | undefined> {
	let db: FlashcardsDb;
	try {
		db = await openDB<FlashcardsSchema>(name, undefined, {
			// Only called when there is no database at all: undo its creation.
			upgrade: (_db, _old, _new, transaction) => {
				transaction.done.catch(() => {});
				transaction.abort();
			}
		});
	} catch {
		return undefined;
	}
	if (db.version === SCHEMA_VERSION) return db;
	db.close();
	return undefined;
}
