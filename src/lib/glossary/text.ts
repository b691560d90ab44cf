// Text hygiene for pasted pages: refuses what is not text, splits lines, strips Markdown markup
// and judges whether a line is shaped like a heading. Everything here runs in linear time,
// because a pasted page can be megabytes of anything.
import { GlossaryError } from './types';

/** Far above any real glossary page; only protects the app from freezing on a pasted file. */
export const MAX_PAGE_CHARS = 10_000_000;

/** Control characters (bar tab and line breaks) and U+FFFD are what bytes that are not text decode to. */
function isJunkCode(code: number): boolean {
	return (
		(code < 32 && code !== 9 && code !== 10 && code !== 11 && code !== 12 && code !== 13) || (code >= 127 && code <= 159) || code === 0xfffd
	);
}

/**
 * Checks the input is usable text and returns it with line breaks unified to "\n",
 * a few stray control characters removed. Throws GlossaryError otherwise.
 */
export function usableText(source: unknown): string {
	if (typeof source !== 'string') {
		throw new GlossaryError('The page must be text: paste the text of a glossary page.');
	}
	if (source.length > MAX_PAGE_CHARS) {
		throw new GlossaryError(
			`The page is too long (${source.length.toLocaleString('en')} characters; at most ${MAX_PAGE_CHARS.toLocaleString('en')}): paste a single glossary page.`
		);
	}
	const text = source.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
	if (text.trim() === '') {
		throw new GlossaryError('The page is empty: paste the text of a glossary page.');
	}
	let junk = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0) {
			throw new GlossaryError('This looks like binary data, not text (it contains NUL characters): paste the text of a glossary page.');
		}
		if (isJunkCode(code)) junk++;
	}
	if (junk === 0) return text;
	// A copied web page may carry the odd stray control character; a file that is not text has them everywhere.
	if (junk > Math.max(3, text.length / 200)) {
		throw new GlossaryError(
			'This looks like binary data, not text (it is full of control or undecodable characters): paste the text of a glossary page.'
		);
	}
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (!isJunkCode(text.charCodeAt(i))) out += text[i];
	}
	return out;
}

/** A physical line of the page with its indentation measured and its spacing tidied. */
export interface PageLine {
	text: string;
	indent: number;
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

export function splitLines(text: string): PageLine[] {
	return text.split('\n').map((line) => {
		let indent = 0;
		for (let i = 0; i < line.length; i++) {
			const c = line[i];
			if (c === ' ' || c === '\u00a0') indent += 1;
			else if (c === '\t') indent += 4;
			else break;
		}
		return { text: line.replace(INVISIBLE, '').replace(SPACES, ' ').trim(), indent };
	});
}

function isSpace(c: string | undefined): boolean {
	return c === undefined || c === ' ';
}

const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isPunct(c: string | undefined): boolean {
	return c !== undefined && PUNCT_OR_SYMBOL.test(c);
}

export function isWordChar(c: string | undefined): boolean {
	return c !== undefined && LETTER_OR_DIGIT.test(c);
}

/**
 * Replaces Markdown links by their text and removes images. One forward pass with cached look-aheads,
 * so a line of ten thousand "[" cannot make it quadratic.
 */
function stripLinks(s: string): string {
	if (!s.includes('](')) return s;
	let out = '';
	let copiedUpTo = 0;
	let lastOpen = -1;
	// -2: not looked up yet; -1: none left in the line.
	let nextParen = -2;
	let nextSpace = -2;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c === '[') {
			lastOpen = i;
			continue;
		}
		if (c !== ']' || lastOpen < copiedUpTo || s[i + 1] !== '(') continue;
		if (nextParen < i + 2) {
			nextParen = s.indexOf(')', i + 2);
			if (nextParen === -1) break;
		}
		if (nextSpace !== -1 && nextSpace < i + 2) nextSpace = s.indexOf(' ', i + 2);
		// A space inside the parentheses means prose in brackets, not a link target.
		if (nextSpace !== -1 && nextSpace < nextParen) continue;
		const image = lastOpen > 0 && s[lastOpen - 1] === '!';
		out += s.slice(copiedUpTo, image ? lastOpen - 1 : lastOpen);
		if (!image) out += s.slice(lastOpen + 1, i);
		copiedUpTo = nextParen + 1;
		i = nextParen;
		lastOpen = -1;
	}
	return out + s.slice(copiedUpTo);
}

/** Characters a Markdown backslash may escape. */
const ESCAPABLE = '\\`*_{}[]()#+-.!|>~';

/** A run of the same emphasis or code character, and whether it may open or close a span. */
interface MarkerRun {
	text: string;
	char: string;
	opens: boolean;
	closes: boolean;
	paired: boolean;
}

/**
 * Removes emphasis markers, code ticks and escapes. A marker is removed only when it pairs with
 * a closing one of the same kind (as in CommonMark), so a lone `*` or the `__` of
 * `window.__name` stay as the page wrote them: card text keeps its characters.
 */
