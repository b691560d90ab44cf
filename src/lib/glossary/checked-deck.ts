// For the glossary's tests only: every deck a test makes is held to the card rules of issue #27, so a
// rule broken on any page (fixtures, real pages, property tests' random pages) fails the test that
// made it. The rules are checked here from the outside, on the deck alone, not by calling rules.ts.
import { expect } from 'vitest';
import { generateDeck as generate } from './index';
import { MAX_BACK_CHARS, MAX_BACK_SENTENCES, sentencesOf } from './sentences';
import type { Deck } from './types';

/** How a line or sentence is compared with a heading, list entry or question: its words, in lower case. */
const words = (text: string) =>
	text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w !== '')
		.join(' ');

const withoutMarker = (line: string) => line.replace(/^(?:•|\d{1,9}\.) /, '');
const isEntryLine = (line: string) => /^(?:•|\d{1,9}\.) /.test(line);

/**
 * The card rules, in the learner's words: every card has a question and an answer; the front asks one
 * thing; no back is only a lead-in or ends with ":"; no back holds another part's heading, list entry or
 * question; no two cards ask the same; an explanation's back is a few sentences, short enough to recall.
 * Returns each broken rule as "<card id> <what is wrong>".
 */
export function cardRuleProblems(deck: Deck): string[] {
	// Which part of the deck (its section) each heading, list entry and question belongs to; a text the
	// page repeats in two parts belongs to both.
	const owner = new Map<string, Set<number>>();
	const own = (text: string, part: number) => owner.set(words(text), (owner.get(words(text)) ?? new Set()).add(part));
	const partOf = new Map<string, number>();
	deck.sections.forEach((section, part) => {
		for (const id of section.cardIds) partOf.set(id, part);
		if (section.kind !== 'definition') own(section.heading, part);
	});
	for (const card of deck.cards) {
		const part = partOf.get(card.id) ?? -1;
		if (card.kind === 'faq') own(card.front, part);
		// A definition's own list stands under it; a list card's entries come before its note.
		if (card.kind === 'definition') for (const line of card.back.split('\n')) if (isEntryLine(line)) own(withoutMarker(line), part);
		if (card.kind === 'list') for (const line of card.back.split('\n\n')[0]?.split('\n') ?? []) own(withoutMarker(line), part);
	}
	owner.delete('');

	const problems: string[] = [];
	const fronts = new Set<string>();
	for (const card of deck.cards) {
		const broken = (rule: string) => problems.push(`${card.id} ${rule}`);
		if (card.front.trim() === '' || card.back.trim() === '') broken('has an empty side');
		if (words(card.back) === words(card.front)) broken('answers with its question');
		if (/[:：]$/.test(card.back)) broken('ends with a lead-in');
		const asking = card.front.split('\n')[0] as string;
		if ((card.kind === 'faq' || card.kind === 'explanation' || card.kind === 'definition') && (asking.match(/\?+/g)?.length ?? 0) > 1) {
			broken('asks more than one thing');
		}
		if (card.kind === 'explanation') {
			const count = sentencesOf(card.back).length;
			if (count > 1 && (count > MAX_BACK_SENTENCES || card.back.length > MAX_BACK_CHARS)) broken('is too long to recall');
			if (/^(?:what|why|how|when|where|which|who)\b[^.!]*\?/i.test(card.back)) broken('answers with a question');
		}
		const key = card.front.toLowerCase();
		if (fronts.has(key)) broken('asks what another card asks');
		fronts.add(key);

		// A list card's entries and an item's reverse are its own part's; its note and every other back are held to it.
		const held = card.kind === 'item-reverse' ? '' : card.kind === 'list' ? card.back.split('\n\n').slice(1).join('\n\n') : card.back;
		const part = partOf.get(card.id) ?? -1;
		for (const line of held === '' ? [] : held.split('\n')) {
			const text = withoutMarker(line);
			const sentences = sentencesOf(text);
			for (const piece of sentences.length > 1 ? [text, ...sentences] : [text]) {
				const owners = owner.get(words(piece));
				if (owners && !owners.has(part)) broken(`holds another part's text: ${piece}`);
			}
		}
	}
	return problems;
}

/** Holds a deck to the card rules: problems are collected and asserted at once (a deck may have 60,000 cards). */
export function expectCardRules(deck: Deck): void {
	expect(cardRuleProblems(deck), `the card rules on ${deck.id}`).toEqual([]);
}

/** generateDeck, with the deck it makes held to the card rules. */
export function generateDeck(...args: Parameters<typeof generate>): Deck {
	const deck = generate(...args);
	expectCardRules(deck);
	return deck;
}
