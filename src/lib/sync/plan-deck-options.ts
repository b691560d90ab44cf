// What a sync does to each deck's own options (sync/deck-options-doc.ts), as a pure plan: last
// writer wins by the save's stamp (db/clock.ts), over every revision CouchDB holds of the document,
// and a deck deleted on either side takes every revision of its options document off the server.
// What was last reconciled (`syncOptions`, the stamp of the save both sides had) tells "changed
// here" from "changed there": changed on both, the device whose save lost is told what it had.
import { compareHlc, sameHlc, stampOf, type Hlc } from '$lib/db/clock';
import type { SyncChanges, SyncLocal } from '$lib/db/sync';
import { savedWhen } from '$lib/format/synced';
import type { DeckOptions } from '$lib/srs/today';
import { deckOptionsDoc, deckOptionsDocId, type CheckedDeckOptionsDoc } from './deck-options-doc';
import type { OutboxDoc, SyncNotice } from './plan';

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
	/** The save's stamp (from `savedAt` for a save from before stamps). */
	stamp: Hlc;
	/** The stamp of the save last reconciled with the server's; undefined before the first. */
	synced?: Hlc;
	/** The deck's title, for a notice. */
	title: string;
}

export interface DeckOptionsSync {
	take?: CheckedDeckOptionsDoc;
	send?: CheckedDeckOptionsDoc;
	/** The stamp both sides have once this is done (the next sync's `synced`). */
	synced?: Hlc;
	notice?: SyncNotice;
}

/** "New cards per day 30 (this device had 20)". */
function optionsWords(kept: DeckOptions | undefined, lost: DeckOptions | undefined): string {
	const show = (value: number | undefined) => (value === undefined ? 'the global setting' : String(value));
	const labels = [
		['newPerDay', 'New cards per day'],
		['reviewsPerDay', 'Reviews per day']
	] as const;
	return labels
		.filter(([key]) => kept?.[key] !== lost?.[key])
		.map(([key, label]) => `${label} ${show(kept?.[key])} (this device had ${show(lost?.[key])})`)
		.join('; ');
}

/**
 * One deck's options, last writer wins: `take` the document's (changed there, and the later save
 * or nothing changed here), or `send` this device's (changed here, and the later save or nothing
 * changed there; no document yet), or nothing when they agree. `theirs` is the newest save among
 * the document's revisions (CouchDB's conflicts included).
 */
export function planDeckOptionsSync(deckId: string, here: DeckOptionsHere, theirs: CheckedDeckOptionsDoc | undefined): DeckOptionsSync {
	const hasOwn = here.options !== undefined && Object.keys(here.options).length > 0;
	if (!theirs)
		return hasOwn || here.savedAt > 0 ? { send: deckOptionsDoc(deckId, here.options, here.savedAt, here.stamp), synced: here.stamp } : {};
	if (content(theirs.options) === content(here.options)) return { synced: theirs.stamp };
	const changedHere = here.synced ? !sameHlc(here.stamp, here.synced) : here.savedAt > 0;
	const changedThere = !here.synced || !sameHlc(theirs.stamp, here.synced);
	const both = changedHere && changedThere;
	const lost = (): SyncNotice => ({
		text: `The options of "${here.title}" from this device (saved ${savedWhen(here.savedAt)}) were overruled by a later save on another device (saved ${savedWhen(theirs.savedAt)}): ${optionsWords(theirs.options, here.options)}.`,
		subject: { options: deckId },
		kept: theirs.stamp
	});
	if (changedThere && (!both || compareHlc(theirs.stamp, here.stamp) >= 0)) {
		// Lost here now, or lost on the device that wrote this (it names the save it overruled).
		const told = both || (here.savedAt > 0 && theirs.overruled !== undefined && sameHlc(theirs.overruled, here.stamp));
		return { take: theirs, synced: theirs.stamp, ...(told ? { notice: lost() } : {}) };
	}
	if (!changedHere) return { synced: theirs.stamp };
	const send = deckOptionsDoc(deckId, here.options, here.savedAt, here.stamp, both ? theirs.stamp : undefined);
	return { send: { ...send, _rev: theirs._rev! }, synced: here.stamp };
}

