// Page structure -> cards. Decides what each card asks and answers, in page order:
// the definition, its synonyms, one card per prose section, each "Name: description" entry both ways,
// each whole list, and each question of the FAQ. Text stays plain; the UI shows it as text.
import { cardId, uniqueIds } from './ids';
import { isWordChar } from './text';
import type { CardDraft, CardKind, Deck, GlossaryPage, ListItem, SectionSummary } from './types';

/** Removes trailing characters from a set without a regex, so a long run of them costs linear time. */
function trimEnd(s: string, chars: string): string {
	let end = s.length;
	while (end > 0 && chars.includes(s[end - 1] as string)) end--;
	return s.slice(0, end);
}

const QUESTION_WORD_WITH_VERB = /^(why|how|when|where)\s+(.+?)\s+(is|are|was|were)\s+(.+)$/i;

/**
 * A heading as a question to answer: a question stays as written, "Why X are Y" becomes "Why are X Y?",
 * anything else gets a question mark ("Benefits of Roadmaps?").
 */
export function headingAsQuestion(heading: string): string {
	const text = trimEnd(heading.trim(), ' :;,.!…');
	if (text.endsWith('?') || text.endsWith('？')) return text;
	const match = text.length <= 200 ? QUESTION_WORD_WITH_VERB.exec(text) : null;
	if (match) {
		const [, asks, subject, verb, rest] = match as unknown as [string, string, string, string, string];
		// Only a short plain subject can be swapped with its verb: "Why Teams that are Late Fail" cannot.
		const words = subject.split(' ');
		if (words.length <= 4 && !words.some((w) => /^(?:to|that|which|who|whose|if)$/i.test(w))) {
			return `${asks} ${verb} ${subject} ${rest}?`;
		}
	}
	return `${text}?`;
}

/** A heading followed by a prompt: "Key Skills: name all 5", or "What are the skills? Name all 5". */
function withPrompt(heading: string, prompt: string): string {
	const text = trimEnd(heading.trim(), ' :;,.!…');
	if (text.endsWith('?') || text.endsWith('？')) return `${text} ${prompt.charAt(0).toUpperCase()}${prompt.slice(1)}`;
	return `${text}: ${prompt}`;
}

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

/** Builds the deck's cards and summary from a read page; deckId prefixes every card id. */
export function buildDeck(page: GlossaryPage, deckId: string): Deck {
	const cards: CardDraft[] = [];
	const sections: SectionSummary[] = [];
	const unique = uniqueIds();
	let current: SectionSummary | null = null;
	const add = (kind: CardKind, key: string | string[] | undefined, front: string, back: string) => {
		const f = front.trim();
		const b = back.trim();
		// An empty side would make a card nobody can answer.
		if (f === '' || b === '') return;
		const id = unique(cardId(deckId, kind, key));
		cards.push({ id, deckId, kind, front: f, back: b });
		current?.cardIds.push(id);
	};
	const startSection = (heading: string, kind: SectionSummary['kind']) => {
		current = { heading, kind, cardIds: [] };
		sections.push(current);
	};

	startSection(page.question, 'definition');
	const definition = page.definition.join('\n\n');
	const definitionList = page.definitionItems.length > 0 ? listLines(page.definitionItems.map(itemLine), page.definitionOrdered) : '';
	add('definition', undefined, page.question, [definition, definitionList].filter((part) => part !== '').join('\n\n'));
	if (page.synonyms.length > 0) {
		const front = page.synonyms.length === 1 ? `What is another name for ${page.term}?` : `What are synonyms for ${page.term}?`;
		add('synonyms', undefined, front, page.synonyms.join(', '));
	}

	for (const section of page.sections) {
		const heading = section.heading;
		if (section.kind === 'prose') {
			startSection(heading, 'explanation');
			add('explanation', heading, headingAsQuestion(heading), section.paragraphs.join('\n\n'));
		} else if (section.kind === 'faq') {
			startSection(heading, 'faq');
			for (const entry of section.entries) add('faq', entry.question, entry.question, entry.answer);
		} else {
			startSection(heading, 'list');
			if (section.paragraphs.length > 0) {
				add('explanation', heading, headingAsQuestion(heading), section.paragraphs.join('\n\n'));
			}
			const named = section.items.filter((item) => item.name !== undefined && item.description !== undefined);
			for (const item of named)
				add('item', [heading, item.name as string], withPrompt(heading, item.name as string), item.description as string);
			for (const item of named) {
				const clue = maskName(item.description as string, item.name as string);
				add('item-reverse', [heading, item.name as string], `${withPrompt(heading, 'which one is this?')}\n${clue}`, item.name as string);
			}
			const count = section.items.length;
			const prompt = named.length > 0 ? `name all ${count}` : `name the ${count} point${count === 1 ? '' : 's'}`;
			add(
				'list',
				heading,
				withPrompt(heading, prompt),
				listLines(
					section.items.map((item) => item.name ?? item.text),
					section.ordered
				)
			);
		}
	}

	return {
		id: deckId,
		title: page.term,
		question: page.question,
		definition: [definition, definitionList].filter((part) => part !== '').join('\n\n'),
		...(page.synonyms.length > 0 ? { synonyms: page.synonyms } : {}),
		sections: sections.filter((s) => s.cardIds.length > 0),
		cards
	};
}
