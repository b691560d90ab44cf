// An independent check of the .apkg export: the package is opened here with sql.js itself and
// raw SQL (none of the exporter's or the importer's code reads it), and checked against Anki's
// schema 11 as rslib's schema11.sql writes it, Anki's checksum rule, and the JSON keys Anki
// requires when it opens the file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import initSqlJs, { type Database } from 'sql.js';
import { describe, expect, test } from 'vitest';
import { exportPackage } from './export-package';
import { importedDeck, NOW, studiedDeck, TODAY } from './export-test-decks';
import type { ExportDeck } from './export-notes';
import { importPackage } from './import-package';
import { readPackage } from './package';
import { loadSqlite } from './sqlite';

const wasm = readFileSync('node_modules/sql.js/dist/sql-wasm.wasm');
const SQL = await initSqlJs({ wasmBinary: wasm });
const sqlite = await loadSqlite({ binary: wasm });

/** Every row of a query, as objects by column name. */
function select(db: Database, sql: string): Record<string, unknown>[] {
	const [result] = db.exec(sql);
	if (!result) return [];
	return result.values.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
}

async function exported(deck: ExportDeck, includeProgress = true, now = NOW) {
	const { bytes } = await exportPackage(sqlite, deck, { includeProgress, now });
	const files = unzipSync(bytes);
	const db = new SQL.Database(files['collection.anki21']!);
	return { files, db };
}

/** The first field's text as Anki checksums it: media tags as their file names, other tags gone, entities decoded. */
function strippedForChecksum(html: string): string {
	return html
		.replace(/<img[^>]*?src="([^"]+)"[^>]*>/gi, ' $1 ')
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&');
}

const checksum = (html: string) => parseInt(createHash('sha1').update(strippedForChecksum(html)).digest('hex').slice(0, 8), 16);

// rslib/src/storage/schema11.sql: [name, type, not null, primary key] of each column.
const SCHEMA: Record<string, [string, string, number, number][]> = {
	col: [
		['id', 'integer', 0, 1],
		['crt', 'integer', 1, 0],
		['mod', 'integer', 1, 0],
		['scm', 'integer', 1, 0],
		['ver', 'integer', 1, 0],
		['dty', 'integer', 1, 0],
		['usn', 'integer', 1, 0],
		['ls', 'integer', 1, 0],
		['conf', 'text', 1, 0],
		['models', 'text', 1, 0],
		['decks', 'text', 1, 0],
		['dconf', 'text', 1, 0],
		['tags', 'text', 1, 0]
	],
	notes: [
		['id', 'integer', 0, 1],
		['guid', 'text', 1, 0],
		['mid', 'integer', 1, 0],
		['mod', 'integer', 1, 0],
		['usn', 'integer', 1, 0],
		['tags', 'text', 1, 0],
		['flds', 'text', 1, 0],
		['sfld', 'integer', 1, 0],
		['csum', 'integer', 1, 0],
		['flags', 'integer', 1, 0],
		['data', 'text', 1, 0]
	],
	cards: [
		['id', 'integer', 0, 1],
		['nid', 'integer', 1, 0],
		['did', 'integer', 1, 0],
		['ord', 'integer', 1, 0],
		['mod', 'integer', 1, 0],
		['usn', 'integer', 1, 0],
		['type', 'integer', 1, 0],
		['queue', 'integer', 1, 0],
		['due', 'integer', 1, 0],
		['ivl', 'integer', 1, 0],
		['factor', 'integer', 1, 0],
		['reps', 'integer', 1, 0],
		['lapses', 'integer', 1, 0],
		['left', 'integer', 1, 0],
		['odue', 'integer', 1, 0],
		['odid', 'integer', 1, 0],
		['flags', 'integer', 1, 0],
		['data', 'text', 1, 0]
	],
	revlog: [
		['id', 'integer', 0, 1],
		['cid', 'integer', 1, 0],
		['usn', 'integer', 1, 0],
		['ease', 'integer', 1, 0],
		['ivl', 'integer', 1, 0],
		['lastIvl', 'integer', 1, 0],
		['factor', 'integer', 1, 0],
		['time', 'integer', 1, 0],
		['type', 'integer', 1, 0]
	],
	graves: [
		['usn', 'integer', 1, 0],
		['oid', 'integer', 1, 0],
		['type', 'integer', 1, 0]
	]
};

