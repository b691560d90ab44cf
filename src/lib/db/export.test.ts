// The round trip: a studied deck exported with its progress and imported into a fresh profile
// (another database) comes back with the same cards, the same states and the same answers.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { exportPackage } from '$lib/anki/export-package';
import { ankiCardId, importPackage } from '$lib/anki/import-package';
import { cardGuid } from '$lib/anki/note-keys';
import { readPackage } from '$lib/anki/package';
import { loadSqlite } from '$lib/anki/sqlite';
import type { Grade } from '$lib/srs/sm2';
import { defaultSettings, type ReviewEntry, type Settings } from '$lib/srs/types';
import { recordAnswer, undoLastAnswer } from './answers';
import { saveAnkiImport } from './anki';
import { resetCard, setSuspended } from './cards';
import { saveDeck } from './decks';
import { deckForExport, NoDeckToExport } from './export';
import { setDeckScheduler } from './scheduler';
import { saveSettings } from './settings';
import type { CardRecord, FlashcardsDb } from './schema';
import { closeDatabases, freshDatabase, logEntries, makeDeck, timeOn, TODAY } from './test-helpers';

afterEach(closeDatabases);

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });
const settings: Settings = { ...defaultSettings };
const NOW = timeOn(TODAY, 18);

/** Exports the deck and imports the package into a new, empty database. */
async function roundTrip(db: FlashcardsDb, deckId: string, includeProgress = true): Promise<FlashcardsDb> {
	const pkg = await exportPackage(sqlite, await deckForExport(db, deckId), { includeProgress, now: NOW });
	const imported = await importPackage(readPackage(pkg.bytes, sqlite), { dayStartHour: settings.dayStartHour, today: TODAY });
	const fresh = await freshDatabase();
	await saveAnkiImport(fresh, imported, NOW);
	return fresh;
}

/** What a card's schedule is, whatever its id. */
const scheduleOf = (card: CardRecord) => ({
	status: card.status,
	state: card.state,
	dueDay: card.dueDay,
	lapses: card.lapses,
	leech: card.leech,
	lastAnsweredAt: card.lastAnsweredAt
});
/** What an answer was, whoever recorded it. */
const answerOf = (entry: ReviewEntry) => [entry.time, entry.studyDay, entry.grade, entry.wasNew, entry.tookMs];
const byTime = (a: ReviewEntry, b: ReviewEntry) => a.time - b.time;

const answers: [key: string, grade: Grade, day: number, hour: number][] = [
	['a1', 4, TODAY - 19, 9],
	['a1', 4, TODAY - 18, 9],
	['a1', 5, TODAY - 12, 9],
	['a2', 1, TODAY - 19, 13],
	['a2', 4, TODAY - 19, 14],
	['a2', 4, TODAY - 18, 13],
	['a2', 1, TODAY - 12, 13],
	['a2', 3, TODAY - 12, 14],
	['a5', 4, TODAY - 10, 15],
	['a5', 4, TODAY - 9, 15]
];

/** A deck studied for three weeks: learned, forgotten, a leech, a reset, an undone answer, a suspension, a Hard still to repeat today. */
async function studiedDeck(): Promise<FlashcardsDb> {
	const db = await freshDatabase();
	await saveDeck(
		db,
		makeDeck('d', [
			['a1', 'What is a roadmap?', 'A shared plan\nof how a product evolves.'],
			['a2', 'Persona: explain', 'A <fictional> user & their "goals"'],
			['a3', 'Backlog', 'An ordered list of work'],
			['a4', 'Leech', 'Forgotten eight times'],
			['a5', 'Reset', 'Started afresh'],
			['a6', 'Undone', 'Its answer taken back'],
			['a7', 'Never seen', 'Still new']
		]),
		'page',
		{ now: timeOn(TODAY - 20, 8) }
	);
	const answer = (key: string, grade: Grade, now: number, sessionId = 's') =>
		recordAnswer(db, { cardId: `d:${key}`, grade, now, tookMs: 2500, sessionId, settings });
	for (const [key, grade, day, hour] of answers) await answer(key, grade, timeOn(day, hour));
	// Learned, then forgotten: eight lapses make it a leech, which the default settings suspend.
	for (let i = 0; i < 8; i++) {
		await answer('a4', 4, timeOn(TODAY - 19 + 2 * i, 11));
		await answer('a4', 1, timeOn(TODAY - 18 + 2 * i, 11));
	}
	await resetCard(db, 'd:a5', timeOn(TODAY - 8, 9));
	await answer('a5', 5, timeOn(TODAY - 7, 9));
	await answer('a6', 4, timeOn(TODAY - 6, 9), 'undone');
	await undoLastAnswer(db, 'undone', timeOn(TODAY - 6, 9) + 5000);
	await answer('a6', 5, timeOn(TODAY - 5, 9));
	await setSuspended(db, 'd:a1', true);
	// Hard on a new card: it is repeated today before its one-day interval starts (SM-2 step 7).
	await answer('a3', 3, timeOn(TODAY, 10));
	return db;
}

