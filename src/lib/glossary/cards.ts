// Page structure -> cards. Decides what each card asks and answers, in page order: the definition, its
// synonyms, each prose section (in parts a learner can recall), each "Name: description" entry both
// ways, each whole list with its closing note, and each question of the FAQ; then holds every card to
// the card rules (rules.ts). Text stays plain; the UI shows it as text.
import { pointCues } from './cues';
import { cardId, uniqueIds } from './ids';
import { headingAsQuestion, withPrompt } from './questions';
import { keepCardRules, partKey, type PartsOfPage } from './rules';
import { recallableParts } from './sentences';
import { isWordChar } from './text';
import { GlossaryError, type CardDraft, type CardKind, type Deck, type GlossaryPage, type ListItem, type SectionSummary } from './types';

/** Hides the item's name inside its description, so the reverse card does not give its answer away. */
function maskName(description: string, name: string): string {
	const lower = description.toLowerCase();
	const needle = name.toLowerCase();
	if (needle.length < 3 || lower.length !== description.length) return description;
	let out = '';
	let from = 0;
	for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
		if (isWordChar(description[at - 1]) || isWordChar(description[at + needle.length])) continue;
		out += description.slice(from, at) + '___';
		from = at + needle.length;
	}
	return out + description.slice(from);
}

/** Entries as lines: "1. Communication" for an ordered list, "• Communication" otherwise. */
function listLines(items: string[], ordered: boolean): string {
	return items.map((text, i) => (ordered ? `${i + 1}. ${text}` : `• ${text}`)).join('\n');
}

function itemLine(item: ListItem): string {
	return item.name !== undefined ? `${item.name}: ${item.description}` : item.text;
}

/** More words than this in a point make it a sentence to complete rather than a name to recall. */
const SHORT_POINT_WORDS = 6;

/** Whether a list's points are sentences: plain points of which at least one is longer than a few words. */
function isSentenceList(points: readonly string[]): boolean {
	return points.some((point) => point.split(' ').length > SHORT_POINT_WORDS);
}

/** The first words of a paragraph as its cue, and as the key of its card's id (three words, or fewer). */
function cueOf(paragraph: string): string {
	return pointCues([paragraph])[0] as string;
}

/** Each heading, list entry and question of a page, normalized, with the part it belongs to (0: the definition). */
function partsOf(page: GlossaryPage): PartsOfPage {
	const parts = new Map<string, Set<number>>();
	const put = (text: string, part: number) => {
		const key = partKey(text);
		if (key === '') return;
		const owners = parts.get(key);
		if (owners) owners.add(part);
		else parts.set(key, new Set([part]));
	};
	put(page.question, 0);
	for (const item of page.definitionItems) put(item.text, 0);
	page.sections.forEach((section, i) => {
		if (section.kind === 'prose') {
			if (section.prompt === undefined) put(section.heading, i + 1);
		} else if (section.kind === 'faq') {
			put(section.heading, i + 1);
			for (const entry of section.entries) put(entry.question, i + 1);
		} else {
			put(section.heading, i + 1);
			for (const item of section.items) put(item.text, i + 1);
		}
	});
	return parts;
}

/** What a continued part of a section asks under: the heading as a question when it reads as one, else the heading. */
function asked(heading: string): string {
	const question = headingAsQuestion(heading);
	return question.endsWith('?') ? question : heading;
}

