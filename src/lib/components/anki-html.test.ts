import { describe, expect, test } from 'vitest';
import { safeStyle } from './anki-html';

describe('safeStyle', () => {
	test('keeps the look of a field: colours, sizes, fonts, alignment', () => {
		expect(safeStyle('font-size:250%;color:#0055ff')).toBe('font-size:250%; color:#0055ff');
		expect(safeStyle(' font-family: Arial; font-size: 50px;;color:#0055ff ')).toBe('font-family: Arial; font-size: 50px; color:#0055ff');
	});

	test('drops every declaration that could load something, however it is written', () => {
		expect(safeStyle('background: url(https://evil.example/a.png); color: red')).toBe('color: red');
		expect(safeStyle('background:URL ("x")')).toBe('');
		expect(safeStyle('background-image: image-set("a.png" 1x)')).toBe('');
		expect(safeStyle('list-style: image("a.png")')).toBe('');
		expect(safeStyle('background: cross-fade(url(a), url(b))')).toBe('');
		expect(safeStyle('width: expression(alert(1))')).toBe('');
		expect(safeStyle('@import "x.css"')).toBe('');
		// CSS escapes and comments could spell "url(" without the letters: refused whole.
		expect(safeStyle('background: u\\72l(https://evil.example)')).toBe('');
		expect(safeStyle('background: u/**/rl(https://evil.example)')).toBe('');
	});

	test('a field cannot lay itself over the app', () => {
		expect(safeStyle('position: fixed; inset: 0; z-index: 9999')).toBe('inset: 0; z-index: 9999');
		expect(safeStyle('position:sticky')).toBe('');
		expect(safeStyle('position: relative')).toBe('position: relative');
	});
});
