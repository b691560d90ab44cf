import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { importPackage, type AnkiImport } from '$lib/anki/import-package';
import { readPackage } from '$lib/anki/package';
import { loadSqlite } from '$lib/anki/sqlite';
import { makePackage, type TestNote } from '$lib/anki/test-package';
import { recordAnswer } from './answers';
import { previewAnkiImport, saveAnkiImport } from './anki';
import { deckMedia } from './media';
import { exportBackup, importBackup, parseBackup } from './backup';
import { deleteDeck } from './decks';
import { StorageError } from './database';
import { closeDatabases, dump, freshDatabase, logEntries, NOW, settings, TODAY } from './test-helpers';
import type { FlashcardsDb } from './schema';

afterEach(closeDatabases);

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });

function imported(bytes: Uint8Array): Promise<AnkiImport> {
	return importPackage(readPackage(bytes, sqlite), { dayStartHour: settings.dayStartHour, today: TODAY });
}
const sample = (file: string) => imported(new Uint8Array(readFileSync(new URL(`../anki/fixtures/${file}`, import.meta.url))));
const made = (notes: TestNote[], media?: Record<string, Uint8Array>) => imported(makePackage(sqlite, { notes, media }));

async function stores(db: FlashcardsDb) {
	const tx = db.transaction(['notes', 'noteTypes', 'media'], 'readonly');
	const [notes, noteTypes, media] = await Promise.all([
		tx.objectStore('notes').getAll(),
		tx.objectStore('noteTypes').getAll(),
		tx.objectStore('media').getAll()
	]);
	return { notes, noteTypes, media };
}

