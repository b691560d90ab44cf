// HTML page -> the page's text in Markdown, for the same parser as a pasted text. The page is given
// already parsed (the browser's DOMParser, or a small parser in tests): a parsed document never runs
// a script, loads an image or applies a stylesheet, and this walk only reads element names and text.
// HTML states its structure, so nothing is guessed: headings, paragraphs and list entries are marked
// as such, and the site's chrome (header, nav, footer, aside, scripts, styles, images, forms) is left out.

/** The few members of a DOM node the reader uses, so it runs on any conforming parser's output. */
interface HtmlNode {
	readonly nodeType: number;
	readonly nodeName: string;
	readonly nodeValue: string | null;
	readonly childNodes: ArrayLike<HtmlNode>;
}

export interface HtmlDocument {
	readonly body: HtmlNode | null;
	readonly documentElement: HtmlNode | null;
	querySelector(selectors: string): HtmlNode | null;
}

const ELEMENT = 1;
const TEXT = 3;

const CHROME = new Set(
	(
		'HEADER NAV FOOTER ASIDE SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME OBJECT EMBED SVG IMG PICTURE VIDEO AUDIO CANVAS MAP ' +
		'FORM BUTTON SELECT TEXTAREA INPUT LABEL LINK META HEAD TITLE DIALOG MATH'
	).split(' ')
);
const HEADINGS: Record<string, number> = { H1: 1, H2: 2, H3: 3, H4: 4, H5: 5, H6: 6 };
/** Elements whose content is inline: their text flows into the paragraph around them. */
const INLINE = new Set(
	'A ABBR B BDI BDO CITE CODE DATA DFN EM I KBD MARK Q S SAMP SMALL SPAN STRONG SUB SUP TIME U VAR WBR DEL INS FONT'.split(' ')
);

/** Backslash-escapes what the text parser would read as Markdown, so text stays the page's text. */
function escapeInline(text: string): string {
	return text.replace(/[\\`*_[\]]/g, '\\$&');
}

/** A line that would read as a heading, quote, list entry or rule gets its first marker escaped. */
function escapeLineStart(line: string): string {
	if (/^[#>+=~-]/.test(line)) return `\\${line}`;
	return line.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

function tagOf(node: HtmlNode): string {
	return node.nodeName.toUpperCase();
}

function children(node: HtmlNode): HtmlNode[] {
	return Array.from(node.childNodes);
}

/** Text of a node's inline content, spacing collapsed, Markdown escaped; nested lists left out. */
function inlineText(node: HtmlNode, skipLists: boolean): string {
	let out = '';
	const walk = (n: HtmlNode) => {
		if (n.nodeType === TEXT) out += n.nodeValue ?? '';
		if (n.nodeType !== ELEMENT) return;
		const tag = tagOf(n);
		if (CHROME.has(tag) || (skipLists && (tag === 'UL' || tag === 'OL'))) return;
		if (tag === 'BR') out += ' ';
		// Block elements inside a list entry or heading still separate words.
		if (!INLINE.has(tag)) out += ' ';
		for (const child of children(n)) walk(child);
		if (!INLINE.has(tag)) out += ' ';
	};
	for (const child of children(node)) walk(child);
	return escapeInline(out.replace(/\s+/g, ' ').trim());
}

/** A list entry that opens with a bold name ("<strong>Vision</strong>: ...") keeps it marked as the name. */
function listEntryText(li: HtmlNode): string {
	const first = children(li).find((n) => !(n.nodeType === TEXT && (n.nodeValue ?? '').trim() === ''));
	const text = inlineText(li, true);
	if (first?.nodeType === ELEMENT && (tagOf(first) === 'STRONG' || tagOf(first) === 'B')) {
		const name = inlineText(first, true);
		if (name !== '' && text.startsWith(name)) return `**${name}**${text.slice(name.length)}`;
	}
	return text;
}

/**
 * The Markdown text of a parsed page: what generateDeck reads the same as the page's plain text.
 * Reads the page's main element when it has one, else its body.
 */
export function htmlToText(doc: HtmlDocument): string {
	const root = doc.querySelector('main') ?? doc.body ?? doc.documentElement;
	if (!root) return '';
	const blocks: string[] = [];
	let inline = '';
	let headingLevel = 1;
	// List entries of one list are one block: consecutive lines, no blank line between them.
	let listLines: string[] | null = null;
	const flush = () => {
		const text = escapeLineStart(escapeInline(inline.replace(/\s+/g, ' ').trim()));
		inline = '';
		if (text !== '') blocks.push(text);
	};
	const heading = (level: number, text: string, sets = true) => {
		flush();
		// Closing hashes would be read as Markdown's optional closing sequence: escape them (no /#+$/, which backtracks).
		let end = text.length;
		while (end > 0 && text[end - 1] === '#') end--;
		const line = text.slice(0, end) + '\\#'.repeat(text.length - end);
		if (line !== '') blocks.push(`${'#'.repeat(level)} ${line}`);
		if (sets) headingLevel = level;
	};
	const list = (node: HtmlNode, depth: number) => {
		const ordered = tagOf(node) === 'OL';
		const own = listLines === null;
		if (own) {
			flush();
			listLines = [];
		}
		let n = 0;
		for (const child of children(node)) {
			if (child.nodeType !== ELEMENT || tagOf(child) !== 'LI') {
				if (child.nodeType === ELEMENT && (tagOf(child) === 'UL' || tagOf(child) === 'OL')) list(child, depth + 1);
				continue;
			}
			n++;
			const text = listEntryText(child);
			if (text !== '') (listLines as string[]).push(`${'  '.repeat(depth)}${ordered ? `${n}.` : '-'} ${text}`);
			for (const nested of children(child)) {
				if (nested.nodeType === ELEMENT && (tagOf(nested) === 'UL' || tagOf(nested) === 'OL')) list(nested, depth + 1);
			}
		}
		if (own) {
			if ((listLines as string[]).length > 0) blocks.push((listLines as string[]).join('\n'));
			listLines = null;
		}
	};
	const walk = (node: HtmlNode) => {
		if (node.nodeType === TEXT) {
			inline += node.nodeValue ?? '';
			return;
		}
		if (node.nodeType !== ELEMENT) return;
		const tag = tagOf(node);
		if (CHROME.has(tag)) return;
		const level = HEADINGS[tag];
		if (level !== undefined) return heading(level, inlineText(node, false));
		if (tag === 'UL' || tag === 'OL') return list(node, 0);
		if (tag === 'SUMMARY') {
			// A <details> FAQ entry: the summary is the question, a level below the heading above it.
			return heading(Math.min(6, headingLevel + 1), inlineText(node, false), false);
		}
		if (INLINE.has(tag)) {
			for (const child of children(node)) walk(child);
			return;
		}
		if (tag === 'BR' || tag === 'HR') return flush();
		flush();
		for (const child of children(node)) walk(child);
		flush();
	};
	walk(root);
	flush();
	return blocks.join('\n\n');
}

/** Whether pasted or loaded text is an HTML page's source rather than the page's text. */
export function looksLikeHtml(text: string): boolean {
	return /^\s*(?:<!doctype html|<html[\s>])/i.test(text.slice(0, 1000));
}
