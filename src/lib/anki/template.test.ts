import { describe, expect, test } from 'vitest';
import { fieldIsEmpty, fillTemplate, parseTemplate, showsAnyField, TemplateProblem, type Fill } from './template';

function fill(template: string, fields: Record<string, string>, extra: Partial<Fill> = {}): string {
	return fillTemplate(parseTemplate(template), {
		fields: new Map(Object.entries(fields)),
		filter: (name, text) => (name === 'upper' ? text.toUpperCase() : undefined),
		...extra
	});
}

describe('fillTemplate', () => {
	test('fields are replaced by their values, whitespace inside the braces ignored', () => {
		expect(fill('{{Front}} / {{  Back }}', { Front: 'hello', Back: 'world' })).toBe('hello / world');
	});

	test('a section shows when its field is not empty; a negated one when it is', () => {
		const template = '{{#Extra}}[{{Extra}}]{{/Extra}}{{^Extra}}none{{/Extra}}';
		expect(fill(template, { Extra: 'x' })).toBe('[x]');
		expect(fill(template, { Extra: ' <br> <div></div>' })).toBe('none');
	});

	test('sections nest', () => {
		const template = '{{#A}}a{{#B}}b{{/B}}{{/A}}';
		expect(fill(template, { A: '1', B: '1' })).toBe('ab');
		expect(fill(template, { A: '1', B: '' })).toBe('a');
		expect(fill(template, { A: '', B: '1' })).toBe('');
	});

	test('{{FrontSide}} is the front, whatever filters it is given', () => {
		expect(fill('{{FrontSide}}<hr id=answer>{{Back}}', { Back: 'b' }, { frontSide: 'the front' })).toBe('the front<hr id=answer>b');
	});

	test('filters apply right to left, nearest the field first; unknown ones are skipped', () => {
		const order: string[] = [];
		const result = fill(
			'{{upper:unknown:Front}}',
			{ Front: 'x' },
			{
				filter: (name, text) => {
					order.push(name);
					return name === 'upper' ? text.toUpperCase() : undefined;
				}
			}
		);
		expect(result).toBe('X');
		expect(order).toEqual(['unknown', 'upper']);
	});

	test('type: with cloze or nc before it is one filter; any other type: replaces the rest', () => {
		const seen: string[] = [];
		const filter = (name: string) => (seen.push(name), '');
		fill('{{type:cloze:A}}{{type:nc:A}}{{type:text:A}}{{type:A}}', { A: 'a' }, { filter });
		expect(seen).toEqual(['type-cloze', 'type-nc', 'type', 'type']);
	});

	test('HTML comments are kept as they are', () => {
		expect(fill('<!-- {{Nothing}} -->{{A}}', { A: 'a' })).toBe('<!-- {{Nothing}} -->a');
	});

	test('triple braces read as the field, the extra brace left as text', () => {
		expect(fill('{{{Back}}}', { Back: 'b' })).toBe('b}');
	});

	test('{{c2}} tests the card number: set for card 2, known but empty for the others', () => {
		expect(fill('{{#c2}}two{{/c2}}{{^c1}}not one{{/c1}}', { c2: '1' })).toBe('twonot one');
	});

	test('the legacy <% %> delimiters, only when the template starts with their switch', () => {
		expect(fill('  {{=<% %>=}}<%Front%> {{Front}}', { Front: 'f' })).toBe('f {{Front}}');
		expect(() => fill('x {{=<% %>=}}<%Front%>', { Front: 'f' })).toThrow('there is no field called “=<% %>=”');
	});

	test('an unclosed "{{" is text', () => {
		expect(fill('{{Front}} {{oops', { Front: 'f' })).toBe('f {{oops');
	});
});

describe('templates Anki cannot render', () => {
	test.each([
		['{{Nope}}', 'there is no field called “Nope”'],
		['{{#Nope}}x{{/Nope}}', 'there is no field called “Nope”'],
		['{{!A comment}}', 'there is no field called “!A comment”'],
		['{{#A}}{{#B}}x{{/A}}{{/B}}', '{{/A}} closes a section, but the open one is {{#B}}'],
		['{{#A}}x{{/z}}', '{{/z}} closes a section, but the open one is {{#A}}'],
		['x{{/A}}', '{{/A}} closes a section that was never opened'],
		['{{#A}}x', '{{#A}} is never closed with {{/A}}']
	])('%s', (template, problem) => {
		const attempt = () => fill(template, { A: '1', B: '1' });
		expect(attempt).toThrow(TemplateProblem);
		expect(attempt).toThrow(problem);
	});

	test('a section that is not shown is still checked', () => {
		expect(() => fill('{{#A}}{{Missing}}{{/A}}', { A: '' })).toThrow('there is no field called “Missing”');
	});
});

describe('empty fronts', () => {
	const shows = (template: string, fields: Record<string, string>) =>
		showsAnyField(parseTemplate(template), (key) => (fields[key] ?? '') !== '');

	test('a front shows something only through a non-empty field', () => {
		expect(shows('Question: {{Front}}', { Front: 'x' })).toBe(true);
		expect(shows('Question: {{Front}}', { Front: '' })).toBe(false);
		expect(shows('{{#Add Reverse}}{{Back}}{{/Add Reverse}}', { Back: 'b', 'Add Reverse': '' })).toBe(false);
		expect(shows('{{#Add Reverse}}{{Back}}{{/Add Reverse}}', { Back: 'b', 'Add Reverse': 'y' })).toBe(true);
		expect(shows('{{^Hide}}{{Front}}{{/Hide}}', { Front: 'x', Hide: 'y' })).toBe(false);
	});

	test('Anki’s empty field: blank space and empty <br>/<div> tags only', () => {
		expect(fieldIsEmpty('')).toBe(true);
		expect(fieldIsEmpty(' <div> <br> </div>\n')).toBe(true);
		expect(fieldIsEmpty('<BR>')).toBe(true);
		expect(fieldIsEmpty('<div />')).toBe(true);
		expect(fieldIsEmpty(' <div>x</div>\n')).toBe(false);
		expect(fieldIsEmpty('<img src="a.png">')).toBe(false);
	});
});
