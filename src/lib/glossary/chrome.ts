// A site's furniture around a glossary entry, found by its shape and its few stock phrases rather than
// one site's layout: navigation and breadcrumbs, calls to action ("Book a demo", "Start for free"),
// author lines and boxes, "Related terms" and teasers for other terms ("What is an Edge Case? An edge
// case refers to a r…"), "Where PMs use this?" boxes, and chrome glued to the text without a space.
// Every test here looks at one line of bounded length: linear in the page.
import { wordsOf } from './text';

/** Alt text of the Innerview glossary's decorative image, which a copy from the browser brings along. */
export function isImageAltText(text: string): boolean {
	return text.toLowerCase() === 'question mark';
}

/** Lines that only navigate: links back, skip links, share buttons, icon names a copy brings along. */
const NAVIGATION =
	/^(?:home|glossary|glossaries|(?:←\s*)?all terms|(?:←\s*)?back(?: to(?: the)? (?:glossary|glossaries|all terms))?|skip to (?:main )?content|share(?: this)?(?: (?:article|page|post|term))?|share on \S+|copy link|print|read more|learn more|see more|show more|read more about .{1,60}|read definition\s*→?|arrow_forward|east|→|←|privacy policy|terms of (?:service|use)|cookie (?:policy|settings|preferences)|accept (?:all )?cookies|all rights reserved\.?|log in|sign in|sign up)$/i;

/** A footer's or a cookie banner's line: "© 2025 Acme Inc.", "We use cookies to ...", "Tags: agile, scrum". */
const FOOTER = /^(?:©|copyright\b|(?:tags?|categories|category|filed under)\s*[:：]|we use cookies\b)/i;

/** The verbs a call to action starts with, and what it offers. */
const CALL_TO_ACTION =
	/^(?:book|request|get|schedule|watch|start|try|sign|contact|talk|subscribe|download|join|claim|explore|see how|grab)\b.{0,80}\b(?:demo|call|trial|free|for free|up|started|us|sales|expert|newsletter|pdf|template|ebook|cheat sheet|checklist|today|now|platform|consultation|ideas pro)\b/i;

/** "Written by Jane Doe", "Updated on March 3, 2024", "5 min read", "Author: ...". */
const AUTHOR_LINE =
	/^(?:(?:written|posted|published|reviewed|edited|curated) by\s+\S|author\s*[:：]|(?:last )?(?:updated|published|posted|reviewed)(?: on)?\s*[:：]?\s*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,3}\s*min(?:ute)?s?\s*read$|(?:trusted|loved|used) by (?:\d|world|teams|leading|over|thousands|millions))/i;
/** "By Jane Doe", "By Jane Doe · Updated ...": a byline names a person, in capitals (no i flag: "by default settings" is none). */
const BYLINE = /^[Bb]y \p{Lu}\p{Ll}+(?: \p{Lu}\.?\p{Ll}*){1,3}(?:$|\s*[·|•,–—])/u;

const BREADCRUMB_SEPARATOR = / (?:\/|>|›|»|→|\|) /;
const NAVIGATION_WORDS = new Set(['home', 'glossary', 'glossaries', 'resources', 'blog', 'terms', 'library', 'learn', 'academy', 'wiki']);

/** "Home / Glossary / Card Sorting": short parts between separators, one of them a place on the site. */
function isBreadcrumb(text: string): boolean {
	if (text.length > 120 || !BREADCRUMB_SEPARATOR.test(text)) return false;
	const parts = text.split(BREADCRUMB_SEPARATOR).map((part) => part.trim());
	if (parts.length > 8 || parts.some((part) => part === '' || part.split(' ').length > 5 || /[.!?:]$/.test(part))) return false;
	return parts.length >= 3 || parts.some((part) => NAVIGATION_WORDS.has(part.toLowerCase()));
}

/** A teaser for another page: text cut off mid-word with an ellipsis, "... refers to a r…". */
export function isTeaser(text: string): boolean {
	const end = text.endsWith('…') ? text.length - 1 : text.endsWith('...') ? text.length - 3 : -1;
	return end > 0 && /[\p{L}\p{N},]/u.test(text[end - 1] as string) && text.split(' ').length >= 4;
}

/** A line that is the site's, not the entry's: it makes no card wherever it stands. */
export function isChromeLine(text: string): boolean {
	if (isImageAltText(text) || NAVIGATION.test(text) || FOOTER.test(text) || isTeaser(text)) return true;
	const words = text.split(' ').length;
	if (words <= 12 && (AUTHOR_LINE.test(text) || BYLINE.test(text) || isBreadcrumb(text))) return true;
	// A call to action is short and imperative; a sentence that mentions a demo is content.
	return words <= 12 && CALL_TO_ACTION.test(text);
}