describe('export to Anki, then import into a fresh profile', () => {
	test('a studied deck on SM-2: the same cards, states and answers', async () => {
		const db = await studiedDeck();
		const fresh = await roundTrip(db, 'd');
		const before = (await db.getAll('cards')).sort((a, b) => a.newOrder - b.newOrder);
		const after = new Map((await fresh.getAll('cards')).map((card) => [card.id, card]));
		expect(after.size).toBe(7);
		for (const card of before) {
			const back = after.get(ankiCardId(await cardGuid(card.id), 0));
			expect(back, card.id).toBeDefined();
			expect([back!.front, back!.back], card.id).toEqual([card.front, card.back]);
			expect(scheduleOf(back!), card.id).toEqual(scheduleOf(card));
		}
		// The ones that show what Anki has no field for: a leech, a reset, step 7 still to come.
		expect(scheduleOf(after.get(ankiCardId(await cardGuid('d:a4'), 0))!)).toMatchObject({ status: 'suspended', leech: true, lapses: 8 });
		expect(scheduleOf(after.get(ankiCardId(await cardGuid('d:a3'), 0))!)).toMatchObject({
			state: { repetitions: 1, interval: 1, repeatToday: true },
			dueDay: TODAY
		});
		// New cards come in the same order.
		const newOnes = [...after.values()].filter((card) => card.status === 'new').sort((a, b) => a.newOrder - b.newOrder);
		expect(newOnes.map((card) => card.front)).toEqual(['Never seen']);

		const original = (await logEntries(db)).sort(byTime);
		const imported = (await logEntries(fresh)).sort(byTime);
		// Every answer that stands (the undone one is not one), each once.
		expect(imported.map(answerOf)).toEqual(original.map(answerOf));
		expect(imported).toHaveLength(answers.length + 16 + 3);
		for (const entry of original) {
			expect(imported.find((other) => other.time === entry.time)!.cardId).toBe(ankiCardId(await cardGuid(entry.cardId), 0));
		}
		// The same cards answered the same way give the same schedule, as SM-2 answers them here.
		expect(imported.map((entry) => [entry.after.dueDay, entry.after.lapses])).toEqual(
			original.map((entry) => [entry.after.dueDay, entry.after.lapses])
		);
	});

	test('without progress every card comes back new, in order, with no answers', async () => {
		const db = await studiedDeck();
		const fresh = await roundTrip(db, 'd', false);
		const cards = (await fresh.getAll('cards')).sort((a, b) => a.newOrder - b.newOrder);
		expect(cards.map((card) => [card.front, card.status, card.lapses, card.leech])).toEqual([
			['What is a roadmap?', 'new', 0, false],
			['Persona: explain', 'new', 0, false],
			['Backlog', 'new', 0, false],
			['Leech', 'new', 0, false],
			['Reset', 'new', 0, false],
			['Undone', 'new', 0, false],
			['Never seen', 'new', 0, false]
		]);
		expect(await logEntries(fresh)).toEqual([]);
	});

	test('a deck on FSRS: its cards come back on FSRS with their memory, due days and answers', async () => {
		const db = await freshDatabase();
		await saveSettings(db, settings);
		await saveDeck(
			db,
			makeDeck('f', [
				['b1', 'One', 'Uno'],
				['b2', 'Two', 'Dos'],
				['b3', 'Three', 'Tres']
			]),
			'page',
			{ now: timeOn(TODAY - 20, 8) }
		);
		await setDeckScheduler(db, 'f', 'fsrs', settings);
		const fsrsAnswers: [string, Grade, number, number][] = [
			['b1', 4, TODAY - 15, 9],
			['b1', 4, TODAY - 15, 9.5],
			['b1', 4, TODAY - 10, 9],
			['b2', 1, TODAY - 3, 9],
			['b2', 4, TODAY - 3, 9.25],
			['b2', 4, TODAY - 3, 9.5],
			['b2', 1, TODAY - 1, 9]
		];
		for (const [key, grade, day, hour] of fsrsAnswers) {
			await recordAnswer(db, { cardId: `f:${key}`, grade, now: timeOn(day, 0) + hour * 3_600_000, tookMs: 1000, sessionId: 's', settings });
		}
		const fresh = await roundTrip(db, 'f');
		const [deck] = await fresh.getAll('decks');
		expect(deck!.scheduler).toBe('fsrs');
		for (const card of await db.getAll('cards')) {
			const back = (await fresh.get('cards', ankiCardId(await cardGuid(card.id), 0)))!;
			expect([back.status, back.dueDay, back.lapses, back.lastAnsweredAt], card.id).toEqual([
				card.status,
				card.dueDay,
				card.lapses,
				card.lastAnsweredAt
			]);
			if (!card.fsrs) {
				expect(back.fsrs, card.id).toBeUndefined();
				continue;
			}
			// Anki keeps a due time in whole seconds; FSRS's step within the learning steps is not kept.
			const { due, step: _step, lapses: _lapses, ...memory } = card.fsrs;
			const { due: dueBack, step: _stepBack, lapses: _lapsesBack, ...memoryBack } = back.fsrs!;
			expect(memoryBack, card.id).toEqual(memory);
			expect(Math.ceil(dueBack / 1000), card.id).toBe(Math.ceil(due / 1000));
		}
		expect((await logEntries(fresh)).sort(byTime).map(answerOf)).toEqual((await logEntries(db)).sort(byTime).map(answerOf));
	});

	test('a deck imported from Anki and studied here goes back with its notes, note types, media and GUIDs', async () => {
		const db = await freshDatabase();
		const sample = new Uint8Array(readFileSync(new URL('../anki/fixtures/anki21b-small-deck.apkg', import.meta.url)));
		const first = await importPackage(readPackage(sample, sqlite), { dayStartHour: settings.dayStartHour, today: TODAY });
		await saveAnkiImport(db, first, timeOn(TODAY - 1, 8));
		const deckId = first.decks[0]!.id;
		const newCard = first.cards.find((card) => card.schedule.status === 'new') ?? first.cards[0]!;
		await recordAnswer(db, { cardId: newCard.id, grade: 4, now: timeOn(TODAY, 9), tookMs: 3000, sessionId: 's', settings });
		const fresh = await roundTrip(db, deckId);
		const stores = async (one: FlashcardsDb) => ({
			decks: (await one.getAll('decks')).map((deck) => [deck.id, deck.title, deck.scheduler]),
			cards: (await one.getAll('cards')).map((card) => [card.id, card.front, card.back, card.anki, scheduleOf(card), card.fsrs]),
			notes: await one.getAll('notes'),
			noteTypes: await one.getAll('noteTypes'),
			media: (await one.getAll('media')).map((file) => [file.deckId, file.name, file.type, file.sha1]),
			answers: (await logEntries(one)).sort(byTime).map((entry) => [entry.cardId, ...answerOf(entry)])
		});
		const [was, is] = [await stores(db), await stores(fresh)];
		expect(is.decks).toEqual(was.decks);
		// Anki's card has no count of recalls in a row; SM-2 gives the same next interval for any
		// count from 2 on, which is what a card Anki scheduled, answered here, comes back with.
		const sm2 = (cards: typeof was.cards) =>
			cards.map(([id, front, back, anki, schedule, fsrs]) => {
				const { state } = schedule as ReturnType<typeof scheduleOf>;
				return [id, front, back, anki, { ...(schedule as object), state: { ...state, repetitions: Math.min(state.repetitions, 2) } }, fsrs];
			});
		expect(sm2(is.cards)).toEqual(sm2(was.cards));
		expect(is.cards.filter(([, , , , schedule], i) => JSON.stringify(schedule) !== JSON.stringify(was.cards[i]![4]))).toHaveLength(1);
		expect(is.notes).toEqual(was.notes.map((note) => ({ ...note, modified: Math.floor(note.modified / 1000) * 1000 })));
		expect(is.noteTypes).toEqual(was.noteTypes);
		expect(is.media).toEqual(was.media);
		expect(is.answers).toEqual(was.answers);
	});

	test('a deck no longer on the device: a clear message, nothing exported', async () => {
		const db = await freshDatabase();
		await expect(deckForExport(db, 'gone')).rejects.toThrow(NoDeckToExport);
		await expect(deckForExport(db, 'gone')).rejects.toThrow('This deck is no longer on this device, so there is nothing to export.');
	});
});
