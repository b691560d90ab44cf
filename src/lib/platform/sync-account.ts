// The sync account this browser keeps (server and name; the password never): each device's own,
// never synced. Read without loading sync: the first screen asks whether sync is on, and only
// then loads the sync state (and, from it, PouchDB).
import { readStored, writeStored } from './web-storage';

export const SYNC_STORAGE_KEY = 'sync';

export interface SavedAccount {
	server: string;
	name: string;
}

/** Storage refused (some private modes): sync cannot have been turned on. */
export function syncIsOn(): boolean {
	return readStored('localStorage', SYNC_STORAGE_KEY) !== undefined;
}

export function readAccount(): SavedAccount | undefined {
	try {
		const stored = JSON.parse(readStored('localStorage', SYNC_STORAGE_KEY) ?? 'null') as Partial<SavedAccount> | null;
		return typeof stored?.server === 'string' && typeof stored.name === 'string' ? { server: stored.server, name: stored.name } : undefined;
	} catch {
		// Damaged: sync is simply off.
		return undefined;
	}
}

/** Keeps the account, or forgets it (undefined: sync is off). Nothing to keep it in: sync stays on for this visit only. */
export function writeAccount(account: SavedAccount | undefined): void {
	if (account) writeStored('localStorage', SYNC_STORAGE_KEY, JSON.stringify(account));
	else
		try {
			localStorage.removeItem(SYNC_STORAGE_KEY);
		} catch {
			// Storage refused: there was nothing kept to forget.
		}
}
