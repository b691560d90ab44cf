// Sentences of a card's text: how many a back holds (a learner recalls a few, not a page), where a
// long section is split, and what is left of a text cut off part way through a sentence.
// One forward scan per text: no regex that backtracks on a long paragraph.
import { trimEnd } from './text';

/** An explanation's back holds at most this many sentences: a few, which a learner can recall. */
export const MAX_BACK_SENTENCES = 4;
/** ...and at most this many characters, unless it is a single long sentence (which is not split). */
export const MAX_BACK_CHARS = 600;

/** Words a period follows without ending the sentence ("e.g. Surveys", "vs. Waterfall"). */
const ABBREVIATIONS = new Set('e.g eg i.e ie vs etc cf al mr mrs ms dr st fig approx inc ltd co jr sr'.split(' '));
const ENDS = '.!?…。！？';
const CLOSERS = '"\'”’»)]';

function isUpperOrDigit(c: string | undefined): boolean {
	return c !== undefined && /[\p{Lu}\p{N}"“‘'(¿¡]/u.test(c);
}

/** The word right before position `end`, lower-case, without its dots: what a period there follows. */
function wordBefore(text: string, end: number): string {
	let start = end;
	while (start > 0 && start > end - 12 && text[start - 1] !== ' ') start--;
	return text.slice(start, end).toLowerCase();
}

/**
 * The sentences of a text, in order, each trimmed: a sentence ends at ".", "!", "?" or "…" (inside a
 * closing quote or bracket too) before a space and a capital, a digit or a quote, and at a line break.
 */
export function sentencesOf(text: string): string[] {
	const out: string[] = [];
	for (const line of text.split('\n')) {
		let from = 0;
		for (let i = 0; i < line.length; i++) {
			if (!ENDS.includes(line[i] as string)) continue;
			let end = i + 1;
			while (end < line.length && CLOSERS.includes(line[end] as string)) end++;
			if (line[end] !== ' ' || !isUpperOrDigit(line[end + 1])) continue;
			if (line[i] === '.') {
				const word = wordBefore(line, i);
				// "J. Smith", "e.g. Surveys" and a list's "2. Empathy" go on.
				if (ABBREVIATIONS.has(word.replace(/\.$/, '')) || /^\p{L}$/u.test(word)) continue;
				if (/^\d{1,9}$/.test(word) && line.slice(from, i - word.length).trim() === '') continue;
				// "No. 5" is a number; "No. It works" two sentences.
				if (word === 'no' && /\d/.test(line[end + 1] as string)) continue;
			}
			const sentence = line.slice(from, end).trim();
			if (sentence !== '') out.push(sentence);
			from = end + 1;
			i = end;
		}
		const rest = line.slice(from).trim();
		if (rest !== '') out.push(rest);
	}
	return out;
}

/** Whether a text ends a sentence: its last character (before closing quotes) ends one. */
export function endsFinished(text: string): boolean {
	const t = trimEnd(text.trimEnd(), CLOSERS);
	return t !== '' && ENDS.includes(t[t.length - 1] as string);
}

/** Whether a back of this many sentences and characters is short enough to recall: a few sentences, or one however long. */
function fits(sentences: number, chars: number): boolean {
	return sentences <= 1 || (sentences <= MAX_BACK_SENTENCES && chars <= MAX_BACK_CHARS);
}

/** Whether a back is short enough to recall: a few sentences, or one sentence however long. */
export function isShortEnough(text: string): boolean {
	return fits(sentencesOf(text).length, text.length);
}

/**
 * Paragraphs regrouped into parts a learner can recall: whole paragraphs while they fit, a paragraph
 * too long for one part split between its sentences. Each part is text (paragraphs joined by a blank line).
 * Counts are kept as it goes, so a page-long paragraph costs one pass.
 */
export function recallableParts(paragraphs: readonly string[]): string[] {
	const parts: string[] = [];
	let current: string[] = [];
	let count = 0;
	let chars = 0;
	for (const paragraph of paragraphs) {
		const sentences = sentencesOf(paragraph);
		if (current.length > 0 && fits(count + sentences.length, chars + 2 + paragraph.length)) {
			current.push(paragraph);
			count += sentences.length;
			chars += 2 + paragraph.length;
			continue;
		}
		if (current.length > 0) parts.push(current.join('\n\n'));
		if (fits(sentences.length, paragraph.length)) {
			[current, count, chars] = [[paragraph], sentences.length, paragraph.length];
			continue;
		}
		let group: string[] = [];
		let length = 0;
		// Even parts: six sentences make two parts of three, not four and two.
		const size = Math.ceil(sentences.length / Math.ceil(sentences.length / MAX_BACK_SENTENCES));
		for (const sentence of sentences) {
			if (group.length > 0 && (group.length >= size || !fits(group.length + 1, length + 1 + sentence.length))) {
				parts.push(group.join(' '));
				[group, length] = [[], 0];
			}
			length += (group.length > 0 ? 1 : 0) + sentence.length;
			group.push(sentence);
		}
		[current, count, chars] = [[group.join(' ')], group.length, length];
	}
	if (current.length > 0) parts.push(current.join('\n\n'));
	return parts;
}

/**
 * What is left of a text cut off part way through a sentence: its finished sentences, else its
 * finished clauses with "…" ("Yes, items ca" -> "Yes …"), else nothing.
 */
export function finishedPart(text: string): string {
	const paragraphs = text.split('\n\n');
	const last = paragraphs.pop() as string;
	const sentences = sentencesOf(last);
	const finished = sentences.filter((s, i) => i < sentences.length - 1 || endsFinished(s));
	let kept = finished.join(' ');
	if (kept === '' && paragraphs.length === 0) {
		// "... such as task completion rate," stops at the end of a clause: all of it is kept.
		const text = /[,;–—]$/.test(last) ? `${last.slice(0, -1)}, ` : last;
		const clause = Math.max(text.lastIndexOf(', '), text.lastIndexOf('; '), text.lastIndexOf(' – '), text.lastIndexOf(' — '));
		const before = clause > 0 ? text.slice(0, clause).trim() : '';
		kept = before === '' ? '' : `${before} …`;
	}
	return [...paragraphs, kept].filter((p) => p !== '').join('\n\n');
}
