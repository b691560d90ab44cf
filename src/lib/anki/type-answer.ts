// A typed answer compared with the expected one as Anki shows it (rslib's typeanswer.rs): the
// expected text without HTML or sounds, both sides in NFC, and a character diff (difflib's
// SequenceMatcher) marking what was right, wrong and missing. `type:nc:` ignores combining marks.
import { stripAvTags, stripHtml } from './html';

export interface DiffPart {
	kind: 'good' | 'bad' | 'missing';
	text: string;
}

export type Comparison =
	/** Nothing was typed: only the expected answer is shown. */
	| { kind: 'expected'; expected: string }
	/** Typed exactly right. */
	| { kind: 'correct'; expected: string }
	/** What was typed, marked, over the expected answer, marked. */
	| { kind: 'diff'; typed: DiffPart[]; expected: DiffPart[] };

/** The expected answer as Anki compares it: line breaks as spaces, no tags, no sounds, trimmed. */
export function expectedText(html: string): string {
	const lines = stripAvTags(html).replace(/(?:\n|<br\s?\/?>|<\/?div>)+/gi, ' ');
	return stripHtml(lines).trim();
}

const isMark = (char: string) => /\p{M}/u.test(char);

interface Opcode {
	tag: 'equal' | 'delete' | 'insert' | 'replace';
	a: [number, number];
	b: [number, number];
}

/** difflib's SequenceMatcher (no junk): the longest matching block first, then each side of it. */
function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
	const b2j = new Map<string, number[]>();
	b.forEach((char, j) => {
		const list = b2j.get(char);
		if (list) list.push(j);
		else b2j.set(char, [j]);
	});
	const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
		let [bestI, bestJ, bestSize] = [alo, blo, 0];
		let lengths = new Map<number, number>();
		for (let i = alo; i < ahi; i++) {
			const next = new Map<number, number>();
			for (const j of b2j.get(a[i]!) ?? []) {
				if (j < blo) continue;
				if (j >= bhi) break;
				const size = (lengths.get(j - 1) ?? 0) + 1;
				next.set(j, size);
				if (size > bestSize) [bestI, bestJ, bestSize] = [i - size + 1, j - size + 1, size];
			}
			lengths = next;
		}
		return [bestI, bestJ, bestSize];
	};
	const blocks: [number, number, number][] = [];
	const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
	while (queue.length > 0) {
		const [alo, ahi, blo, bhi] = queue.pop()!;
		const [i, j, size] = longest(alo, ahi, blo, bhi);
		if (size === 0) continue;
		blocks.push([i, j, size]);
		if (alo < i && blo < j) queue.push([alo, i, blo, j]);
		if (i + size < ahi && j + size < bhi) queue.push([i + size, ahi, j + size, bhi]);
	}
	blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
	// Adjacent blocks are joined, as difflib does.
	const joined: [number, number, number][] = [];
	for (const block of blocks) {
		const last = joined.at(-1);
		if (last && last[0] + last[2] === block[0] && last[1] + last[2] === block[1]) last[2] += block[2];
		else joined.push([...block]);
	}
	joined.push([a.length, b.length, 0]);
	const codes: Opcode[] = [];
	let [i, j] = [0, 0];
	for (const [ai, bj, size] of joined) {
		const tag = i < ai && j < bj ? 'replace' : i < ai ? 'delete' : j < bj ? 'insert' : undefined;
		if (tag) codes.push({ tag, a: [i, ai], b: [j, bj] });
		if (size > 0) codes.push({ tag: 'equal', a: [ai, ai + size], b: [bj, bj + size] });
		[i, j] = [ai + size, bj + size];
	}
	return codes;
}

/** A part that starts with a combining mark gets a no-break space, so it does not join the part before. */
function isolated(text: string): string {
	return text !== '' && isMark(text[0]!) ? `\u00a0${text}` : text;
}

/**
 * Compares what was typed with the expected answer (field HTML). `combining: false` (Anki's
 * `type:nc:`) compares without combining marks, and shows the expected answer with them.
 */
export function compareAnswer(expectedHtml: string, typed: string, combining = true): Comparison {
	const expected = expectedText(expectedHtml);
	if (typed === '') return { kind: 'expected', expected };
	let typedChars: string[];
	let expectedChars: string[];
	/** Per expected character, what to show for it (with its marks, for `nc`). */
	let shown: string[];
	if (combining) {
		typedChars = [...typed.normalize('NFC')];
		expectedChars = [...expected.normalize('NFC')];
		shown = expectedChars;
	} else {
		typedChars = [...typed.normalize('NFKD')].filter((char) => !isMark(char));
		expectedChars = [];
		shown = [];
		for (const char of expected.normalize('NFKD')) {
			if (isMark(char)) {
				if (shown.length > 0) shown[shown.length - 1] += char;
			} else {
				expectedChars.push(char);
				shown.push(char);
			}
		}
	}
	if (typedChars.join('\u0000') === expectedChars.join('\u0000'))
		return { kind: 'correct', expected: combining ? expectedChars.join('') : expected };
	const typedParts: DiffPart[] = [];
	const expectedParts: DiffPart[] = [];
	const slice = (chars: readonly string[], [from, to]: [number, number]) => chars.slice(from, to).join('');
	for (const code of opcodes(typedChars, expectedChars)) {
		const typedText = slice(typedChars, code.a);
		const expectedShown = slice(shown, code.b);
		if (code.tag === 'equal') {
			typedParts.push({ kind: 'good', text: isolated(typedText) });
			expectedParts.push({ kind: 'good', text: isolated(expectedShown) });
		} else if (code.tag === 'delete') typedParts.push({ kind: 'bad', text: isolated(typedText) });
		else if (code.tag === 'insert') {
			typedParts.push({ kind: 'missing', text: '-'.repeat(code.b[1] - code.b[0]) });
			expectedParts.push({ kind: 'missing', text: isolated(expectedShown) });
		} else {
			typedParts.push({ kind: 'bad', text: isolated(typedText) });
			expectedParts.push({ kind: 'missing', text: isolated(expectedShown) });
		}
	}
	return { kind: 'diff', typed: typedParts, expected: expectedParts };
}
