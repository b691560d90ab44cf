// The daily session's reads and writes: today's cards, home counts, recording and undoing answers.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { dayStartTime } from '$lib/srs/days';
import { buildQueue, dayCounts } from '$lib/srs/queue';
import { snapshotOf } from '$lib/srs/replay';
import { initialState, type Grade } from '$lib/srs/sm2';
import type { Settings } from '$lib/srs/types';
import {
	allCards,
	answersOnDay,
	CardChangedError,
	countToday,
	editCard,
	resetCard,
	currentStreak,
	getCard,
	nextDueDay,
	recordAnswer,
	saveDeck,
	setSuspended,
	studiedDays,
	studyDayAt,
	undoLastAnswer,
	StorageError,
	type CardRecord
} from './index';
import { loadStudy } from './study-session';
import type { DeckCounts } from './today';
import { sessionSummary } from './session';
import type { FlashcardsDb } from './schema';
import {
	addAnswers,
	cardRecord,
	closeDatabases,
	dump,
	logEntries,
	freshDatabase,
	ids,
	makeDeck,
	NOW,
	putCards,
	reviewCard,
	settings,
	standing,
	timeOn,
	TODAY
} from './test-helpers';

afterEach(() => {
	vi.restoreAllMocks();
	closeDatabases();
});

const TODAY_START = dayStartTime(TODAY, settings.dayStartHour);

function answer(
	db: FlashcardsDb,
	cardId: string,
	grade: Grade,
	options: { now?: number; sessionId?: string; tookMs?: number; settings?: Settings } = {}
) {
	return recordAnswer(db, {
		cardId,
		grade,
		now: options.now ?? NOW,
		tookMs: options.tookMs ?? 2000,
		sessionId: options.sessionId ?? 'session-1',
		settings: options.settings ?? settings
	});
}

describe('studyDayAt', () => {
	test("gives today's study day and when it began", () => {
		expect(studyDayAt(NOW, settings)).toEqual({ today: TODAY, todayStartMs: TODAY_START });
		expect(studyDayAt(timeOn(TODAY + 1, 3), settings).today).toBe(TODAY);
	});
});

/**
 * One deck holding a card of every kind: new cards, reviews overdue by 5, 3, 2 and 1 days, a review
 * due today, a card forgotten this morning (a same-day repeat), one due tomorrow, and suspended and
 * retired cards that are overdue.
 */
function everyKind(deckId: string): CardRecord[] {
	return [
		...[0, 1, 2, 3].map((order) => cardRecord(deckId, `new${order + 1}`, { newOrder: order })),
		reviewCard(deckId, 'over5', TODAY - 5),
		reviewCard(deckId, 'over3', TODAY - 3),
		reviewCard(deckId, 'over2', TODAY - 2),
		reviewCard(deckId, 'over1', TODAY - 1),
		reviewCard(deckId, 'today', TODAY),
		reviewCard(deckId, 'repeat', TODAY, {
			state: { repetitions: 0, interval: 0, easiness: 2.3, repeatToday: false },
			lapses: 1,
			lastAnsweredAt: timeOn(TODAY, 9)
		}),
		reviewCard(deckId, 'tomorrow', TODAY + 1),
		reviewCard(deckId, 'suspended', TODAY - 5, { status: 'suspended' }),
		reviewCard(deckId, 'retired', TODAY - 5, { status: 'retired' }),
		cardRecord(deckId, 'retired-new', { status: 'retired', newOrder: 9 })
	];
}

