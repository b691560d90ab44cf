import { describe, expect, test } from 'vitest';
import { gatedFetch, hostileKeysIn } from './json-gate';

describe('hostileKeysIn', () => {
	test('names each document whose JSON carries __proto__, constructor or prototype at any depth, with the key', () => {
		const text = JSON.stringify({ results: [{ doc: { _id: 'a', ok: 1 } }, { doc: { _id: 'b', deep: { list: [{ x: 1 }] } } }] })
			.replace('"ok":1', '"ok":1,"__proto__":{"polluted":true}')
			.replace('"x":1', '"x":1,"constructor":{"y":1}');
		expect(hostileKeysIn(text)).toEqual(
			new Map([
				['a', '__proto__'],
				['b', 'constructor']
			])
		);
		// Spelt with escapes, it is the same key.
		expect(hostileKeysIn('{"_id":"c","\\u005f_proto__":{}}')).toEqual(new Map([['c', '__proto__']]));
		expect(hostileKeysIn('{"_id":"d","text":"the constructor of __proto__"}')).toEqual(new Map());
		expect(hostileKeysIn('not json, with __proto__')).toEqual(new Map());
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('the gated fetch notes them and hands on the same answer', async () => {
		const found = new Map<string, string>();
		const body = '{"_id":"a","__proto__":{"x":1}}';
		const fetch = gatedFetch(found, async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
		const response = await fetch('http://server/db/a');
		expect(await response.text()).toBe(body);
		expect(found).toEqual(new Map([['a', '__proto__']]));
	});
});