describe('saveAnkiImport', () => {
	test('a deck with history: its cards, their state and every answer, under the device "anki"', async () => {
		const db = await freshDatabase();
		const result = await sample('anki21b-small-deck.apkg');
		const report = await saveAnkiImport(db, result, NOW);
		expect(report).toEqual({
			decks: [{ id: result.decks[0]!.id, title: 'Test deck', isNew: true, cards: 6, fsrs: false }],
			newCards: 6,
			updatedCards: 0,
			progressTaken: 0,
			newAnswers: 23,
			media: 2
		});
		const { decks, cards } = await dump(db);
		expect(decks).toEqual([
			{ id: result.decks[0]!.id, title: 'Test deck', question: '', source: '', bundled: false, createdAt: NOW, updatedAt: NOW }
		]);
		expect(cards).toHaveLength(6);
		const log = await logEntries(db);
		expect(log).toHaveLength(23);
		expect(new Set(log.map((entry) => entry.device))).toEqual(new Set(['anki']));
		const stored = await stores(db);
		expect(stored.notes.map((note) => note.guid).sort()).toEqual(result.notes.map((note) => note.guid).sort());
		expect(stored.noteTypes.map((type) => type.name).sort()).toEqual([
			'Basic',
			'Basic (optional reversed card)',
			'Basic (type in the answer)',
			'Cloze'
		]);
		expect(stored.media.map((file) => [file.name, file.type, file.data.size]).sort()).toEqual([
			['cable-car.mp3', 'audio/mpeg', expect.any(Number)],
			['download.jpg', 'image/jpeg', expect.any(Number)]
		]);
	});

	test('importing the same package again changes nothing and adds no answer twice', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki21b-small-deck.apkg'), NOW);
		const before = await dump(db);
		const report = await saveAnkiImport(db, await sample('anki21b-small-deck.apkg'), NOW + 1000);
		expect(report).toMatchObject({ newCards: 0, updatedCards: 0, progressTaken: 0, newAnswers: 0, media: 0 });
		const after = await dump(db);
		expect(after.cards).toEqual(before.cards);
		expect(after.reviews).toEqual(before.reviews);
	});

	test('update-1 then update-2: one note, reading "goodbye", with the progress made in between', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki2-update-1.apkg'), NOW);
		const [card] = (await dump(db)).cards as { id: string; front: string }[];
		expect(card!.front).toBe('hello');
		await recordAnswer(db, { cardId: card!.id, grade: 4, now: NOW + 60_000, tookMs: 2000, sessionId: 's', settings });
		const studied = (await dump(db)).cards[0];
		const report = await saveAnkiImport(db, await sample('anki2-update-2.apkg'), NOW + 120_000);
		expect(report).toMatchObject({ newCards: 0, updatedCards: 1, progressTaken: 0 });
		const { cards, reviews } = await dump(db);
		expect(cards).toHaveLength(1);
		expect(cards[0]).toEqual({
			...(studied as object),
			front: 'goodbye',
			back: 'world',
			generated: { front: 'goodbye', back: 'world' },
			anki: expect.objectContaining({ question: 'goodbye', answer: 'goodbye\n\n<hr id=answer>\n\nworld' })
		});
		expect(reviews).toHaveLength(1);
		const { notes } = await stores(db);
		expect(notes).toHaveLength(1);
		expect(notes[0]!.fields).toEqual(['goodbye', 'world']);
	});

	test('an older version of a note does not replace a newer one', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki2-update-2.apkg'), NOW);
		expect(await saveAnkiImport(db, await sample('anki2-update-1.apkg'), NOW + 1000)).toMatchObject({ updatedCards: 0 });
		expect(((await dump(db)).cards[0] as { front: string }).front).toBe('goodbye');
	});

	test('a card the learner edited keeps the edit; the package’s new text is offered beside it', async () => {
		const db = await freshDatabase();
		const first = await made([{ guid: 'g1', fields: ['one', 'back'], modified: 100 }]);
		await saveAnkiImport(db, first, NOW);
		const id = first.cards[0]!.id;
		const card = (await db.get('cards', id))!;
		await db.put('cards', { ...card, front: 'my one', edited: true });
		await saveAnkiImport(db, await made([{ guid: 'g1', fields: ['two', 'back'], modified: 200 }]), NOW + 1000);
		expect(await db.get('cards', id)).toMatchObject({ front: 'my one', edited: true, pageChanged: { front: 'two', back: 'back' } });
	});

	test('a package that answered a card later than this device brings its progress', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki21-small-deck.apkg'), NOW);
		const older = await dump(db);
		// The same notes, exported later with more reviews (23 answers instead of 7).
		const report = await saveAnkiImport(db, await sample('anki21b-small-deck.apkg'), NOW + 1000);
		expect(report).toMatchObject({ newCards: 0, newAnswers: 16, progressTaken: 6 });
		const newer = await dump(db);
		expect(newer.reviews).toHaveLength(23);
		expect(newer.cards).not.toEqual(older.cards);
	});

	test('media are stored per deck, not written again when unchanged, and read back by name', async () => {
		const db = await freshDatabase();
		const result = await sample('anki21b-webp-png-mp3-media.apkg');
		expect((await saveAnkiImport(db, result, NOW)).media).toBe(4);
		expect((await saveAnkiImport(db, result, NOW + 1)).media).toBe(0);
		const deckId = result.decks[0]!.id;
		const found = await deckMedia(db, deckId, ['1452.webp', 'proficiency.mp3', 'missing.png']);
		expect([...found.keys()]).toEqual(['1452.webp', 'proficiency.mp3']);
		expect(found.get('1452.webp')!.size).toBe(13750);
		expect(found.get('1452.webp')!.type).toBe('image/webp');
		expect(await deckMedia(db, 'another-deck', ['1452.webp'])).toEqual(new Map());
	});

	test('a plan that cannot be written leaves the device as it was', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki2-update-1.apkg'), NOW);
		const before = await dump(db);
		const bad = await sample('anki21b-small-deck.apkg');
		// An answer whose card snapshot the log cannot store: the write fails half-way.
		(bad.log[5]!.after as { status: string }).status = 'forgotten';
		await expect(saveAnkiImport(db, bad, NOW + 1)).rejects.toBeInstanceOf(StorageError);
		expect(await dump(db)).toEqual(before);
		expect((await stores(db)).media).toEqual([]);
	});

	test('the preview says what a save would do, and writes nothing', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki2-update-1.apkg'), NOW);
		const before = await dump(db);
		expect(await previewAnkiImport(db, await sample('anki2-update-2.apkg'), NOW)).toMatchObject({
			decks: [{ title: 'Default', isNew: false, cards: 1 }],
			newCards: 0,
			updatedCards: 1
		});
		expect(await dump(db)).toEqual(before);
	});

	test('a deck on FSRS in Anki is on FSRS here, its cards with Anki’s memory', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki21-mixed-notetypes-fsrs.apkg'), NOW);
		const { decks, cards } = await dump(db);
		expect(decks).toMatchObject([{ title: 'Test - Mixed Types', scheduler: 'fsrs' }]);
		expect((await previewAnkiImport(db, await sample('anki21-mixed-notetypes-fsrs.apkg'), NOW)).decks).toMatchObject([
			{ isNew: false, fsrs: true }
		]);
		expect((cards as { fsrs?: { stability: number } }[]).every((card) => card.fsrs?.stability === 12.116)).toBe(true);
	});
});

