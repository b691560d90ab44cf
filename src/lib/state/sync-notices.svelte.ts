// What sync kept when something changed on two devices, until the learner has dealt with it: the
// notices of saves of this device that lost to later ones elsewhere (in this browser's storage, as
// a sync may find one on any screen), each gone as soon as what it talks of is saved again, and
// the cards edited on two devices, each waiting for the learner's pick (in the store: db/sync.ts).
import { browser } from '$app/environment';
import type { SaveStamps } from '$lib/db/clock';
import type { CardConflict } from '$lib/db/schema';
import type { SyncNotice } from '$lib/sync/plan';
import { app } from './app.svelte';
import { readStored, writeStored } from '$lib/platform/web-storage';

const NOTICES_KEY = 'sync-notices';

const isStamp = (value: unknown): value is SyncNotice['kept'] =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as SyncNotice['kept']).time === 'number' &&
	typeof (value as SyncNotice['kept']).count === 'number' &&
	typeof (value as SyncNotice['kept']).device === 'string';

/** Notices as kept in storage; anything else there (an older version's plain words, which say nothing of what they are about) is dropped. */
function readNotices(): SyncNotice[] {
	try {
		const stored: unknown = JSON.parse(readStored('localStorage', NOTICES_KEY) ?? '[]');
		if (!Array.isArray(stored)) return [];
		return stored.filter(
			(notice): notice is SyncNotice =>
				typeof notice === 'object' &&
				notice !== null &&
				typeof notice.text === 'string' &&
				typeof notice.subject === 'object' &&
				notice.subject !== null &&
				isStamp(notice.kept)
		);
	} catch {
		return [];
	}
}

/** The stamp of the save of `subject` the device has now (undefined: none, or the deck is gone). */
function stampNow(stamps: SaveStamps, subject: SyncNotice['subject']) {
	if ('settings' in subject) return stamps.settings;
	if ('options' in subject) return stamps.deckOptions[subject.options];
	return stamps.decks[subject.deck];
}

const same = (a: SyncNotice['kept'] | undefined, b: SyncNotice['kept']) =>
	a !== undefined && a.time === b.time && a.count === b.count && a.device === b.device;

class SyncNotices {
	/** What the last syncs found this device lost, until the learner has read it or saves it again. */
	notices = $state.raw<SyncNotice[]>(browser ? readNotices() : []);
	/** Cards edited on two devices, waiting for the learner to pick a version. */
	cardConflicts = $state.raw<CardConflict[]>([]);

	/** What a sync found, after those not read yet; then every notice whose save was replaced since goes. */
	async add(notices: readonly SyncNotice[]): Promise<void> {
		if (notices.length > 0) this.#set([...this.notices, ...notices]);
		await this.prune();
	}

	/**
	 * Drops the notices that are out of date: what they talk of was saved again (here, or on another
	 * device and taken), so the value they name is no longer the one kept.
	 */
	async prune(): Promise<void> {
		if (this.notices.length === 0) return;
		const [{ readSaveStamps }, db] = await Promise.all([import('$lib/db/sync'), app.ready()]);
		const stamps = await readSaveStamps(db);
		const current = this.notices.filter((notice) => same(stampNow(stamps, notice.subject), notice.kept));
		if (current.length !== this.notices.length) this.#set(current);
	}

	/** The learner has read what was kept (or signed out). */
	dismiss(): void {
		this.#set([]);
	}

	/** Reads the cards edited on two devices (Settings › Sync shows them), and drops notices out of date. */
	async readConflicts(): Promise<void> {
		const [{ readCardConflicts }, db] = await Promise.all([import('$lib/db/sync'), app.ready()]);
		this.cardConflicts = await readCardConflicts(db);
		await this.prune();
	}

	/** The learner's pick for a card edited on two devices, kept as an edit of its own. */
	async pick(cardId: string, pick: 'kept' | 'other'): Promise<void> {
		const [{ pickCardText }, db] = await Promise.all([import('$lib/db/sync'), app.ready()]);
		await pickCardText(db, cardId, pick);
		await this.readConflicts();
	}

	#set(notices: SyncNotice[]): void {
		this.notices = notices;
		writeStored('localStorage', NOTICES_KEY, JSON.stringify(notices));
	}
}

export const syncNotices = new SyncNotices();
