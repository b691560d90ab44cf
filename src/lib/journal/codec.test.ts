import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crc32, decodeFrames, encodeFrames, FRAME_HEAD } from './codec';

describe('the journal’s frames', () => {
	test('CRC-32 is the standard one (zip, PNG): "123456789" gives CBF43926', () => {
		expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
		expect(crc32(new Uint8Array(0))).toBe(0);
	});

	test('entries come back in the order written, each a frame of its length, checksum and JSON', () => {
		const entries = [{ a: 1 }, 'é and ✓', [1, 2, 3], { nested: { deep: null } }];
		const bytes = encodeFrames(entries);
		const json = new TextEncoder().encode(JSON.stringify(entries[0]));
		expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(json.length);
		expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(crc32(json));
		expect(decodeFrames(bytes)).toEqual({ entries, end: bytes.length, ignored: 0 });
	});

	test('a last entry cut short anywhere is ignored, and the whole ones before it are read', () => {
		const whole = encodeFrames([{ answer: 1 }, { answer: 2 }]);
		const last = encodeFrames([{ answer: 3 }]);
		for (let cut = 0; cut < last.length; cut++) {
			const bytes = new Uint8Array([...whole, ...last.subarray(0, cut)]);
			expect(decodeFrames(bytes), `cut after ${cut} bytes`).toEqual({
				entries: [{ answer: 1 }, { answer: 2 }],
				end: whole.length,
				ignored: cut
			});
		}
	});

	test('a frame whose bytes changed fails its checksum: it and everything after it are ignored', () => {
		const bytes = encodeFrames([{ answer: 1 }, { answer: 2 }, { answer: 3 }]);
		const first = FRAME_HEAD + JSON.stringify({ answer: 1 }).length;
		bytes[first + FRAME_HEAD + 3]! ^= 0x20;
		expect(decodeFrames(bytes)).toEqual({ entries: [{ answer: 1 }], end: first, ignored: bytes.length - first });
	});

	test('zeros where a frame should start (a file grown but never written) are no frame', () => {
		const bytes = new Uint8Array([...encodeFrames([{ answer: 1 }]), ...new Uint8Array(64)]);
		expect(decodeFrames(bytes).entries).toEqual([{ answer: 1 }]);
		expect(decodeFrames(bytes).ignored).toBe(64);
	});

	test('reading on from where whole frames ended gives only what was appended since', () => {
		const before = encodeFrames([{ answer: 1 }]);
		const bytes = new Uint8Array([...before, ...encodeFrames([{ answer: 2 }])]);
		expect(decodeFrames(bytes, before.length).entries).toEqual([{ answer: 2 }]);
	});

	test('any prefix of a journal reads as a prefix of its entries, never anything else', () => {
		const entry = fc.record({ card: fc.string(), time: fc.integer(), text: fc.string({ unit: 'grapheme' }) });
		fc.assert(
			fc.property(fc.array(entry, { maxLength: 8 }), fc.nat(), (entries, at) => {
				const bytes = encodeFrames(entries);
				const cut = bytes.length === 0 ? 0 : at % (bytes.length + 1);
				const read = decodeFrames(bytes.subarray(0, cut));
				expect(read.entries).toEqual(entries.slice(0, read.entries.length));
				expect(read.end + read.ignored).toBe(cut);
				if (cut === bytes.length) expect(read.entries).toEqual(entries);
			}),
			{ numRuns: 300 }
		);
	});
});