/** The keys Anki's schema-11 readers have no default for (rslib notetype, decks and deckconfig schema11.rs). */
const REQUIRED = {
	noteType: ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css'],
	field: ['name', 'ord', 'sticky', 'rtl', 'font', 'size'],
	template: ['name', 'ord', 'qfmt'],
	deck: ['id', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'dyn', 'conf'],
	preset: ['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse'],
	presetNew: ['delays', 'initialFactor', 'ints', 'order', 'perDay'],
	presetReview: ['ease4', 'ivlFct', 'maxIvl', 'perDay'],
	presetLapse: ['delays', 'leechAction', 'leechFails', 'minInt', 'mult']
};

const keysOf = (value: unknown) => Object.keys(value as object);

/** The studied deck's package with its progress, made once and read by the tests that only read it. */
let studied: ReturnType<typeof exported> | undefined;
const studiedPackage = () => (studied ??= exported(studiedDeck()));

describe('the .apkg, opened with sql.js and raw SQL', () => {
	test('the zip holds meta (package version 2), collection.anki21, the stub collection.anki2 and the media list', async () => {
		const { files } = await studiedPackage();
		expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'collection.anki21', 'media', 'meta']);
		expect([...files.meta!]).toEqual([0x08, 0x02]);
		expect(JSON.parse(new TextDecoder().decode(files.media))).toEqual({});
	});

	test("schema 11 exactly: the five tables with Anki's columns, and Anki's seven indexes", async () => {
		const { db } = await studiedPackage();
		const tables = select(db, "select name from sqlite_master where type = 'table' order by name").map((row) => row.name);
		expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
		for (const [table, columns] of Object.entries(SCHEMA)) {
			const info = select(db, `pragma table_info(${table})`).map((row) => [row.name, String(row.type).toLowerCase(), row.notnull, row.pk]);
			expect(info, table).toEqual(columns);
		}
		const indexes = select(db, "select name, tbl_name from sqlite_master where type = 'index' order by name").map((row) => [
			row.name,
			row.tbl_name,
			select(db, `pragma index_info(${String(row.name)})`).map((column) => column.name)
		]);
		expect(indexes).toEqual([
			['ix_cards_nid', 'cards', ['nid']],
			['ix_cards_sched', 'cards', ['did', 'queue', 'due']],
			['ix_cards_usn', 'cards', ['usn']],
			['ix_notes_csum', 'notes', ['csum']],
			['ix_notes_usn', 'notes', ['usn']],
			['ix_revlog_cid', 'revlog', ['cid']],
			['ix_revlog_usn', 'revlog', ['usn']]
		]);
	});

	test('col: version 11, and note types, decks, the preset and settings as JSON with every key Anki requires', async () => {
		const { db } = await studiedPackage();
		const [col] = select(db, 'select * from col');
		expect(col).toMatchObject({ id: 1, ver: 11, dty: 0, usn: 0, ls: 0, tags: '{}' });
		const models = JSON.parse(String(col!.models));
		expect(Object.keys(models)).toHaveLength(1);
		const [id, model] = Object.entries(models)[0] as [string, Record<string, unknown>];
		expect(model.id).toBe(Number(id));
		expect(keysOf(model)).toEqual(expect.arrayContaining(REQUIRED.noteType));
		expect(model).toMatchObject({ name: 'Glossary Flashcards', type: 0, sortf: 0 });
		expect((model.flds as { name: string }[]).map((field) => field.name)).toEqual(['Front', 'Back']);
		for (const field of model.flds as object[]) expect(keysOf(field)).toEqual(expect.arrayContaining(REQUIRED.field));
		for (const template of model.tmpls as object[]) expect(keysOf(template)).toEqual(expect.arrayContaining(REQUIRED.template));
		expect(model.tmpls).toMatchObject([{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }]);

		const decks = JSON.parse(String(col!.decks)) as Record<string, Record<string, unknown>>;
		expect(Object.values(decks).map((deck) => deck.name)).toEqual(['Default', 'Product Management']);
		for (const [key, deck] of Object.entries(decks)) {
			expect(keysOf(deck)).toEqual(expect.arrayContaining(REQUIRED.deck));
			expect(deck).toMatchObject({ id: Number(key), dyn: 0, conf: 1 });
		}
		const presets = JSON.parse(String(col!.dconf)) as Record<string, Record<string, unknown>>;
		expect(Object.keys(presets)).toEqual(['1']);
		expect(keysOf(presets[1])).toEqual(expect.arrayContaining(REQUIRED.preset));
		expect(keysOf(presets[1]!.new)).toEqual(expect.arrayContaining(REQUIRED.presetNew));
		expect(keysOf(presets[1]!.rev)).toEqual(expect.arrayContaining(REQUIRED.presetReview));
		expect(keysOf(presets[1]!.lapse)).toEqual(expect.arrayContaining(REQUIRED.presetLapse));
		const conf = JSON.parse(String(col!.conf));
		// Anki 2.1's scheduler (schedVer 1 would make Anki convert the cards when it imports them).
		expect(conf).toMatchObject({ schedVer: 2, rollover: 4, creationOffset: new Date(Number(col!.crt) * 1000).getTimezoneOffset() });
	});

	test('notes: their GUID, note type, fields, sort field and checksum (the first 8 hex digits of the SHA-1 of the first field’s text)', async () => {
		const { db } = await studiedPackage();
		const [col] = select(db, 'select models from col');
		const noteTypeId = Number(Object.keys(JSON.parse(String(col!.models)))[0]);
		const notes = select(db, 'select * from notes order by id');
		expect(notes.map((note) => String(note.flds).split('\x1f'))).toEqual([
			['What is a backlog?', 'An ordered list of work.'],
			['What is a roadmap?', 'A shared plan<br>of how a product evolves.'],
			['Persona: explain', 'A &lt;fictional&gt; user &amp; their &quot;goals&quot;']
		]);
		for (const note of notes) {
			const first = String(note.flds).split('\x1f')[0]!;
			expect(note.mid).toBe(noteTypeId);
			expect(note.csum).toBe(checksum(first));
			expect(note.sfld).toBe(strippedForChecksum(first));
			expect(note).toMatchObject({ usn: 0, flags: 0, data: '', tags: '' });
			expect(String(note.guid)).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,11}$/);
		}
		expect(new Set(notes.map((note) => note.guid)).size).toBe(3);
	});

	test('every card has its note and its deck, every note a card; the review log is of these cards', async () => {
		const { db } = await studiedPackage();
		expect(select(db, 'select count(*) as n from cards where nid not in (select id from notes)')).toEqual([{ n: 0 }]);
		expect(select(db, 'select count(*) as n from notes where id not in (select nid from cards)')).toEqual([{ n: 0 }]);
		expect(select(db, 'select count(*) as n from revlog where cid not in (select id from cards)')).toEqual([{ n: 0 }]);
		const decks = JSON.parse(String(select(db, 'select decks from col')[0]!.decks));
		for (const { did } of select(db, 'select distinct did from cards')) expect(decks[String(did)]).toBeDefined();
	});

	test('with progress: each card’s state in Anki’s terms, and every answer in the revlog', async () => {
		const { db } = await studiedPackage();
		const crt = Number(select(db, 'select crt from col')[0]!.crt);
		const dayZero = new Date(crt * 1000);
		const dueDate = (due: number) => {
			const date = new Date(dayZero);
			date.setDate(date.getDate() + due);
			return date.toDateString();
		};
		const cards = select(db, 'select type, queue, due, ivl, factor, reps, lapses, left from cards order by id');
		expect(cards[0]).toEqual({ type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 });
		// Good, Good, Easy: 1, 6, then 6 × 2.6 = 16 days from yesterday (15 from today), ease 2.6.
		expect(cards[1]).toMatchObject({ type: 2, queue: 2, ivl: 16, factor: 2600, reps: 3, lapses: 0 });
		const due = new Date(NOW);
		due.setDate(due.getDate() + 15);
		expect(dueDate(Number(cards[1]!.due))).toBe(due.toDateString());
		// Forgotten yesterday: relearning (a lapse), due again since yesterday's answer, in epoch seconds.
		expect(cards[2]).toMatchObject({ type: 3, queue: 1, ivl: 1, factor: 2500, reps: 2, lapses: 1, left: 1001 });
		const revlog = select(db, 'select ease, ivl, lastIvl, factor, time, type from revlog order by id');
		expect(revlog).toEqual([
			{ ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 4200, type: 0 },
			{ ease: 3, ivl: 6, lastIvl: 1, factor: 2500, time: 4200, type: 1 },
			{ ease: 3, ivl: 1, lastIvl: 0, factor: 2500, time: 4200, type: 0 },
			{ ease: 1, ivl: 0, lastIvl: 1, factor: 2500, time: 4200, type: 1 },
			{ ease: 4, ivl: 16, lastIvl: 6, factor: 2600, time: 4200, type: 1 }
		]);
	});

	test('without progress: every card is new, in order, and there is no review log', async () => {
		const { db } = await exported(studiedDeck(), false);
		expect(select(db, 'select type, queue, due, ivl, factor, reps, lapses from cards order by id')).toEqual([
			{ type: 0, queue: 0, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0 },
			{ type: 0, queue: 0, due: 2, ivl: 0, factor: 0, reps: 0, lapses: 0 },
			{ type: 0, queue: 0, due: 3, ivl: 0, factor: 0, reps: 0, lapses: 0 }
		]);
		expect(select(db, 'select count(*) as n from revlog')).toEqual([{ n: 0 }]);
	});

	test('GUIDs are stable: exported again later, or after an edit, each note keeps its GUID (Anki updates it)', async () => {
		const first = await studiedPackage();
		const deck = studiedDeck();
		deck.cards[1] = { ...deck.cards[1]!, front: 'What is a product roadmap?', editedAt: NOW };
		const later = await exported(deck, true, NOW + 86_400_000);
		const guids = (db: Database) => select(db, 'select guid from notes order by id').map((row) => row.guid);
		expect(guids(later.db)).toEqual(guids(first.db));
		const secondNote = (db: Database) => select(db, 'select csum, mod from notes order by id')[1]!;
		expect(secondNote(later.db).csum).toBe(checksum('What is a product roadmap?'));
		// The edit is newer: Anki's import takes the note's new text.
		expect(Number(secondNote(later.db).mod)).toBeGreaterThan(Number(secondNote(first.db).mod));
	});

	test('the stub collection.anki2 is schema 11 with one Basic note asking for a newer Anki, in 512-byte pages', async () => {
		const { files } = await studiedPackage();
		const stub = new SQL.Database(files['collection.anki2']!);
		expect(select(stub, 'select ver from col')).toEqual([{ ver: 11 }]);
		expect(select(stub, 'pragma page_size')).toEqual([{ page_size: 512 }]);
		const notes = select(stub, 'select flds, csum from notes');
		expect(notes).toEqual([
			{
				flds: 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.\x1f',
				csum: checksum('Please update to the latest Anki version, then import the .colpkg/.apkg file again.')
			}
		]);
		const models = JSON.parse(String(select(stub, 'select models from col')[0]!.models));
		expect(Object.values(models).map((model) => (model as { name: string }).name)).toEqual(['Basic']);
		expect(select(stub, 'select count(*) as n from cards where did = 1')).toEqual([{ n: 1 }]);
	});

	test('a deck from Anki goes back with its own note types, fields and GUIDs, and its media', async () => {
		const sample = new Uint8Array(readFileSync(new URL('./fixtures/anki21b-small-deck.apkg', import.meta.url)));
		const imported = await importPackage(readPackage(sample, sqlite), { dayStartHour: 4, today: TODAY });
		const { files, db } = await exported(importedDeck(imported, NOW - 86_400_000));
		const notes = select(db, 'select guid, mid, flds, csum from notes');
		expect(notes.map((note) => note.guid).sort()).toEqual(imported.notes.map((note) => note.guid).sort());
		for (const note of notes) {
			const original = imported.notes.find((candidate) => candidate.guid === note.guid)!;
			expect(String(note.flds).split('\x1f')).toEqual(original.fields);
			expect(note.mid).toBe(original.noteTypeId);
			expect(note.csum).toBe(checksum(original.fields[0]!));
		}
		const models = JSON.parse(String(select(db, 'select models from col')[0]!.models)) as Record<string, { name: string; type: number }>;
		expect(
			Object.values(models)
				.map((model) => [model.name, model.type])
				.sort()
		).toEqual(imported.noteTypes.map((type) => [type.name, type.kind === 'cloze' ? 1 : 0]).sort());
		const media = JSON.parse(new TextDecoder().decode(files.media)) as Record<string, string>;
		expect(Object.values(media).sort()).toEqual(['cable-car.mp3', 'download.jpg']);
		for (const [entry, name] of Object.entries(media)) {
			expect(files[entry]).toEqual(imported.media.find((file) => file.name === name)!.data);
		}
		expect(select(db, 'select count(*) as n from cards')).toEqual([{ n: 6 }]);
		expect(select(db, 'select count(*) as n from revlog')).toEqual([{ n: 23 }]);
	});

	// Anki wrote these samples' checksums itself: the export's, for the same notes, must be the same.
	test.each([
		['anki2-sound-media.apkg', 1],
		['anki2-template-torture.apkg', 48],
		['anki2-update-2.apkg', 1],
		['anki21-mixed-notetypes-fsrs.apkg', 8],
		['anki21-small-deck.apkg', 5],
		['anki21-cloze-with-scheduling.apkg', 1639]
	])('%s: each deck exported again has the checksum Anki wrote for each of its %i notes, and every card its note', async (file, count) => {
		const sample = new Uint8Array(readFileSync(new URL(`./fixtures/${file}`, import.meta.url)));
		const zip = unzipSync(sample);
		const original = new SQL.Database(zip['collection.anki21'] ?? zip['collection.anki2']!);
		const ankis = new Map(select(original, 'select guid, csum from notes').map((note) => [note.guid, note.csum]));
		const imported = await importPackage(readPackage(sample, sqlite), { dayStartHour: 4, today: TODAY });
		const checked: unknown[] = [];
		for (const deck of imported.decks) {
			const { db } = await exported(importedDeck({ ...imported, decks: [deck] }, NOW - 86_400_000));
			for (const note of select(db, 'select guid, csum from notes')) {
				expect(note.csum, String(note.guid)).toBe(ankis.get(note.guid));
				checked.push(note.guid);
			}
			expect(select(db, 'select count(*) as n from cards where nid not in (select id from notes)')).toEqual([{ n: 0 }]);
			expect(select(db, 'select count(*) as n from revlog where cid not in (select id from cards)')).toEqual([{ n: 0 }]);
		}
		expect(new Set(checked).size).toBe(count);
	});
});
