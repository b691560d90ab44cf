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

	it('says whether an address is already a normalised web address', () => {
		expect(isWebAddress('https://example.com/')).toBe(true);
		expect(isWebAddress('https://example.com')).toBe(false);
		expect(isWebAddress('javascript:alert(1)')).toBe(false);
	});
});