describe('an Anki deck and the rest of the app', () => {
	test('deleting the deck takes its media and the notes only it has', async () => {
		const db = await freshDatabase();
		const result = await sample('anki21b-webp-png-mp3-media.apkg');
		await saveAnkiImport(db, result, NOW);
		await saveAnkiImport(db, await made([{ guid: 'other', fields: ['x', 'y'], deck: 'Other' }]), NOW);
		await deleteDeck(db, result.decks[0]!.id);
		const stored = await stores(db);
		expect(stored.media).toEqual([]);
		expect(stored.notes.map((note) => note.guid)).toEqual(['other']);
	});

	test('a backup carries the deck, its notes and note types; restoring it gives them back, media kept', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki21b-small-deck.apkg'), NOW);
		const before = { ...(await dump(db)), ...(await stores(db)) };
		const backup = parseBackup(JSON.stringify(await exportBackup(db, NOW)), { today: TODAY });
		expect(backup.notes).toHaveLength(5);
		expect(backup.noteTypes).toHaveLength(4);
		await importBackup(db, backup, 'replace');
		const after = { ...(await dump(db)), ...(await stores(db)) };
		expect(after.cards).toEqual(before.cards);
		expect(after.reviews).toEqual(before.reviews);
		expect(after.notes).toEqual(before.notes);
		expect(after.media).toHaveLength(2);
	});

	test('a backup restored into a fresh database (a lost one) brings the Anki deck without its media', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki21b-small-deck.apkg'), NOW);
		const text = JSON.stringify(await exportBackup(db, NOW));
		const fresh = await freshDatabase();
		await importBackup(fresh, parseBackup(text, { today: TODAY }), 'replace');
		expect((await dump(fresh)).cards).toEqual((await dump(db)).cards);
		expect((await stores(fresh)).notes).toHaveLength(5);
		expect((await stores(fresh)).media).toEqual([]);
	});

	test('merging a backup adds the notes the device lacks', async () => {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki2-update-2.apkg'), NOW);
		const text = JSON.stringify(await exportBackup(db, NOW));
		const other = await freshDatabase();
		await saveAnkiImport(other, await sample('anki2-update-1.apkg'), NOW);
		await importBackup(other, parseBackup(text, { today: TODAY }), 'merge');
		const { notes } = await stores(other);
		expect(notes.map((note) => note.fields[0])).toEqual(['goodbye']);
	});
});

describe('a backup with Anki records is checked exactly', () => {
	type Mutable = {
		cards: Record<string, unknown>[];
		notes: Record<string, unknown>[];
		noteTypes: Record<string, unknown>[];
	};

	async function edited(change: (backup: Mutable) => void): Promise<string> {
		const db = await freshDatabase();
		await saveAnkiImport(db, await sample('anki2-update-1.apkg'), NOW);
		const backup = JSON.parse(JSON.stringify(await exportBackup(db, NOW))) as Mutable;
		change(backup);
		return JSON.stringify(backup);
	}

	test.each<[string, (backup: Mutable) => void, string | RegExp]>([
		[
			'an Anki card without its Anki face',
			(b) => delete b.cards[0]!.anki,
			/^This backup is damaged: the card "anki:.*" is an Anki card without its note\.$/
		],
		['a glossary card with one', (b) => (b.cards[0]!.kind = 'item'), /has an Anki note but is no Anki card\.$/],
		[
			'an unknown key in the face',
			(b) => ((b.cards[0]!.anki as Record<string, unknown>).script = 'x'),
			/^This backup is damaged at cards\[0\]\.anki\.script: /
		],
		[
			'an unknown problem',
			(b) => ((b.cards[0]!.anki as Record<string, unknown>).problem = 'weird'),
			/^This backup is damaged at cards\[0\]\.anki\.problem: /
		],
		['a note of a note type not in the file', (b) => (b.noteTypes = []), /has a note type that is not in the file/],
		[
			'a note of a deck not in the file',
			(b) => (b.notes[0]!.deckIds = ['elsewhere']),
			/names a deck that is not in the file \("elsewhere"\)\.$/
		],
		['a card of a note not in the file', (b) => (b.notes = []), /belongs to an Anki note that is not in the file/],
		['a note twice', (b) => b.notes.push(b.notes[0]!), /^This backup is damaged: the Anki note "cU1%zNUzk1" appears twice\.$/],
		['a note without a GUID', (b) => (b.notes[0]!.guid = ''), /^This backup is damaged at notes\[0\]\.guid: an Anki note needs its GUID\.$/]
	])('%s', async (_what, change, message) => {
		const text = await edited(change);
		expect(() => parseBackup(text, { today: TODAY })).toThrow(message);
	});

	test('the file as exported passes', async () => {
		expect(parseBackup(await edited(() => {}), { today: TODAY }).notes).toHaveLength(1);
	});
});
