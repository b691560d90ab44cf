// What the "Add a glossary" page shows before anything is saved: the cards grouped by kind,
// and, for a page whose deck already exists, what saving would change.
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
