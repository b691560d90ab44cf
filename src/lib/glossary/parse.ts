// Page text -> page structure. Reads a glossary page pasted from the browser or written in Markdown
// and finds its parts by their shape, not their words: the term, the "What is ...?" definition,
// synonyms, prose sections, lists and questions with answers. Site chrome around them is left out.
// Linear passes over the lines and only regexes that cannot backtrack badly: a pasted page may be megabytes of anything.
import { endsSentence, headingShape, trimEnd, plainText, splitLines, usableText, wordsOf, type HeadingShape, type PageLine } from './text';
import { pointCues } from './cues';
import { GlossaryError, type FaqEntry, type GlossaryPage, type ListItem, type PageSection } from './types';

/**
 * Loop turns taken by the parser over lines, tokens, blocks, sections and FAQ units since the count was
 * last reset: a deterministic measure of its work, so a test can show it grows linearly with the page.
 */
export const parserWork = { steps: 0 };

/** A line of the page after its Markdown block markers are read. */
type Token =
	| { kind: 'blank' }
	| { kind: 'heading'; text: string; level: number }
	| { kind: 'item'; raw: string; ordered: boolean; indent: number }
	| { kind: 'text'; raw: string; text: string; indent: number; shape: HeadingShape; bold: boolean };

/** A heading, paragraph or list entry, with wrapped lines joined. */
type Block =
	| { kind: 'heading'; text: string; level: number }
	/** tight: right below the previous paragraph, no blank line between. */
	| { kind: 'para'; text: string; tight: boolean }
	| { kind: 'item'; raw: string; ordered: boolean; indent: number };

interface RawSection {
	heading: { text: string; level: number } | null;
	blocks: Block[];
}

/** Below every Markdown level: a heading found by its shape in plain text, or a lone bold line. */
const SHAPE_LEVEL = 7;

/** Bullets people paste from web pages and documents; dashes need a space after them. */
const BULLETS = '•●○◦▪▫■□‣⁃∙►▶➢➤✓✔❖◆◇';
const SPACED_BULLETS = '-*+–—·';

/** Where a list entry's text starts after its bullet or number, or null when the line is no list entry. */
function listMarkerEnd(t: string): { ordered: boolean; start: number } | null {
	const c = t[0] as string;
	if (BULLETS.includes(c)) return { ordered: false, start: t[1] === ' ' ? 2 : 1 };
	if (SPACED_BULLETS.includes(c)) {
		if (t[1] === ' ') return { ordered: false, start: 2 };
		// A bullet alone on its line, its text on the next ("-" then "Why is ...?: ...").
		if (t.length === 1) return { ordered: false, start: 1 };
		return null;
	}
	let i = t[0] === '(' ? 1 : 0;
	const digitsFrom = i;
	// Up to nine digits, as in CommonMark.
	while (i < t.length && i - digitsFrom < 10 && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
	const digits = i - digitsFrom;
	if (digits === 0 || digits > 9) return null;
	const close = t[i];
	if (close !== '.' && close !== ')') return null;
	if (digitsFrom === 1 && close !== ')') return null;
	if (i + 1 === t.length) return { ordered: true, start: i + 1 };
	return t[i + 1] === ' ' ? { ordered: true, start: i + 2 } : null;
}

/** A line of only "-", "*" or "_" (three or more), spaces allowed: a Markdown rule. */
function isRule(t: string): boolean {
	const c = t[0];
	if (c !== '-' && c !== '*' && c !== '_') return false;
	let count = 0;
	for (const ch of t) {
		if (ch === c) count++;
		else if (ch !== ' ') return false;
	}
	return count >= 3;
}

function isRun(t: string, c: string): boolean {
	for (const ch of t) if (ch !== c) return false;
	return t.length > 0;
}

/** Alt text of the glossary's decorative image, which a copy from the browser brings along. */
function isImageAltText(text: string): boolean {
	return text.toLowerCase() === 'question mark';
}

function tokenize(lines: PageLine[]): Token[] {
	const tokens: Token[] = [];
	for (const line of lines) {
		parserWork.steps++;
		let t = line.text;
		let quoteEnd = 0;
		while (t[quoteEnd] === '>') {
			quoteEnd++;
			if (t[quoteEnd] === ' ') quoteEnd++;
		}
		if (quoteEnd > 0) t = t.slice(quoteEnd);
		// Code fences are rare on a glossary page: their lines stay text (a stray fence must not swallow the page).
		if (t === '' || t.startsWith('```') || t.startsWith('~~~')) {
			tokens.push({ kind: 'blank' });
			continue;
		}
		const previous = tokens[tokens.length - 1];
		if (t.length >= 2 && (isRun(t, '=') || isRun(t, '-')) && previous?.kind === 'text' && previous.text.length <= 200) {
			// Setext heading: the line above, underlined.
			tokens[tokens.length - 1] = { kind: 'heading', text: previous.text, level: t[0] === '=' ? 1 : 2 };
			continue;
		}
		if (isRule(t)) {
			tokens.push({ kind: 'blank' });
			continue;
		}
		if (t[0] === '#') {
			let hashes = 0;
			while (t[hashes] === '#') hashes++;
			if (hashes <= 6 && t[hashes] === ' ') {
				let end = t.length;
				while (end > hashes && t[end - 1] === '#') end--;
				// A numbered heading ("## 2. Why It Matters") is asked without its number.
				const text = plainText(t[end - 1] === ' ' ? t.slice(hashes, end) : t.slice(hashes)).replace(/^\d{1,9}[.)] /, '');
				// "# of users grew." is a sentence that happens to start with "#", and no heading runs for lines.
				if (text !== '' && !text.endsWith('.') && text.length <= 200) {
					tokens.push({ kind: 'heading', text, level: hashes });
					continue;
				}
			}
		}
		const marker = listMarkerEnd(t);
		if (marker) {
			tokens.push({ kind: 'item', raw: t.slice(marker.start).trim(), ordered: marker.ordered, indent: line.indent });
			continue;
		}
		const text = plainText(t);
		if (text === '' || isImageAltText(text)) {
			tokens.push({ kind: 'blank' });
			continue;
		}
		const bold = (t.startsWith('**') && t.endsWith('**')) || (t.startsWith('__') && t.endsWith('__'));
		tokens.push({ kind: 'text', raw: t, text, indent: line.indent, shape: headingShape(text), bold: bold && t.length > 4 });
	}
	return tokens;
}

