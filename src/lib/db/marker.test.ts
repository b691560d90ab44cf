import { describe, expect, test } from 'vitest';
import { memoryFileStore } from './file-store';
import { lostAnswers, MARKER_FILE, readMarker, writeMarker, type Marker } from './marker';

const marker: Marker = { installId: 'install-a', answers: 120, lastAnswerAt: 1_770_000_000_000, writtenAt: 1_770_000_001_000 };

describe('the marker', () => {
	test('is read back as written', async () => {
		const store = memoryFileStore();
		await writeMarker(store, marker);
		expect(await readMarker(store)).toEqual(marker);
	});

	test.each([
		['missing', undefined],
		['not JSON', '{"installId":'],
		['of another shape', '{"installId":"a","answers":-1,"lastAnswerAt":null,"writtenAt":1}'],
		['null', 'null']
	])('reads as none when it is %s', async (_what, text) => {
		const store = memoryFileStore(text === undefined ? new Map() : new Map([[MARKER_FILE, text]]));
		expect(await readMarker(store)).toBeUndefined();
	});

	test('reads as none when the store cannot be read', async () => {
		const store = { ...memoryFileStore(), read: () => Promise.reject(new DOMException('gone', 'NotReadableError')) };
		expect(await readMarker(store)).toBeUndefined();
	});
});

describe('lostAnswers: a loss is a database under another install id where the marker counted answers', () => {
	test('a new database on a device whose marker held answers is a loss', () => {
		expect(lostAnswers(marker, 'install-b')).toEqual(marker);
		expect(lostAnswers(marker, undefined)).toEqual(marker);
	});

	test('the same database is no loss, whatever it holds now', () => {
		expect(lostAnswers(marker, 'install-a')).toBeUndefined();
	});

	test('a first start (no marker) or a marker without answers is no loss', () => {
		expect(lostAnswers(undefined, 'install-b')).toBeUndefined();
		expect(lostAnswers({ ...marker, answers: 0, lastAnswerAt: null }, 'install-b')).toBeUndefined();
	});
});
