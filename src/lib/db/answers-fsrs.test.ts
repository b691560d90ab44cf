// Answering and undoing on a deck that uses FSRS: the same one transaction and compare-and-set as
// on SM-2, FSRS's state stored with the card, and the log still the truth a switch back reads.
import { afterEach, describe, expect, test } from 'vitest';
import { FsrsScheduler, fsrsDueDay, newFsrsState, studyClock } from '$lib/srs/fsrs';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import { fsrsFold } from '$lib/srs/fsrs-switch';
import { dayStartTime } from '$lib/srs/days';
import type { Grade } from '$lib/srs/sm2';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { CardChangedError, recordAnswer, undoLastAnswer } from './answers';
import { resetCard } from './cards';
import { saveDeck } from './index';
import { saveSettings } from './settings';
import { setDeckScheduler } from './scheduler';
import type { FlashcardsDb } from './schema';
import { closeDatabases, dump, freshDatabase, logEntries, makeDeck, numberedSpecs, timeOn, TODAY } from './test-helpers';

afterEach(closeDatabases);

const settings: Settings = { ...defaultSettings, desiredRetention: 0.85 };
const fsrs = new FsrsScheduler(fsrsOptionsOf(settings));

/** Two identical decks of three cards, 'd' and 'twin'. */
async function twoDecks(): Promise<FlashcardsDb> {
	const db = await freshDatabase();
	// Undo reads the settings stored, as the app stores what the screens pass.
	await saveSettings(db, settings);
	await saveDeck(db, makeDeck('d', numberedSpecs(3)), 'page', { now: timeOn(TODAY - 20, 8) });
	await saveDeck(db, makeDeck('twin', numberedSpecs(3)), 'page', { now: timeOn(TODAY - 20, 8) });
	return db;
}

/** A few weeks of answers, with a forgotten card and same-day steps, given to deck `deckId`. */
const answers: [key: string, grade: Grade, day: number, hour: number, minute: number][] = [
	['a1', 4, TODAY - 19, 9, 0],
	['a2', 1, TODAY - 19, 9, 1],
	['a2', 4, TODAY - 19, 9, 5],
	['a2', 4, TODAY - 19, 9, 20],
	['a1', 4, TODAY - 18, 9, 0],
	['a1', 5, TODAY - 15, 9, 0],
	['a2', 3, TODAY - 14, 10, 0],
	['a1', 1, TODAY - 5, 9, 0],
	['a1', 4, TODAY - 5, 9, 12],
	['a2', 4, TODAY - 2, 23, 30]
];

async function answerAll(db: FlashcardsDb, deckId: string, sessionId = 's'): Promise<void> {
	for (const [key, grade, day, hour, minute] of answers) {
		await recordAnswer(db, { cardId: `${deckId}:${key}`, grade, now: timeOn(day, hour, minute), tookMs: 900, sessionId, settings });
	}
}

const cardsOf = async (db: FlashcardsDb, deckId: string) =>
	(await db.getAll('cards'))
		.filter((card) => card.deckId === deckId)
		.map(({ deckId: _deck, id, ...card }) => ({ ...card, id: id.split(':')[1] }));