/** A piece of the page quoted in an error message, cut so the message stays readable. */
function quote(text: string): string {
	return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
}

/** Whether a "What is ...?" question asks for the page's definition. */
export function isDefinitionQuestion(text: string): boolean {
	if (!text.endsWith('?')) return false;
	return /^what(?:['’]s|\s+(?:is|are))\s/i.test(text) || /^what\s+does\s.+\smean\?$/i.test(text);
}

/** "What are Soft Skills in Product Management?" -> "Soft Skills in Product Management", for a page without a term line. */
function termFromQuestion(question: string): string {
	const asked = question.replace(/^what(?:['’]s|\s+(?:is|are|does))\s+/i, '').replace(/^(?:an?|the)\s+/i, '');
	return trimEnd(asked, '?')
		.replace(/\s+mean$/i, '')
		.trim();
}

/**
 * A block being built: lines are collected and joined once at the end, because appending to a long
 * string and then reading its last character makes the engine flatten it every time (quadratic).
 */
type Draft =
	| { kind: 'heading'; text: string; level: number }
	| { kind: 'para'; parts: string[]; tight: boolean }
	| { kind: 'item'; parts: string[]; ordered: boolean; indent: number };

function lastPart(draft: { parts: string[] }): string {
	return draft.parts[draft.parts.length - 1] ?? '';
}

/** Joins tokens into blocks, deciding which plain lines are headings from their shape and surroundings. */
function assemble(tokens: Token[]): Block[] {
	const markdown = tokens.some((t) => t.kind === 'heading');
	// Index of the next non-blank token after each position, for "followed by content".
	const nextFilled = new Array<number>(tokens.length + 1).fill(-1);
	for (let i = tokens.length - 1; i >= 0; i--) {
		parserWork.steps++;
		nextFilled[i] = tokens[i + 1] === undefined ? -1 : tokens[i + 1]?.kind === 'blank' ? (nextFilled[i + 1] ?? -1) : i + 1;
	}
	const wrappedPage = !markdown && isHardWrapped(tokens);
	const drafts: Draft[] = [];
	// Indentation of the current list's first entry, so deeper entries can join their parent.
	let listIndent = -1;
	for (let i = 0; i < tokens.length; i++) {
		parserWork.steps++;
		const token = tokens[i] as Token;
		const before = tokens[i - 1];
		const afterBlank = before === undefined || before.kind === 'blank';
		const last = drafts[drafts.length - 1];
		if (token.kind === 'blank') continue;
		if (token.kind === 'heading') {
			drafts.push({ kind: 'heading', text: token.text, level: token.level });
			listIndent = -1;
			continue;
		}
		const emptyItem = last?.kind === 'item' && last.parts.length === 1 && last.parts[0] === '';
		if (token.kind === 'item') {
			if (markdown && last?.kind === 'item' && !emptyItem && listIndent >= 0 && token.indent >= listIndent + 2) {
				// A nested Markdown entry belongs to the entry above it; plain copies indent at random, so there it is an entry.
				last.parts.push((endsSentence(lastPart(last)) ? ' ' : '; ') + token.raw);
				continue;
			}
			if (last?.kind !== 'item') listIndent = token.indent;
			drafts.push({ kind: 'item', parts: [token.raw], ordered: token.ordered, indent: token.indent });
			continue;
		}
		if (last?.kind === 'item' && emptyItem) {
			// "1." on a line of its own, the entry's text on the next.
			last.parts[0] = token.raw;
			continue;
		}
		const next = tokens[i + 1];
		const beforeBlank = next === undefined || next.kind === 'blank';
		const following = tokens[nextFilled[i] ?? -1];
		const at = { markdown, wrappedPage, afterBlank, beforeBlank, before, following, lastIsHeading: last?.kind === 'heading' };
		if (isHeadingLine(token, at)) {
			drafts.push({ kind: 'heading', text: token.text, level: SHAPE_LEVEL });
			listIndent = -1;
			continue;
		}
		if (
			!afterBlank &&
			last?.kind === 'item' &&
			(markdown || token.indent > last.indent || (wrappedPage && !endsSentence(lastPart(last)) && token.shape === null))
		) {
			last.parts.push(' ' + token.raw);
			continue;
		}
		if (
			!afterBlank &&
			last?.kind === 'para' &&
			(markdown || (!endsSentence(lastPart(last)) && (wrappedPage || startsLowerCase(token.text)))) &&
			!startsWithLabel(token.text)
		) {
			last.parts.push(' ' + token.text);
			continue;
		}
		drafts.push({ kind: 'para', parts: [token.text], tight: !afterBlank && last?.kind === 'para' });
		listIndent = -1;
	}
	const blocks: Block[] = [];
	for (const draft of drafts) {
		if (draft.kind === 'heading') blocks.push(draft);
		else if (draft.kind === 'para') blocks.push({ kind: 'para', text: draft.parts.join(''), tight: draft.tight });
		else if (draft.parts.length > 1 || draft.parts[0] !== '') {
			blocks.push({ kind: 'item', raw: draft.parts.join(''), ordered: draft.ordered, indent: draft.indent });
		}
	}
	return blocks;
}

/**
 * Whether the page's lines were broken at a fixed width (a text file, an email) rather than one line
 * per block as a browser copies: then a line that does not end a sentence may go on in the next one.
 */
function isHardWrapped(tokens: Token[]): boolean {
	let longest = 0;
	let unfinished = 0;
	for (const token of tokens) {
		if (token.kind !== 'text' && token.kind !== 'item') continue;
		const line = token.raw;
		longest = Math.max(longest, line.length);
		if (line.length >= 50 && !endsSentence(line)) unfinished++;
	}
	return longest <= 100 && unfinished > 0;
}

function startsLowerCase(text: string): boolean {
	return /^\p{Ll}/u.test(text);
}

interface LineContext {
	markdown: boolean;
	/** Lines may be broken mid-sentence; otherwise each line is a block, with or without blank lines around it. */
	wrappedPage: boolean;
	afterBlank: boolean;
	beforeBlank: boolean;
	before: Token | undefined;
	following: Token | undefined;
	lastIsHeading: boolean;
}

/**
 * Plain text marks no headings, so a line is one by its shape:
 * a question or a Title Case line, unless it merely continues a wrapped paragraph;
 * or a short unfinished sentence standing alone between blank lines and followed by content.
 * In Markdown the headings are marked, and only lone bold lines or a lone "What is ...?" join them.
 */
function isHeadingLine(token: Extract<Token, { kind: 'text' }>, at: LineContext): boolean {
	const { shape } = token;
	if (shape === null) return false;
	if (at.markdown) return at.afterBlank && at.beforeBlank && (token.bold || isDefinitionQuestion(token.text));
	const standalone = !at.wrappedPage || (at.afterBlank && at.beforeBlank);
	if (shape === 'question' || shape === 'title' || token.bold) {
		const wrapped =
			at.wrappedPage &&
			!at.afterBlank &&
			(at.before?.kind === 'text' || at.before?.kind === 'item') &&
			(at.before.kind === 'text' ? at.before.text : at.before.raw).length > 60 &&
			!endsSentence(at.before.kind === 'text' ? at.before.text : at.before.raw);
		return !wrapped;
	}
	// Content is an entry, a sentence or a question (a term line stands over its "What is ...?").
	const followedByContent =
		at.following !== undefined &&
		(at.following.kind === 'item' || (at.following.kind === 'text' && (at.following.shape === null || at.following.shape === 'question')));
	return standalone && followedByContent && !at.lastIsHeading;
}

function splitSections(blocks: Block[]): RawSection[] {
	const sections: RawSection[] = [{ heading: null, blocks: [] }];
	for (const block of blocks) {
		parserWork.steps++;
		if (block.kind === 'heading') sections.push({ heading: { text: block.text, level: block.level }, blocks: [] });
		else (sections[sections.length - 1] as RawSection).blocks.push(block);
	}
	return sections;
}

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

const SYNONYMS_LINE = /^(?:synonyms?|also known as|also called|aka|a\.k\.a\.?|other names?)\s*[:：–—-]\s*/i;
const SYNONYMS_HEADING = /^(?:synonyms?|also known as|other names?)$/i;

/** "A, B; and C." -> ["A", "B", "C"], without repeats. */
function splitSynonyms(text: string): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const part of text.split(/[,;]/)) {
		// trimEnd, not /[.!]+$/: V8 on Node 20 retries that regex at every dot of a long run (quadratic).
		const name = trimEnd(part.trim().replace(/^(?:and|or)\s+/i, ''), '.! ').trim();
		const key = name.toLowerCase();
		if (name === '' || seen.has(key)) continue;
		seen.add(key);
		out.push(name);
	}
	return out;
}

const QUESTION_LABEL = /^(?:question|q)\s*#?\d{0,9}\s*(?:[:.)]\s*|[-–—]\s+)/i;
// Only "Answer:" or "A:" with a colon: "the answer. It depends" is prose.
const ANSWER_LABEL = /(?:^|\s)(answer|a)\s*\d{0,9}\s*[:：]\s*/gi;
// The glossary's own style: "What is X?: It is ...".
const ASKED_COLON = /\?\s?[:：]\s*/;

/** "Synonyms: ...", "Question 1: ..." or "Answer: ..." starts a block of its own even right below a paragraph. */
function startsWithLabel(text: string): boolean {
	return SYNONYMS_LINE.test(text) || QUESTION_LABEL.test(text) || /^(?:answer|a)\s*[:：]/i.test(text);
}

type FaqRead = { question: string; answer: string; labelled: boolean } | { answer: string } | null;

/**
 * One line of a FAQ: "Question 2: Can ...? Answer: ...", "Can ...?: ...", "Q: ...? A: ...",
 * a question alone (its answer follows; answer ''), or an answer alone ("Answer: ...").
 * labelled: the line carries a sign of being a FAQ entry, so it counts even under a heading that does not say FAQ.
 */
function readFaqUnit(text: string, inFaq: boolean): FaqRead {
	const label = QUESTION_LABEL.exec(text);
	const body = (label ? text.slice(label[0].length) : text).replace(/^\d{1,9}[.)] /, '');
	const asked = ASKED_COLON.exec(body);
	ANSWER_LABEL.lastIndex = 0;
	for (let match = ANSWER_LABEL.exec(body); match; match = ANSWER_LABEL.exec(body)) {
		parserWork.steps++;
		if (asked && asked.index < match.index) break;
		const explicit = (match[1] as string).toLowerCase() === 'answer';
		const labelAt = match[0].startsWith(' ') ? match.index + 1 : match.index;
		if (labelAt === 0) return { answer: body.slice(match[0].length).trim() };
		// "Plan A: ..." inside a question is no answer label; right after a "?" it is.
		if (explicit || body[labelAt - 2] === '?' || body[labelAt - 1] === '?') {
			return { question: body.slice(0, labelAt).trim(), answer: body.slice(match.index + match[0].length).trim(), labelled: true };
		}
		ANSWER_LABEL.lastIndex = match.index + 1;
	}
	if (asked && asked.index > 0) {
		return { question: body.slice(0, asked.index + 1).trim(), answer: body.slice(asked.index + asked[0].length).trim(), labelled: true };
	}
	if (inFaq) {
		// Under a FAQ heading, "How long is a sprint? Usually two weeks." needs no labels.
		const mark = body.indexOf('? ');
		if (mark > 0) return { question: body.slice(0, mark + 1), answer: body.slice(mark + 2).trim(), labelled: label !== null };
	}
	if (label || body.endsWith('?')) return { question: body, answer: '', labelled: label !== null };
	return null;
}

interface FaqUnit {
	text: string;
	isHeading: boolean;
}

/** Pairs questions with answers: on one line, or a question line (or heading) followed by answer lines. */
function readFaq(units: FaqUnit[], inFaq: boolean): { entries: FaqEntry[]; labelled: number } {
	const entries: FaqEntry[] = [];
	let labelled = 0;
	// The question still waiting for its answer lines; a question without any answer makes no entry.
	let asked: string | null = null;
	let answer: string[] = [];
	const flush = () => {
		if (asked !== null && answer.length > 0) entries.push({ question: asked, answer: answer.join('\n\n') });
		asked = null;
		answer = [];
	};
	for (const unit of units) {
		parserWork.steps++;
		// While a question waits for its answer, a line with a "?" inside is that answer, not a new entry.
		const read = readFaqUnit(unit.text, inFaq && !unit.isHeading && asked === null);
		if (read && 'question' in read) {
			if (read.labelled) labelled++;
			flush();
			if (read.answer !== '') entries.push({ question: read.question, answer: read.answer });
			else asked = read.question;
		} else if (asked !== null && !unit.isHeading) {
			const line = read ? read.answer : unit.text;
			if (line !== '') answer.push(line);
		}
	}
	flush();
	return { entries, labelled };
}

const FAQ_HEADING = /\b(?:faqs?|frequently asked questions|questions (?:and|&) answers|q ?& ?a|common questions)\b/i;

const NAME_SEPARATORS = [': ', ' – ', ' — ', ' - '];

function isItemName(name: string): boolean {
	if (name === '' || name.length > 60 || name.split(' ').length > 8) return false;
	return !/[.?!]$/.test(name) && !/^(?:question|q)\s*#?\d{1,9}$/i.test(name);
}

/** "**Communication**: Clearly ..." or "Communication: Clearly ..." -> name and description. */
function readItem(raw: string): ListItem {
	const text = plainText(raw);
	const marker = raw.startsWith('**') ? '**' : raw.startsWith('__') ? '__' : null;
	if (marker) {
		const close = raw.indexOf(marker, 2);
		if (close > 2) {
			const name = plainText(raw.slice(2, close))
				.replace(/[:：]$/, '')
				.trim();
			const rest = raw.slice(close + 2);
			const separated = /^\s*[:：.–—-]/.test(rest) || /[:：]$/.test(raw.slice(2, close).trim());
			const description = plainText(rest.replace(/^\s*[:：.–—-]?\s*/, ''));
			if (separated && description !== '' && isItemName(name)) return { text, name, description };
		}
	}
	for (const separator of NAME_SEPARATORS) {
		const at = text.indexOf(separator);
		if (at <= 0) continue;
		const name = text.slice(0, at).trim();
		const description = text.slice(at + separator.length).trim();
		if (description !== '' && isItemName(name)) return { text, name, description };
		break;
	}
	return { text };
}

/** A list is of "Name: description" entries when more than half of its entries are; otherwise every entry is a plain point. */
function readList(entries: string[]): ListItem[] {
	const read = entries.map(readItem).filter((item) => item.text !== '');
	const named = read.filter((item) => item.name !== undefined).length;
	return named * 2 > read.length ? read : read.map((item) => ({ text: item.text }));
}

/** Whether the page separates its paragraphs with blank lines, as a copy from a browser does. */
function isLoose(sections: RawSection[]): boolean {
	let tight = 0;
	let loose = 0;
	for (const section of sections) {
		for (const block of section.blocks) {
			if (block.kind !== 'para') continue;
			if (block.tight) tight++;
			else loose++;
		}
	}
	return loose > tight;
}

function blockText(block: Block): string {
	return block.kind === 'item' ? plainText(block.raw) : block.text;
}

/** A paragraph ending in ":" only introduces the list below it. */
function isLeadIn(text: string): boolean {
	return text.endsWith(':') || text.endsWith('：');
}

/** Reads a glossary page. Throws GlossaryError, saying what is missing, when the text is not one. */
export function parsePage(source: string): GlossaryPage {
	const text = usableText(source);
	const sections = splitSections(assemble(tokenize(splitLines(text))));

	const whatAt = sections.findIndex((s) => s.heading !== null && isDefinitionQuestion(s.heading.text));
	let term: string;
	let question: string;
	let definitionBlocks: Block[];
	let restFrom: number;
	if (whatAt >= 0) {
		const what = sections[whatAt] as RawSection;
		question = (what.heading as { text: string }).text;
		const before = sections[whatAt - 1];
		const lastLine = before?.blocks[before.blocks.length - 1];
		if (before?.heading && (before.heading.level === 1 || namesTerm(before.heading.text, question))) {
			term = before.heading.text;
		} else if (lastLine?.kind === 'para' && headingShape(lastLine.text) !== null && namesTerm(lastLine.text, question)) {
			// A term line in sentence case is not taken for a heading, yet it is still the term.
			term = lastLine.text;
		} else {
			term = termFromQuestion(question);
		}
		definitionBlocks = what.blocks;
		restFrom = whatAt + 1;
	} else {
		// A Markdown page may put the definition straight under its "# Term".
		const titleAt = sections.findIndex((s) => s.heading !== null && s.heading.level === 1);
		const title = sections[titleAt];
		const short = title?.heading ? null : readShortRendering(sections);
		if (short) return short;
		if (!title?.heading) {
			throw new GlossaryError(
				"This is not a glossary page: no term heading and no 'What is ...?' section found. A glossary page names its term (e.g. 'Soft Skills') and then asks 'What are Soft Skills?' with the definition below."
			);
		}
		term = title.heading.text;
		question = `What is ${term}?`;
		definitionBlocks = title.blocks;
		restFrom = titleAt + 1;
		if (!definitionBlocks.some((b) => b.kind === 'para')) {
			throw new GlossaryError(`Found the term ${quote(term)} but no 'What is ...?' section and no definition below the term.`);
		}
	}
	if (term === '') {
		throw new GlossaryError(`The question ${quote(question)} names no term.`);
	}

	// The call to action closing the page: the last short "Try <Product>" heading, cut with all that follows
	// when it comes after the FAQ or has no lists after it (a "Try These Exercises" list mid-page stays).
	let restTo = sections.length;
	for (let i = sections.length - 1; i >= restFrom; i--) {
		parserWork.steps++;
		const heading = (sections[i] as RawSection).heading;
		if (heading && /^try\s\S/i.test(heading.text) && heading.text.split(' ').length <= 6) {
			const afterFaq = sections.slice(restFrom, i).some((s) => s.heading !== null && FAQ_HEADING.test(s.heading.text));
			const listsAfter = sections.slice(i).some((s) => s.blocks.some((b) => b.kind === 'item'));
			if (afterFaq || !listsAfter) restTo = i;
			break;
		}
	}
	const rest = sections.slice(restFrom, restTo);

	let synonyms: string[] = [];
	const takeSynonyms = (blocks: Block[]): Block[] =>
		blocks.filter((b) => {
			if (synonyms.length > 0 || b.kind === 'heading') return true;
			const line = blockText(b);
			const label = SYNONYMS_LINE.exec(line);
			if (!label) return true;
			synonyms = splitSynonyms(line.slice(label[0].length));
			return synonyms.length === 0;
		});
	definitionBlocks = takeSynonyms(definitionBlocks);
	const kept: RawSection[] = [];
	for (const section of rest) {
		if (synonyms.length === 0 && section.heading && SYNONYMS_HEADING.test(section.heading.text.replace(/[:?]$/, ''))) {
			const names = section.blocks.map((b) => (b.kind === 'para' ? b.text : b.kind === 'item' ? plainText(b.raw) : ''));
			synonyms = splitSynonyms(names.join(', '));
			continue;
		}
		kept.push({ heading: section.heading, blocks: takeSynonyms(section.blocks) });
	}

	const definition = definitionBlocks.flatMap((b) => (b.kind === 'para' ? [b.text] : []));
	const definitionItemBlocks = definitionBlocks.filter((b): b is Extract<Block, { kind: 'item' }> => b.kind === 'item');
	const definitionItems = readList(definitionItemBlocks.map((b) => b.raw));
	if (definition.length === 0 && definitionItems.length === 0) {
		throw new GlossaryError(`The section ${quote(question)} has no text: the definition of ${quote(term)} is missing.`);
	}

	return {
		term,
		question,
		definition,
		definitionItems,
		definitionOrdered: definitionItemBlocks[0]?.ordered ?? false,
		synonyms,
		sections: readSections(kept, isLoose(sections))
	};
}

/**
 * A definition sentence naming its subject: "A persona in product design is a fictional character ...".
 * The article form may come glued to chrome before it ("Start for freeA persona ..."), the bare form
 * ("Product discovery is the ...") only at the start of a paragraph. Bounded repeats: no bad backtracking.
 */
const DEFINITION_SENTENCE =
	/(?:^|(?<=[\p{Ll}\p{N}!?)]))(An?|The) (\p{L}[\p{L}\p{N}'’-]*(?: [\p{L}\p{N}'’-]+){0,6}?) (?:is|are|refers to|means|describes) \S/u;