/** Builds the deck's cards and summary from a read page; deckId prefixes every card id. */
export function buildDeck(page: GlossaryPage, deckId: string): Deck {
	const made: CardDraft[] = [];
	// The part of the page each card was made from (0: the definition), for the card rules.
	const partOf: number[] = [];
	const sections: SectionSummary[] = [];
	const unique = uniqueIds();
	let current: SectionSummary | null = null;
	let part = 0;
	const add = (kind: CardKind, key: string | string[] | undefined, front: string, back: string) => {
		const id = unique(cardId(deckId, kind, key));
		made.push({ id, deckId, kind, front: front.trim(), back: back.trim() });
		partOf.push(part);
		current?.cardIds.push(id);
	};
	const startSection = (heading: string, kind: SectionSummary['kind']) => {
		current = { heading, kind, cardIds: [] };
		sections.push(current);
	};
	/**
	 * Prose as cards a learner can recall: the first few sentences answer the section's question (the
	 * card keeps the section's id), and each further part is cued by its first words.
	 */
	const explain = (key: string, front: string, then: string, paragraphs: readonly string[]) => {
		const [first, ...more] = recallableParts(paragraphs);
		if (first !== undefined) add('explanation', key, front, first);
		const cues = pointCues(more);
		more.forEach((text, i) => add('explanation', [key, cueOf(text)], `${withPrompt(then, 'complete and explain')}\n${cues[i]}`, text));
	};

	startSection(page.question, 'definition');
	const definitionList = page.definitionItems.length > 0 ? listLines(page.definitionItems.map(itemLine), page.definitionOrdered) : '';
	// A definition with its list stays whole; a long one without is split like any prose.
	const [definition = '', ...furtherDefinition] = definitionList ? [page.definition.join('\n\n')] : recallableParts(page.definition);
	add('definition', undefined, page.question, [definition, definitionList].filter((text) => text !== '').join('\n\n'));
	if (page.synonyms.length > 0) {
		const front = page.synonyms.length === 1 ? `What is another name for ${page.term}?` : `What are synonyms for ${page.term}?`;
		add('synonyms', undefined, front, page.synonyms.join(', '));
	}
	if (furtherDefinition.length > 0) {
		const cues = pointCues(furtherDefinition);
		startSection(cues[0] as string, 'explanation');
		furtherDefinition.forEach((text, i) =>
			add('explanation', cueOf(text), `${withPrompt(page.term, 'complete and explain')}\n${cues[i]}`, text)
		);
	}

	page.sections.forEach((section, i) => {
		part = i + 1;
		const heading = section.heading;
		if (section.kind === 'prose') {
			startSection(heading, 'explanation');
			const front = section.prompt ?? headingAsQuestion(heading);
			explain(section.key ?? heading, front, section.prompt === undefined ? asked(heading) : page.term, section.paragraphs);
		} else if (section.kind === 'faq') {
			startSection(heading, 'faq');
			for (const entry of section.entries) add('faq', entry.question, entry.question, entry.answer);
		} else {
			startSection(heading, 'list');
			if (section.paragraphs.length > 0) explain(heading, headingAsQuestion(heading), asked(heading), section.paragraphs);
			const named = section.items.filter((item) => item.name !== undefined && item.description !== undefined);
			for (const item of named)
				add('item', [heading, item.name as string], withPrompt(heading, item.name as string), item.description as string);
			for (const item of named) {
				const clue = maskName(item.description as string, item.name as string);
				add('item-reverse', [heading, item.name as string], `${withPrompt(heading, 'which one is this?')}\n${clue}`, item.name as string);
			}
			const count = section.items.length;
			const lines = section.items.map((item) => item.name ?? item.text);
			// The sentence introducing the list says what the points are for, so it stands with the prompt;
			// what the page says after the list is a note under it.
			const context = section.leadIn ? `\n${section.leadIn}` : '';
			const back = listLines(lines, section.ordered) + (section.note ? `\n\n${section.note}` : '');
			if (named.length > 0 || !isSentenceList(lines)) {
				const prompt = named.length > 0 ? `name all ${count}` : `name the ${count} point${count === 1 ? '' : 's'}`;
				add('list', heading, withPrompt(heading, prompt) + context, back);
			} else {
				// Full sentences recalled from nothing cannot be graded honestly: the card shows each
				// point's first words as its cue, and the learner completes each point (see the README).
				const cues = listLines(pointCues(lines), section.ordered);
				add('list', heading, `${withPrompt(heading, `complete the ${count} points`)}${context}\n${cues}`, back);
			}
		}
	});

	const { kept, leftOut } = keepCardRules(made, partOf, partsOf(page));
	if (kept.length === 0) {
		throw new GlossaryError(
			`No card of this page could be kept: its definition card was left out, as ${leftOut[0]?.reason ?? 'it was empty'}.`
		);
	}
	const keptIds = new Set(kept.map((card) => card.id));
	return {
		id: deckId,
		title: page.term,
		question: page.question,
		definition: [page.definition.join('\n\n'), definitionList].filter((text) => text !== '').join('\n\n'),
		...(page.synonyms.length > 0 ? { synonyms: page.synonyms } : {}),
		sections: sections
			.map((section) => ({ ...section, cardIds: section.cardIds.filter((id) => keptIds.has(id)) }))
			.filter((section) => section.cardIds.length > 0),
		cards: kept,
		...(leftOut.length > 0 ? { leftOut } : {}),
		...(page.cutAfter !== undefined ? { cutAfter: page.cutAfter } : {})
	};
}
