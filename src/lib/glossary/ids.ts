// Deck and card ids that survive edits of the page, so a learner's progress survives an updated deck.
// An id is made of the deck id, the card kind and the card's key (a heading, an item name, a question),
// never of the answer or the card's position; keys are compared without case, spacing or punctuation.
import type { CardKind } from './types';

/** Longest readable slug; longer ones are cut and given a hash so they stay short and distinct. */
const MAX_SLUG = 60;
/** How much of a cut slug's last part (an item's name) is kept. */
const CUT_SLUG = 36;

/** 32-bit FNV-1a over UTF-16 code units, in base 36: short, stable and fast. */
export function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(36);
}

/** A key reduced to what matters: lower-case words without accents, punctuation or extra spaces. */
export function normalizeKey(key: string): string {
	return key
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w !== '')
		.join(' ');
}

function asciiSlug(key: string): string {
	return key.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The longest start of a slug within max characters that ends at a whole word. */
function cutSlug(slug: string, max: number): string {
	if (slug.length <= max) return slug;
	const cut = slug.slice(0, max + 1);
	const lastDash = cut.lastIndexOf('-');
	return lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, max);
}

/**
 * A readable id part for one or more key parts: "Soft Skills" -> "soft-skills",
 * ["Key Skills", "Communication"] -> "key-skills-communication".
 * Never empty and at most 60 characters: with no Latin letters or digits it is the key's hash;
 * when too long, the first parts are cut at a word (the last part, usually an item's name,
 * is kept as far as possible) and the hash of the whole key is added so cut ids stay distinct.
 */
function keySlug(parts: readonly string[]): string {
	const keys = parts.map(normalizeKey);
	const slugs = keys.map(asciiSlug).filter((slug) => slug !== '');
	const whole = keys.join(' ');
	const joined = slugs.join('-');
	if (joined === '') return fnv1a(whole);
	if (joined.length <= MAX_SLUG) return joined;
	const hash = fnv1a(whole);
	const budget = MAX_SLUG - hash.length - 1;
	const lastPart = cutSlug(slugs[slugs.length - 1] as string, slugs.length > 1 ? CUT_SLUG : budget);
	const headRoom = budget - lastPart.length - 1;
	const head = slugs.length > 1 && headRoom >= 4 ? cutSlug(slugs.slice(0, -1).join('-'), headRoom) : '';
	return [head, lastPart, hash].filter((part) => part !== '').join('-');
}

/** A readable, never empty id part for a title: "Soft Skills" -> "soft-skills" (see keySlug for long or non-Latin titles). */
export function slugify(title: string): string {
	return keySlug([title]);
}

/**
 * The id of a card: deck id, kind and the slug of its key (a heading; a heading and an item's name; a question).
 * Kinds that occur once per deck (definition, synonyms) need no key, so rewording their heading keeps the id.
 */
export function cardId(deckId: string, kind: CardKind, key?: string | readonly string[]): string {
	if (key === undefined) return `${deckId}:${kind}`;
	return `${deckId}:${kind}:${keySlug(typeof key === 'string' ? [key] : key)}`;
}

/**
 * Hands out ids so that none repeats within a deck: a repeated id gets "~2", "~3", ...
 * in order of appearance. Slugs never contain "~", so a suffixed id cannot meet a plain one.
 */
export function uniqueIds(): (id: string) => string {
	const seen = new Set<string>();
	const nextSuffix = new Map<string, number>();
	return (id) => {
		if (!seen.has(id)) {
			seen.add(id);
			return id;
		}
		let n = nextSuffix.get(id) ?? 2;
		while (seen.has(`${id}~${n}`)) n++;
		nextSuffix.set(id, n + 1);
		const unique = `${id}~${n}`;
		seen.add(unique);
		return unique;
	};
}
