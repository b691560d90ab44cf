// The shapes shared by the glossary parser and the card maker: a page as the learner reads it, and the deck made from it.

/** What a card asks for; the UI groups a deck preview by this. */
export type CardKind = 'definition' | 'synonyms' | 'explanation' | 'item' | 'item-reverse' | 'list' | 'faq';

/** A card before it has any schedule: plain text on both sides, never HTML. */
export interface CardDraft {
	/** Stable across page edits: built from the deck id, the kind and the card's key, never from the answer. */
	id: string;
	deckId: string;
	kind: CardKind;
	front: string;
	back: string;
}

/** What one part of the page became, for a preview of the deck. */
export interface SectionSummary {
	heading: string;
	kind: 'definition' | 'explanation' | 'list' | 'faq';
	/** Ids of the cards made from this part, in deck order. */
	cardIds: string[];
}

export interface Deck {
	id: string;
	/** The term the page explains, e.g. "Soft Skills". */
	title: string;
	/** The page's "What is ...?" heading as written (or "What is <term>?" when the page has none). */
	question: string;
	/** The definition as plain text, paragraphs separated by a blank line. */
	definition: string;
	/** Present only when the page lists synonyms. */
	synonyms?: string[];
	sections: SectionSummary[];
	/** In page order, which is the order new cards are introduced. */
	cards: CardDraft[];
	/** Present only when cards broke a card rule and were left out: what each asked, and why it went. */
	leftOut?: LeftOutCard[];
	/** Present only when the text ends part way through a sentence: its last words, where the copy was cut. */
	cutAfter?: string;
}

/** A card the generator made and left out because it broke a card rule (see rules.ts). */
export interface LeftOutCard {
	front: string;
	/** In the learner's words: "its answer is only the lead-in to a list the page does not have". */
	reason: string;
}

/** A count of the parser's loop turns, for whoever measures its work (linear.test.ts passes one in). */
export interface ParserWork {
	steps: number;
}

/** Why a text could not become a deck, worded for the person who pasted it. */
export class GlossaryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'GlossaryError';
	}
}

/** One entry of a list on the page; name and description only for "Name: description" entries. */
export interface ListItem {
	text: string;
	name?: string;
	description?: string;
}

export interface FaqEntry {
	question: string;
	answer: string;
}

/** A part of the page after the definition, in the shape that decides its cards. */
export type PageSection =
	/**
	 * prompt: the card's front when the heading reads as no question (a page without headings), with
	 * key: what the card's id is made of when it is not the heading (the paragraph's first three words).
	 */
	| { kind: 'prose'; heading: string; paragraphs: string[]; prompt?: string; key?: string }
	| {
			kind: 'list';
			heading: string;
			ordered: boolean;
			items: ListItem[];
			/** Prose of the section before the list: its own explanation card. */
			paragraphs: string[];
			/** The sentence ending in ":" that introduces the list ("It allows researchers to:"), shown with it. */
			leadIn?: string;
			/** What the page says after the list ("These methods help ..."): shown under the list on its card. */
			note?: string;
	  }
	| { kind: 'faq'; heading: string; entries: FaqEntry[] };

/** The content of a glossary page with the site's chrome left out. */
export interface GlossaryPage {
	term: string;
	question: string;
	/** Paragraphs of the definition, without the synonyms line. */
	definition: string[];
	/** Entries of a list inside the definition section, if it has one. */
	definitionItems: ListItem[];
	definitionOrdered: boolean;
	synonyms: string[];
	sections: PageSection[];
	/** Present only when the text ends part way through a sentence: its last words (what was left out). */
	cutAfter?: string;
}

/** A glossary page shipped with the app (decks/): its deck id and its text. */
export interface BundledPage {
	id: string;
	source: string;
}