const BARE_DEFINITION = /^(\p{Lu}[\p{L}\p{N}'’-]*(?: [\p{L}\p{N}'’-]+){0,4}?) (?:is|are|refers to|means) (?:an?|the) /u;
/** "persona in product design" -> "persona": the domain after the term is context, not the term. */
const SUBJECT_QUALIFIER = / (?:in|within|for|of) (?:product|software|design|business|marketing|ux|management|agile|research)\b.*$/iu;

const QUESTION_WORD = /^(?:what|why|how|when|where|which|who)\b/i;

function titleCase(words: string): string {
	return words
		.split(' ')
		.map((w) => (MINOR_TITLE_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
		.join(' ');
}
const MINOR_TITLE_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'for', 'on', 'by', 'with']);

/**
 * A short rendering of a glossary page: no headings worth the name, chrome glued to the first sentence,
 * a definition sentence, a synonyms line and a few paragraphs. The term is the definition's subject;
 * each later paragraph becomes an explanation card, cued by its first words. Null when no paragraph defines anything.
 */
function readShortRendering(sections: RawSection[]): GlossaryPage | null {
	const blocks = sections.flatMap((section) => section.blocks);
	// The definition opens the page's content: only the first few blocks are looked at.
	for (let at = 0; at < Math.min(blocks.length, 12); at++) {
		const block = blocks[at] as Block;
		// A definition is a statement of a few sentences, not a question or a page-long line.
		if (block.kind !== 'para' || block.text.length > 3000) continue;
		const sentence = DEFINITION_SENTENCE.exec(block.text);
		const bare = sentence ? null : BARE_DEFINITION.exec(block.text);
		const match = sentence ?? bare;
		if (!match || QUESTION_WORD.test(match[0]) || !/^[^?]*[.!]/.test(block.text.slice(match.index))) continue;
		const subject = ((sentence ? sentence[2] : bare?.[1]) as string).replace(SUBJECT_QUALIFIER, '');
		const term = titleCase(
			subject.charAt(0).toLowerCase() === subject.charAt(0) ? subject : subject.charAt(0).toLowerCase() + subject.slice(1)
		);
		const article = sentence ? (sentence[1] as string).toLowerCase() : '';
		const definition = block.text.slice(match.index);
		let synonyms: string[] = [];
		const sections: PageSection[] = [];
		const items: ListItem[] = [];
		for (const later of blocks.slice(at + 1)) {
			const text = blockText(later);
			const label = SYNONYMS_LINE.exec(text);
			if (label && synonyms.length === 0) synonyms = splitSynonyms(text.slice(label[0].length));
			else if (later.kind === 'item') items.push(readItem(later.raw));
			// Unfinished lines after the content are the site's buttons and taglines.
			else if (later.kind === 'para' && endsSentence(text)) {
				const cue = pointCues([text])[0] as string;
				sections.push({ kind: 'prose', heading: cue, paragraphs: [text], prompt: `${term}: complete and explain\n${cue}` });
			}
		}
		const questionTerm = article === '' ? term : `${article} ${term}`;
		return {
			term,
			question: `What is ${questionTerm}?`,
			definition: [definition],
			definitionItems: items,
			definitionOrdered: false,
			synonyms,
			sections
		};
	}
	return null;
}

