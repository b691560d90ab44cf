// Every real Anki package of ../shared/anki-samples (copied into anki/fixtures) imported, each of
// its decks exported again with its progress, and those packages imported into a fresh profile:
// the same decks, cards, notes, note types, media and answers come back.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { exportPackage } from '$lib/anki/export-package';
import { importPackage } from '$lib/anki/import-package';
import { readPackage } from '$lib/anki/package';
import { loadSqlite } from '$lib/anki/sqlite';
import { saveAnkiImport } from './anki';
import { deckForExport } from './export';
import type { CardRecord, FlashcardsDb } from './schema';
import { closeDatabases, freshDatabase, logEntries, settings, timeOn, TODAY } from './test-helpers';

afterEach(closeDatabases);

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });
const NOW = timeOn(TODAY, 18);

const read = (bytes: Uint8Array) => importPackage(readPackage(bytes, sqlite), { dayStartHour: settings.dayStartHour, today: TODAY });

const scheduleOf = (card: CardRecord) => ({
	status: card.status,
	state: card.state,
	dueDay: card.dueDay,
	lapses: card.lapses,
	leech: card.leech,
	lastAnsweredAt: card.lastAnsweredAt,
	fsrs: card.fsrs
});

async function stores(db: FlashcardsDb) {
	const byId = <T extends { id: string | number }>(a: T, b: T) => String(a.id).localeCompare(String(b.id));
	return {
		decks: (await db.getAll('decks')).map((deck) => [deck.id, deck.title, deck.scheduler]).sort(),
		cards: (await db.getAll('cards')).sort(byId).map((card) => [card.id, card.deckId, card.front, card.back, card.anki, scheduleOf(card)]),
		notes: await db.getAll('notes'),
		noteTypes: await db.getAll('noteTypes'),
		media: (await db.getAll('media')).map((file) => [file.deckId, file.name, file.type, file.sha1]),
		answers: (await logEntries(db))
			.map((entry) => [entry.cardId, entry.time, entry.studyDay, entry.grade, entry.wasNew, entry.tookMs])
			.sort((a, b) => Number(a[1]) - Number(b[1]) || String(a[0]).localeCompare(String(b[0])))
	};
}

/** [file, decks, cards, notes, media files, answers] as the import keeps them. */
const SAMPLES: [string, ...number[]][] = [
	['anki2-sound-media.apkg', 1, 1, 1, 1, 0],
	['anki2-template-torture.apkg', 7, 146, 48, 0, 102],
	['anki2-update-2.apkg', 1, 1, 1, 0, 0],
	['anki21-mixed-notetypes-fsrs.apkg', 1, 13, 8, 1, 26],
	['anki21-small-deck.apkg', 1, 6, 5, 2, 7],
	['anki21-cloze-with-scheduling.apkg', 1, 1639, 1639, 0, 3470],
	['anki21b-small-deck.apkg', 1, 6, 5, 2, 23],
	['anki21b-cloze-1660-notes.apkg', 1, 1660, 1660, 0, 0],
	['anki21b-collection.colpkg', 1, 8, 6, 0, 1],
	['anki21b-webp-png-mp3-media.apkg', 1, 8, 6, 4, 0]
];

describe('every real sample, exported again and imported into a fresh profile', () => {
	test.each(SAMPLES)('%s', async (file, ...counts) => {
		const db = await freshDatabase();
		const original = await read(new Uint8Array(readFileSync(new URL(`../anki/fixtures/${file}`, import.meta.url))));
		await saveAnkiImport(db, original, timeOn(TODAY - 1, 8));
		const decks = await db.getAll('decks');
		const packages = [];
		for (const deck of decks)
			packages.push(await exportPackage(sqlite, await deckForExport(db, deck.id), { includeProgress: true, now: NOW }));
		const fresh = await freshDatabase();
		for (const pkg of packages) await saveAnkiImport(fresh, await read(pkg.bytes), NOW);
		const [was, is] = [await stores(db), await stores(fresh)];
		// What the sample holds, as its import gives it (so the comparisons below are not of nothing).
		expect([was.decks, was.cards, was.notes, was.media, was.answers].map((rows) => rows.length)).toEqual(counts);
		expect(is.decks).toEqual(was.decks);
		expect(is.cards).toEqual(was.cards);
		expect(is.notes).toEqual(was.notes);
		expect(is.noteTypes).toEqual(was.noteTypes);
		expect(is.media).toEqual(was.media);
		expect(is.answers).toEqual(was.answers);
	});
});
