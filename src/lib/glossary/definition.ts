// The term and its definition, in whatever dress the page gives them: a "What is X?" heading, a
// "Definition" heading or a "Definition: X is ..." line, a title with its definition below, a title line
// followed by a definition sentence, a short rendering's "X is a ..." glued to the chrome before it, or
// "What is X? X is ..." on one line. A text with none of these is no glossary page and is refused.
import { blockText, type Block, type RawSection } from './blocks';
import { gluePoints, withoutGluedChrome } from './chrome';
import { askedAndAnswered, FAQ_HEADING } from './faq';
import { normalizeKey } from './ids';
import { isDefinitionQuestion, termFromQuestion } from './questions';
import { SYNONYMS_LINE } from './synonyms';
import { headingShape, wordsOf } from './text';
import { GlossaryError, type ParserWork } from './types';

export interface FoundDefinition {
	term: string;
	question: string;
	/** The definition's blocks: its paragraphs, and a list right under it. */
	blocks: Block[];
	/** Blocks after the definition in its own section, no heading between: a short rendering's paragraphs. */
	after: Block[];
	/** Index of the first section after the definition's. */
	restFrom: number;
}

/** A piece of the page quoted in an error message, cut so the message stays readable. */
export function quote(text: string): string {
	return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
}

export const NOT_A_GLOSSARY_PAGE =
	"This is not a glossary page: no term heading and no 'What is ...?' section found. A glossary page names its term (e.g. 'Soft Skills') and then asks 'What are Soft Skills?' with the definition below.";

/**
 * Whether a line names the term the question asks about: they share a content word
 * ("Soft Skills", "What are Soft Skills ...?") or the line abbreviates it ("MVP", "What is a Minimum Viable Product?").
 * Keeps a chrome line such as "Glossaries" from being taken for the term of a page that has no term line.
 */
function namesTerm(line: string, question: string): boolean {
	const asked = wordsOf(question);
	const askedSet = new Set(asked);
	if (wordsOf(line).some((w) => askedSet.has(w) && !['what', 'is', 'are', 'a', 'an', 'the', 'of', 'in'].includes(w))) return true;
	const letters = line.replace(/[^\p{L}]/gu, '');
	if (letters.length < 2 || letters.length > 8 || letters !== letters.toUpperCase()) return false;
	const initials = asked
		.map((w) => w[0])
		.join('')
		.toUpperCase();
	return initials.includes(letters);
}

/** A heading that labels the definition instead of asking for it: "Definition", "Definition of X", "X Definition". */
const DEFINITION_HEADING = /^(?:definition|meaning|what it means)(?: of (.{1,80}?))?[:：]?$|^(.{1,80}?) (?:definition|meaning)[:：]?$/i;
/** A paragraph labelled as the definition: "Definition: Agile is ...". */
export const DEFINITION_LABEL = /^(?:definition|meaning)\s*[:：–—-]\s*/i;

/** A line that can be a term: a few words, not a sentence or a question. */
function isTermLine(text: string): boolean {
	return text.length <= 80 && text.split(' ').length <= 8 && headingShape(text) !== null && !text.endsWith('?');
}

