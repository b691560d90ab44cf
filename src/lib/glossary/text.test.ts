// Markup stripping, line splitting and the heading shape test, on the lines that decide them.
import { describe, expect, it } from 'vitest';
import { headingShape, plainText, splitLines, usableText } from './text';

describe('plainText', () => {
	it.each([
		['**Communication**: Clearly conveying ideas', 'Communication: Clearly conveying ideas'],
		['__Bold__ and *em* and _em_ and ***both***', 'Bold and em and em and both'],
		['Read [the guide](https://example.com/guide) first', 'Read the guide first'],
		['![question mark](https://example.com/q.svg) Why it matters', 'Why it matters'],
		['Use `git log` and \\*literal\\* stars', 'Use git log and *literal* stars'],
		['5 * 3 = 15, snake_case, 2*x', '5 * 3 = 15, snake_case, 2*x'],
		['A link-like (not a link) [note] (see below)', 'A link-like (not a link) [note] (see below)'],
		['<img src=x onerror=alert(1)> & <b>bold</b>', '<img src=x onerror=alert(1)> & <b>bold</b>'],
		['<img src=x onerror=window.__xss=1> stays', '<img src=x onerror=window.__xss=1> stays'],
		['a lone * star, a lone _ and a lone ` tick', 'a lone * star, a lone _ and a lone ` tick'],
		['**unclosed bold and *closed em*', '**unclosed bold and closed em'],
		['  spaced \t  out\u00a0 text  ', 'spaced out text']
	])('%s -> %s', (input, expected) => {
		expect(plainText(input)).toBe(expected);
	});

	it('stays linear on pathological lines', () => {
		for (const line of ['['.repeat(200_000), '[a]('.repeat(50_000), '](x'.repeat(60_000), '*_'.repeat(100_000), '\\'.repeat(200_000)]) {
			expect(typeof plainText(line)).toBe('string');
		}
	});
});

describe('splitLines', () => {
	it('measures indentation (a tab is 4) and tidies spacing', () => {
		expect(splitLines('  1. A\n\t• B\u200b\n   ')).toEqual([
			{ text: '1. A', indent: 2 },
			{ text: '• B', indent: 4 },
			{ text: '', indent: 3 }
		]);
	});
});

describe('usableText', () => {
	it('unifies CRLF, CR and Unicode line separators to LF', () => {
		expect(usableText('a\r\nb\rc\u2028d\u2029e')).toBe('a\nb\nc\nd\ne');
	});
});

describe('headingShape', () => {
	it.each([
		['Soft Skills', 'title'],
		['Glossaries', 'title'],
		['What are Soft Skills in Product Management?', 'question'],
		['Why Soft Skills are Crucial in Product Management', 'title'],
		['How to Develop Soft Skills in Product Management', 'title'],
		['Frequently Asked Questions', 'title'],
		['Try Innerview', 'title'],
		['Agile vs. Waterfall', 'title'],
		['Why roadmaps matter', 'sentence'],
		['Try the user interview platform used by modern product teams everywhere', 'sentence'],
		['question mark', null],
		['Synonyms: Interpersonal skills, People skills, Non-technical skills', null],
		['Users will love you for itInnerview: Help the world make progress', null],
		['Question 1: How do soft skills differ from hard skills?', null],
		['Common examples include:', null],
		['Soft skills are essential for product managers.', null],
		['Plan ahead. Then ship', null],
		['A, B, C, and D', null],
		['A line that is far too long to be a heading because it keeps going on and on and on without end', null]
	])('%s -> %s', (line, shape) => {
		expect(headingShape(line)).toBe(shape);
	});
});
