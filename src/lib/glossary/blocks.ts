// Tokens -> blocks -> sections: wrapped lines joined into paragraphs and list entries, plain lines
// found as headings by their shape and surroundings, the site's chrome lines and furniture sections
// left out, and the page cut into sections at its headings. Linear passes over the tokens.
import { furnitureHeading, gluePoints, isChromeLine, withoutChromeBefore, type Furniture } from './chrome';
import { isDefinitionQuestion } from './questions';
import { QUESTION_LABEL } from './faq';
import { SYNONYMS_LINE } from './synonyms';
import { endsSentence, headingShape, plainText } from './text';
import type { Token } from './tokens';
import type { ParserWork } from './types';

/** A heading, paragraph or list entry, with wrapped lines joined. */
export type Block =
	/** furniture: the heading opens a piece of the site's furniture, left out with what it holds. */
	| { kind: 'heading'; text: string; level: number; furniture?: Furniture }
	/** tight: right below the previous paragraph, no blank line between. */
	| { kind: 'para'; text: string; tight: boolean }
	| { kind: 'item'; raw: string; ordered: boolean; indent: number };

export type Heading = Omit<Extract<Block, { kind: 'heading' }>, 'kind'>;

/** A heading (none before the first) and the blocks under it, up to the next heading. */
export interface RawSection {
	heading: Heading | null;
	blocks: Block[];
}

