// Saving decks made by the generator: new decks, updates from a changed page, bundled decks, deletion.
import type { Deck } from '$lib/glossary';
import { isWebAddress } from '$lib/glossary/source-link';
import { initialState } from '$lib/srs/sm2';
import type { IDBPTransaction } from 'idb';
import { abandon, storageError } from './database';
import type { CardRecord, DeckRecord, FlashcardsDb, FlashcardsSchema } from './schema';

export interface DeckChanges {
	/** Cards the page has and the deck does not: added as new. */
	added: number;
	/** Cards whose text the page changed: progress kept, text replaced (or offered, if edited). */
	changed: number;
	/** Cards that stay as they are. */
	unchanged: number;
	/** Cards the page no longer makes: retired, out of every queue, history kept. */
	retired: number;
}

/** What saving `deck` over the cards a deck already has would do; the import preview shows it. */
export function deckChanges(existing: readonly CardRecord[], deck: Deck): DeckChanges {
	const made = new Set(deck.cards.map((card) => card.id));
	const byId = new Map(existing.map((card) => [card.id, card]));
	const changes: DeckChanges = { added: 0, changed: 0, unchanged: 0, retired: 0 };
	for (const draft of deck.cards) {
		const card = byId.get(draft.id);
		if (!card) changes.added++;
		else if (card.generated.front !== draft.front || card.generated.back !== draft.back || card.status === 'retired') changes.changed++;
		else changes.unchanged++;
	}
	for (const card of existing) if (!made.has(card.id) && card.status !== 'retired') changes.retired++;
	return changes;
}

/**
 * Every card of a deck, whatever its status, through the new-card order index (its key starts
 * with the deck): [deckId] sorts before every longer key of the deck and [deckId, []] after them,
 * as arrays sort after strings and numbers. One index less to write for every card saved.
 */
export function deckRange(deckId: string): IDBKeyRange {
	return IDBKeyRange.bound([deckId], [deckId, []]);
}

