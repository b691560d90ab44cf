// Page structure -> cards. Decides what each card asks and answers, in page order:
// the definition, its synonyms, one card per prose section, each "Name: description" entry both ways,
// each whole list, and each question of the FAQ. Text stays plain; the UI shows it as text.
import { pointCues } from './cues';
import { cardId, uniqueIds } from './ids';
import { isWordChar, trimEnd } from './text';
import type { CardDraft, CardKind, Deck, GlossaryPage, ListItem, SectionSummary } from './types';

const QUESTION_WORD_WITH_VERB = /^(why|how|when|where)\s+(.+?)\s+(is|are|was|were)\s+(.+)$/i;
/** Verbs a heading puts after its subject: "Why Jobs to Be Done Helps Teams", "Why Personas Matter". */
const HEADING_VERBS = new Set(
	(
		'help matter work fail improve drive create support reduce increase make enable keep give lead change ' +
		'affect shape build save cost win need succeed use uncover find choose measure run plan write grow learn differ ' +
		'prioritize prioritise evolve'
	).split(' ')
);
const CLAUSE_WORDS = /^(?:to|that|which|who|whose|if|when|and|or)$/i;

/**
 * A heading as a question a learner reads as English: a question stays as written,
 * "Why X are Y" becomes "Why are X Y?", "Why X Helps Y" "Why does X help Y?", "How to X" "How do you x?",
 * "What Makes X" "What Makes X?". Any other heading ("Benefits of Roadmaps") is kept as a prompt,
 * "Benefits of Roadmaps: explain", since adding a question mark to a noun phrase makes no question.
 */
export function headingAsQuestion(heading: string): string {
	const text = trimEnd(heading.trim(), ' :;,.!…');
	if (text.endsWith('?') || text.endsWith('？')) return text;
	const words = text.split(' ');
	const asks = (words[0] ?? '').toLowerCase();
	if (text.length <= 200) {
		const match = QUESTION_WORD_WITH_VERB.exec(text);
		if (match) {
			const [, asking, subject, verb, rest] = match as unknown as [string, string, string, string, string];
			// Only a short plain subject can be swapped with its verb: "Why Teams that are Late Fail" cannot.
			const subjectWords = subject.split(' ');
			if (subjectWords.length <= 4 && !subjectWords.some((w) => CLAUSE_WORDS.test(w))) return `${asking} ${verb} ${subject} ${rest}?`;
		}
		if (asks === 'how' && words[1]?.toLowerCase() === 'to' && words.length > 2) {
			return `${words[0]} do you ${lowerFirst(words[2] as string)} ${words.slice(3).join(' ')}`.trim() + '?';
		}
		if (asks === 'why' || asks === 'how') {
			// The first verb after the subject: "Helps" (one subject, "does") or "Matter" (many, "do").
			for (let i = 2; i < words.length && i <= 6; i++) {
				const word = (words[i] as string).toLowerCase();
				if (word !== 'to' && CLAUSE_WORDS.test(word)) break;
				const single = word.endsWith('s') && HEADING_VERBS.has(word.slice(0, -1));
				if (!single && !HEADING_VERBS.has(word)) continue;
				const subject =
					i === 2 && /^(?:it|they|this|these)$/i.test(words[1] as string)
						? (words[1] as string).toLowerCase()
						: words.slice(1, i).join(' ');
				const base = single ? word.slice(0, -1) : word;
				return `${words[0]} ${single ? 'does' : 'do'} ${subject} ${[base, ...words.slice(i + 1)].join(' ')}?`;
			}
		}
		if (['what', 'which', 'who', 'when', 'where', 'can', 'should', 'does', 'do', 'is', 'are'].includes(asks) && words.length > 1) {
			return `${text}?`;
		}
	}
	return `${text}: explain`;
}

function lowerFirst(word: string): string {
	// "Develop" becomes "develop", but "MVP" or "iOS" stay as written.
	return /^\p{Lu}\p{Ll}*$/u.test(word) ? word.toLowerCase() : word;
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

/** More words than this in a point make it a sentence to complete rather than a name to recall. */
const SHORT_POINT_WORDS = 6;

/** Whether a list's points are sentences: plain points of which at least one is longer than a few words. */
function isSentenceList(points: readonly string[]): boolean {
	return points.some((point) => point.split(' ').length > SHORT_POINT_WORDS);
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
			add('explanation', heading, section.prompt ?? headingAsQuestion(heading), section.paragraphs.join('\n\n'));
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
			const lines = section.items.map((item) => item.name ?? item.text);
			// The sentence introducing the list says what the points are for, so it stands with the prompt.
			const context = section.leadIn ? `\n${section.leadIn}` : '';
			if (named.length > 0 || !isSentenceList(lines)) {
				const prompt = named.length > 0 ? `name all ${count}` : `name the ${count} point${count === 1 ? '' : 's'}`;
				add('list', heading, withPrompt(heading, prompt) + context, listLines(lines, section.ordered));
			} else {
				// Full sentences recalled from nothing cannot be graded honestly: the card shows each
				// point's first words as its cue, and the learner completes each point (see the README).
				const cues = listLines(pointCues(lines), section.ordered);
				add(
					'list',
					heading,
					`${withPrompt(heading, `complete the ${count} points`)}${context}\n${cues}`,
					listLines(lines, section.ordered)
				);
			}
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