/** Below every Markdown level: a heading found by its shape in plain text, or a lone bold line. */
export const SHAPE_LEVEL = 7;

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
export function assemble(tokens: Token[], work: ParserWork): Block[] {
	const markdown = tokens.some((t) => t.kind === 'heading');
	// Index of the next non-blank token after each position, for "followed by content".
	const nextFilled = new Array<number>(tokens.length + 1).fill(-1);
	for (let i = tokens.length - 1; i >= 0; i--) {
		work.steps++;
		nextFilled[i] = tokens[i + 1] === undefined ? -1 : tokens[i + 1]?.kind === 'blank' ? (nextFilled[i + 1] ?? -1) : i + 1;
	}
	const wrappedPage = !markdown && isHardWrapped(tokens);
	const drafts: Draft[] = [];
	// Indentation of the current list's first entry, so deeper entries can join their parent.
	let listIndent = -1;
	for (let i = 0; i < tokens.length; i++) {
		work.steps++;
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
 * In Markdown the headings are marked; lone bold lines, a lone "What is ...?" and lone Title Case lines
 * over a paragraph or a list join them.
 */
function isHeadingLine(token: Extract<Token, { kind: 'text' }>, at: LineContext): boolean {
	const { shape } = token;
	if (shape === null) return false;
	if (at.markdown) {
		if (!at.afterBlank || !at.beforeBlank) return false;
		if (token.bold || isDefinitionQuestion(token.text)) return true;
		// A site may set some headings in plain paragraphs between the marked ones (a page saved as HTML).
		const next = at.following;
		return shape === 'title' && !at.lastIsHeading && (next?.kind === 'item' || (next?.kind === 'text' && next.shape === null));
	}
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
	return standalone && followedByContent(at) && !at.lastIsHeading;
}

/** Content is an entry, a sentence or a question (a term line stands over its "What is ...?"). */
function followedByContent(at: LineContext): boolean {
	const next = at.following;
	return next !== undefined && (next.kind === 'item' || (next.kind === 'text' && (next.shape === null || next.shape === 'question')));
}

/** "Synonyms: ...", "Question 1: ..." or "Answer: ..." starts a block of its own even right below a paragraph. */
function startsWithLabel(text: string): boolean {
	return SYNONYMS_LINE.test(text) || QUESTION_LABEL.test(text) || /^(?:answer|a)\s*[:：]/i.test(text);
}

export function blockText(block: Block): string {
	return block.kind === 'item' ? plainText(block.raw) : block.text;
}

/** A heading glued to the paragraph under it is at least this many words ("Examples of Mockups"), or a question. */
const GLUED_HEADING_WORDS = 3;

/**
 * A copy that lost the line break after a heading glues the two: "Why Prototyping is ImportantPrototyping
 * allows ...", "What is a Mockup?A mockup is ...", "... for a product.Synonyms: mockup, model". Such a
 * paragraph is split where the glued text starts: a heading-shaped start becomes a heading, a labelled
 * line (synonyms, a question) a line of its own. Brand names ("HubSpot") are no glue (see gluePoints).
 */
export function withoutGluedLines(blocks: Block[], work: ParserWork): Block[] {
	const out: Block[] = [];
	for (const block of blocks) {
		work.steps++;
		const at =
			block.kind === 'item'
				? undefined
				: (gluePoints(block.text, 4, block.kind === 'heading').find((point) => isGlued(block, point)) ?? labelAfterSentence(block));
		if (block.kind === 'item' || at === undefined) {
			out.push(block);
			continue;
		}
		const [before, after] = [block.text.slice(0, at).trimEnd(), block.text.slice(at)];
		if (startsWithLabel(after)) out.push({ ...block, text: before }, { kind: 'para', text: after, tight: true });
		else {
			out.push({ kind: 'heading', text: before, level: block.kind === 'heading' ? block.level : SHAPE_LEVEL });
			const shape = headingShape(after);
			out.push(
				shape === 'question' || shape === 'title'
					? { kind: 'heading', text: after, level: SHAPE_LEVEL }
					: { kind: 'para', text: after, tight: false }
			);
		}
	}
	return out;
}

/** "... for the team. Synonyms: A, B": a synonyms line that lost its line break, after a sentence. */
const SYNONYMS_AFTER_SENTENCE = /[.!?]["”’)]? (?=(?:synonyms?|also known as|also called|aka|other names?)\s*[:：])/i;

function labelAfterSentence(block: Exclude<Block, { kind: 'item' }>): number | undefined {
	if (block.kind !== 'para') return undefined;
	const match = SYNONYMS_AFTER_SENTENCE.exec(block.text);
	return match ? match.index + match[0].length : undefined;
}

/** Whether glued text starts at `at`: after a heading ("... ImportantPrototyping allows ..."), or a label after a sentence. */
function isGlued(block: Exclude<Block, { kind: 'item' }>, at: number): boolean {
	const before = block.text.slice(0, at);
	const after = block.text.slice(at);
	if (block.kind === 'para' && startsWithLabel(after)) return /[.!?]$/.test(before);
	const shape = headingShape(before);
	// A heading line with a term glued before its question: "Design SprintWhat is a Design Sprint?"
	if (block.kind === 'heading') return shape === 'title' && isDefinitionQuestion(after);
	const heading = shape === 'question' || (shape === 'title' && before.split(' ').length >= GLUED_HEADING_WORDS);
	return heading && /^\p{Lu}[\p{L}\p{N}'’-]*\s(?:\S+\s){2}/u.test(after);
}

/**
 * The site's own lines left out (navigation, breadcrumbs, calls to action, bylines, teasers), and a
 * short line that opens a piece of furniture ("Related terms", "Need expert help?") marked as a heading.
 */
export function withoutChromeLines(blocks: Block[], work: ParserWork): Block[] {
	const out: Block[] = [];
	for (const block of blocks) {
		work.steps++;
		if (block.kind === 'item') {
			out.push(block);
			continue;
		}
		const text = withoutChromeBefore(block.text);
		if (isChromeLine(text)) continue;
		const furniture = text.length <= 100 && !/[.:;]$/.test(text) ? furnitureHeading(text) : null;
		if (furniture) out.push({ kind: 'heading', text, level: block.kind === 'heading' ? block.level : SHAPE_LEVEL, furniture });
		else out.push(text === block.text ? block : { ...block, text });
	}
	return out;
}

export function splitSections(blocks: Block[], work: ParserWork): RawSection[] {
	const sections: RawSection[] = [{ heading: null, blocks: [] }];
	for (const block of blocks) {
		work.steps++;
		if (block.kind === 'heading') {
			const { kind: _, ...heading } = block;
			sections.push({ heading, blocks: [] });
		} else (sections[sections.length - 1] as RawSection).blocks.push(block);
	}
	return sections;
}

/** Headings that open a part of the entry itself, never another term's name. */
const ENTRY_HEADING =
	/^(?:why|how|when|where|who|which|examples?|benefits?|types?|key|common|best|faqs?|frequently|questions|steps|tips|pros|cons|challenges|advantages|disadvantages)\b/i;

/** A section of a "Related terms" box: another term's name, with at most one line about it. */
function isOtherTerm(section: RawSection): boolean {
	const heading = section.heading;
	if (!heading || section.blocks.some((b) => b.kind === 'item') || section.blocks.length > 1) return false;
	if (isDefinitionQuestion(heading.text)) return true;
	return heading.text.split(' ').length <= 5 && !heading.text.endsWith('?') && !ENTRY_HEADING.test(heading.text);
}

/**
 * Sections of the site's furniture left out: the furniture heading with all it holds, the sub-headings
 * under it, and after "Related terms" the other terms' names set as headings of their own.
 */
export function withoutFurniture(sections: RawSection[], work: ParserWork): RawSection[] {
	const out: RawSection[] = [];
	let open: Heading | null = null;
	for (const section of sections) {
		work.steps++;
		const heading = section.heading;
		if (heading?.furniture) {
			open = heading;
			continue;
		}
		if (open && heading) {
			const under = heading.level > open.level;
			if (under || (open.furniture === 'related' && isOtherTerm(section))) continue;
			open = null;
		}
		if (!open) out.push(section);
	}
	return out;
}

/** Whether the page separates its paragraphs with blank lines, as a copy from a browser does. */
export function isLoose(sections: RawSection[]): boolean {
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