describe('loadStudy', () => {
	const limits: Settings = { ...settings, newPerDay: 2, reviewsPerDay: 3 };

	test("reads only today's cards: the most overdue up to the review limit (with room for the repeats), the repeats, new up to the new limit", async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', everyKind('d'));
		const study = await loadStudy(db, null, NOW, limits);
		expect(ids(study.cards)).toEqual(['d:new1', 'd:new2', 'd:over2', 'd:over3', 'd:over5', 'd:repeat']);
		expect(study.complete).toBe(true);
		expect(study.today).toBe(TODAY);
		expect(study.todayStartMs).toBe(TODAY_START);
		expect(study.settings).toBe(limits);
		expect(study.studied).toEqual(new Map([['d', { newCount: 0, reviewCount: 0 }]]));
		const queue = buildQueue(study);
		expect(queue.counts).toEqual({ new: 2, due: 3, repeats: 1 });
		expect(queue.cards.map((card) => card.id)).toEqual(['d:over5', 'd:new1', 'd:over3', 'd:new2', 'd:over2', 'd:repeat']);
	});

	test('reads only the decks asked for', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', everyKind('d'));
		await putCards(db, 'e', [cardRecord('e', 'n'), reviewCard('e', 'r', TODAY)]);
		expect(ids((await loadStudy(db, ['e'], NOW, limits)).cards)).toEqual(['e:n', 'e:r']);
		expect(ids((await loadStudy(db, [], NOW, limits)).cards)).toEqual([]);
		const both = await loadStudy(db, null, NOW, limits);
		expect(buildQueue(both).counts).toEqual({ new: 3, due: 4, repeats: 1 });
	});

	test('when overdue cards tie on their due day at the review limit, the harder ones are kept, as over the whole collection', async () => {
		const db = await freshDatabase();
		const easy = { repetitions: 3, interval: 6, easiness: 2.9, repeatToday: false };
		const hard = { repetitions: 3, interval: 6, easiness: 1.3, repeatToday: false };
		await putCards(db, 'd', [
			reviewCard('d', 'a-easy', TODAY - 2, { state: easy }),
			reviewCard('d', 'b-easy', TODAY - 2, { state: easy }),
			reviewCard('d', 'c-hard', TODAY - 2, { state: hard }),
			reviewCard('d', 'z-older', TODAY - 4, { state: easy })
		]);
		const twoReviews = { ...settings, reviewsPerDay: 2 };
		const study = await loadStudy(db, null, NOW, twoReviews);
		const everything = buildQueue({ ...study, cards: await allCards(db) });
		expect(everything.cards.map((card) => card.id)).toEqual(['d:z-older', 'd:c-hard']);
		expect(buildQueue(study).cards.map((card) => card.id)).toEqual(['d:z-older', 'd:c-hard']);
	});

	test('the daily limits count what was answered earlier today, so a reload does not give more', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [
			...[0, 1, 2, 3].map((order) => cardRecord('d', `new${order + 1}`, { newOrder: order })),
			reviewCard('d', 'over3', TODAY - 3),
			reviewCard('d', 'over2', TODAY - 2),
			reviewCard('d', 'over1', TODAY - 1)
		]);
		const limit = { ...settings, newPerDay: 2, reviewsPerDay: 2 };
		expect(buildQueue(await loadStudy(db, null, NOW, limit)).counts).toEqual({ new: 2, due: 2, repeats: 0 });

		await answer(db, 'd:new1', 4, { now: NOW, settings: limit });
		await answer(db, 'd:over3', 1, { now: NOW + 60_000, settings: limit });
		const reloaded = await loadStudy(db, null, NOW + 120_000, limit);
		expect(reloaded.studied).toEqual(new Map([['d', { newCount: 1, reviewCount: 1 }]]));
		const queue = buildQueue(reloaded);
		expect(queue.counts).toEqual({ new: 1, due: 1, repeats: 1 });
		expect(queue.cards.map((card) => card.id)).toEqual(['d:over2', 'd:new2', 'd:over3']);

		await answer(db, 'd:over2', 4, { now: NOW + 180_000, settings: limit });
		await answer(db, 'd:new2', 4, { now: NOW + 240_000, settings: limit });
		await answer(db, 'd:over3', 4, { now: NOW + 300_000, settings: limit });
		const done = await loadStudy(db, null, NOW + 360_000, limit);
		expect(done.cards).toEqual([]);
		expect(buildQueue(done).counts).toEqual({ new: 0, due: 0, repeats: 0 });
		expect((await countToday(db, NOW + 360_000, limit)).get('d')).toEqual({ new: 0, due: 0, canStudyMore: true });

		const tomorrow = await loadStudy(db, null, timeOn(TODAY + 1, 10), limit);
		expect(buildQueue(tomorrow).counts).toEqual({ new: 2, due: 2, repeats: 0 });
	});
});

