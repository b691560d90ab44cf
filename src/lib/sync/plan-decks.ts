// What a sync does to decks, as a pure plan. A deck (its page, title and cards' text) is one
// document, last writer wins: a new one arrives, a deleted one goes (its tombstone stays on the
// server), and a deck changed since the last sync travels; changed on both sides, the later save
// wins and, card by card, the text each side changed is kept (changed on both: the later edit,
// and the learner picks). What was last synced (`syncedDecks`: revision, content, card texts)
// tells "changed here" from "changed there".
import type { SyncLocal } from '$lib/db/sync';
import type { CardConflict, CardRecord, DeckRecord } from '$lib/db/schema';
import { deckDoc, type DeckDoc } from './documents';
import type { OutboxDoc } from './plan';

export type SyncedDecks = SyncLocal['syncedDecks'];

/** The device's decks and cards, and what the last sync left of each deck. */
export interface LocalDecks {
	decks: readonly DeckRecord[];
	cards: readonly CardRecord[];
	synced: SyncedDecks;
	/** A first sync with this PouchDB: every deck is compared. */
	fresh: boolean;
}

export interface DeckPlan {
	/** Decks to create or update (their record). */
	decks: DeckRecord[];
	/** Decks to delete here, with their cards and log. */
	deletedDecks: string[];
	syncedDecks: SyncedDecks;
	cardConflicts: CardConflict[];
	outbox: OutboxDoc[];
	/** Cards whose text came from a document: their schedule is folded from the log (plan-cards.ts). */
	fromDocs: Map<string, CardRecord>;
	decksAdded: string[];
	decksRemoved: string[];
	/** "… was changed on two devices": the one kept is named. */
	conflicts: string[];
	/** Decks deleted on either side: their options documents go with them. */
	removed: Set<string>;
	/** The decks on the device once the plan is applied, in the device's order, then those arriving. */
	decksNow: Map<string, DeckRecord>;
	/** Decks that arrive now: their log comes with them, whichever sync pulled it. */
	arriving: string[];
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

/** A deck's content as compared between syncs: its text and cards, not when it was saved. */
export function deckContent(doc: Pick<DeckDoc, 'deck' | 'cards'>): string {
	const { createdAt: _created, updatedAt: _updated, ...deck } = doc.deck;
	return hash(JSON.stringify([deck, doc.cards]));
}

/** A deck record's own content (its page and title), not when it was saved. */
function deckRecordContent(deck: DeckRecord): string {
	const { createdAt: _created, updatedAt: _updated, ...rest } = deck;
	return JSON.stringify(rest);
}

const cardText = (card: CardRecord) => hash(`${card.front}\u0000${card.back}`);

/** What a sync keeps of a deck's document: its revision, content, and each card's text. */
export function syncedDeck(rev: string, doc: Pick<DeckDoc, 'deck' | 'cards'>): SyncedDecks[string] {
	return { rev, content: deckContent(doc), texts: Object.fromEntries(doc.cards.map((card) => [card.id, cardText(card)])) };
}

/** The text fields of a card, which travel together. */
function withTextOf(card: CardRecord, from: CardRecord): CardRecord {
	const { pageChanged: _dropped, editedAt: _at, ...rest } = card;
	return {
		...rest,
		front: from.front,
		back: from.back,
		edited: from.edited,
		...(from.pageChanged ? { pageChanged: from.pageChanged } : {}),
		...(from.editedAt !== undefined ? { editedAt: from.editedAt } : {})
	};
}

/**
 * The winner's cards, each with the text the other side changed when only it did; changed on both
 * (since the texts of the last sync, `base`), the later edit, and the conflict to show.
 */
export function mergeCards(winner: DeckDoc, other: DeckDoc, base: Record<string, string> | undefined, winnerIsHere: boolean) {
	const others = new Map(other.cards.map((card) => [card.id, card]));
	const conflicts: Omit<CardConflict, 'deckId' | 'deckTitle'>[] = [];
	const cards = winner.cards.map((card) => {
		const alt = others.get(card.id);
		if (!alt || (alt.front === card.front && alt.back === card.back)) return card;
		const before = base?.[card.id];
		if (before !== undefined && cardText(card) === before) return withTextOf(card, alt);
		if (before !== undefined && cardText(alt) === before) return card;
		const altLater = (alt.editedAt ?? 0) > (card.editedAt ?? 0);
		const [kept, lost] = altLater ? [alt, card] : [card, alt];
		const keptHere = altLater ? !winnerIsHere : winnerIsHere;
		const text = (from: CardRecord, here: boolean) => ({
			front: from.front,
			back: from.back,
			...(from.editedAt !== undefined ? { editedAt: from.editedAt } : {}),
			here
		});
		conflicts.push({ cardId: card.id, kept: text(kept, keptHere), other: text(lost, !keptHere) });
		return withTextOf(card, kept);
	});
	return { cards, conflicts };
}

function cardsByDeck(cards: readonly CardRecord[]): Map<string, CardRecord[]> {
	const byDeck = new Map<string, CardRecord[]>();
	for (const card of cards) {
		const list = byDeck.get(card.deckId);
		if (list) list.push(card);
		else byDeck.set(card.deckId, [card]);
	}
	return byDeck;
}

/**
 * The decks to read by id, besides those the changes feed brought (`pulled`, `gone`): changed here
 * since the last sync (every deck, on a fresh start), and decks synced before that are gone from
 * here (a tombstone to write).
 */
export function decksToRead(local: LocalDecks, pulled: ReadonlySet<string>, gone: ReadonlySet<string>): Set<string> {
	const byDeck = cardsByDeck(local.cards);
	const look = new Set<string>();
	const here = new Set<string>();
	for (const deck of local.decks) {
		here.add(deck.id);
		const before = local.synced[deck.id];
		if (local.fresh || !before || before.content !== deckContent(deckDoc(deck, byDeck.get(deck.id) ?? []))) look.add(deck.id);
	}
	for (const id of Object.keys(local.synced)) if (!here.has(id)) look.add(id);
	for (const id of [...pulled, ...gone]) look.delete(id);
	return look;
}

/**
 * Every deck document read (`pulled`, checked, by deck id), every deck deleted elsewhere (`gone`:
 * tombstones of decks this device had synced) and the decks read by id (`look`) against the
 * device's decks: what the store takes and what this device sends.
 */
export function planDecks(
	local: LocalDecks,
	pulled: ReadonlyMap<string, DeckDoc>,
	gone: ReadonlySet<string>,
	look: ReadonlySet<string>
): DeckPlan {
	const localDecks = new Map(local.decks.map((deck) => [deck.id, deck]));
	const byDeck = cardsByDeck(local.cards);
	const synced = { ...local.synced };
	const plan: DeckPlan = {
		decks: [],
		deletedDecks: [],
		syncedDecks: synced,
		cardConflicts: [],
		outbox: [],
		fromDocs: new Map(),
		decksAdded: [],
		decksRemoved: [],
		conflicts: [],
		removed: new Set(gone),
		decksNow: new Map(),
		arriving: []
	};
	const take = (doc: DeckDoc) => {
		plan.decks.push(doc.deck);
		for (const card of doc.cards) plan.fromDocs.set(card.id, card);
		synced[doc.deck.id] = syncedDeck(doc._rev!, doc);
	};
	for (const [id, doc] of pulled) {
		const deck = localDecks.get(id);
		const before = synced[id];
		if (!deck) {
			if (before) {
				// Deleted here since the last sync: the document becomes a tombstone.
				plan.outbox.push({ _id: doc._id, _rev: doc._rev, _deleted: true });
				plan.removed.add(id);
				delete synced[id];
			} else {
				take(doc);
				plan.decksAdded.push(doc.deck.title);
			}
			continue;
		}
		const ours = deckDoc(deck, byDeck.get(id) ?? []);
		const ourContent = deckContent(ours);
		const theirContent = deckContent(doc);
		const changedHere = !before || before.content !== ourContent;
		const changedThere = !before || before.rev !== doc._rev;
		if (ourContent === theirContent) {
			synced[id] = syncedDeck(doc._rev!, doc);
			// The same deck made on each device (a bundled one): the first one sent is kept by all.
			if (JSON.stringify(doc.deck) !== JSON.stringify(deck)) plan.decks.push(doc.deck);
		} else if (changedHere && changedThere && before) {
			// Changed on both: the deck saved last, and card by card the text each side changed (both:
			// the later edit, and the learner picks).
			const theirsWins = doc.deck.updatedAt >= deck.updatedAt;
			if (deckRecordContent(doc.deck) !== deckRecordContent(deck))
				plan.conflicts.push(
					`"${deck.title}" was changed on two devices: the version saved last (on ${theirsWins ? 'another' : 'this'} device) was kept.`
				);
			const merged = mergeCards(theirsWins ? doc : ours, theirsWins ? ours : doc, before.texts, !theirsWins);
			for (const conflict of merged.conflicts) plan.cardConflicts.push({ ...conflict, deckId: id, deckTitle: deck.title });
			const mergedDoc: DeckDoc = { _id: doc._id, _rev: doc._rev, type: 'deck', deck: theirsWins ? doc.deck : deck, cards: merged.cards };
			if (deckContent(mergedDoc) !== ourContent) take(mergedDoc);
			if (deckContent(mergedDoc) !== theirContent) plan.outbox.push({ ...mergedDoc, _rev: doc._rev });
			else synced[id] = syncedDeck(doc._rev!, doc);
		} else if (changedThere) take(doc);
		else plan.outbox.push({ ...ours, _rev: doc._rev });
		// CouchDB keeps the losing side of a conflict: its winner is what was reconciled above.
		for (const rev of doc._conflicts ?? []) plan.outbox.push({ _id: doc._id, _rev: rev, _deleted: true });
	}
	for (const id of gone) {
		const deck = localDecks.get(id);
		delete synced[id];
		if (!deck) continue;
		plan.deletedDecks.push(id);
		plan.decksRemoved.push(deck.title);
		localDecks.delete(id);
	}
	for (const id of look) {
		const deck = localDecks.get(id);
		if (!deck || pulled.has(id) || gone.has(id)) continue;
		plan.outbox.push(deckDoc(deck, byDeck.get(id) ?? []));
	}
	plan.decksNow = new Map([...localDecks, ...plan.decks.map((deck) => [deck.id, deck] as const)]);
	plan.arriving = plan.decks.filter((deck) => !localDecks.has(deck.id)).map((deck) => deck.id);
	return plan;
}
