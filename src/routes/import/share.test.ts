import { describe, expect, it } from 'vitest';
import { isHtmlFile, readShare } from './share';

describe('readShare', () => {
	it('takes the text and a web address from their own parameters', () => {
		const params = new URLSearchParams({
			title: 'Persona | Glossary',
			text: 'Persona\r\nWhat is a Persona?',
			url: 'https://example.com/persona'
		});
		expect(readShare(params)).toEqual({ text: 'Persona\nWhat is a Persona?', sourceUrl: 'https://example.com/persona' });
	});

	it('takes the address from the end of the text, where browsers often put it', () => {
		const params = new URLSearchParams({ text: 'Persona\nWhat is a Persona?\n\nhttps://example.com/persona' });
		expect(readShare(params)).toEqual({ text: 'Persona\nWhat is a Persona?', sourceUrl: 'https://example.com/persona' });
	});

	it('keeps no address that is not a web address', () => {
		expect(readShare(new URLSearchParams({ text: 'Persona', url: 'javascript:alert(1)' }))).toEqual({ text: 'Persona' });
		expect(readShare(new URLSearchParams({ text: 'Persona\njavascript:alert(1)' }))).toEqual({ text: 'Persona\njavascript:alert(1)' });
	});

	it('gives empty text for a share without any', () => {
		expect(readShare(new URLSearchParams({ url: 'https://example.com/persona' }))).toEqual({
			text: '',
			sourceUrl: 'https://example.com/persona'
		});
	});
});

describe('isHtmlFile', () => {
	it('knows a saved page by its name or its type', () => {
		expect(isHtmlFile({ name: 'Persona - Glossary.html', type: '' })).toBe(true);
		expect(isHtmlFile({ name: 'PERSONA.HTM', type: '' })).toBe(true);
		expect(isHtmlFile({ name: 'download', type: 'text/html' })).toBe(true);
		expect(isHtmlFile({ name: 'persona.md', type: 'text/markdown' })).toBe(false);
		expect(isHtmlFile({ name: 'persona.html.txt', type: 'text/plain' })).toBe(false);
	});
});