describe('countToday', () => {
	test('gives N new and N due per deck, repeats included in due and not limited', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', everyKind('d'));
		await putCards(db, 'empty', []);
		const limits = { ...settings, newPerDay: 2, reviewsPerDay: 3 };
		const counts = await countToday(db, NOW, limits);
		expect(Object.fromEntries(counts)).toEqual({ d: { new: 2, due: 4, again: 1 }, empty: { new: 0, due: 0 } });
		expect(Object.fromEntries(await countToday(db, NOW, settings))).toEqual({ d: { new: 4, due: 6, again: 1 }, empty: { new: 0, due: 0 } });
		expect(Object.fromEntries(await countToday(db, NOW, { ...settings, newPerDay: 0, reviewsPerDay: 0 }))).toEqual({
			d: { new: 0, due: 1, again: 1 },
			empty: { new: 0, due: 0 }
		});
	});

	/** A small deterministic random generator, so a failing case can be replayed. */
	function random(seed: number) {
		let state = seed >>> 0;
		const next = () => {
			state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
			return state / 2 ** 32;
		};
		return {
			next,
			int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
			pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T
		};
	}

	function randomDeck(deckId: string, rnd: ReturnType<typeof random>): CardRecord[] {
		const cards: CardRecord[] = [];
		const count = rnd.int(0, 14);
		for (let i = 0; i < count; i++) {
			const kind = rnd.pick(['new', 'new', 'review', 'review', 'review', 'suspended', 'retired'] as const);
			if (kind === 'new') {
				cards.push(cardRecord(deckId, `c${i}`, { newOrder: i }));
				continue;
			}
			const dueDay = TODAY + rnd.int(-3, 2);
			const interval = rnd.int(1, 10);
			cards.push(
				cardRecord(deckId, `c${i}`, {
					status: kind,
					newOrder: i,
					state: { repetitions: rnd.int(1, 5), interval, easiness: rnd.pick([1.3, 2.36, 2.5, 2.5, 2.6]), repeatToday: false },
					dueDay,
					lapses: rnd.int(0, 3),
					lastAnsweredAt: timeOn(Math.min(dueDay - interval, TODAY - 1), 9)
				})
			);
		}
		return cards;
	}

	test('matches what loadStudy and the queue give, which match the queue over the whole collection', async () => {
		for (let seed = 1; seed <= 40; seed++) {
			const rnd = random(seed);
			const db = await freshDatabase();
			const limits: Settings = { ...settings, newPerDay: rnd.pick([0, 1, 2, 5, 20]), reviewsPerDay: rnd.pick([0, 1, 2, 3, 10, 200]) };
			for (const deckId of ['x', 'y', 'z'].slice(0, rnd.int(1, 3))) await putCards(db, deckId, randomDeck(deckId, rnd));
			// Some answers earlier today, as a session would give them: they fill the limits and make repeats.
			let now = timeOn(TODAY, 6);
			for (let i = rnd.int(0, 8); i > 0; i--) {
				const next = buildQueue(await loadStudy(db, null, now, limits)).cards[0];
				if (!next) break;
				await answer(db, next.id, rnd.pick([1, 3, 4, 5] as const), { now, settings: limits });
				now += rnd.int(1, 30) * 60_000;
			}
			const study = await loadStudy(db, null, NOW, limits);
			const counts = await countToday(db, NOW, limits);
			const fromQueue = dayCounts(study);
			for (const [deckId, { canStudyMore: _, ...count }] of counts) {
				expect(count, `seed ${seed}, deck ${deckId}`).toEqual(fromQueue.get(deckId) ?? { new: 0, due: 0 });
			}
			const whole = buildQueue({ ...study, cards: await allCards(db) });
			expect(study.complete, `seed ${seed}`).toBe(true);
			expect(
				buildQueue(study).cards.map((card) => card.id),
				`seed ${seed}`
			).toEqual(whole.cards.map((card) => card.id));

			// Read in pages of 2 and counted up to 3: the first cards of the same session, and counts
			// that are exact up to the limit and say when there are more.
			const page = await loadStudy(db, null, NOW, limits, 2);
			const paged = dayCounts(page);
			for (const [deckId, exact] of fromQueue) {
				const part = paged.get(deckId) ?? { new: 0, due: 0 };
				const repeats = whole.cards.filter((card) => card.deckId === deckId && card.lastAnsweredAt >= TODAY_START).length;
				expect(part.new, `seed ${seed}, deck ${deckId}`).toBe(Math.min(exact.new, 2));
				expect(part.due, `seed ${seed}, deck ${deckId}`).toBe(Math.min(exact.due - repeats, 2) + repeats);
			}
			// Each deck's due reviews loaded are the first of that deck's in the whole session, in order.
			const dueOrder = (cards: { id: string; deckId: string; status: string; lastAnsweredAt: number }[], deckId: string) =>
				cards
					.filter((card) => card.deckId === deckId && card.status === 'review' && card.lastAnsweredAt < TODAY_START)
					.map((card) => card.id);
			for (const deckId of fromQueue.keys()) {
				const pagedDue = dueOrder(buildQueue(page).cards, deckId);
				expect(dueOrder(whole.cards, deckId).slice(0, pagedDue.length), `seed ${seed}, deck ${deckId}`).toEqual(pagedDue);
			}
			const more = [...fromQueue].some(([deckId, exact]) => {
				const part = paged.get(deckId) ?? { new: 0, due: 0 };
				return part.new < exact.new || part.due < exact.due;
			});
			expect(page.complete, `seed ${seed}`).toBe(!more);

			const capped = await countToday(db, NOW, limits, 3);
			for (const [deckId, { canStudyMore: _, ...count }] of capped) {
				const exact = fromQueue.get(deckId) ?? { new: 0, due: 0 };
				const repeats = whole.cards.filter((card) => card.deckId === deckId && card.lastAnsweredAt >= TODAY_START).length;
				const expected: DeckCounts = { new: Math.min(exact.new, 3), due: Math.min(exact.due - repeats, 3) + repeats };
				if (repeats > 0) expected.again = repeats;
				if (exact.new > 3) expected.moreNew = true;
				if (exact.due - repeats > 3) expected.moreDue = true;
				expect(count, `seed ${seed}, deck ${deckId}`).toEqual(expected);
			}
			closeDatabases();
		}
	});
});

