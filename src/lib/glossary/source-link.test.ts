import { describe, expect, it } from 'vitest';
import { isWebAddress, webAddress } from './source-link';

describe('webAddress', () => {
	it('keeps http and https addresses, normalised', () => {
		expect(webAddress(' https://Example.com/glossary/jtbd ')).toBe('https://example.com/glossary/jtbd');
		expect(webAddress('http://example.com')).toBe('http://example.com/');
	});

	it('drops every other kind of link and what is no address', () => {
		for (const address of [
			'javascript:alert(1)',
			'JAVASCRIPT:alert(1)',
			'data:text/html,x',
			'file:///etc/passwd',
			'example.com',
			'',
			null,
			undefined
		]) {
			expect(webAddress(address)).toBeUndefined();
		}
		expect(webAddress(`https://example.com/${'a'.repeat(2001)}`)).toBeUndefined();
	});

	it('says whether a stored link is a web address', () => {
		expect(isWebAddress('https://example.com/')).toBe(true);
		expect(isWebAddress('HTTP://example.com')).toBe(true);
		expect(isWebAddress('javascript:alert(1)')).toBe(false);
		expect(isWebAddress('https://example.com/a b')).toBe(false);
		expect(isWebAddress(' https://example.com/')).toBe(false);
		expect(isWebAddress(`https://example.com/${'a'.repeat(2000)}`)).toBe(false);
	});

	it('gives only addresses that pass as stored links', () => {
		for (const address of ['https://Example.com/a b', 'http://example.com', 'https://example.com/ünï']) {
			expect(isWebAddress(webAddress(address) as string)).toBe(true);
		}
	});
});
