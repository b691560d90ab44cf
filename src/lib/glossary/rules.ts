// The card rules, enforced on every deck the generator makes, whatever the page looked like: a card
// asks one thing and its back answers it. A card that breaks a rule is repaired when its text allows
// (a trailing lead-in cut off, another block's text cut away, a repeated front given its cue) and left
// out otherwise, with the reason in the learner's words for the import preview.
// Linear in the deck's text: other blocks' texts are looked up in a map, never searched for.
import { isLeadIn, withoutLeadIn } from './lists';
import { isShortEnough, sentencesOf } from './sentences';
import type { CardDraft, LeftOutCard } from './types';

/**
 * Each heading, list entry and question of the page (as partKey gives it) with the parts it stands in:
 * text a page repeats in two parts belongs to both.
 */
export type PartsOfPage = ReadonlyMap<string, ReadonlySet<number>>;

/** Why a card was left out, as the preview says it. */
export const LEFT_OUT = {
	empty: 'it had nothing to ask or nothing to answer',
	leadIn: 'its answer was only the lead-in to a list the page does not have',
	questionBack: 'its answer is a question, not an answer',
	holdsOther: "its answer was another part of the page's text",
	sameSides: 'its answer only repeats the question',
	asksTwo: 'it asks more than one thing',
	tooLong: 'its answer is too long to recall',
	sameFront: 'it asks the same as another card'
} as const;

/** A line of a back without its list marker ("• ", "2. "): what a list entry's text is compared by. */
function unmarked(line: string): string {
	return line.replace(/^(?:•|\d{1,9}\.) /, '');
}

/** How a piece of text is compared with the page's other parts: its words, lower-case (cheaper than normalizeKey). */
export function partKey(text: string): string {
	// Most text is printable ASCII: one native pass does it.
	if (!/[^ -~]/.test(text))
		return text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, ' ')
			.trim();
	let key = '';
	let gap = false;
	for (const c of text.toLowerCase()) {
		const code = c.charCodeAt(0);
		const word = code < 128 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : /[\p{L}\p{N}]/u.test(c);
		if (!word) gap = key !== '';
		else {
			key += gap ? ` ${c}` : c;
			gap = false;
		}
	}
	return key;
}

/** A back's text up to the first line or sentence that is another part's heading, list entry or question; null when none is. */
function beforeOtherPart(back: string, part: number, parts: PartsOfPage): string | null {
	const lines = back.split('\n');
	for (let l = 0; l < lines.length; l++) {
		const line = unmarked(lines[l] as string);
		const sentences = sentencesOf(line);
		const pieces = sentences.length > 1 ? [line, ...sentences] : [line];
		for (let p = 0; p < pieces.length; p++) {
			const owners = parts.get(partKey(pieces[p] as string));
			if (owners === undefined || owners.has(part)) continue;
			// The sentences before the other part's text, on the lines before it.
			const before = p === 0 ? [] : sentences.slice(0, p - 1);
			return [...lines.slice(0, l), before.join(' ')].join('\n').trim();
		}
	}
	return null;
}

/** The text of a back to hold against the other parts: a list card's own entries are its part's, its note is not. */
function ownText(card: CardDraft, back: string): string {
	if (card.kind === 'item-reverse') return '';
	if (card.kind !== 'list') return back;
	const note = back.indexOf('\n\n');
	return note < 0 ? '' : back.slice(note + 2);
}

/** The first line of a front: what it asks, above any cue or clue. */
function asking(front: string): string {
	const end = front.indexOf('\n');
	return end < 0 ? front : front.slice(0, end);
}

/** "What is X? Why does it matter?": two questions on one line, text between them (no regex: a line may be long). */
function asksTwo(line: string): boolean {
	const first = line.indexOf('?');
	const second = first < 0 ? -1 : line.indexOf('?', first + 1);
	return second > first && line.slice(first + 1, second).trim() !== '';
}

/** One card held to the rules: the card as kept (perhaps repaired), or why it is left out. */
function checkCard(card: CardDraft, part: number, parts: PartsOfPage): CardDraft | keyof typeof LEFT_OUT {
	let back = card.back.trim();
	const front = card.front.trim();
	if (front === '' || back === '') return 'empty';
	// No back is only a lead-in, and none ends with ":".
	if (isLeadIn(back)) {
		const lines = back.split('\n');
		back = [...lines.slice(0, -1), withoutLeadIn(lines[lines.length - 1] as string)].join('\n').trim();
		if (back === '' || isLeadIn(back)) return 'leadIn';
	}
	// No back holds another block's heading, entry or question.
	const checked = ownText(card, back);
	const before = checked === '' ? null : beforeOtherPart(checked, part, parts);
	if (before !== null) {
		const kept = card.kind === 'list' ? `${back.slice(0, back.length - checked.length)}${before}`.trim() : before;
		if (kept === '' || isLeadIn(kept)) return 'holdsOther';
		back = kept;
	}
	// A back that answers with a question (items and lists name things, whatever their words).
	if (card.kind !== 'item' && card.kind !== 'item-reverse' && card.kind !== 'list') {
		const sentences = sentencesOf(back);
		if (sentences.every((sentence) => sentence.endsWith('?'))) return 'questionBack';
		// A question word, then a '?' before any full stop, even across a line break (a heading line
		// followed by a lone '?' reads as one question too).
		if (card.kind === 'explanation' && /^(?:what|why|how|when|where|which|who)\b[^.!]*\?/i.test(back)) return 'questionBack';
	}
	const similar = back.length <= front.length * 2 && front.length <= back.length * 2;
	if (similar && partKey(back) === partKey(front)) return 'sameSides';
	if (card.kind !== 'item-reverse' && card.kind !== 'list' && card.kind !== 'item' && asksTwo(asking(front))) return 'asksTwo';
	if (card.kind === 'explanation' && !isShortEnough(back)) return 'tooLong';
	return back === card.back ? card : { ...card, back };
}

/** How two fronts compare: the same text in any case asks the same (the parser has tidied its spacing). */
function frontKey(front: string): string {
	return front.toLowerCase();
}

/**
 * Holds every card to the card rules; `partOf[i]` is the part of the page card i was made from (0: the
 * definition), whose own text is allowed on it, and `parts` says which part of the page each heading, list
 * entry and question is in. A repeated explanation or list front gets its answer's first words as a cue;
 * any other repeated front is left out.
 */
export function keepCardRules(
	cards: readonly CardDraft[],
	partOf: readonly number[],
	parts: PartsOfPage
): { kept: CardDraft[]; leftOut: LeftOutCard[] } {
	const kept: CardDraft[] = [];
	const leftOut: LeftOutCard[] = [];
	const fronts = new Set<string>();
	cards.forEach((card, i) => {
		const checked = checkCard(card, partOf[i] ?? -1, parts);
		if (typeof checked === 'string') {
			leftOut.push({ front: card.front, reason: LEFT_OUT[checked] });
			return;
		}
		let front = checked.front;
		if (fronts.has(frontKey(front)) && (checked.kind === 'explanation' || checked.kind === 'list')) {
			const words = checked.back.replace(/^(?:•|\d{1,9}\.) /, '').split(/\s+/);
			front = `${front}\n${words.slice(0, 4).join(' ')} …`;
		}
		if (fronts.has(frontKey(front))) {
			leftOut.push({ front: card.front, reason: LEFT_OUT.sameFront });
			return;
		}
		fronts.add(frontKey(front));
		kept.push(front === checked.front ? checked : { ...checked, front });
	});
	return { kept, leftOut };
}