/** A deck's cards, in id order. */
export async function deckCards(db: FlashcardsDb, deckId: string): Promise<CardRecord[]> {
	const cards = await db.getAllFromIndex('cards', 'byDeckStatusOrder', deckRange(deckId));
	return cards.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Decks in the order the home page lists them: by title. */
export function byTitle(a: DeckRecord, b: DeckRecord): number {
	return a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

export async function listDecks(db: FlashcardsDb): Promise<DeckRecord[]> {
	return (await db.getAll('decks')).sort(byTitle);
}

/**
 * Creates the deck, or updates it in place when a deck with its id exists: new cards are added,
 * cards still made keep all their progress and take the new text (a learner's own edit is kept
 * and the page's new text offered beside it), cards no longer made are retired. Nothing is
 * deleted. One transaction: a failure leaves the deck exactly as it was.
 */
/** The deck's source link field: present only for a web address. */
function sourceLink(address: string | undefined): { sourceUrl?: string } {
	return address !== undefined && isWebAddress(address) ? { sourceUrl: address } : {};
}

export async function saveDeck(
	db: FlashcardsDb,
	deck: Deck,
	source: string,
	options: { now: number; bundled?: boolean; sourceUrl?: string }
): Promise<DeckChanges> {
	const writes: Promise<unknown>[] = [];
	try {
		const tx = db.transaction(['decks', 'cards'], 'readwrite', { durability: 'strict' });
		try {
			return await writeDeck(tx, deck, source, options, writes);
		} catch (error) {
			abandon(tx, writes);
			throw error;
		}
	} catch (error) {
		throw storageError(error, `The deck "${deck.title}"`);
	}
}

async function writeDeck(
	tx: IDBPTransaction<FlashcardsSchema, ['decks', 'cards'], 'readwrite'>,
	deck: Deck,
	source: string,
	options: { now: number; bundled?: boolean; sourceUrl?: string },
	writes: Promise<unknown>[]
): Promise<DeckChanges> {
	const decks = tx.objectStore('decks');
	const cards = tx.objectStore('cards');
	const [previous, existing] = await Promise.all([decks.get(deck.id), cards.index('byDeckStatusOrder').getAll(deckRange(deck.id))]);
	const changes = deckChanges(existing, deck);
	const byId = new Map(existing.map((card) => [card.id, card]));
	writes.push(
		decks.put({
			id: deck.id,
			title: deck.title,
			question: deck.question,
			source,
			bundled: options.bundled ?? previous?.bundled ?? false,
			// A page added again without a link keeps the link it was shared with.
			...sourceLink(options.sourceUrl ?? previous?.sourceUrl),
			createdAt: previous?.createdAt ?? options.now,
			updatedAt: options.now
		})
	);
	deck.cards.forEach((draft, order) => {
		const card = byId.get(draft.id);
		const text = { front: draft.front, back: draft.back };
		if (!card) {
			writes.push(
				cards.put({
					...draft,
					generated: text,
					edited: false,
					status: 'new',
					state: initialState(),
					dueDay: 0,
					newOrder: order,
					lapses: 0,
					leech: false,
					lastAnsweredAt: 0,
					addedAt: options.now
				})
			);
			return;
		}
		const textChanged = card.generated.front !== draft.front || card.generated.back !== draft.back;
		if (!textChanged && card.status !== 'retired' && card.newOrder === order && card.kind === draft.kind) return;
		const updated: CardRecord = { ...card, kind: draft.kind, newOrder: order, generated: text };
		if (!card.edited) Object.assign(updated, text);
		else if (textChanged) updated.pageChanged = text;
		// A card the page makes again comes back where it was: learned, or still new.
		if (card.status === 'retired') updated.status = card.lastAnsweredAt > 0 ? 'review' : 'new';
		writes.push(cards.put(updated));
	});
	const made = new Set(deck.cards.map((card) => card.id));
	for (const card of existing) {
		if (!made.has(card.id) && card.status !== 'retired') writes.push(cards.put({ ...card, status: 'retired' }));
	}
	await Promise.all([...writes, tx.done]);
	return changes;
}

/** Deletes a deck with its cards and their review history. The screen asks the learner first. */
export async function deleteDeck(db: FlashcardsDb, deckId: string): Promise<void> {
	try {
		const tx = db.transaction(['decks', 'cards', 'log'], 'readwrite', { durability: 'strict' });
		const deletes: Promise<unknown>[] = [];
		try {
			const cardKeys = await tx.objectStore('cards').index('byDeckStatusOrder').getAllKeys(deckRange(deckId));
			deletes.push(tx.objectStore('decks').delete(deckId));
			for (const key of cardKeys) deletes.push(tx.objectStore('cards').delete(key));
			deletes.push(tx.objectStore('log').delete(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity])));
			await Promise.all([...deletes, tx.done]);
		} catch (error) {
			abandon(tx, deletes);
			throw error;
		}
	} catch (error) {
		throw storageError(error, 'Deleting the deck');
	}
}

export interface BundledPage {
	id: string;
	source: string;
}

/**
 * Puts the decks shipped in decks/ on the device: on first open, and again when a new app
 * version ships a changed page (progress kept, as for any update). A bundled deck the learner
 * deleted stays deleted. `generate` is only called for pages that need saving.
 */
export async function seedBundledDecks(
	db: FlashcardsDb,
	pages: BundledPage[],
	generate: (page: BundledPage) => Promise<Deck>,
	now: number
): Promise<string[]> {
	const seeded = ((await db.get('meta', 'bundled')) as Record<string, string> | undefined) ?? {};
	const saved: string[] = [];
	for (const page of pages) {
		if (seeded[page.id] === page.source) continue;
		const existing = await db.get('decks', page.id);
		const deletedByLearner = page.id in seeded && !existing;
		const replacedByLearner = existing !== undefined && !existing.bundled;
		if (!deletedByLearner && !replacedByLearner) {
			await saveDeck(db, await generate(page), page.source, { now, bundled: true });
			saved.push(page.id);
		}
		seeded[page.id] = page.source;
		await db.put('meta', { ...seeded }, 'bundled');
	}
	return saved;
}
