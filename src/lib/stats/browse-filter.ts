// The card browser's search and filters: pure functions of the cards, the filter and today.
import { cardState, CARD_STATES, type CardState } from '$lib/stats/cards';
import type { CardSchedule } from '$lib/srs/types';

/** What the browser needs of a card: its schedule and both sides. */
export type BrowsableCard = CardSchedule & { front: string; back: string };

/** The states the State filter offers: the stats page's states, and retired cards. */
export type BrowseState = CardState | 'retired';
export const BROWSE_STATES: readonly BrowseState[] = [...CARD_STATES, 'retired'];

export const STATE_LABELS: Record<BrowseState, string> = {
	new: 'New',
	learning: 'Learning',
	young: 'Young',
	mature: 'Mature',
	suspended: 'Suspended',
	leech: 'Leech',
	retired: 'Retired'
};

export interface CardFilter {
	/** Words to find in the front or the back; empty finds every card. */
	query: string;
	/** A deck id, or '' for every deck. */
	deckId: string;
	/** A state, or '' for every card (retired ones included). */
	state: BrowseState | '';
}

/**
 * Where a card stands apart from being a leech, which the browser shows as a tag beside it:
 * a suspended leech reads "Suspended" with a "Leech" tag. Retired cards read "Retired".
 */
export function scheduleState(card: CardSchedule, today: number): Exclude<BrowseState, 'leech'> {
	const state = cardState(card.leech ? { ...card, leech: false } : card, today);
	return (state ?? 'retired') as Exclude<BrowseState, 'leech'>;
}

/**
 * Whether a card belongs under a State filter: its state on the stats page, with one exception:
 * a suspended leech is found under Suspended as well as under Leech, since a learner looking for
 * the cards set aside expects it there. Retired cards are found only under Retired.
 */
export function inState(card: CardSchedule, state: BrowseState, today: number): boolean {
	if (state === 'retired') return card.status === 'retired';
	if (state === 'suspended') return card.status === 'suspended';
	if (state === 'leech') return card.leech && card.status !== 'retired';
	return cardState(card, today) === state;
}

/** Lower case without accents, so "cafe" finds "Café" and "ÉQUIPE" finds "équipe". */
export function foldText(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search, folded; every one must occur in the front or the back. */
export function searchTerms(query: string): string[] {
	return foldText(query).split(/\s+/).filter(Boolean);
}

// Folding 10,000 cards' text on every key press would be the slow part of a search: each card's
// folded text is kept until the card object itself is replaced (a reload reads new objects).
const folded = new WeakMap<BrowsableCard, string>();

function searchableText(card: BrowsableCard): string {
	let text = folded.get(card);
	if (text === undefined) {
		text = foldText(`${card.front}\n${card.back}`);
		folded.set(card, text);
	}
	return text;
}

/** The cards that match every part of the filter, in the order given. */
export function filterCards<T extends BrowsableCard>(cards: readonly T[], filter: CardFilter, today: number): T[] {
	const terms = searchTerms(filter.query);
	return cards.filter(
		(card) =>
			(!filter.deckId || card.deckId === filter.deckId) &&
			(!filter.state || inState(card, filter.state, today)) &&
			terms.every((term) => searchableText(card).includes(term))
	);
}

/**
 * The browser's order: decks in the order given (the home page's), cards in the page's order
 * within a deck, retired cards after the others; cards of unknown decks last.
 */
export function sortCards<T extends BrowsableCard & { id: string }>(cards: readonly T[], deckOrder: readonly string[]): T[] {
	const rank = new Map(deckOrder.map((id, i) => [id, i]));
	const deckRank = (card: T) => rank.get(card.deckId) ?? deckOrder.length;
	const retired = (card: T) => (card.status === 'retired' ? 1 : 0);
	return [...cards].sort(
		(a, b) =>
			deckRank(a) - deckRank(b) ||
			a.deckId.localeCompare(b.deckId) ||
			retired(a) - retired(b) ||
			a.newOrder - b.newOrder ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}