describe('nextDueDay', () => {
	test('is the first day after today with a review due, ignoring new, suspended and retired cards', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [
			cardRecord('d', 'new'),
			reviewCard('d', 'today', TODAY),
			reviewCard('d', 'in3', TODAY + 3),
			reviewCard('d', 'in7', TODAY + 7),
			reviewCard('d', 'suspended', TODAY + 1, { status: 'suspended' }),
			reviewCard('d', 'retired', TODAY + 2, { status: 'retired' })
		]);
		await putCards(db, 'e', [reviewCard('e', 'in5', TODAY + 5)]);
		expect(await nextDueDay(db, TODAY)).toBe(TODAY + 3);
		expect(await nextDueDay(db, TODAY + 3)).toBe(TODAY + 5);
		expect(await nextDueDay(db, TODAY + 5)).toBe(TODAY + 7);
		expect(await nextDueDay(db, TODAY + 7)).toBeUndefined();
	});

	test('is undefined with no cards at all', async () => {
		expect(await nextDueDay(await freshDatabase(), TODAY)).toBeUndefined();
	});
});

describe('recordAnswer', () => {
	test('an answer and its log entry are saved together', async () => {
		const db = await freshDatabase();
		const fresh = cardRecord('d', 'a');
		await putCards(db, 'd', [fresh]);
		await db.put('meta', 'phone-1', 'installId');
		const result = await answer(db, 'd:a', 4, { tookMs: 1234.4, sessionId: 'morning' });
		const newSnapshot = { status: 'new', state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
		const after = {
			status: 'review',
			state: { repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false },
			dueDay: TODAY + 1,
			lapses: 0,
			leech: false,
			lastAnsweredAt: NOW
		};
		expect(result.becameLeech).toBe(false);
		expect(result.card).toEqual({ ...fresh, ...after });
		expect(result.entry).toEqual({
			cardId: 'd:a',
			deckId: 'd',
			time: NOW,
			studyDay: TODAY,
			grade: 4,
			wasNew: true,
			before: newSnapshot,
			after,
			tookMs: 1234,
			sessionId: 'morning',
			device: 'phone-1'
		});
		expect(await getCard(db, 'd:a')).toEqual(result.card);
		expect(await logEntries(db)).toEqual([result.entry]);
	});

	test('a time to answer that is not a real duration is stored as 0, so the log stays exportable', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 }), cardRecord('d', 'c', { newOrder: 2 })]);
		expect((await answer(db, 'd:a', 4, { tookMs: Number.NaN })).entry.tookMs).toBe(0);
		expect((await answer(db, 'd:b', 4, { tookMs: -50 })).entry.tookMs).toBe(0);
		expect((await answer(db, 'd:c', 4, { tookMs: Number.POSITIVE_INFINITY })).entry.tookMs).toBe(0);
		expect((await logEntries(db)).map((entry) => entry.tookMs)).toEqual([0, 0, 0]);
	});

	test('a forgotten review card becomes a repeat for today, counted as a lapse', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'r', TODAY - 1)]);
		const { card, entry } = await answer(db, 'd:r', 1);
		expect(card).toMatchObject({ status: 'review', dueDay: TODAY, lapses: 1, state: { repetitions: 0, interval: 0, easiness: 2.5 } });
		expect(entry.wasNew).toBe(false);
		expect(buildQueue(await loadStudy(db, null, NOW + 60_000, settings)).counts).toEqual({ new: 0, due: 0, repeats: 1 });
	});

	test('the answer that makes a card a leech suspends it, out of the queue', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'leech', TODAY, { lapses: 7 })]);
		const result = await answer(db, 'd:leech', 0);
		expect(result.becameLeech).toBe(true);
		expect(result.card).toMatchObject({ status: 'suspended', leech: true, lapses: 8 });
		expect(result.entry.after.status).toBe('suspended');
		expect((await loadStudy(db, null, NOW + 60_000, settings)).cards).toEqual([]);
	});

	test('with the tag action a leech is flagged and stays in the queue', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'leech', TODAY, { lapses: 7 })]);
		const result = await answer(db, 'd:leech', 0, { settings: { ...settings, leechAction: 'tag' } });
		expect(result.becameLeech).toBe(true);
		expect(result.card).toMatchObject({ status: 'review', leech: true, lapses: 8 });
	});

	test.each([
		['suspended', 'Your answer was not saved: Card d:x is suspended and cannot be answered.'],
		['retired', 'Your answer was not saved: Card d:x is retired and cannot be answered.']
	] as const)('a %s card is refused and nothing is written', async (status, message) => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'x', TODAY, { status })]);
		const before = await dump(db);
		const answering = answer(db, 'd:x', 4);
		await expect(answering).rejects.toBeInstanceOf(StorageError);
		await expect(answering).rejects.toThrow(message);
		expect(await dump(db)).toEqual(before);
	});

	test('a card that no longer exists is refused and nothing is written', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a')]);
		const before = await dump(db);
		await expect(answer(db, 'd:gone', 4)).rejects.toThrow('Your answer was not saved: this card no longer exists.');
		expect(await dump(db)).toEqual(before);
	});

	test('a grade outside 0..5 is refused and nothing is written', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a')]);
		const before = await dump(db);
		await expect(answer(db, 'd:a', 7 as Grade)).rejects.toThrow(
			'Your answer was not saved: A grade must be a whole number from 0 to 5, got 7.'
		);
		expect(await dump(db)).toEqual(before);
	});

	test('when the log entry cannot be written, the card is not changed either', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a')]);
		const before = await dump(db);
		const put = IDBObjectStore.prototype.put;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
			if (this.name === 'log') throw new DOMException('Quota exceeded', 'QuotaExceededError');
			return put.apply(this, args);
		});
		await expect(answer(db, 'd:a', 4)).rejects.toMatchObject({
			reason: 'quota',
			message: 'Your last answer was not saved: this device is out of storage space. Free some space, then try again.'
		});
		vi.restoreAllMocks();
		expect(await dump(db)).toEqual(before);
	});
});

