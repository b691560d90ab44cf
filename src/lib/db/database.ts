// Opening the database, and turning what the browser throws into messages a learner can act on.
import { openDB } from 'idb';
import { DATABASE_NAME, SCHEMA_VERSION, upgrade, type FlashcardsDb, type FlashcardsSchema } from './schema';

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
	const detail = error instanceof Error ? error.message : String(error);
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

export async function openDatabase(options: OpenOptions = {}): Promise<FlashcardsDb> {
	try {
		return await openDB(options.name ?? DATABASE_NAME, SCHEMA_VERSION, {
			upgrade,
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
		throw storageError(error, 'Your data');
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
