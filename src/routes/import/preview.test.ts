import { describe, expect, it } from 'vitest';
import { cardKindLabel as labels, type CardDraft, type CardKind } from '$lib/glossary';
import { changesInWords, cutOffInWords, groupByKind, leftOutInWords } from './preview';

function card(id: string, kind: CardKind): CardDraft {
	return { id, deckId: 'roadmap', kind, front: `${id}?`, back: `${id}.` };
}

describe('groupByKind', () => {
	it('groups cards by kind in the order of the labels, keeping deck order inside a group', () => {
		const cards = [card('faq-1', 'faq'), card('def', 'definition'), card('faq-2', 'faq'), card('vision', 'item')];
		const groups = groupByKind(cards, labels);
		expect(groups.map((group) => [group.label, group.cards.map((c) => c.id)])).toEqual([
			['Definitions', ['def']],
			['List items', ['vision']],
			['Questions and answers', ['faq-1', 'faq-2']]
		]);
		expect(groups.map((group) => group.kind)).toEqual(['definition', 'item', 'faq']);
	});

	it('makes no groups for no cards', () => {
		expect(groupByKind([], labels)).toEqual([]);
	});
});

describe('changesInWords', () => {
	it('counts each kind of change, with "new card" singular for one', () => {
		expect(changesInWords({ added: 1, changed: 2, unchanged: 9, retired: 0 })).toBe('1 new card, 2 changed, 9 unchanged, 0 retired');
		expect(changesInWords({ added: 0, changed: 1, unchanged: 9, retired: 3 })).toBe('0 new cards, 1 changed, 9 unchanged, 3 retired');
	});
});

describe('what the preview says was left out', () => {
	it('quotes where a cut copy stops', () => {
		expect(cutOffInWords('…such as task completion rate,')).toBe(
			"The text seems cut off after '…such as task completion rate,'; its last part was left out."
		);
	});

	it('counts the cards left out, singular for one', () => {
		expect(leftOutInWords(1)).toBe('1 card was left out, as it broke a card rule (a card asks one thing, and its back answers it):');
		expect(leftOutInWords(3)).toBe('3 cards were left out, as they broke a card rule (a card asks one thing, and its back answers it):');
	});
});
