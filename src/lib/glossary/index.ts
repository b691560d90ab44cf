// Turns a product-management glossary page, pasted as text, Markdown or HTML, into a deck of flashcards.
// The one entry point is generateDeck; the rest is exported for previews and tests.
import { buildDeck } from './cards';
import { linkIdProblem } from './deck-id';
import { slugify } from './ids';
import { parsePage } from './parse';
import type { CardKind, Deck, ParserWork } from './types';

export { buildDeck } from './cards';
export { cardId, fnv1a, normalizeKey, slugify } from './ids';
export { htmlToText, looksLikeHtml, type HtmlDocument } from './html';
export { parsePage } from './parse';
export { headingAsQuestion, isDefinitionQuestion } from './questions';
export { GlossaryError } from './types';
export type {
	BundledPage,
	CardDraft,
	CardKind,
	Deck,
	FaqEntry,
	GlossaryPage,
	LeftOutCard,
	ListItem,
	PageSection,
	ParserWork,
	SectionSummary
} from './types';

/** How a deck preview names each group of cards. */
export const cardKindLabel: Record<CardKind, string> = {
	definition: 'Definitions',
	synonyms: 'Synonyms',
	explanation: 'Explanations',
	item: 'List items',
	'item-reverse': 'List items, reversed',
	list: 'Whole lists',
	faq: 'Questions and answers'
};

/**
 * Makes the deck for one glossary page. The deck id is options.id, else the slug of the term
 * ("Soft Skills" -> "soft-skills"), also when options.id could not make a link (".."); card ids derive
 * from it and stay the same when the page is reworded.
 * Throws GlossaryError, with a message saying what is missing, when the text is not a glossary page.
 * options.work, when given, counts the parser's loop turns (a measure of its work, for tests).
 */
export function generateDeck(source: string, options?: { id?: string; work?: ParserWork }): Deck {
	const page = parsePage(source, options?.work);
	const id = options?.id?.trim();
	return buildDeck(page, id && linkIdProblem(id) === undefined ? id : slugify(page.term));
}
