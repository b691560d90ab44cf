// Page lines -> tokens: each line read for its Markdown block marker (a heading, a list entry's bullet
// or number, a rule, a quote) or as plain text with its heading shape. One pass, no backtracking regex.
import { isImageAltText } from './chrome';
import { headingShape, plainText, type HeadingShape, type PageLine } from './text';
import type { ParserWork } from './types';

/** A line of the page after its Markdown block markers are read. */
export type Token =
	| { kind: 'blank' }
	| { kind: 'heading'; text: string; level: number }
	| { kind: 'item'; raw: string; ordered: boolean; indent: number }
	| { kind: 'text'; raw: string; text: string; indent: number; shape: HeadingShape; bold: boolean };

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

export function tokenize(lines: PageLine[], work: ParserWork): Token[] {
	const tokens: Token[] = [];
	for (const line of lines) {
		work.steps++;
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