describe('recordAnswer with the card as shown (compare-and-set)', () => {
	async function twoTabs() {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 })]);
		// Both tabs read the same session, so both show d:a first.
		const [first, second] = [await loadStudy(db, ['d'], NOW, settings), await loadStudy(db, ['d'], NOW, settings)];
		const shown = (study: typeof first) => study.cards.find((card) => card.id === 'd:a') as CardRecord;
		return { db, tabA: shown(first), tabB: shown(second) };
	}
	const answerAs = (db: FlashcardsDb, shown: CardRecord, grade: Grade, now = NOW) =>
		recordAnswer(db, { cardId: shown.id, grade, now, tookMs: 1000, sessionId: 'tab', settings, shown });

	test('the card still as shown: the answer is applied as without the check', async () => {
		const { db, tabA } = await twoTabs();
		const saved = await answerAs(db, tabA, 4);
		expect(saved.entry.before).toEqual(snapshotOf(tabA));
		expect(await getCard(db, 'd:a')).toEqual(saved.card);
	});

	test("the deck is the stored card's: a shown card naming another deck does not put the answer in that deck's day", async () => {
		const { db, tabA } = await twoTabs();
		await putCards(db, 'e', [cardRecord('e', 'x')]);
		await recordAnswer(db, { cardId: 'e:x', grade: 4, now: NOW, tookMs: 1000, sessionId: 'tab', settings });
		const saved = await answerAs(db, { ...tabA, deckId: 'e' }, 4);
		expect((await logEntries(db)).map((entry) => [entry.deckId, entry.cardId])).toEqual([
			['d', 'd:a'],
			['e', 'e:x']
		]);
		expect(saved.card.deckId).toBe('d');
	});

	test('answered in another tab first: nothing is saved, and the new card counts once against the limit', async () => {
		const { db, tabA, tabB } = await twoTabs();
		const first = await answerAs(db, tabA, 4);
		const before = await dump(db);
		await expect(answerAs(db, tabB, 4, NOW + 5000)).rejects.toBeInstanceOf(CardChangedError);
		expect(await dump(db)).toEqual(before);
		expect(await getCard(db, 'd:a')).toEqual(first.card);
		const study = await loadStudy(db, ['d'], NOW + 6000, settings);
		expect((study.studied as Map<string, unknown>).get('d')).toEqual({ newCount: 1, reviewCount: 0 });
	});

	test.each([
		['edited', (db: FlashcardsDb) => editCard(db, 'd:a', { front: 'New front', back: 'Back a' })],
		['suspended', (db: FlashcardsDb) => setSuspended(db, 'd:a', true)],
		['reset', (db: FlashcardsDb) => resetCard(db, 'd:a', NOW + 1)],
		['undone', async (db: FlashcardsDb) => void (await undoLastAnswer(db, 'tab', NOW + 2))]
	])('%s in another tab after it was shown: the answer is refused', async (_what, change) => {
		const { db, tabA } = await twoTabs();
		const answered = await answerAs(db, tabA, 4);
		await change(db);
		const before = await dump(db);
		await expect(answerAs(db, answered.card, 5, NOW + 10_000)).rejects.toBeInstanceOf(CardChangedError);
		expect(await dump(db)).toEqual(before);
	});
});

