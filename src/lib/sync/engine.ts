// One sync: pull the server's documents into PouchDB's local database (the inbox), bring them
// into the device's own store, write the device's changes as documents (the outbox), push.
// The idb store stays the truth the app reads; PouchDB only carries documents.
import { applySync, readForSync, type SyncChanges } from '$lib/db/sync';
import type { CardRecord, DeckRecord, FlashcardsDb } from '$lib/db/schema';
import type { LogEntry } from '$lib/srs/types';
import { LEECH_THRESHOLD } from '$lib/srs/queue';
import { newCardSnapshot, replay } from '$lib/srs/replay';
import { studyDay } from '$lib/srs/days';
import { checkDeckDoc, checkLogDoc, deckDoc, deckDocId, SyncDocumentError, type DeckDoc, type LogDoc } from './documents';
import { answersWaiting, planLog } from './plan';
import type { PouchDatabase, PouchDoc } from './pouch';
import { SyncError, UNREACHABLE } from './remote';

export interface SyncResult {
	/** Answers from other devices taken into this one. */
	added: number;
	/** Documents this device wrote for the server. */
	sent: number;
	decksAdded: string[];
	decksRemoved: string[];
	/** Documents refused by the checks (their messages); the rest synced. */
	rejected: string[];
	/** Decks changed on two devices: the one kept is named. */
	conflicts: string[];
}

type Database = PouchDatabase;

/** A deck's content as compared between syncs: its text and cards, not when it was saved. */
function deckContent(doc: Pick<DeckDoc, 'deck' | 'cards'>): string {
	const { createdAt: _created, updatedAt: _updated, ...deck } = doc.deck;
	return hash(JSON.stringify([deck, doc.cards]));
}

/** FNV-1a, 32 bits twice: enough to tell whether a deck changed, and small to keep. */
function hash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193) >>> 0;
		b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
	}
	return `${a.toString(36)}.${b.toString(36)}.${text.length}`;
}

function failure(error: unknown): SyncError {
	if (error instanceof SyncError) return error;
	const status = (error as { status?: number }).status;
	if (status === 401 || status === 403)
		return new SyncError('You are signed out of the sync server: sign in again.', 'signed-out', { cause: error });
	if (status === undefined || status === 0 || (error as { name?: string }).name === 'TypeError' || status >= 500)
		return new SyncError(UNREACHABLE, 'offline', { cause: error });
	return new SyncError(`The sync failed: ${(error as Error).message ?? status}.`, 'server', { cause: error });
}

/** Pull, reconcile, push. Throws SyncError; whatever step failed, nothing on the device is lost. */
export async function syncOnce(db: FlashcardsDb, local: Database, remote: Database, now = Date.now()): Promise<SyncResult> {
	try {
		await local.replicate.from(remote);
	} catch (error) {
		throw failure(error);
	}
	const result = await reconcile(db, local, now);
	try {
		await local.replicate.to(remote);
	} catch (error) {
		throw failure(error);
	}
	return result;
}

/** How many answers of this device have not reached its outbox yet. */
export async function countWaiting(db: FlashcardsDb, local: Database): Promise<number> {
	const mine = await readForSync(db);
	const docs = await local.allDocs({ include_docs: true, startkey: 'log:', endkey: 'log:\ufff0' });
	const logs = docs.rows.flatMap((row) =>
		row.doc && (row.doc as unknown as LogDoc).device === mine.device ? [row.doc as unknown as LogDoc] : []
	);
	return answersWaiting({ device: mine.device, localDays: mine.days, docs: logs });
}

