// Text from Anki's HTML without a DOM (the import runs in a Worker, and in Node for tests): tags
// stripped and entities decoded as Anki's own strip_html does, for the plain text of a card
// (browse, search, the first paint) and for the answer a typed answer is compared with.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to put in HTML, as content or as a quoted attribute value. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** The named entities Anki's editor and common exporters write; others are kept as written. */
const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	shy: '\u00ad',
	copy: '©',
	reg: '®',
	trade: '™',
	hellip: '…',
	mdash: '—',
	ndash: '–',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	laquo: '«',
	raquo: '»',
	bull: '•',
	middot: '·',
	deg: '°',
	times: '×',
	divide: '÷',
	plusmn: '±',
	euro: '€',
	pound: '£',
	yen: '¥',
	cent: '¢',
	sect: '§',
	para: '¶',
	larr: '←',
	rarr: '→',
	uarr: '↑',
	darr: '↓',
	harr: '↔',
	rArr: '⇒',
	lArr: '⇐',
	hArr: '⇔',
	ne: '≠',
	le: '≤',
	ge: '≥',
	asymp: '≈',
	infin: '∞',
	micro: 'µ',
	alpha: 'α',
	beta: 'β',
	gamma: 'γ',
	delta: 'δ',
	pi: 'π',
	sigma: 'σ',
	mu: 'μ',
	lambda: 'λ',
	omega: 'ω',
	Delta: 'Δ',
	Omega: 'Ω',
	auml: 'ä',
	ouml: 'ö',
	uuml: 'ü',
	Auml: 'Ä',
	Ouml: 'Ö',
	Uuml: 'Ü',
	szlig: 'ß',
	eacute: 'é',
	egrave: 'è',
	ecirc: 'ê',
	euml: 'ë',
	aacute: 'á',
	agrave: 'à',
	acirc: 'â',
	atilde: 'ã',
	aring: 'å',
	aelig: 'æ',
	ccedil: 'ç',
	iacute: 'í',
	igrave: 'ì',
	icirc: 'î',
	iuml: 'ï',
	ntilde: 'ñ',
	oacute: 'ó',
	ograve: 'ò',
	ocirc: 'ô',
	otilde: 'õ',
	oslash: 'ø',
	oelig: 'œ',
	uacute: 'ú',
	ugrave: 'ù',
	ucirc: 'û',
	yacute: 'ý',
	yuml: 'ÿ',
	Eacute: 'É',
	Egrave: 'È',
	Ccedil: 'Ç',
	Ntilde: 'Ñ',
	iexcl: '¡',
	iquest: '¿'
};

/** Decodes character references: named ones (see NAMED), decimal and hexadecimal. */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, name: string) => {
		if (name.startsWith('#')) {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
		}
		return NAMED[name] ?? whole;
	});
}

const COMMENTS_AND_TAGS = /<!--[\s\S]*?-->|<[^>]*>/g;

/** Anki's strip_html: comments and tags out, entities decoded ("&nbsp;" as a plain space). */
export function stripHtml(html: string): string {
	return decodeEntities(html.replace(COMMENTS_AND_TAGS, '').replace(/&nbsp;/g, ' '));
}

/** Anki's sound and text-to-speech tags, which are not text to read or compare. */
export function stripAvTags(text: string): string {
	return text.replace(/\[sound:[^\]]*\]/g, '').replace(/\[anki:tts[^\]]*\][\s\S]*?\[\/anki:tts\]/g, '');
}

/**
 * A card side as plain text, for lists and search: line breaks where the HTML breaks lines, scripts
 * and styles left out with their content, sounds left out, runs of blank space made one.
 */
export function plainText(html: string): string {
	const text = stripAvTags(html)
		.replace(/<(script|style|button)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<br\s*\/?>|<\/(?:div|p|li|tr|h[1-6])\s*>|<hr\b[^>]*>/gi, '\n');
	return stripHtml(text)
		.replace(/[ \t\u00a0]+/g, ' ')
		.replace(/ ?\n ?/g, '\n')
		.replace(/\n{2,}/g, '\n')
		.trim();
}