describe('undoLastAnswer', () => {
	test('an answer and its undo leave the cards and the answers exactly as before', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'new'), reviewCard('d', 'due', TODAY - 2), reviewCard('d', 'leech', TODAY, { lapses: 7 })]);
		for (const [cardId, grade] of [
			['d:new', 3],
			['d:due', 1],
			['d:due', 5],
			['d:leech', 0]
		] as const) {
			const before = await dump(db);
			const { card } = await answer(db, cardId, grade);
			const restored = await undoLastAnswer(db, 'session-1');
			expect(standing(await dump(db))).toEqual(standing(before));
			expect(restored).toEqual((before.cards as CardRecord[]).find((c) => c.id === card.id));
		}
	});

	test('several undos walk back in order, then there is nothing to undo', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 })]);
		const states = [await dump(db)];
		await answer(db, 'd:a', 1, { now: NOW });
		states.push(await dump(db));
		await answer(db, 'd:b', 4, { now: NOW + 1000 });
		states.push(await dump(db));
		await answer(db, 'd:a', 4, { now: NOW + 2000 });
		expect((await sessionSummary(db, 'session-1')).answered).toBe(3);
		expect((await undoLastAnswer(db, 'session-1'))?.id).toBe('d:a');
		expect(standing(await dump(db))).toEqual(standing(states[2]!));
		expect((await undoLastAnswer(db, 'session-1'))?.id).toBe('d:b');
		expect(standing(await dump(db))).toEqual(standing(states[1]!));
		expect((await undoLastAnswer(db, 'session-1'))?.id).toBe('d:a');
		expect(standing(await dump(db))).toEqual(standing(states[0]!));
		expect((await sessionSummary(db, 'session-1')).answered).toBe(0);
		const undone = await dump(db);
		expect(await undoLastAnswer(db, 'session-1')).toBeUndefined();
		expect(await dump(db)).toEqual(undone);
	});

	test("undoes only this session's answers", async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 })]);
		const mine = await answer(db, 'd:a', 4, { now: NOW, sessionId: 'mine' });
		const theirs = await answer(db, 'd:b', 4, { now: NOW + 1000, sessionId: 'theirs' });
		const restored = await undoLastAnswer(db, 'mine');
		expect(restored?.id).toBe('d:a');
		expect(restored?.status).toBe('new');
		expect(await getCard(db, 'd:b')).toEqual(theirs.card);
		expect(await logEntries(db)).toEqual([theirs.entry]);
		expect(mine.entry.sessionId).toBe('mine');
		expect(await undoLastAnswer(db, 'mine')).toBeUndefined();
		expect(await undoLastAnswer(db, 'nobody')).toBeUndefined();
	});

	test('a session that goes on past the day start walks back from its newest day, and a day whose answers are all undone is no studied day', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 }), cardRecord('d', 'c', { newOrder: 2 })]);
		const evening = await answer(db, 'd:a', 4, { now: timeOn(TODAY - 1, 23) });
		const lateNight = await answer(db, 'd:b', 4, { now: timeOn(TODAY - 1, 23, 30) });
		const morning = await answer(db, 'd:c', 4, { now: timeOn(TODAY, 5) });
		expect([evening.entry.studyDay, lateNight.entry.studyDay, morning.entry.studyDay]).toEqual([TODAY - 1, TODAY - 1, TODAY]);
		expect(await studiedDays(db)).toEqual([TODAY, TODAY - 1]);
		expect((await undoLastAnswer(db, 'session-1'))?.id).toBe('d:c');
		expect(await studiedDays(db)).toEqual([TODAY - 1]);
		expect((await undoLastAnswer(db, 'session-1'))?.id).toBe('d:b');
		expect(await logEntries(db)).toEqual([evening.entry]);
		expect((await undoLastAnswer(db, 'session-1'))?.id).toBe('d:a');
		expect(await studiedDays(db)).toEqual([]);
		expect(await currentStreak(db, TODAY)).toBe(0);
		expect(await undoLastAnswer(db, 'session-1')).toBeUndefined();
	});

	test("an undone answer no longer counts against today's limit", async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 })]);
		const one = { ...settings, newPerDay: 1 };
		await answer(db, 'd:a', 4, { settings: one });
		expect((await countToday(db, NOW, one)).get('d')).toEqual({ new: 0, due: 0, canStudyMore: true });
		await undoLastAnswer(db, 'session-1');
		expect((await countToday(db, NOW, one)).get('d')).toEqual({ new: 1, due: 0 });
		expect(ids((await loadStudy(db, null, NOW, one)).cards)).toEqual(['d:a']);
	});

	test('undoing an answer to a card suspended or retired since then keeps it out of the queue', async () => {
		const db = await freshDatabase();
		await saveDeck(
			db,
			makeDeck('d', [
				['a', 'Front a', 'Back a'],
				['b', 'Front b', 'Back b']
			]),
			'v1',
			{ now: NOW - 60_000 }
		);
		await answer(db, 'd:a', 4, { now: NOW });
		await answer(db, 'd:b', 4, { now: NOW + 1000 });
		await setSuspended(db, 'd:b', true);
		await saveDeck(db, makeDeck('d', [['b', 'Front b', 'Back b']]), 'v2', { now: NOW + 2000 });
		const b = await undoLastAnswer(db, 'session-1');
		expect(b).toMatchObject({ id: 'd:b', status: 'suspended', lastAnsweredAt: 0, state: initialState() });
		const a = await undoLastAnswer(db, 'session-1');
		expect(a).toMatchObject({ id: 'd:a', status: 'retired', lastAnsweredAt: 0, state: initialState() });
		expect((await loadStudy(db, null, NOW + 3000, settings)).cards).toEqual([]);
	});
});