function stripEmphasis(s: string): string {
	if (!/[*_`\\]/.test(s)) return s;
	const pieces: (string | MarkerRun)[] = [];
	let text = '';
	let i = 0;
	while (i < s.length) {
		const c = s[i] as string;
		if (c === '\\' && i + 1 < s.length && ESCAPABLE.includes(s[i + 1] as string)) {
			text += s[i + 1];
			i += 2;
			continue;
		}
		if (c !== '*' && c !== '_' && c !== '`') {
			text += c;
			i++;
			continue;
		}
		let run = 1;
		while (s[i + run] === c) run++;
		const before = s[i - 1];
		const after = s[i + run];
		let opens = c === '`' || (!isSpace(after) && (isSpace(before) || isPunct(before)));
		let closes = c === '`' || (!isSpace(before) && (isSpace(after) || isPunct(after)));
		// snake_case is a word, not emphasis; 5*3 neither opens nor closes by the rules above.
		if (c === '_' && isWordChar(before) && isWordChar(after)) opens = closes = false;
		if (text) pieces.push(text);
		text = '';
		pieces.push({ text: s.slice(i, i + run), char: c, opens, closes, paired: false });
		i += run;
	}
	if (text) pieces.push(text);
	// Each closing run pairs with the latest unpaired opening run of the same character and
	// length: one stack per kind keeps this linear on long lines.
	const waiting = new Map<string, MarkerRun[]>();
	for (const piece of pieces) {
		if (typeof piece === 'string') continue;
		const stack = waiting.get(piece.text) ?? [];
		const opener = piece.closes ? stack.pop() : undefined;
		if (opener) opener.paired = piece.paired = true;
		else if (piece.opens) stack.push(piece);
		waiting.set(piece.text, stack);
	}
	return pieces.map((piece) => (typeof piece === 'string' ? piece : piece.paired ? '' : piece.text)).join('');
}

/**
 * Plain text of a line: Markdown links, images, emphasis and code marks removed, spacing tidied.
 * Angle brackets are left alone: cards are shown as text, so "<img>" stays literal characters.
 */
export function plainText(s: string): string {
	return stripEmphasis(stripLinks(s)).replace(SPACES, ' ').trim();
}

/** Sentence-ending punctuation: a line ending so is finished, not a wrapped piece of a paragraph. */
export function endsSentence(s: string): boolean {
	let end = s.length;
	// A sentence may end inside its closing quote or bracket: 'such as "I lost it."'
	while (end > 0 && CLOSERS.includes(s[end - 1] as string)) end--;
	const last = s[end - 1];
	return last !== undefined && '.!?:;…。！？'.includes(last);
}

const CLOSERS = '"\'”’»)]';

/** Small words left lower-case in Title Case headings. */
const MINOR_WORDS = new Set(
	(
		'a an the and or but nor for so yet of in on at to by with from into onto over under per via vs versus as ' +
		'is are was were be been it its than about between without within through your you their our his her this that these those'
	).split(' ')
);

/**
 * How much a line looks like a heading:
 * 'question' and 'title' (Title Case) are strong signs, 'sentence' is a short unfinished line
 * that is a heading only where the layout says so, null is content.
 */
export type HeadingShape = 'question' | 'title' | 'sentence' | null;

export function headingShape(text: string): HeadingShape {
	const last = text[text.length - 1];
	if (last === undefined) return null;
	const question = last === '?' || last === '？';
	if (text.length > (question ? 160 : 100)) return null;
	if ('.,;:!…。'.includes(last)) return null;
	// "Synonyms: ..." or "Question 1: ...?" are labelled content, not headings.
	if (/[:：] /.test(text)) return null;
	// Two sentences on one line make a paragraph ("vs." and "e.g." do not end a sentence).
	if (/\p{Ll}{3}[.!?] \p{Lu}/u.test(text)) return null;
	const words = text.split(' ');
	if (words.length > (question ? 24 : 14)) return null;
	let commas = 0;
	for (const c of text) if (c === ',') commas++;
	if (commas > 2) return null;
	const firstLetter = /\p{L}/u.exec(text);
	if (firstLetter && /\p{Ll}/u.test(firstLetter[0])) return null;
	if (question) return 'question';
	let significant = 0;
	let capitalised = 0;
	for (const word of words) {
		const bare = word.replace(/^[^\p{L}\p{N}]+/u, '');
		if (bare === '' || MINOR_WORDS.has(bare.toLowerCase())) continue;
		significant++;
		if (!/^\p{Ll}/u.test(bare)) capitalised++;
	}
	return significant > 0 && capitalised / significant >= 0.6 ? 'title' : 'sentence';
}

/** Lower-case words of a text, for comparing a term with a question. */
export function wordsOf(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w !== '');
}

/** Removes trailing characters from a set without a regex, so a long run of them costs linear time. */
export function trimEnd(s: string, chars: string): string {
	let end = s.length;
	while (end > 0 && chars.includes(s[end - 1] as string)) end--;
	return s.slice(0, end);
}