describe('recordAnswer on a deck that uses FSRS', () => {
	test("a new card's first Good takes it to its second learning step (10m): FSRS state stored, due today, SM-2 state kept beside it", async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		const now = timeOn(TODAY, 10);
		const saved = await recordAnswer(db, { cardId: 'd:a1', grade: 4, now, tookMs: 900, sessionId: 's', settings });
		const twin = await recordAnswer(db, { cardId: 'twin:a1', grade: 4, now, tookMs: 900, sessionId: 's', settings });
		const at = studyClock(TODAY, now - dayStartTime(TODAY, settings.dayStartHour));
		expect(saved.card.fsrs).toEqual(fsrs.review(newFsrsState(), 4, at));
		expect(saved.card.fsrs).toMatchObject({ phase: 'learning', step: 1, reps: 1, due: at + 10 * 60_000 });
		expect(saved.card.dueDay).toBe(TODAY);
		// The card on SM-2 beside it: the same SM-2 state, status and lapses; only the due day is FSRS's.
		const { fsrs: _state, ...rest } = saved.card;
		expect({ ...rest, id: 'x', deckId: 'x' }).toEqual({ ...twin.card, id: 'x', deckId: 'x', dueDay: TODAY });
		expect(twin.card.fsrs).toBeUndefined();
		expect(saved.entry.after.dueDay).toBe(TODAY);
		expect((await db.get('cards', 'd:a1'))?.fsrs).toEqual(saved.card.fsrs);
	});

	test('after weeks of answers every card holds the state FSRS folds from its log', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await answerAll(db, 'd');
		const log = await logEntries(db);
		for (const key of ['a1', 'a2']) {
			const card = (await db.get('cards', `d:${key}`))!;
			const state = fsrsFold(
				log.filter((entry) => entry.cardId === card.id),
				fsrs,
				settings.dayStartHour
			);
			expect(card.fsrs).toEqual(state);
			expect(card.dueDay).toBe(fsrsDueDay(state));
		}
		expect((await db.get('cards', 'd:a1'))?.lapses).toBe(1);
		expect((await db.get('cards', 'd:a3'))?.fsrs).toBeUndefined();
	});

	test('switching back to SM-2 gives exactly the cards the same answers give on SM-2', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await answerAll(db, 'd');
		await answerAll(db, 'twin');
		expect(await cardsOf(db, 'd')).not.toEqual(await cardsOf(db, 'twin'));
		await setDeckScheduler(db, 'd', 'sm2', settings);
		expect(await cardsOf(db, 'd')).toEqual(await cardsOf(db, 'twin'));
	});

	test('a deck following Settings answers with FSRS when Settings say FSRS; a deck that chose SM-2 does not', async () => {
		const db = await twoDecks();
		const onFsrs: Settings = { ...settings, scheduler: 'fsrs' };
		await setDeckScheduler(db, 'twin', 'sm2', onFsrs);
		await recordAnswer(db, { cardId: 'd:a1', grade: 4, now: timeOn(TODAY, 10), tookMs: 1, sessionId: 's', settings: onFsrs });
		await recordAnswer(db, { cardId: 'twin:a1', grade: 4, now: timeOn(TODAY, 10), tookMs: 1, sessionId: 's', settings: onFsrs });
		expect((await db.get('cards', 'd:a1'))?.fsrs?.phase).toBe('learning');
		expect((await db.get('cards', 'twin:a1'))?.fsrs).toBeUndefined();
		expect((await db.get('cards', 'twin:a1'))?.dueDay).toBe(TODAY + 1);
	});

	test('the compare-and-set still holds: a card answered since it was shown is refused and nothing is written', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		const shown = (await db.get('cards', 'd:a1'))!;
		await recordAnswer(db, { cardId: 'd:a1', grade: 4, now: timeOn(TODAY, 10), tookMs: 1, sessionId: 'other tab', settings });
		const before = await dump(db);
		await expect(
			recordAnswer(db, { cardId: 'd:a1', grade: 1, now: timeOn(TODAY, 10, 1), tookMs: 1, sessionId: 's', settings, shown })
		).rejects.toBeInstanceOf(CardChangedError);
		expect(await dump(db)).toEqual(before);
	});

	test('a reset card starts afresh in FSRS: its next answer is a first answer', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await answerAll(db, 'd');
		const reset = await resetCard(db, 'd:a1', timeOn(TODAY, 9));
		expect(reset.fsrs).toBeUndefined();
		const now = timeOn(TODAY, 10);
		const saved = await recordAnswer(db, { cardId: 'd:a1', grade: 5, now, tookMs: 1, sessionId: 's', settings });
		expect(saved.card.fsrs).toEqual(fsrs.review(newFsrsState(), 5, studyClock(TODAY, now - dayStartTime(TODAY, settings.dayStartHour))));
		expect(saved.card.fsrs?.reps).toBe(1);
	});
	test('a review card without FSRS state gets what FSRS folds from its log, or, with no answers logged, starts afresh', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await answerAll(db, 'd');
		// As an older backup would have them: no FSRS state on the cards.
		for (const id of ['d:a1', 'twin:a1']) {
			const { fsrs: _state, ...card } = (await db.get('cards', id))!;
			await db.put('cards', id === 'twin:a1' ? { ...card, status: 'review', lastAnsweredAt: timeOn(TODAY - 3, 9), dueDay: TODAY } : card);
		}
		await setDeckScheduler(db, 'twin', 'fsrs', settings);
		const now = timeOn(TODAY, 10);
		const at = studyClock(TODAY, now - dayStartTime(TODAY, settings.dayStartHour));
		const folded = await recordAnswer(db, { cardId: 'd:a1', grade: 4, now, tookMs: 1, sessionId: 's', settings });
		const log = (await logEntries(db)).filter((entry) => entry.cardId === 'd:a1');
		expect(folded.card.fsrs).toEqual(fsrsFold(log, fsrs, settings.dayStartHour));
		const afresh = await recordAnswer(db, { cardId: 'twin:a1', grade: 4, now, tookMs: 1, sessionId: 's', settings });
		expect(afresh.card.fsrs).toEqual(fsrs.review(newFsrsState(), 4, at));
	});
});

