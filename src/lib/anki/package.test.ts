import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { isStubNote, readPackage } from './package';
import { loadSqlite } from './sqlite';
import { makeCollection, makePackage } from './test-package';
import { AnkiPackageError } from './types';

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

function refusal(bytes: Uint8Array): AnkiPackageError {
	try {
		readPackage(bytes, sqlite);
	} catch (error) {
		if (error instanceof AnkiPackageError) return error;
		throw error;
	}
	throw new Error('the package was read');
}

describe('readPackage: the twelve real samples', () => {
	// Notes, cards, revlog entries and media files, as the samples' README counts them.
	test.each([
		['anki2-sound-media.apkg', 'anki2', 1, 1, 0, 1],
		['anki2-update-1.apkg', 'anki2', 1, 1, 0, 0],
		['anki2-update-2.apkg', 'anki2', 1, 1, 0, 0],
		['anki2-template-torture.apkg', 'anki2', 48, 146, 102, 0],
		['anki21-mixed-notetypes-fsrs.apkg', 'anki21', 8, 13, 26, 1],
		['anki21-small-deck.apkg', 'anki21', 5, 6, 7, 2],
		['anki21-cloze-with-scheduling.apkg', 'anki21', 1639, 1639, 3470, 0],
		['anki21b-small-deck.apkg', 'anki21b', 5, 6, 23, 2],
		['anki21b-cloze-1660-notes.apkg', 'anki21b', 1660, 1660, 0, 0],
		['anki21b-collection.colpkg', 'anki21b', 6, 8, 88, 0],
		['anki21b-webp-png-mp3-media.apkg', 'anki21b', 6, 8, 0, 4]
	])('%s: %s, %i notes, %i cards, %i reviews, %i media files', (file, format, notes, cards, reviews, media) => {
		const read = readPackage(fixture(file), sqlite);
		expect(read.format).toBe(format);
		expect(read.collection.notes).toHaveLength(notes);
		expect(read.collection.cards).toHaveLength(cards);
		expect(read.collection.reviews).toHaveLength(reviews);
		expect(read.media).toHaveLength(media);
		// The newest collection is read: never the stub that asks for a newer Anki.
		expect(read.collection.notes.some((note) => isStubNote(note.fields[0] ?? ''))).toBe(false);
	});

	test('the empty export has no cards: it says so, and its stub note is not imported', () => {
		const error = refusal(fixture('anki21b-empty.apkg'));
		expect(error.message).toBe('This package has no cards.');
		expect(error.reason).toBe('empty');
	});

	test('schema 18: note types, fields and templates from their tables; deck names with "::"', () => {
		const { collection } = readPackage(fixture('anki21b-cloze-1660-notes.apkg'), sqlite);
		expect(collection.schema).toBe(18);
		expect([...collection.decks.values()].map((deck) => deck.name).sort()).toEqual([
			'Default',
			'French',
			'French::My french words and phrases'
		]);
		const cloze = [...collection.noteTypes.values()].find((type) => type.kind === 'cloze')!;
		expect(cloze.fields).toHaveLength(4);
		expect(cloze.templates[0]!.question).toContain('{{cloze:');
		expect(collection.clock).toEqual({ created: expect.any(Number), creationOffset: 300, rollover: 4 });
	});

	test('the latest format’s media are decompressed, under their names', () => {
		const { media } = readPackage(fixture('anki21b-webp-png-mp3-media.apkg'), sqlite);
		expect(media.map((file) => [file.name, file.data.length])).toEqual([
			['proficiency.mp3', 24555],
			['Screenshot 2023-10-24 at 22.01.53.png', 567486],
			['Screenshot 2023-11-30 at 19.04.25.png', 1570196],
			['1452.webp', 13750]
		]);
		// A PNG starts with its signature once the zstd frame is gone.
		expect([...media[1]!.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
	});

	test('a filtered deck is known as one', () => {
		const { collection } = readPackage(fixture('anki2-template-torture.apkg'), sqlite);
		expect(
			[...collection.decks.values()]
				.filter((deck) => deck.filtered)
				.map((deck) => deck.name)
				.sort()
		).toEqual(['1-TEMPLATES::Anatomy::BadOrderSections', '1-TEMPLATES::Anatomy::BadTemplate']);
		expect(collection.schedulerVersion).toBe(1);
	});
});

describe('readPackage: what is not a package gets a clear message', () => {
	test('not a zip', () => {
		expect(refusal(new TextEncoder().encode('Front;Back\nhello;world\n'))).toMatchObject({
			reason: 'not-zip',
			message: 'This file is not an Anki package: Anki packages (.apkg, .colpkg) are zip files, and this is not one.'
		});
		expect(refusal(new Uint8Array())).toMatchObject({ reason: 'not-zip' });
	});

	test('a zip that is no package', () => {
		expect(refusal(zipSync({ 'notes.txt': new TextEncoder().encode('hello') }))).toMatchObject({
			reason: 'not-package',
			message: 'This zip is not an Anki package: it holds no Anki collection.'
		});
	});

	test('a cut-off file', () => {
		const whole = fixture('anki21-small-deck.apkg');
		for (const length of [10, 1000, Math.floor(whole.length / 2), whole.length - 10]) {
			expect(refusal(whole.subarray(0, length)), `${length} bytes`).toMatchObject({
				reason: 'damaged',
				message: 'This package is cut off or damaged: its zip could not be read. Download or export it again.'
			});
		}
	});

	test('a damaged collection', () => {
		const garbage = zipSync({ 'collection.anki2': new TextEncoder().encode('this is not SQLite at all, not even close to it'.repeat(20)) });
		const error = refusal(garbage);
		expect(error.reason).toBe('damaged');
		expect(error.message).toMatch(/^The collection in this package is damaged: /);
		const noCards = new sqlite.Database();
		noCards.exec('CREATE TABLE col (ver integer); CREATE TABLE notes (id integer);');
		expect(refusal(zipSync({ 'collection.anki2': noCards.export() }))).toMatchObject({
			reason: 'damaged',
			message: 'The collection in this package is damaged: it has no "cards" table.'
		});
		const zstdGarbage = zipSync({ 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), meta: new Uint8Array([8, 3]) });
		expect(refusal(zstdGarbage)).toMatchObject({
			reason: 'damaged',
			message: 'This package is damaged: its collection could not be decompressed.'
		});
	});

	test('a package format newer than known', () => {
		const pkg = makePackage(sqlite, { notes: [{ guid: 'a', fields: ['f', 'b'] }], extra: { meta: new Uint8Array([8, 4]) } });
		expect(refusal(pkg)).toMatchObject({
			reason: 'newer',
			message:
				'This package was made by a newer Anki than this app can read (package format 4; it reads up to 3). In Anki, export it again with "Support older Anki versions" ticked.'
		});
	});

	test('a collection schema newer than known', () => {
		expect(refusal(makePackage(sqlite, { notes: [{ guid: 'a', fields: ['f', 'b'] }], schema: 19 }))).toMatchObject({
			reason: 'newer',
			message: expect.stringContaining('(collection schema 19; it reads up to 18)')
		});
	});

	test('only the stub beside a collection file this app does not know: a newer format', () => {
		const stub = makeCollection(sqlite, [
			{ guid: 'stub', fields: ['Please update to the latest Anki version, then import the .colpkg/.apkg file again.', ''] }
		]);
		expect(refusal(zipSync({ 'collection.anki2': stub, 'collection.anki22': new Uint8Array([1, 2, 3]) }))).toMatchObject({
			reason: 'newer',
			message: expect.stringContaining('(its collection is "collection.anki22")')
		});
		expect(refusal(zipSync({ 'collection.anki2': stub }))).toMatchObject({ reason: 'not-package' });
	});

	test('a package with notes but no cards', () => {
		const db = new sqlite.Database(makeCollection(sqlite, [{ guid: 'a', fields: ['f', 'b'] }]));
		db.exec('DELETE FROM cards');
		expect(refusal(zipSync({ 'collection.anki2': db.export() }))).toMatchObject({ reason: 'empty', message: 'This package has no cards.' });
	});

	test('media names that could be paths are left out', () => {
		const pkg = makePackage(sqlite, {
			notes: [{ guid: 'a', fields: ['<img src="ok.png">', ''] }],
			media: { 'ok.png': new Uint8Array([1]), '../evil.png': new Uint8Array([2]), 'a/b.png': new Uint8Array([3]) }
		});
		expect(readPackage(pkg, sqlite).media.map((file) => file.name)).toEqual(['ok.png']);
	});
});