describe('the review log', () => {
	test('answersOnDay and studiedDays read the log by study day', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b', { newOrder: 1 }), reviewCard('d', 'r', TODAY - 3)]);
		await answer(db, 'd:r', 4, { now: timeOn(TODAY - 3, 10) });
		await answer(db, 'd:a', 4, { now: timeOn(TODAY - 1, 10) });
		await answer(db, 'd:b', 1, { now: NOW });
		await answer(db, 'd:b', 4, { now: NOW + 60_000 });
		expect(await answersOnDay(db, TODAY)).toBe(2);
		expect(await answersOnDay(db, TODAY - 1)).toBe(1);
		expect(await answersOnDay(db, TODAY - 2)).toBe(0);
		expect(await studiedDays(db)).toEqual([TODAY, TODAY - 1, TODAY - 3]);
		expect(await studiedDays(db, 2)).toEqual([TODAY, TODAY - 1]);
	});
});

describe('currentStreak', () => {
	async function studiedOn(days: number[]): Promise<FlashcardsDb> {
		const db = await freshDatabase();
		const card = cardRecord('d', 'x');
		const snapshot = { status: card.status, state: card.state, dueDay: card.dueDay, lapses: 0, leech: false, lastAnsweredAt: 0 };
		for (const day of days) {
			await addAnswers(db, [
				{
					cardId: card.id,
					deckId: 'd',
					time: timeOn(day, 10),
					studyDay: day,
					grade: 4,
					wasNew: false,
					before: snapshot,
					after: snapshot,
					tookMs: 1000,
					sessionId: 's',
					device: 'here'
				}
			]);
		}
		return db;
	}

	test('counts the days in a row ending today', async () => {
		expect(await currentStreak(await studiedOn([TODAY, TODAY, TODAY - 1, TODAY - 2, TODAY - 4]), TODAY)).toBe(3);
	});

	test('is not broken while today has no answer yet', async () => {
		expect(await currentStreak(await studiedOn([TODAY - 1, TODAY - 2, TODAY - 5]), TODAY)).toBe(2);
	});

	test('is 0 after a missed day, and for an empty log', async () => {
		expect(await currentStreak(await studiedOn([TODAY - 2, TODAY - 3]), TODAY)).toBe(0);
		expect(await currentStreak(await studiedOn([]), TODAY)).toBe(0);
	});
});
