// Saving decks made by the generator: new decks, updates from a changed page, bundled decks, deletion.
import type { BundledPage, Deck } from '$lib/glossary';
import { planDeckSave, type DeckChanges } from './plan-deck';
import type { CardRecord, FlashcardsDb, MetaRecords } from './schema';
import { setMeta } from './settings';
import { writeTransaction } from './write';
import { stampSaves } from './clock';

// Kept here too: screens and tests reached them through decks.ts before the plan moved out.
export { deckChanges, type DeckChanges } from './plan-deck';

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

// Kept here too: the deck list moved out so the first screen loads it without the deck writes.
export { byTitle, listDecks } from './deck-list';

/**
 * Creates the deck, or updates it in place (plan-deck.ts planDeckSave says how), in one
 * transaction: a failure leaves the deck exactly as it was.
 */
export function saveDeck(
	db: FlashcardsDb,
	deck: Deck,
	source: string,
	options: { now: number; bundled?: boolean; sourceUrl?: string }
): Promise<DeckChanges> {
	return writeTransaction(db, ['decks', 'cards', 'meta'], `The deck "${deck.title}"`, async (tx, writes) => {
		const [previous, existing] = await Promise.all([
			tx.objectStore('decks').get(deck.id),
			tx.objectStore('cards').index('byDeckStatusOrder').getAll(deckRange(deck.id))
		]);
		const plan = planDeckSave(previous, existing, deck, source, options);
		writes.push(tx.objectStore('decks').put(plan.deck));
		for (const card of [...plan.added, ...plan.changed, ...plan.revived, ...plan.retired]) writes.push(tx.objectStore('cards').put(card));
		// Sync's last writer wins by this save's stamp (db/clock.ts), should the deck change elsewhere too.
		await stampSaves(tx.objectStore('meta'), writes, options.now, [{ deck: deck.id }]);
		return plan.changes;
	});
}

/** Deletes a deck with its cards and their review history. The screen asks the learner first. */
export function deleteDeck(db: FlashcardsDb, deckId: string): Promise<void> {
	return writeTransaction(db, ['decks', 'cards', 'log', 'meta', 'notes', 'media'], 'Deleting the deck', async (tx, writes) => {
		const meta = tx.objectStore('meta');
		const [cardKeys, options, savedAt, stamps, notes] = await Promise.all([
			tx.objectStore('cards').index('byDeckStatusOrder').getAllKeys(deckRange(deckId)),
			meta.get('deckOptions') as Promise<Record<string, unknown> | undefined>,
			meta.get('deckOptionsSavedAt') as Promise<Record<string, number> | undefined>,
			meta.get('saveStamps') as Promise<MetaRecords['saveStamps'] | undefined>,
			tx.objectStore('notes').index('byDeck').getAll(deckId)
		]);
		writes.push(tx.objectStore('decks').delete(deckId));
		for (const key of cardKeys) writes.push(tx.objectStore('cards').delete(key));
		writes.push(tx.objectStore('log').delete(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity])));
		// An Anki deck's media go with it, and its notes unless another deck has cards of them.
		writes.push(tx.objectStore('media').delete(deckRange(deckId)));
		for (const note of notes) {
			const deckIds = note.deckIds.filter((id) => id !== deckId);
			writes.push(deckIds.length > 0 ? tx.objectStore('notes').put({ ...note, deckIds }) : tx.objectStore('notes').delete(note.guid));
		}
		// Its own options go with it: left behind, they made every later backup one that no import
		// accepts (options for a deck not in the file).
		if (options && deckId in options) {
			const { [deckId]: _gone, ...rest } = options;
			void _gone;
			writes.push(meta.put(rest as MetaRecords['deckOptions'], 'deckOptions'));
		}
		if (savedAt && deckId in savedAt) {
			const { [deckId]: _gone, ...rest } = savedAt;
			void _gone;
			writes.push(meta.put(rest, 'deckOptionsSavedAt'));
		}
		// Its save stamps too: a deck made again later starts with none.
		if (stamps) {
			const { [deckId]: _deck, ...decks } = stamps.decks;
			const { [deckId]: _options, ...deckOptions } = stamps.deckOptions;
			writes.push(meta.put({ ...stamps, decks, deckOptions }, 'saveStamps'));
		}
	});
}

// Kept here too: it was db's before it moved to glossary.
export type { BundledPage } from '$lib/glossary';

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
		await setMeta(db, 'bundled', { ...seeded });
	}
	return saved;
}
