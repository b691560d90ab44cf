// What saving a deck made by the generator does to the cards a deck already has: a pure plan of
// plain records (no IndexedDB here, tested in Node); decks.ts saveDeck applies it in one transaction.
import { isWebAddress } from '$lib/glossary/source-link';
import type { Deck } from '$lib/glossary';
import { newCardSnapshot } from '$lib/srs/replay';
import type { CardRecord, DeckRecord } from './schema';

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

/** Every record a deck update writes, by what happens to it; `kept` are the ids left alone. */
export interface DeckPlan {
	deck: DeckRecord;
	/** New cards, as new. */
	added: CardRecord[];
	/** Cards still made whose text, kind or place changed: progress kept. */
	changed: CardRecord[];
	/** Retired cards the page makes again, back where they were (learned, or still new). */
	revived: CardRecord[];
	/** Cards the page no longer makes. */
	retired: CardRecord[];
	kept: string[];
	/** For the learner (the import preview and its result). */
	changes: DeckChanges;
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
 * The update of a deck in place (or its creation): new cards are added, cards still made keep
 * all their progress and take the new text (a learner's own edit is kept and the page's new text
 * offered beside it), cards no longer made are retired. Nothing is deleted.
 */
export function planDeckSave(
	previous: DeckRecord | undefined,
	existing: readonly CardRecord[],
	deck: Deck,
	source: string,
	options: { now: number; bundled?: boolean; sourceUrl?: string }
): DeckPlan {
	// A page added again without a link keeps the link it was shared with; only a web address is kept.
	const sourceUrl = options.sourceUrl ?? previous?.sourceUrl;
	const plan: DeckPlan = {
		deck: {
			id: deck.id,
			title: deck.title,
			question: deck.question,
			source,
			bundled: options.bundled ?? previous?.bundled ?? false,
			...(sourceUrl !== undefined && isWebAddress(sourceUrl) ? { sourceUrl } : {}),
			createdAt: previous?.createdAt ?? options.now,
			updatedAt: options.now
		},
		added: [],
		changed: [],
		revived: [],
		retired: [],
		kept: [],
		changes: deckChanges(existing, deck)
	};
	const byId = new Map(existing.map((card) => [card.id, card]));
	deck.cards.forEach((draft, order) => {
		const card = byId.get(draft.id);
		const text = { front: draft.front, back: draft.back };
		if (!card) {
			plan.added.push({ ...draft, generated: text, edited: false, ...newCardSnapshot(), newOrder: order, addedAt: options.now });
			return;
		}
		const textChanged = card.generated.front !== draft.front || card.generated.back !== draft.back;
		if (!textChanged && card.status !== 'retired' && card.newOrder === order && card.kind === draft.kind) {
			plan.kept.push(card.id);
			return;
		}
		const updated: CardRecord = { ...card, kind: draft.kind, newOrder: order, generated: text };
		if (!card.edited) Object.assign(updated, text);
		else if (textChanged) updated.pageChanged = text;
		if (card.status === 'retired') {
			// A card the page makes again comes back where it was: learned, or still new.
			updated.status = card.lastAnsweredAt > 0 ? 'review' : 'new';
			plan.revived.push(updated);
		} else plan.changed.push(updated);
	});
	const made = new Set(deck.cards.map((card) => card.id));
	for (const card of existing) {
		if (made.has(card.id)) continue;
		if (card.status !== 'retired') plan.retired.push({ ...card, status: 'retired' });
		else plan.kept.push(card.id);
	}
	return plan;
}