describe('undoLastAnswer on a deck that uses FSRS', () => {
	test('undo gives back the card exactly as before the answer, FSRS state included, by folding the answers left', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await answerAll(db, 'd');
		const before = await db.get('cards', 'd:a2');
		await recordAnswer(db, { cardId: 'd:a2', grade: 1, now: timeOn(TODAY, 10), tookMs: 1, sessionId: 's', settings });
		expect((await db.get('cards', 'd:a2'))?.fsrs?.phase).toBe('relearning');
		const restored = await undoLastAnswer(db, 's', timeOn(TODAY, 10, 1));
		expect(restored).toEqual(before);
		expect(await db.get('cards', 'd:a2')).toEqual(before);
	});

	test('undoing an answer after the card was changed elsewhere folds FSRS from the log as it now stands', async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await recordAnswer(db, { cardId: 'd:a1', grade: 4, now: timeOn(TODAY - 3, 10), tookMs: 1, sessionId: 'mine', settings });
		await recordAnswer(db, { cardId: 'd:a1', grade: 4, now: timeOn(TODAY - 3, 10, 15), tookMs: 1, sessionId: 'theirs', settings });
		await recordAnswer(db, { cardId: 'd:a1', grade: 3, now: timeOn(TODAY, 10), tookMs: 1, sessionId: 'mine', settings });
		// Another tab answered again after "mine"'s last answer, which is then undone.
		await recordAnswer(db, { cardId: 'd:a1', grade: 4, now: timeOn(TODAY, 10, 5), tookMs: 1, sessionId: 'theirs', settings });
		const restored = (await undoLastAnswer(db, 'mine', timeOn(TODAY, 10, 6)))!;
		const left = (await logEntries(db)).filter((entry) => entry.cardId === 'd:a1');
		const standing = left.filter((entry) => !(entry.sessionId === 'mine' && entry.time === timeOn(TODAY, 10)));
		expect(standing).toHaveLength(3);
		expect(restored.fsrs).toEqual(fsrsFold(standing, fsrs, settings.dayStartHour));
		expect(restored.dueDay).toBe(fsrsDueDay(restored.fsrs!));
	});

	test("undoing a new card's first answer leaves it new, with no FSRS state", async () => {
		const db = await twoDecks();
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		const before = await db.get('cards', 'd:a3');
		await recordAnswer(db, { cardId: 'd:a3', grade: 4, now: timeOn(TODAY, 10), tookMs: 1, sessionId: 's', settings });
		const restored = await undoLastAnswer(db, 's', timeOn(TODAY, 10, 1));
		expect(restored).toEqual(before);
		expect(restored?.fsrs).toBeUndefined();
	});
});
