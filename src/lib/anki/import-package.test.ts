import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isValidReview } from '$lib/db/backup-schema';
import { parseDay } from '$lib/srs/days';
import { relatedGroup } from '$lib/srs/today';
import { ankiCardId, ankiDeckId, importPackage, mediaType, type AnkiImport } from './import-package';
import { readPackage } from './package';
import { loadSqlite } from './sqlite';
import { zipSync } from 'fflate';
import { makeCollection, makePackage } from './test-package';

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });
const today = parseDay('2026-03-28');

async function imported(file: string): Promise<AnkiImport> {
	const bytes = new Uint8Array(readFileSync(new URL(`./fixtures/${file}`, import.meta.url)));
	return importPackage(readPackage(bytes, sqlite), { dayStartHour: 4, today });
}

describe('importPackage: every sample', () => {
	// notes, cards, answers imported, cards with history, and what is skipped with why.
	test.each([
		['anki2-sound-media.apkg', 1, 1, 0, 0, []],
		['anki2-update-1.apkg', 1, 1, 0, 0, []],
		['anki2-update-2.apkg', 1, 1, 0, 0, []],
		['anki2-template-torture.apkg', 48, 146, 102, 18, []],
		['anki21-mixed-notetypes-fsrs.apkg', 8, 13, 26, 13, []],
		['anki21-small-deck.apkg', 5, 6, 7, 6, []],
		['anki21-cloze-with-scheduling.apkg', 1639, 1639, 3470, 461, []],
		['anki21b-small-deck.apkg', 5, 6, 23, 6, []],
		['anki21b-cloze-1660-notes.apkg', 1660, 1660, 0, 0, []],
		['anki21b-collection.colpkg', 6, 8, 1, 1, [{ reason: 'answers to cards that are no longer in the package', count: 87 }]],
		['anki21b-webp-png-mp3-media.apkg', 6, 8, 0, 0, []]
	])('%s: %i notes, %i cards, %i answers (%i cards with history)', async (file, notes, cards, answers, withHistory, skipped) => {
		const result = await imported(file);
		expect(result.summary).toMatchObject({ notes, cards, answers, cardsWithHistory: withHistory, skipped });
		expect(result.cards).toHaveLength(cards);
		expect(result.log).toHaveLength(answers);
		expect(new Set(result.cards.map((card) => card.id)).size).toBe(cards);
		// Every answer passes the backup's own checks: imported history travels in backups and by sync.
		expect(result.log.every((entry) => isValidReview(entry) && entry.device === 'anki')).toBe(true);
	});

	test('the torture deck: broken and empty cards are kept with Anki’s reason; filtered cards go home; missing media are counted', async () => {
		const result = await imported('anki2-template-torture.apkg');
		expect(result.summary).toMatchObject({ broken: 36, empty: 2, fromFiltered: 16, missingMedia: 70, media: 0 });
		expect(result.decks.map((deck) => [deck.title, deck.cards])).toEqual([
			['1-TEMPLATES::Anatomy', 95],
			['1-TEMPLATES::Conditionals', 10],
			['1-TEMPLATES::Misc', 3],
			['1-TEMPLATES::NestedClozes', 7],
			['1-TEMPLATES::NormalClozes', 6],
			['1-TEMPLATES::Reassign', 2],
			['1-TEMPLATES::Typing broken', 23]
		]);
		const broken = result.cards.filter((card) => card.anki.problem === 'broken');
		expect(broken.every((card) => card.front.startsWith('This card’s template is broken in Anki too: '))).toBe(true);
		// 15 cards in learning, as the README says.
		expect(result.cards.filter((card) => card.schedule.status === 'review' && card.schedule.state.interval === 0)).toHaveLength(15);
	});

	test('a subdeck keeps its path in the title; the same name is the same deck', async () => {
		const result = await imported('anki21b-cloze-1660-notes.apkg');
		expect(result.decks).toEqual([
			{ id: ankiDeckId('French::My french words and phrases'), title: 'French::My french words and phrases', cards: 1660 }
		]);
		expect(ankiDeckId('french::MY french words and phrases')).toBe(result.decks[0]!.id);
		expect(ankiDeckId('French')).not.toBe(result.decks[0]!.id);
	});

	test('a real study deck: states, suspensions and FSRS’s memory are kept', async () => {
		const result = await imported('anki21-cloze-with-scheduling.apkg');
		expect(result.decks).toMatchObject([{ title: 'Language French::My french words and phrases', scheduler: 'fsrs' }]);
		const count = (status: string) => result.cards.filter((card) => card.schedule.status === status).length;
		expect([count('new'), count('review'), count('suspended')]).toEqual([1172, 420, 47]);
		expect(result.cards.filter((card) => card.fsrs)).toHaveLength(461);
		const remembered = result.cards.find((card) => card.fsrs?.stability === 410.4777)!;
		expect(remembered.fsrs).toMatchObject({ phase: 'review', difficulty: 1, scheduledDays: 172 });
		expect(remembered.schedule.state).toEqual({ repetitions: 2, interval: 172, easiness: 2.5, repeatToday: false });
		// The answers are in time order per card, and each card's last answer is its lastAnsweredAt.
		const last = new Map<string, number>();
		for (const entry of result.log) last.set(entry.cardId, Math.max(last.get(entry.cardId) ?? 0, entry.time));
		for (const card of result.cards) if (last.has(card.id)) expect(card.schedule.lastAnsweredAt).toBe(last.get(card.id));
	});

	test('new cards keep Anki’s order', async () => {
		const result = await imported('anki21b-cloze-1660-notes.apkg');
		const orders = result.cards.map((card) => card.newOrder).sort((a, b) => a - b);
		expect(orders).toEqual(result.cards.map((_card, i) => i));
	});

	test('media go with the decks whose cards use them, with their type and checksum', async () => {
		const result = await imported('anki21b-webp-png-mp3-media.apkg');
		expect(result.media.map((file) => [file.name, file.type, file.data.length]).sort()).toEqual([
			['1452.webp', 'image/webp', 13750],
			['Screenshot 2023-10-24 at 22.01.53.png', 'image/png', 567486],
			['Screenshot 2023-11-30 at 19.04.25.png', 'image/png', 1570196],
			['proficiency.mp3', 'audio/mpeg', 24555]
		]);
		expect(result.media.every((file) => file.deckId === result.decks[0]!.id && /^[0-9a-f]{40}$/.test(file.sha1))).toBe(true);
		expect(mediaType('x.JPG')).toBe('image/jpeg');
		expect(mediaType('x.unknown')).toBe('application/octet-stream');
	});

	test('card ids come from the note’s GUID and the card number, and make a link', async () => {
		expect(ankiCardId('cU1%zNUzk1', 0)).toBe('anki:cU1%25zNUzk1:0');
		expect(ankiCardId('a/b\\c', 2)).toBe('anki:a%2Fb%5Cc:2');
		const first = await imported('anki2-update-1.apkg');
		const second = await imported('anki2-update-2.apkg');
		expect(first.cards[0]!.id).toBe(second.cards[0]!.id);
		expect([first.cards[0]!.front, second.cards[0]!.front]).toEqual(['hello', 'goodbye']);
		expect(second.notes[0]!.modified).toBeGreaterThan(first.notes[0]!.modified);
	});

	test('unused media and hand-made changes are counted as skipped', async () => {
		const pkg = makePackage(sqlite, {
			notes: [{ guid: 'a', fields: ['<img src="used.png">', 'b'] }],
			media: { 'used.png': new Uint8Array([1]), 'unused.png': new Uint8Array([2]) }
		});
		const result = await importPackage(readPackage(pkg, sqlite), { dayStartHour: 4, today });
		expect(result.summary.skipped).toEqual([{ reason: 'media files that no card uses', count: 1 }]);
		expect(result.media.map((file) => file.name)).toEqual(['used.png']);
	});

	test('a made package with history (as the benchmark makes them): its answers in order, its cards in review', async () => {
		const pkg = makePackage(sqlite, { notes: [{ guid: 'a', fields: ['{{c1::x}} {{c2::y}}', ''], type: 'cloze', reviews: 3 }] });
		const result = await importPackage(readPackage(pkg, sqlite), { dayStartHour: 4, today });
		expect(result.summary).toMatchObject({ cards: 2, answers: 6, cardsWithHistory: 2 });
		expect(result.cards.map((card) => [card.schedule.status, card.schedule.state.interval])).toEqual([
			['review', 8],
			['review', 8]
		]);
		expect(result.log.filter((entry) => entry.cardId === result.cards[0]!.id).map((entry) => [entry.grade, entry.wasNew])).toEqual([
			[4, true],
			[4, false],
			[4, false]
		]);
	});

	test('a card whose note is missing is left out with its answers, and both are counted', async () => {
		const db = new sqlite.Database(makeCollectionWithHistory());
		db.exec('DELETE FROM notes WHERE guid = ?', ['b']);
		const result = await importPackage(readPackage(zipSync({ 'collection.anki2': db.export() }), sqlite), { dayStartHour: 4, today });
		expect(result.summary).toMatchObject({ notes: 1, cards: 1, answers: 2 });
		expect(result.summary.skipped).toEqual([
			{ reason: 'answers to cards that are no longer in the package', count: 2 },
			{ reason: 'cards whose note or note type is missing from the package', count: 1 }
		]);
	});

	test('a damaged collection: a note without a GUID is known by its id; of two notes with one GUID, the first is kept', async () => {
		const db = new sqlite.Database(makeCollectionWithHistory());
		db.exec("UPDATE notes SET guid = '' WHERE guid = 'a'");
		const noGuid = await importPackage(readPackage(zipSync({ 'collection.anki2': db.export() }), sqlite), { dayStartHour: 4, today });
		expect(noGuid.notes.map((note) => note.guid).sort()).toEqual(['b', 'nid-1600000000000']);
		db.exec("UPDATE notes SET guid = 'b'");
		const shared = await importPackage(readPackage(zipSync({ 'collection.anki2': db.export() }), sqlite), { dayStartHour: 4, today });
		expect(shared.summary).toMatchObject({ cards: 1, answers: 2 });
		expect(shared.summary.skipped).toEqual([
			{ reason: 'answers to cards that are no longer in the package', count: 2 },
			{ reason: 'cards of a note whose GUID another note has too', count: 1 }
		]);
	});
});

function makeCollectionWithHistory(): Uint8Array {
	return makeCollection(sqlite, [
		{ guid: 'a', fields: ['one', 'b'], reviews: 2 },
		{ guid: 'b', fields: ['two', 'b'], reviews: 2 }
	]);
}

test("a note's cards are siblings (buried together by Bury related cards), another note's are not", () => {
	const guid = 'a:b/c%d';
	const group = relatedGroup({ id: ankiCardId(guid, 0), deckId: ankiDeckId('A') });
	expect(group).toBeDefined();
	expect(relatedGroup({ id: ankiCardId(guid, 3), deckId: ankiDeckId('B') })).toBe(group);
	expect(relatedGroup({ id: ankiCardId('a:b/c%e', 0), deckId: ankiDeckId('A') })).not.toBe(group);
});
