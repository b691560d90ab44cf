// What a sync does to each deck's own options (sync/deck-options-doc.ts), as a pure plan: last
// writer wins by `savedAt`, over every revision CouchDB holds of the document, and a deck deleted
// on either side takes every revision of its options document off the server.
import type { SyncChanges, SyncLocal } from '$lib/db/sync';
import type { DeckOptions } from '$lib/srs/today';
import { deckOptionsDoc, deckOptionsDocId, type DeckOptionsDoc } from './deck-options-doc';
import type { OutboxDoc } from './plan';

/** The options compared, fitted parameters in a fixed key order (a document's may come in another). */
const content = (options: DeckOptions | undefined) => {
	const fitted = options?.fsrsParameters;
	const parameters = fitted ? JSON.stringify(fitted, Object.keys(fitted).sort()) : null;
	return JSON.stringify([options?.newPerDay ?? null, options?.reviewsPerDay ?? null, parameters]);
};

export interface DeckOptionsHere {
	options: DeckOptions | undefined;
	/** 0 when never saved here (set by a backup import, or never set). */
	savedAt: number;
}

/**
 * One deck's options, last writer wins: `take` the document's (the later save, or nothing saved
 * here), or `send` this device's (the later save, or no document yet), or nothing when they agree.
 * `theirs` is the newest save among the document's revisions (CouchDB's conflicts included).
 */
export function planDeckOptionsSync(
	deckId: string,
	here: DeckOptionsHere,
	theirs: DeckOptionsDoc | undefined
): { take?: DeckOptionsDoc; send?: DeckOptionsDoc } {
	const hasOwn = here.options !== undefined && Object.keys(here.options).length > 0;
	if (!theirs) return hasOwn || here.savedAt > 0 ? { send: deckOptionsDoc(deckId, here.options, here.savedAt) } : {};
	if (content(theirs.options) === content(here.options)) return {};
	// The same moment (both 0: options from backups) takes the document's, so every device agrees.
	if (theirs.savedAt >= here.savedAt) return { take: theirs };
	return { send: { ...deckOptionsDoc(deckId, here.options, here.savedAt), _rev: theirs._rev! } };
}

/** The options document of one deck as read: its winning revision and CouchDB's conflicting ones. */
export interface DeckOptionsRead {
	/** The winner, checked; undefined when there is no document (or only its tombstone). */
	winner?: DeckOptionsDoc;
	/** Each conflicting revision, with its document when it could be read and passed the checks. */
	conflicts: { rev: string; doc?: DeckOptionsDoc }[];
}

/**
 * One deck's options: saved on two devices between syncs, CouchDB keeps both revisions, and the
 * later save counts, written over the winner's revision; the other revisions are deleted.
 */
export function planDeckOptions(
	deckId: string,
	here: DeckOptionsHere,
	read: DeckOptionsRead
): { take?: DeckOptionsDoc; outbox: OutboxDoc[] } {
	const { winner } = read;
	let theirs = winner;
	for (const { doc } of read.conflicts) if (winner && theirs && doc && doc.savedAt > theirs.savedAt) theirs = { ...doc, _rev: winner._rev };
	const plan = planDeckOptionsSync(deckId, here, theirs);
	// What this device sends replaces the later save it would otherwise write back.
	const outbox: OutboxDoc[] = plan.send ? [plan.send] : theirs !== winner && theirs ? [{ ...theirs }] : [];
	for (const { rev } of read.conflicts) outbox.push({ _id: deckOptionsDocId(deckId), _rev: rev, _deleted: true });
	return { ...(plan.take ? { take: plan.take } : {}), outbox };
}

/** Every revision of a deleted deck's options document, deleted: the server keeps no options of a deck no device has. */
export function optionsGone(doc: { _id: string; _rev?: string; _conflicts?: string[] }): OutboxDoc[] {
	return [doc._rev!, ...(doc._conflicts ?? [])].map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true as const }));
}

/**
 * Every deck's options: each deck read (`reads`, by deck id; a refused document is not among
 * them, and that deck keeps its own), and the documents of decks deleted on either side.
 */
export function planEveryDeckOptions(
	mine: Pick<SyncLocal, 'deckOptions' | 'deckOptionsSavedAt'>,
	reads: ReadonlyMap<string, DeckOptionsRead>,
	ofRemovedDecks: readonly { _id: string; _rev?: string; _conflicts?: string[] }[]
): { taken: NonNullable<SyncChanges['deckOptions']>; outbox: OutboxDoc[] } {
	const taken: NonNullable<SyncChanges['deckOptions']> = {};
	const outbox: OutboxDoc[] = [];
	for (const [deckId, read] of reads) {
		const plan = planDeckOptions(deckId, { options: mine.deckOptions[deckId], savedAt: mine.deckOptionsSavedAt[deckId] ?? 0 }, read);
		if (plan.take) taken[deckId] = { options: plan.take.options, savedAt: plan.take.savedAt };
		outbox.push(...plan.outbox);
	}
	for (const doc of ofRemovedDecks) outbox.push(...optionsGone(doc));
	return { taken, outbox };
}
