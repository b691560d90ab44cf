import { describe, expect, test } from 'vitest';
import { clozeForTyping, clozeNumbers, clozeOnly, revealCloze } from './cloze';
import { stripHtml } from './html';

const text = (html: string) => stripHtml(html);

describe('revealCloze', () => {
	test('the card hides its own cloze and shows the others, as Anki does', () => {
		const field = '{{c1::one}} {{c2::two::hint}}';
		expect(revealCloze(field, 1, true).html).toBe(
			'<span class="cloze" data-cloze="one" data-ordinal="1">[...]</span> <span class="cloze-inactive" data-ordinal="2">two</span>'
		);
		expect(text(revealCloze(field, 2, true).html)).toBe('one [hint]');
		expect(text(revealCloze(field, 2, false).html)).toBe('one two');
		expect(revealCloze(field, 2, false).html).toBe(
			'<span class="cloze-inactive" data-ordinal="1">one</span> <span class="cloze" data-ordinal="2">two</span>'
		);
	});

	test('a number the text does not use renders nothing: Anki calls that card empty', () => {
		expect(revealCloze('{{c1::one}} {{c2::two::hint}}', 3, true)).toEqual({ html: '', shapes: [] });
		expect(revealCloze('no cloze at all', 1, false).html).toBe('');
	});

	test('one number used twice hides both', () => {
		expect(text(revealCloze('the {{c1::cat}} and the {{c1::dog}}', 1, true).html)).toBe('the [...] and the [...]');
	});

	test('nested clozes: the outer one hides everything inside it; the inner one hides only itself', () => {
		const field = '{{c1::The {{c2::quick}} fox}} jumps';
		expect(text(revealCloze(field, 1, true).html)).toBe('[...] jumps');
		expect(text(revealCloze(field, 1, false).html)).toBe('The quick fox jumps');
		expect(text(revealCloze(field, 2, true).html)).toBe('The [...] fox jumps');
		expect(text(revealCloze(field, 2, false).html)).toBe('The quick fox jumps');
		expect(clozeNumbers(field)).toEqual(new Set([1, 2]));
	});

	test('a hint of a nested cloze stays with it; the outer hint is what follows its own text', () => {
		const field = '{{c1::a {{c2::b::inner}} c::outer}}';
		expect(text(revealCloze(field, 1, true).html)).toBe('[outer]');
		expect(text(revealCloze(field, 2, true).html)).toBe('a [inner] c');
	});

	test('a closing "}}" outside a cloze is text; a cloze never closed is dropped, as in Anki', () => {
		expect(text(revealCloze('{{c1::a}} b}}', 1, false).html)).toBe('a b}}');
		expect(text(revealCloze('{{c1::a}} {{c2::lost', 1, false).html)).toBe('a ');
	});

	test('the hidden text is kept, escaped, for the cloze span', () => {
		expect(revealCloze('{{c1::<b>"x"</b>}}', 1, true).html).toBe(
			'<span class="cloze" data-cloze="&lt;b&gt;&quot;x&quot;&lt;/b&gt;" data-ordinal="1">[...]</span>'
		);
	});

	test('Image Occlusion shapes are collected, not shown as text', () => {
		const field =
			'{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}<br>{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.2:oi=1}}';
		const result = revealCloze(field, 2, true);
		expect(result.html).toBe('<br>');
		expect(result.shapes).toEqual([
			{ ordinal: 1, active: false, kind: 'rect', props: { left: '.1', top: '.2', width: '.3', height: '.4', oi: '1' } },
			{ ordinal: 2, active: true, kind: 'ellipse', props: { left: '.5', top: '.5', rx: '.1', ry: '.2', oi: '1' } }
		]);
	});
});

describe('cloze numbers and typing', () => {
	test('c0 makes no card; numbers over 9 are read whole', () => {
		expect(clozeNumbers('{{c0::te}}s{{c12::t}}s')).toEqual(new Set([12]));
		expect(clozeNumbers('{{c2::te}}{{c1::s}}t{{')).toEqual(new Set([1, 2]));
	});

	test('cloze-only shows only the card’s clozes', () => {
		expect(clozeOnly('{{c1::one}} {{c2::two::hint}} {{c1::three}}', 1, false)).toBe('one, three');
		expect(clozeOnly('{{c1::one}} {{c2::two::hint}}', 2, true)).toBe('hint');
	});

	test('the typed answer of a cloze card: its clozes, once when they are all the same', () => {
		expect(clozeForTyping('{{c1::cat}} and {{c1::cat}}', 1)).toBe('cat');
		expect(clozeForTyping('{{c1::cat}} and {{c1::dog}}', 1)).toBe('cat, dog');
		expect(clozeForTyping('{{c1::cat}}', 2)).toBe('');
	});
});
