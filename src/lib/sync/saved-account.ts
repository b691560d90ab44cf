// The sync account this browser keeps (server and name; the password never): each device's own,
// never synced. Read without loading sync: the first screen asks whether sync is on, and only
// then loads the sync state (and, from it, PouchDB).
export const SYNC_STORAGE_KEY = 'sync';

export interface SavedAccount {
	server: string;
	name: string;
}

export function syncIsOn(): boolean {
	try {
		return localStorage.getItem(SYNC_STORAGE_KEY) !== null;
	} catch {
		// Storage refused (some private modes): sync cannot have been turned on.
		return false;
	}
}

export function readAccount(): SavedAccount | undefined {
	try {
		const stored = JSON.parse(localStorage.getItem(SYNC_STORAGE_KEY) ?? 'null') as Partial<SavedAccount> | null;
		return typeof stored?.server === 'string' && typeof stored.name === 'string' ? { server: stored.server, name: stored.name } : undefined;
	} catch {
		// Storage refused (some private modes) or damaged: sync is simply off.
		return undefined;
	}
}

/** Keeps the account, or forgets it (undefined: sync is off). */
export function writeAccount(account: SavedAccount | undefined): void {
	try {
		if (account) localStorage.setItem(SYNC_STORAGE_KEY, JSON.stringify(account));
		else localStorage.removeItem(SYNC_STORAGE_KEY);
	} catch {
		// Nothing to keep it in: sync stays on for this visit only.
	}
}