/** Subject words and, after them, "(UCD)"; then the verb of a definition. Bounded repeats only. */
const SUBJECT = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’&/.-]*(?: [\\p{L}\\p{N}'’&/.-]+){0,7}?";
const ABBREVIATION = ' \\(([^()]{1,40})\\)';
/** "A persona in product design is a fictional character ...": an article, the subject, a defining verb. */
const ARTICLE_FORM = new RegExp(`^(An?|The) (${SUBJECT})(?:${ABBREVIATION})? (?:is|are|refers to|means|describes) \\S`, 'u');
/** "Card sorting is a method ...", "User Experience (UX) refers to ...": a capitalised subject, no article. */
const BARE_FORM = new RegExp(
	`^(\\p{Lu}${SUBJECT.slice(SUBJECT.indexOf(']') + 1)})(?:${ABBREVIATION})? (?:(?:is|are) (?:an?|the|one) |(?:refers to|means|describes|denotes|stands for) )`,
	'u'
);
/**
 * "Customer feedback is information ...", "Soft skills are non-technical abilities ...": no article after
 * the verb. Many predicates read so too ("Soft skills are essential for ..."), so it counts as a
 * definition only where the page says so otherwise: see definitionSentenceIn.
 */
const LOOSE_FORM = new RegExp(
	`^(\\p{Lu}${SUBJECT.slice(SUBJECT.indexOf(']') + 1)})(?:${ABBREVIATION})? (?:is|are) (?!(?:not|also|often|usually|always|essential|important|crucial|key|vital|critical|used|based|valuable|useful|helpful|necessary|great|good|best|here|there)\\b)\\p{Ll}`,
	'u'
);
/** "persona in product design" -> "persona": the field after the term is context, not the term. */
const SUBJECT_QUALIFIER =
	/ (?:in|within) (?:the )?(?:context of )?(?:[\p{L}-]+ ){0,2}(?:design|research|management|development|marketing|business|engineering|ux|agile|software|products?|analytics|strategy)$/iu;
/** Subjects that point elsewhere ("It is a ...", "This is the ...") or ask: no term. */
const NO_SUBJECT = /^(?:what|why|how|when|where|which|who|it|this|that|these|those|there|here|they|we|you|our|your|he|she|its)\b/i;

const MINOR_TITLE_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'for', 'on', 'by', 'with']);

