// What sync kept when something changed on two devices, until the learner has dealt with it: the
// notices (in this browser's storage, as a sync may find one on any screen) and the cards edited
// on two devices, each waiting for the learner's pick (in the store: db/sync.ts).
import { browser } from '$app/environment';
import type { CardConflict } from '$lib/db/schema';
import { app } from './app.svelte';
import { readStored, writeStored } from '$lib/platform/web-storage';

const NOTICES_KEY = 'sync-notices';

function readNotices(): string[] {
	try {
		const stored: unknown = JSON.parse(readStored('localStorage', NOTICES_KEY) ?? '[]');
		return Array.isArray(stored) ? stored.filter((notice): notice is string => typeof notice === 'string') : [];
	} catch {
		return [];
	}
}

class SyncNotices {
	/** What the last syncs kept when something was changed on two devices, until the learner has read it. */
	notices = $state.raw<string[]>(browser ? readNotices() : []);
	/** Cards edited on two devices, waiting for the learner to pick a version. */
	cardConflicts = $state.raw<CardConflict[]>([]);

	/** What a sync kept, after those not read yet. */
	add(notices: readonly string[]): void {
		if (notices.length > 0) this.#set([...this.notices, ...notices]);
	}

	/** The learner has read what was kept (or signed out). */
	dismiss(): void {
		this.#set([]);
	}

	/** Reads the cards edited on two devices (Settings › Sync shows them). */
	async readConflicts(): Promise<void> {
		const [{ readCardConflicts }, db] = await Promise.all([import('$lib/db/sync'), app.ready()]);
		this.cardConflicts = await readCardConflicts(db);
	}

	/** The learner's pick for a card edited on two devices, kept as an edit of its own. */
	async pick(cardId: string, pick: 'kept' | 'other'): Promise<void> {
		const [{ pickCardText }, db] = await Promise.all([import('$lib/db/sync'), app.ready()]);
		await pickCardText(db, cardId, pick);
		await this.readConflicts();
	}

	#set(notices: string[]): void {
		this.notices = notices;
		writeStored('localStorage', NOTICES_KEY, JSON.stringify(notices));
	}
}

export const syncNotices = new SyncNotices();
