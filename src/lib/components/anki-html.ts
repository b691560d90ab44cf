// An Anki card's HTML made safe to show: it is the learner's content, never code. DOMPurify parses
// it inertly (nothing runs or loads while it is read) and keeps only an allow-list: text formatting,
// lists, tables, ruby, images, the play buttons for sounds and Image Occlusion's masks. Images and
// sounds come only from the deck's own media, as blob: URLs; anything else (a remote image, one the
// package lacks) shows as a missing file and is never requested. Loaded only when an Anki card shows.
import DOMPurify from 'dompurify';

// prettier-ignore
const ALLOWED_TAGS = [
	// Text and its formatting.
	'b', 'i', 'u', 's', 'strong', 'em', 'mark', 'small', 'big', 'sub', 'sup', 'span', 'font', 'code', 'pre', 'kbd', 'samp', 'var',
	'q', 'cite', 'abbr', 'dfn', 'del', 'ins', 'br', 'wbr', 'hr', 'p', 'div', 'center', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5',
	'h6', 'a', 'section', 'article', 'header', 'footer', 'main', 'aside', 'figure', 'figcaption', 'details', 'summary',
	// Lists and tables.
	'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
	// Ruby (furigana), images, sound buttons, Image Occlusion's masks.
	'ruby', 'rb', 'rt', 'rp', 'img', 'button', 'svg', 'rect', 'ellipse', 'polygon'
];

// No href (a link would leave the app for an address the package chose), no srcset, no id.
// prettier-ignore
const ALLOWED_ATTR = [
	'class', 'title', 'lang', 'dir', 'style', 'align', 'valign', 'colspan', 'rowspan', 'span', 'width', 'height', 'alt', 'src',
	'color', 'face', 'size', 'start', 'reversed', 'open', 'type',
	'data-sound', 'aria-label', 'aria-hidden',
	'viewbox', 'preserveaspectratio', 'x', 'y', 'cx', 'cy', 'rx', 'ry', 'points', 'vector-effect'
];

/** The allowed attributes that are no address: all but `src`. */
const NOT_ADDRESSES = ALLOWED_ATTR.filter((name) => name !== 'src');

/** CSS that could fetch something (url(), image-set(), @import…) or hide it behind escapes. */
const LOADS = /url\s*\(|image\s*\(|image-set|cross-fade|element\s*\(|expression\s*\(|@import|\\|\/\*|-moz-binding|behaviou?r\s*:/i;

/** A style attribute's declarations that load nothing and stay within the card (no fixed overlays). */
export function safeStyle(style: string): string {
	return style
		.split(';')
		.map((declaration) => declaration.trim())
		.filter((declaration) => {
			if (declaration === '' || LOADS.test(declaration)) return false;
			const [property = '', ...value] = declaration.split(':');
			return !(property.trim().toLowerCase() === 'position' && /fixed|sticky/i.test(value.join(':')));
		})
		.join('; ');
}

/** A name from the deck's media, not an address elsewhere (a scheme, or "//host"). */
const isLocalName = (src: string) => src !== '' && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src);

function missing(document: Document, what: string): HTMLElement {
	const span = document.createElement('span');
	span.className = 'anki-missing';
	span.textContent = what;
	return span;
}

/** The URL of a media file of the card's deck, by the name its HTML uses (as written, or URL-decoded). */
export type MediaUrls = ReadonlyMap<string, string>;

function mediaUrl(media: MediaUrls, name: string): string | undefined {
	if (media.has(name)) return media.get(name);
	try {
		return media.get(decodeURIComponent(name));
	} catch {
		return undefined;
	}
}

let purifier: ReturnType<typeof DOMPurify> | undefined;
let current: MediaUrls = new Map();
/** Images that are not shown, with what shows instead. */
const notShown = new WeakMap<Element, string>();

function purify(): ReturnType<typeof DOMPurify> {
	if (purifier) return purifier;
	purifier = DOMPurify(window);
	purifier.addHook('uponSanitizeAttribute', (node, data) => {
		if (data.attrName === 'style') {
			data.attrValue = safeStyle(data.attrValue);
			if (data.attrValue === '') data.keepAttr = false;
		} else if (data.attrName === 'src' && node.nodeName === 'IMG') {
			// Before DOMPurify's own check, which keeps blob: URLs only.
			const src = data.attrValue.trim();
			const url = isLocalName(src) ? mediaUrl(current, src) : undefined;
			if (url) data.attrValue = url;
			else {
				data.keepAttr = false;
				notShown.set(node, isLocalName(src) ? `Missing file: ${src}` : 'An image from the web, not loaded');
			}
		}
	});
	purifier.addHook('afterSanitizeAttributes', (node) => {
		const element = node as Element;
		const document = element.ownerDocument;
		if (element.tagName === 'IMG') {
			if (!element.hasAttribute('src')) element.replaceWith(missing(document, notShown.get(element) ?? 'Missing image'));
		} else if (element.tagName === 'BUTTON') {
			const name = element.getAttribute('data-sound');
			// A template's own buttons (Image Occlusion's "Toggle Masks") need its script: they go.
			if (!element.classList.contains('anki-sound') || name === null) {
				element.remove();
				return;
			}
			element.setAttribute('type', 'button');
			if (!mediaUrl(current, name)) element.replaceWith(missing(document, `Missing file: ${name}`));
		}
	});
	return purifier;
}

/**
 * The card's HTML as a fragment safe to insert: allow-listed, its media pointing at `media`
 * (blob: URLs of the deck's files). Remote and missing files are named, never requested.
 */
export function sanitizeCard(html: string, media: MediaUrls): DocumentFragment {
	current = media;
	try {
		return purify().sanitize(html, {
			ALLOWED_TAGS,
			ALLOWED_ATTR,
			ALLOW_DATA_ATTR: false,
			ALLOW_ARIA_ATTR: false,
			ALLOW_UNKNOWN_PROTOCOLS: false,
			// Only blob: URLs, which the hook sets; every other attribute holds no address at all, so
			// DOMPurify checks no value of theirs as one.
			ALLOWED_URI_REGEXP: /^blob:/i,
			ADD_URI_SAFE_ATTR: NOT_ADDRESSES,
			RETURN_DOM_FRAGMENT: true
		});
	} finally {
		current = new Map();
	}
}