/** The options document of one deck as read: its winning revision and CouchDB's conflicting ones. */
export interface DeckOptionsRead {
	/** The winner, checked; undefined when there is no document (or only its tombstone). */
	winner?: CheckedDeckOptionsDoc;
	/** Each conflicting revision, with its document when it could be read and passed the checks. */
	conflicts: { rev: string; doc?: CheckedDeckOptionsDoc }[];
}

/**
 * One deck's options: saved on two devices between syncs, CouchDB keeps both revisions, and the
 * later save counts, written over the winner's revision; the other revisions are deleted.
 */
export function planDeckOptions(deckId: string, here: DeckOptionsHere, read: DeckOptionsRead): DeckOptionsSync & { outbox: OutboxDoc[] } {
	const { winner } = read;
	let theirs = winner;
	for (const { doc } of read.conflicts)
		if (winner && theirs && doc && compareHlc(doc.stamp, theirs.stamp) > 0) theirs = { ...doc, _rev: winner._rev };
	const plan = planDeckOptionsSync(deckId, here, theirs);
	// What this device sends replaces the later save it would otherwise write back.
	const outbox: OutboxDoc[] = plan.send ? [plan.send] : theirs !== winner && theirs ? [{ ...theirs }] : [];
	for (const { rev } of read.conflicts) outbox.push({ _id: deckOptionsDocId(deckId), _rev: rev, _deleted: true });
	return { ...plan, outbox };
}

/** Every revision of a deleted deck's options document, deleted: the server keeps no options of a deck no device has. */
export function optionsGone(doc: { _id: string; _rev?: string; _conflicts?: string[] }): OutboxDoc[] {
	return [doc._rev!, ...(doc._conflicts ?? [])].map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true as const }));
}

export interface EveryDeckOptionsPlan {
	taken: NonNullable<SyncChanges['deckOptions']>;
	outbox: OutboxDoc[];
	/** Per deck, the stamp reconciled once the outbox is written (sync/plan.ts afterWrite keeps those that were). */
	synced: Record<string, Hlc>;
	notices: SyncNotice[];
}

/**
 * Every deck's options: each deck read (`reads`, by deck id; a refused document is not among
 * them, and that deck keeps its own), and the documents of decks deleted on either side.
 */
export function planEveryDeckOptions(
	mine: Pick<SyncLocal, 'deckOptions' | 'deckOptionsSavedAt' | 'saveStamps' | 'syncOptions'>,
	reads: ReadonlyMap<string, DeckOptionsRead>,
	ofRemovedDecks: readonly { _id: string; _rev?: string; _conflicts?: string[] }[],
	titles: ReadonlyMap<string, string> = new Map()
): EveryDeckOptionsPlan {
	const plan: EveryDeckOptionsPlan = { taken: {}, outbox: [], synced: {}, notices: [] };
	for (const [deckId, read] of reads) {
		const savedAt = mine.deckOptionsSavedAt[deckId] ?? 0;
		const here: DeckOptionsHere = {
			options: mine.deckOptions[deckId],
			savedAt,
			stamp: mine.saveStamps.deckOptions[deckId] ?? stampOf(savedAt),
			title: titles.get(deckId) ?? deckId,
			...(mine.syncOptions[deckId] ? { synced: mine.syncOptions[deckId] } : {})
		};
		const one = planDeckOptions(deckId, here, read);
		if (one.take) plan.taken[deckId] = { options: one.take.options, savedAt: one.take.savedAt, stamp: one.take.stamp };
		if (one.synced) plan.synced[deckId] = one.synced;
		if (one.notice) plan.notices.push(one.notice);
		plan.outbox.push(...one.outbox);
	}
	for (const doc of ofRemovedDecks) plan.outbox.push(...optionsGone(doc));
	return plan;
}
