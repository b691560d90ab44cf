import { describe, expect, test } from 'vitest';
import { compareAnswer, expectedText } from './type-answer';

const part = (kind: 'good' | 'bad' | 'missing') => (text: string) => ({ kind, text });
const [good, bad, missing] = [part('good'), part('bad'), part('missing')];

// The cases of Anki's own typeanswer.rs tests: the same answers must be marked the same way.
describe('compareAnswer', () => {
	test('marks what was typed and what was expected, character by character', () => {
		expect(compareAnswer('¿Y ahora qué vamos a hacer?', 'y ahora qe vamosa hacer')).toEqual({
			kind: 'diff',
			typed: [bad('y'), good(' ahora q'), bad('e'), good(' vamos'), missing('-'), good('a hacer'), missing('-')],
			expected: [missing('¿Y'), good(' ahora q'), missing('ué'), good(' vamos'), missing(' '), good('a hacer'), missing('?')]
		});
	});

	test('a missing character shows as a dash only after what was right', () => {
		expect(compareAnswer('1', '23')).toMatchObject({ typed: [bad('23')] });
		expect(compareAnswer('12', '1')).toMatchObject({ typed: [good('1'), missing('-')] });
		expect(compareAnswer('нос', 'нс')).toMatchObject({ typed: [good('н'), missing('-'), good('с')] });
	});

	test('Korean syllables are compared whole', () => {
		expect(compareAnswer('쓰다듬다', '스다뜸다')).toMatchObject({ typed: [bad('스'), good('다'), bad('뜸'), good('다')] });
	});

	test('the expected answer loses its tags, sounds and line breaks; blank space is kept as typed', () => {
		expect(expectedText('[sound:foo.mp3]<b>1</b> &nbsp;2')).toBe('1  2');
		expect(expectedText('<div>123</div>')).toBe('123');
		expect(expectedText('one<br>two\nthree')).toBe('one two three');
		expect(compareAnswer('[sound:foo.mp3]<b>1</b> &nbsp;2', '1  2')).toEqual({ kind: 'correct', expected: '1  2' });
	});

	test('nothing typed shows the expected answer alone; the right answer shows once', () => {
		expect(compareAnswer('<div>123</div>', '')).toEqual({ kind: 'expected', expected: '123' });
		expect(compareAnswer('123', '123')).toEqual({ kind: 'correct', expected: '123' });
		expect(compareAnswer('123', '1123')).toEqual({ kind: 'diff', typed: [bad('1'), good('123')], expected: [good('123')] });
	});

	test('composed and decomposed accents are the same answer', () => {
		expect(compareAnswer('café', 'cafe\u0301')).toEqual({ kind: 'correct', expected: 'café' });
	});

	test('type:nc ignores combining marks, and shows the expected answer with them', () => {
		expect(compareAnswer('שִׁנּוּן', 'שנון', false)).toEqual({ kind: 'correct', expected: 'שִׁנּוּן' });
		expect(compareAnswer('ば', 'は', false)).toEqual({ kind: 'correct', expected: 'ば' });
		expect(compareAnswer('חוֹף', 'חופ', false)).toEqual({
			kind: 'diff',
			typed: [good('חו'), bad('פ')],
			expected: [good('חוֹ'), missing('ף')]
		});
	});
});