/** Gives each section after the definition its shape: questions and answers, a list, or prose. */
function readSections(sections: RawSection[], loose: boolean): PageSection[] {
	const out: PageSection[] = [];
	// Sections already gathered under a FAQ heading that found no answers: a FAQ heading among them would
	// gather the same questions again, and a page of thousands of "FAQ ...?" headings would take quadratic time.
	let fruitlessTo = 0;
	for (let i = 0; i < sections.length; i++) {
		parserWork.steps++;
		const section = sections[i] as RawSection;
		if (!section.heading) continue;
		const heading = section.heading.text;
		const units: FaqUnit[] = section.blocks.map((b) => ({ text: blockText(b), isHeading: false }));
		if (i >= fruitlessTo && FAQ_HEADING.test(heading)) {
			// Questions written as headings of their own belong to the FAQ above them.
			const level = section.heading.level;
			let j = i + 1;
			for (; j < sections.length; j++) {
				parserWork.steps++;
				const next = sections[j] as RawSection;
				const nextHeading = next.heading as { text: string; level: number };
				const asks = nextHeading.text.endsWith('?') || QUESTION_LABEL.test(nextHeading.text);
				if (!asks && !(nextHeading.level > level && nextHeading.level < SHAPE_LEVEL)) break;
				if (asks) units.push({ text: nextHeading.text, isHeading: true });
				for (const b of next.blocks) units.push({ text: blockText(b), isHeading: false });
			}
			const { entries } = readFaq(units, true);
			if (entries.length > 0) {
				out.push({ kind: 'faq', heading, entries });
				i = j - 1;
				continue;
			}
			fruitlessTo = j;
		} else if (units.length > 0) {
			const { entries, labelled } = readFaq(units, false);
			if (entries.length > 0 && labelled * 2 >= units.length) {
				out.push({ kind: 'faq', heading, entries });
				continue;
			}
		}
		const itemBlocks = section.blocks.filter((b): b is Extract<Block, { kind: 'item' }> => b.kind === 'item');
		const paraBlocks = section.blocks.filter((b): b is Extract<Block, { kind: 'para' }> => b.kind === 'para' && !isLeadIn(b.text));
		const paragraphs = paraBlocks.map((b) => b.text);
		if (itemBlocks.length > 0) {
			const items = readList(itemBlocks.map((b) => b.raw));
			if (items.length > 0) {
				const firstItem = section.blocks.findIndex((b) => b.kind === 'item');
				const above = section.blocks[firstItem - 1];
				const leadIn = above?.kind === 'para' && isLeadIn(above.text) ? { leadIn: above.text } : {};
				out.push({ kind: 'list', heading, ordered: itemBlocks[0]?.ordered ?? false, items, paragraphs, ...leadIn });
				continue;
			}
		}
		// A browser may copy a list without its numbers or bullets. Its entries are still recognisable:
		// all "Name: description", or finished sentences on consecutive lines of a page that otherwise
		// separates its paragraphs with blank lines.
		if (paragraphs.length >= 2) {
			const unmarked = paragraphs.map(readItem);
			const tightRun = loose && paraBlocks.slice(1).every((b) => b.tight) && paragraphs.every(endsSentence);
			if (unmarked.every((item) => item.name !== undefined) || tightRun) {
				out.push({ kind: 'list', heading, ordered: false, items: readList(paragraphs), paragraphs: [] });
				continue;
			}
		}
		if (paragraphs.length > 0) out.push({ kind: 'prose', heading, paragraphs });
	}
	return out;
}
