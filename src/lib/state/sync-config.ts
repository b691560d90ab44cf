// Whether sync is on, read without loading sync: the first screen asks it, and only then loads
// the sync state (and, from it, PouchDB).
export const SYNC_STORAGE_KEY = 'sync';

export function syncIsOn(): boolean {
	try {
		return localStorage.getItem(SYNC_STORAGE_KEY) !== null;
	} catch {
		// Storage refused (some private modes): sync cannot have been turned on.
		return false;
	}
}