function titleCase(words: string): string {
	return words
		.split(' ')
		.map((w, i) => (i > 0 && MINOR_TITLE_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
		.join(' ');
}

interface DefinitionSentence {
	/** Where the sentence starts in the block's text (after any chrome glued before it). */
	at: number;
	subject: string;
	/** "a", "an" or "the" for "A persona is ...", '' for "Card sorting is ...". */
	article: string;
	/** Without an article after its verb: a definition only where the page shows it is one. */
	loose: boolean;
}

/**
 * The definition sentence in a paragraph: at its start or where it is glued to the chrome before it
 * ("Start for freePrototyping is ..."). It states (ends in "." or "!" before any "?"). Null when none.
 */
function definitionSentenceIn(text: string): DefinitionSentence | null {
	for (const at of [0, ...gluePoints(text, 30)]) {
		const from = text.slice(at, at + 400);
		const strict = ARTICLE_FORM.exec(from) ?? BARE_FORM.exec(from);
		const match = strict ?? LOOSE_FORM.exec(from);
		if (!match || !/^[^?]*[.!]/.test(from)) continue;
		const article = match[0].startsWith('A ') || match[0].startsWith('An ') || match[0].startsWith('The ') ? (match[1] as string) : '';
		const subject = ((article ? match[2] : match[1]) as string).replace(SUBJECT_QUALIFIER, '');
		// "Start for freeA persona is ...": the subject starts after the chrome, at a later glue point.
		if (NO_SUBJECT.test(subject) || subject.split(' ').length > 6 || gluePoints(subject, 1).length > 0) continue;
		return { at, subject, article: article.toLowerCase(), loose: strict === null };
	}
	return null;
}

/** Whether a paragraph under a title reads as its definition: a sentence saying what something is. */
function readsAsDefinition(text: string): boolean {
	const first = text.slice(0, 400);
	return (
		/^(?:an?|the|it(?:'s| is)|refers to|one of)\s/i.test(first) ||
		/\s(?:is|are|refers to|means|describes|denotes|stands for)\s/i.test(first.split(/[.!?]\s/)[0] as string)
	);
}

/** The term a definition stands under: a term line right before it, or the heading of its section. */
function termAbove(sections: RawSection[], sectionAt: number, blockAt: number): string | null {
	const section = sections[sectionAt] as RawSection;
	const before = section.blocks[blockAt - 1];
	if (before?.kind === 'para' && isTermLine(before.text)) return before.text;
	if (blockAt === 0 && section.heading && isTermLine(section.heading.text)) return section.heading.text;
	return null;
}

/** The term for a "Definition" heading: named in it, or the term line or heading just above it. */
function termOverLabel(sections: RawSection[], at: number, named: string | undefined): string | null {
	if (named) return named;
	const previous = sections[at - 1];
	if (!previous) return null;
	const last = previous.blocks[previous.blocks.length - 1];
	if (last?.kind === 'para' && isTermLine(last.text)) return last.text;
	if (previous.blocks.length === 0 && previous.heading && isTermLine(previous.heading.text)) return previous.heading.text;
	return null;
}

/** The term of a definition sentence: the title above when it names the same thing (in its case), else the subject. */
function termOfSentence(sentence: DefinitionSentence, title: string | null): string {
	if (title && normalizeKey(title) === normalizeKey(sentence.subject)) return title;
	// "Card sorting" -> "Card Sorting"; "User-Centered Design" stays as written.
	return titleCase(sentence.subject);
}

/** Item blocks right after position `from`, which a definition keeps on its card ("two parts:" and the parts). */
function itemsFrom(blocks: Block[], from: number): number {
	let end = from;
	while (blocks[end]?.kind === 'item') end++;
	return end;
}

/** The term from a "What is X?" heading: the term line or heading above it when it names the term, else the question's words. */
function termOfQuestion(sections: RawSection[], at: number, question: string): string {
	const before = sections[at - 1];
	const lastLine = before?.blocks[before.blocks.length - 1];
	if (before?.heading && (before.heading.level === 1 || namesTerm(before.heading.text, question))) {
		return withoutGluedChrome(before.heading.text, question);
	}
	if (lastLine?.kind === 'para' && headingShape(lastLine.text) !== null && namesTerm(lastLine.text, question)) {
		// A term line in sentence case is not taken for a heading, yet it is still the term.
		return withoutGluedChrome(lastLine.text, question);
	}
	return termFromQuestion(question);
}

/** The section of the first paragraph labelled "Definition: ..." before the FAQ, or -1. */
function labelledParagraph(sections: RawSection[], work: ParserWork): number {
	for (let s = 0; s < sections.length; s++) {
		work.steps++;
		const section = sections[s] as RawSection;
		if (section.heading && FAQ_HEADING.test(section.heading.text)) break;
		if (section.blocks.some((b) => b.kind === 'para' && DEFINITION_LABEL.test(b.text))) return s;
	}
	return -1;
}

/**
 * Finds the term and its definition. Throws GlossaryError, saying what is missing, when the text
 * defines nothing: it is then no glossary page, and never a deck of one dump.
 */
export function findDefinition(sections: RawSection[], work: ParserWork): FoundDefinition {
	// A "What is ...?" or "Definition" heading before the FAQ (whose questions may start "What is" too).
	// A "What is ...?" heading with nothing under it (a teaser whose text was chrome) counts only when no other has text.
	let asked = -1;
	let askedEmpty = -1;
	let labelled = -1;
	for (let i = 0; i < sections.length; i++) {
		work.steps++;
		const section = sections[i] as RawSection;
		const heading = section.heading;
		if (!heading) continue;
		if (FAQ_HEADING.test(heading.text)) break;
		if (asked < 0 && isDefinitionQuestion(heading.text)) {
			if (section.blocks.length > 0) asked = i;
			else if (askedEmpty < 0) askedEmpty = i;
		}
		if (labelled < 0 && DEFINITION_HEADING.test(heading.text)) labelled = i;
		if (asked >= 0 && labelled >= 0) break;
	}
	if (asked < 0) asked = askedEmpty;
	// A "Definition: ..." line before them wins: "What are the Types of X?" further down asks about something else.
	const labelAt = labelledParagraph(sections, work);
	const first = (at: number) => at >= 0 && (labelAt < 0 || at <= labelAt);
	if (first(asked) && (labelled < 0 || asked < labelled)) {
		const question = (sections[asked]?.heading as { text: string }).text;
		return {
			term: termOfQuestion(sections, asked, question),
			question,
			blocks: sections[asked]?.blocks ?? [],
			after: [],
			restFrom: asked + 1
		};
	}
	if (first(labelled)) {
		const section = sections[labelled] as RawSection;
		const match = DEFINITION_HEADING.exec((section.heading as { text: string }).text) as RegExpExecArray;
		const first = section.blocks.find((b) => b.kind === 'para');
		const sentence = first ? definitionSentenceIn(first.text) : null;
		const term = termOverLabel(sections, labelled, match[1] ?? match[2]) ?? (sentence ? termOfSentence(sentence, null) : null);
		if (!term) throw new GlossaryError(`Found a definition under ${quote(section.heading?.text ?? '')} but not the term it defines.`);
		return { term, question: `What is ${term}?`, blocks: section.blocks, after: [], restFrom: labelled + 1 };
	}

	// A Markdown page may put the definition straight under its "# Term" (checked last for the refusal).
	const titleAt = sections.findIndex((s) => s.heading !== null && s.heading.level === 1);
	const title = sections[titleAt];
	const titleFirst = title?.blocks.findIndex((b) => b.kind === 'para') ?? -1;
	if (title?.heading && titleFirst >= 0) {
		const first = title.blocks[titleFirst] as Extract<Block, { kind: 'para' }>;
		const sentence = definitionSentenceIn(first.text);
		const text = first.text.slice(sentence?.at ?? 0);
		if (sentence || readsAsDefinition(text)) {
			const blocks = title.blocks.map((b, i) => (i === titleFirst ? { ...first, text } : b));
			return { term: title.heading.text, question: `What is ${title.heading.text}?`, blocks, after: [], restFrom: titleAt + 1 };
		}
	}

	// A "Definition: ..." line, or a definition sentence among the first blocks of the content.
	let seen = 0;
	for (let s = 0; s < sections.length && seen < 12; s++) {
		const section = sections[s] as RawSection;
		for (let b = 0; b < section.blocks.length && seen < 12; b++) {
			work.steps++;
			const block = section.blocks[b] as Block;
			if (block.kind !== 'para') continue;
			seen++;
			// A definition is a statement of a few sentences, not a page-long line.
			if (block.text.length > 3000) continue;
			const label = DEFINITION_LABEL.exec(block.text);
			const text = label ? block.text.slice(label[0].length) : block.text;
			const onOneLine = askedAndAnswered(text);
			const above = termAbove(sections, s, b);
			let found: Pick<FoundDefinition, 'term' | 'question'> & { definition: string };
			if (onOneLine && isDefinitionQuestion(onOneLine.question)) {
				const question = onOneLine.question;
				found = { term: above && namesTerm(above, question) ? above : termFromQuestion(question), question, definition: onOneLine.answer };
			} else {
				const candidate = definitionSentenceIn(text);
				// A loose definition counts glued to the chrome before it (the page's first words), labelled, under
				// a title naming its subject, or followed by the term's synonyms.
				const sure =
					candidate !== null &&
					(!candidate.loose ||
						candidate.at > 0 ||
						label !== null ||
						(above !== null && normalizeKey(above) === normalizeKey(candidate.subject)) ||
						section.blocks.slice(b + 1, b + 3).some((next) => next.kind === 'para' && SYNONYMS_LINE.test(next.text)));
				const sentence = sure ? candidate : null;
				if (!sentence && !(label && above)) continue;
				const term = sentence ? termOfSentence(sentence, above) : (above as string);
				const questionTerm = sentence?.article ? `${sentence.article} ${term}` : term;
				found = { term, question: `What is ${questionTerm}?`, definition: text.slice(sentence?.at ?? 0) };
			}
			const end = itemsFrom(section.blocks, b + 1);
			return {
				term: found.term,
				question: found.question,
				blocks: [{ kind: 'para', text: found.definition, tight: false }, ...section.blocks.slice(b + 1, end)],
				after: section.blocks.slice(end),
				restFrom: s + 1
			};
		}
	}

	if (title?.heading) {
		const term = title.heading.text;
		if (titleFirst < 0)
			throw new GlossaryError(`Found the term ${quote(term)} but no 'What is ...?' section and no definition below the term.`);
		const first = blockText(title.blocks[titleFirst] as Block);
		throw new GlossaryError(
			`Found the term ${quote(term)} but no definition of it: the text below it (${quote(first)}) does not say what it is.`
		);
	}
	throw new GlossaryError(NOT_A_GLOSSARY_PAGE);
}