/** The inbox into the store, then the store into the outbox. */
export async function reconcile(db: FlashcardsDb, local: Database, now: number): Promise<SyncResult> {
	const mine = await readForSync(db);
	const today = studyDay(now, mine.dayStartHour);
	const result: SyncResult = { added: 0, sent: 0, decksAdded: [], decksRemoved: [], rejected: [], conflicts: [] };
	const all = await local.allDocs({ include_docs: true, conflicts: true });
	const logDocs: LogDoc[] = [];
	const deckDocs = new Map<string, DeckDoc>();
	for (const row of all.rows) {
		const doc = row.doc;
		if (!doc) continue;
		try {
			if (row.id.startsWith('log:')) logDocs.push(checkLogDoc(doc));
			else if (row.id.startsWith('deck:')) {
				const checked = await checkDeckDoc(doc, today);
				deckDocs.set(checked.deck.id, checked);
			}
		} catch (error) {
			if (!(error instanceof SyncDocumentError)) throw error;
			result.rejected.push(error.message);
		}
	}

	// Decks: new ones arrive, deleted ones go, and a deck changed since the last sync travels;
	// changed on both sides, the later save wins and the learner is told.
	const localDecks = new Map(mine.decks.map((deck) => [deck.id, deck]));
	const cardsByDeck = new Map<string, CardRecord[]>();
	for (const card of mine.cards) {
		const list = cardsByDeck.get(card.deckId);
		if (list) list.push(card);
		else cardsByDeck.set(card.deckId, [card]);
	}
	const synced = { ...mine.syncedDecks };
	const known = Object.keys(synced).filter((id) => !deckDocs.has(id));
	const gone = new Set<string>();
	if (known.length > 0) {
		const rows = await local.allDocs({ keys: known.map(deckDocId) });
		rows.rows.forEach((row, i) => {
			if (row.value?.deleted) gone.add(known[i]!);
		});
	}
	const changes: SyncChanges = { decks: [], deletedDecks: [], cards: [], days: [], syncedDecks: synced };
	const outbox: PouchDoc[] = [];
	/** Cards whose text came from a document: their schedule is folded from the log below. */
	const fromDocs = new Map<string, CardRecord>();
	const takeDoc = (doc: DeckDoc) => {
		changes.decks.push(doc.deck);
		for (const card of doc.cards) fromDocs.set(card.id, card);
		synced[doc.deck.id] = { rev: doc._rev!, content: deckContent(doc) };
	};
	for (const [id, doc] of deckDocs) {
		const deck = localDecks.get(id);
		const before = synced[id];
		if (!deck) {
			if (before) {
				// Deleted here since the last sync: the document becomes a tombstone.
				outbox.push({ _id: doc._id, _rev: doc._rev, _deleted: true });
				delete synced[id];
			} else {
				takeDoc(doc);
				result.decksAdded.push(doc.deck.title);
			}
			continue;
		}
		const ours = deckDoc(deck, cardsByDeck.get(id) ?? []);
		const ourContent = deckContent(ours);
		const theirContent = deckContent(doc);
		const changedHere = !before || before.content !== ourContent;
		const changedThere = !before || before.rev !== doc._rev;
		if (ourContent === theirContent) {
			synced[id] = { rev: doc._rev!, content: ourContent };
			// The same deck made on each device (a bundled one): the first one sent is kept by all.
			if (JSON.stringify(doc.deck) !== JSON.stringify(deck)) changes.decks.push(doc.deck);
		} else if (changedThere && (!changedHere || doc.deck.updatedAt >= deck.updatedAt)) {
			if (changedHere && before)
				result.conflicts.push(`"${deck.title}" was changed on two devices: the version saved last (on another device) was kept.`);
			takeDoc(doc);
		} else {
			if (changedThere && before)
				result.conflicts.push(`"${deck.title}" was changed on two devices: the version saved last (on this device) was kept.`);
			outbox.push({ ...ours, _rev: doc._rev } as unknown as PouchDoc);
		}
		// CouchDB keeps the losing side of a conflict: its winner is what was reconciled above.
		const losers = (doc as { _conflicts?: string[] })._conflicts ?? [];
		for (const rev of losers) outbox.push({ _id: doc._id, _rev: rev, _deleted: true });
	}
	for (const id of gone) {
		if (!localDecks.has(id)) continue;
		changes.deletedDecks.push(id);
		result.decksRemoved.push(localDecks.get(id)!.title);
		delete synced[id];
		localDecks.delete(id);
	}
	for (const [id, deck] of localDecks) {
		if (deckDocs.has(id) || gone.has(id)) continue;
		outbox.push(deckDoc(deck, cardsByDeck.get(id) ?? []) as unknown as PouchDoc);
	}
	const deckIds = new Set([...localDecks.keys(), ...changes.decks.map((deck) => deck.id)]);
	for (const id of changes.deletedDecks) deckIds.delete(id);

	// The log: union by device, then every card whose entries changed is replayed.
	const plan = planLog({ device: mine.device, localDays: mine.days, localDecks: deckIds, docs: logDocs });
	changes.days = plan.days;
	result.added = plan.added;
	const refold = new Set<string>([...fromDocs.keys(), ...plan.cards]);
	if (refold.size > 0) {
		const days = new Map(mine.days.map((day) => [`${day.studyDay}\u0000${day.deckId}`, day.entries]));
		for (const day of plan.days) days.set(`${day.studyDay}\u0000${day.deckId}`, day.entries);
		const entries = new Map<string, LogEntry[]>();
		for (const list of days.values())
			for (const entry of list) {
				if (!refold.has(entry.cardId)) continue;
				const found = entries.get(entry.cardId);
				if (found) found.push(entry);
				else entries.set(entry.cardId, [entry]);
			}
		const localCards = new Map(mine.cards.map((card) => [card.id, card]));
		const rules = { leechThreshold: LEECH_THRESHOLD, leechAction: mine.leechAction };
		for (const id of refold) {
			const base = fromDocs.get(id) ?? localCards.get(id);
			if (!base) continue;
			const schedule = replay(newCardSnapshot(), entries.get(id) ?? [], rules);
			// Suspended or retired on the card (by the learner, or a deck update) stays so, as in undo.
			const held = base.status === 'suspended' || base.status === 'retired';
			changes.cards.push({ ...base, ...schedule, status: held ? base.status : schedule.status });
		}
	}

	// The outbox first: a deck sent now is one this device has synced, so deleting it here later
	// leaves a tombstone. A conflict means the document changed in between: the next sync retries.
	outbox.push(...(plan.docs as unknown as PouchDoc[]));
	if (outbox.length > 0) {
		const written = await local.bulkDocs(outbox);
		written.forEach((outcome, i) => {
			const doc = outbox[i] as unknown as DeckDoc & { _deleted?: boolean };
			if (!outcome.ok) return;
			result.sent++;
			if (doc.type === 'deck' && !doc._deleted) synced[doc.deck.id] = { rev: outcome.rev, content: deckContent(doc) };
		});
	}
	await applySync(db, changes);
	return result;
}

export type { DeckRecord };