/** What a furniture heading opens: other terms (which may follow it as their own headings), or a box. */
export type Furniture = 'related' | 'box';

const RELATED =
	/^(?:(?:related|similar|more|other|popular|recommended|explore|further|additional|next|trending)\b.{0,30}\b(?:terms?|concepts?|definitions?|articles?|posts?|reading|resources?|topics?|glossary|entries|guides?|words|templates?|content)|see also|you (?:may|might) also (?:like|enjoy)|keep reading|read next|continue reading|further reading|explore more)\b/i;
const BOX =
	/^(?:need (?:\S+ )?help|ready to\b|want to (?:learn|see|try|get)|book a|get a (?:free )?demo|request a demo|schedule a|start (?:your )?free|start for free|try \S+(?: \S+)? (?:for )?free|get started|sign up|subscribe|join (?:our|the|\d)|contact us|talk to|about the authors?|written by|authors?$|reviewed by|contributors?$|meet the author|where (?:\S+ ){0,3}(?:use|uses|apply|applies) (?:this|it)\b|who uses (?:this|it)\b|share(?: this)?(?: (?:article|page|post|term))?$|table of contents$|contents$|on this page$|in this article$|references$|sources$|bibliography$|was this (?:article |page |entry )?(?:helpful|useful)|did you find this)(?!\p{L})/iu;

/** Whether a heading (or a short line standing as one) opens a piece of the site's furniture. */
export function furnitureHeading(text: string): Furniture | null {
	if (text.split(' ').length > 10) return null;
	if (RELATED.test(text)) return 'related';
	return BOX.test(text) ? 'box' : null;
}

const GLUE_WITHIN = 400;

/**
 * Where text glued to the chrome before it may start: a capital right after a small letter or a full stop,
 * "Start for freePrototyping", "itInnerview", "Start for FreeCard Sorting". A brand's own capitals are no
 * glue: "iPhone", "eBay" (one small letter before) or "YouTube" opening the text (unless inFirstWord:
 * "GlossariesBacklog", for a caller that checks what comes before is chrome).
 */
export function gluePoints(text: string, limit: number, inFirstWord = false): number[] {
	const points: number[] = [];
	let wordStart = 0;
	// Chrome is glued at the start of a line: the first few hundred characters are enough, however long the line.
	const end = Math.min(text.length, GLUE_WITHIN);
	for (let i = 1; i < end && points.length < limit; i++) {
		const code = text.charCodeAt(i);
		if (code === 32) wordStart = i + 1;
		if (i === wordStart || !isUpper(text[i] as string, code)) continue;
		const before = text[i - 1] as string;
		if (!isLowerOrDigit(before, before.charCodeAt(0)) && !'!?).'.includes(before)) continue;
		const open = text[wordStart] as string;
		const opensLower = isLowerOrDigit(open, open.charCodeAt(0)) && !/\p{N}/u.test(open);
		if (opensLower ? i - wordStart >= 2 : wordStart > 0 || inFirstWord) points.push(i);
	}
	return points;
}

/** Letter case by char code for ASCII, by Unicode property otherwise: this runs on every character of a line's start. */
function isUpper(c: string, code: number): boolean {
	return code < 128 ? code >= 65 && code <= 90 : /\p{Lu}/u.test(c);
}

function isLowerOrDigit(c: string, code: number): boolean {
	return code < 128 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : /[\p{Ll}\p{N}]/u.test(c);
}

/**
 * A line without the chrome glued before it: "Start for FreeCard Sorting" -> "Card Sorting",
 * "Trusted by world-class organizationsStart for freeA persona is ..." -> "A persona is ...".
 */
export function withoutChromeBefore(text: string): string {
	let rest = text;
	for (let turn = 0; turn < 4; turn++) {
		const at = gluePoints(rest, 8, true).find(
			(point) => isChromeLine(rest.slice(0, point)) || furnitureHeading(rest.slice(0, point)) !== null
		);
		if (at === undefined) break;
		rest = rest.slice(at);
	}
	return rest;
}

/**
 * A term line with chrome glued before it ("Start for FreeCard Sorting" over "What is Card Sorting?")
 * loses the chrome: it starts at the last glue point whose word the question asks about.
 */
export function withoutGluedChrome(line: string, question: string): string {
	const asked = new Set(wordsOf(question));
	let start = 0;
	for (const at of gluePoints(line, 20)) {
		const gluedWord = line.slice(line.lastIndexOf(' ', at) + 1, line.indexOf(' ', at) === -1 ? line.length : line.indexOf(' ', at));
		const rest = line.slice(at);
		// "YouTube Analytics" stays whole: the question asks about "YouTube".
		if (!asked.has(gluedWord.toLowerCase()) && wordsOf(rest).some((w) => asked.has(w))) start = at;
	}
	return line.slice(start);
}
