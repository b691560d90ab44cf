// What the "Add a glossary" page shows before anything is saved: the cards grouped by kind, what was
// left out of the deck and why, and, for a page whose deck already exists, what saving would change.
import type { DeckChanges } from '$lib/db';
import type { CardDraft, CardKind } from '$lib/glossary';
import { plural } from '$lib/format/when';

export interface KindGroup {
	kind: CardKind;
	/** "Definitions", "Questions and answers", ... */
	label: string;
	/** In deck order. */
	cards: CardDraft[];
}

/**
 * The deck's cards by kind, in the order of `labels` (the generator's cardKindLabel, passed in so
 * this module does not pull the generator into the page's first load); kinds without cards are left out.
 */
export function groupByKind(cards: readonly CardDraft[], labels: Readonly<Record<CardKind, string>>): KindGroup[] {
	const byKind = new Map<CardKind, CardDraft[]>();
	for (const card of cards) {
		const group = byKind.get(card.kind);
		if (group) group.push(card);
		else byKind.set(card.kind, [card]);
	}
	return (Object.keys(labels) as CardKind[]).flatMap((kind) => {
		const group = byKind.get(kind);
		return group ? [{ kind, label: labels[kind], cards: group }] : [];
	});
}

/** "1 new card, 2 changed, 9 unchanged, 0 retired" */
export function changesInWords(changes: DeckChanges): string {
	return `${plural(changes.added, 'new card')}, ${changes.changed} changed, ${changes.unchanged} unchanged, ${changes.retired} retired`;
}

/** "The text seems cut off after '…rate,'; its last part was left out." */
export function cutOffInWords(cutAfter: string): string {
	return `The text seems cut off after '${cutAfter}'; its last part was left out.`;
}

/** "2 cards were left out, as they broke a card rule:" */
export function leftOutInWords(count: number): string {
	return `${plural(count, 'card')} ${count === 1 ? 'was' : 'were'} left out, as ${count === 1 ? 'it' : 'they'} broke a card rule (a card asks one thing, and its back answers it):`;
}
