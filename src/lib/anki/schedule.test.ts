import { describe, expect, test } from 'vitest';
import { dayStartTime, parseDay, studyDay } from '$lib/srs/days';
import { cardHistory, dayZero, easinessOf, fsrsMemory, fsrsStateOf, gradeOf, type ScheduleContext } from './schedule';
import type { AnkiCard, AnkiReview } from './types';

const today = parseDay('2026-03-28');
const context: ScheduleContext = { dayZero: parseDay('2024-02-04'), dayStartHour: 4, schedulerVersion: 2, today };

const card = (fields: Partial<AnkiCard>): AnkiCard => ({
	id: 1,
	noteId: 1,
	deckId: 1,
	ord: 0,
	type: 0,
	queue: 0,
	due: 0,
	interval: 0,
	factor: 0,
	reps: 0,
	lapses: 0,
	originalDue: 0,
	originalDeckId: 0,
	data: '',
	...fields
});

const at = (day: string, hour: number) => dayStartTime(parseDay(day), 0) + hour * 3_600_000;
const review = (fields: Partial<AnkiReview>): AnkiReview => ({
	id: at('2026-03-01', 12),
	cardId: 1,
	ease: 3,
	interval: 1,
	lastInterval: 0,
	factor: 2500,
	time: 5000,
	type: 0,
	...fields
});

describe('dayZero', () => {
	test('with the collection’s time zone: its calendar date there, less the rollover hour', () => {
		// 2024-02-04 18:00 UTC is 14:00 in UTC-4 (offset 240 minutes west).
		expect(dayZero({ created: Date.UTC(2024, 1, 4, 18) / 1000, creationOffset: 240, rollover: 4 })).toBe(parseDay('2024-02-04'));
		// 2024-02-05 02:00 UTC is 22:00 on the 4th in UTC-4.
		expect(dayZero({ created: Date.UTC(2024, 1, 5, 2) / 1000, creationOffset: 240, rollover: 4 })).toBe(parseDay('2024-02-04'));
		// 03:00 local is before a 4:00 rollover: still the day before.
		expect(dayZero({ created: Date.UTC(2024, 1, 5, 7) / 1000, creationOffset: 240, rollover: 4 })).toBe(parseDay('2024-02-04'));
	});

	test('Anki 2.0 (no time zone): the date of the day that began at its creation', () => {
		const created = dayStartTime(parseDay('2013-08-08'), 4) / 1000;
		expect(dayZero({ created, rollover: 4 })).toBe(parseDay('2013-08-08'));
	});
});

describe('gradeOf', () => {
	test('Again, Hard, Good and Easy are the four buttons’ grades', () => {
		expect([1, 2, 3, 4].map((ease) => gradeOf(review({ ease, type: 1 }), 2))).toEqual([1, 3, 4, 5]);
	});

	test('Anki 2.0’s learning answers had three buttons: Again, Good, Easy', () => {
		expect([1, 2, 3].map((ease) => gradeOf(review({ ease, type: 0 }), 1))).toEqual([1, 4, 5]);
		expect([1, 2, 3, 4].map((ease) => gradeOf(review({ ease, type: 1 }), 1))).toEqual([1, 3, 4, 5]);
	});

	test('changes made by hand are no answers', () => {
		expect(gradeOf(review({ ease: 0, type: 4 }), 2)).toBeUndefined();
		expect(gradeOf(review({ ease: 0, type: 5 }), 2)).toBeUndefined();
		expect(gradeOf(review({ ease: 3, type: 5 }), 2)).toBeUndefined();
	});
});

describe('cardHistory: the card', () => {
	test('ease factor ÷ 1000 is the easiness, in whole hundredths and the app’s bounds', () => {
		expect(easinessOf(2650)).toBe(2.65);
		expect(easinessOf(1300)).toBe(1.3);
		expect(easinessOf(2345)).toBe(2.35);
		expect(easinessOf(0)).toBeUndefined();
		// FSRS keeps its difficulty (100–1000) in the revlog's factor: not an ease.
		expect(easinessOf(968)).toBeUndefined();
	});

	test('a new card is new, in no day, with the default easiness', () => {
		expect(cardHistory(card({ type: 0, queue: 0, due: 17 }), [], context, false).schedule).toEqual({
			status: 'new',
			state: { repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false },
			dueDay: 0,
			lapses: 0,
			leech: false,
			lastAnsweredAt: 0
		});
	});

	test('a review card: due day counted from day zero, its interval, ease and lapses', () => {
		const last = review({ id: at('2026-03-20', 15), type: 1, interval: 86, factor: 2600 });
		const history = cardHistory(card({ type: 2, queue: 2, due: 800, interval: 86, factor: 2600, lapses: 1 }), [last], context, false);
		expect(history.schedule).toEqual({
			status: 'review',
			state: { repetitions: 2, interval: 86, easiness: 2.6, repeatToday: false },
			dueDay: parseDay('2024-02-04') + 800,
			lapses: 1,
			leech: false,
			lastAnsweredAt: last.id
		});
	});

	test('a review card a few days in counts one recall: SM-2 gives it 6 days next', () => {
		expect(
			cardHistory(card({ type: 2, queue: 2, due: 10, interval: 3, factor: 2500 }), [], context, false).schedule.state.repetitions
		).toBe(1);
	});

	test('a learning card is due at its step’s time: today, again', () => {
		const due = at('2026-03-28', 14) / 1000;
		const schedule = cardHistory(card({ type: 1, queue: 1, due, factor: 0 }), [], context, false).schedule;
		expect(schedule).toMatchObject({ status: 'review', state: { repetitions: 0, interval: 0, easiness: 2.5 }, dueDay: today });
		// With no revlog, it was last answered when its interval began.
		expect(schedule.lastAnsweredAt).toBe(dayStartTime(today, 4));
	});

	test('a relearning card stepping over days (queue 3) is due on its day', () => {
		const schedule = cardHistory(card({ type: 3, queue: 3, due: 780, factor: 2300, lapses: 2 }), [], context, false).schedule;
		expect(schedule).toMatchObject({
			status: 'review',
			state: { repetitions: 0, interval: 0, easiness: 2.3 },
			dueDay: parseDay('2024-02-04') + 780,
			lapses: 2
		});
	});

	test('Anki 2.0’s relearning card (a review card in the learning queue) is relearning, due at its step’s time', () => {
		const due = at('2026-03-28', 14) / 1000;
		expect(cardHistory(card({ type: 2, queue: 1, due, interval: 20, factor: 2100, lapses: 3 }), [], context, false).schedule).toMatchObject(
			{
				status: 'review',
				state: { repetitions: 0, interval: 0, easiness: 2.1 },
				dueDay: today,
				lapses: 3
			}
		);
		// Suspended while relearning: its due is still a time.
		expect(cardHistory(card({ type: 3, queue: -1, due, factor: 2100 }), [], context, false).schedule).toMatchObject({
			status: 'suspended',
			dueDay: today
		});
	});

	test('suspended stays suspended; buried is not (Anki buries until its next day only)', () => {
		expect(cardHistory(card({ type: 2, queue: -1, due: 800, interval: 30, factor: 2500 }), [], context, false).schedule.status).toBe(
			'suspended'
		);
		expect(cardHistory(card({ type: 0, queue: -1 }), [], context, false).schedule.status).toBe('suspended');
		expect(cardHistory(card({ type: 2, queue: -2, due: 800, interval: 30, factor: 2500 }), [], context, false).schedule.status).toBe(
			'review'
		);
		expect(cardHistory(card({ type: 0, queue: -3 }), [], context, false).schedule.status).toBe('new');
	});

	test('a card in a filtered deck is due when it goes home', () => {
		const lent = card({ type: 2, queue: 2, due: -100_000, interval: 30, factor: 2500, originalDeckId: 7, originalDue: 790 });
		expect(cardHistory(lent, [], context, false).schedule.dueDay).toBe(parseDay('2024-02-04') + 790);
	});

	test('a leech is a leech; due days beyond a hundred years are brought within them', () => {
		expect(cardHistory(card({ type: 2, queue: 2, due: 10, interval: 3, factor: 2500 }), [], context, true).schedule.leech).toBe(true);
		expect(
			cardHistory(card({ type: 2, queue: 2, due: 90_000, interval: 90_000, factor: 2500 }), [], context, false).schedule
		).toMatchObject({
			dueDay: today + 36_500,
			state: { interval: 36_500 }
		});
	});
});

describe('cardHistory: the answers', () => {
	test('each answer is an entry with its grade, day, time taken, and the card before and after as Anki logged it', () => {
		const reviews = [
			review({ id: at('2026-03-01', 9), ease: 3, type: 0, interval: -600, factor: 0, time: 4000 }),
			review({ id: at('2026-03-01', 9.5), ease: 3, type: 0, interval: 1, factor: 2500, time: 3000 }),
			review({ id: at('2026-03-02', 10), ease: 1, type: 1, interval: -600, lastInterval: 1, factor: 2300, time: 9000 }),
			review({ id: at('2026-03-02', 11), ease: 0, type: 5, interval: 4, factor: 2300, time: 0 }),
			review({ id: at('2026-03-03', 2), ease: 4, type: 2, interval: 3, factor: 2450, time: 2000 })
		];
		const history = cardHistory(card({ type: 2, queue: 2, due: 760, interval: 3, factor: 2450, lapses: 1 }), reviews, context, false);
		expect(history.notAnswers).toBe(1);
		expect(history.entries.map((entry) => [entry.grade, entry.studyDay, entry.wasNew, entry.tookMs])).toEqual([
			[4, parseDay('2026-03-01'), true, 4000],
			[4, parseDay('2026-03-01'), false, 3000],
			[1, parseDay('2026-03-02'), false, 9000],
			// 02:00 is before the 04:00 day start: still the 2nd.
			[5, parseDay('2026-03-02'), false, 2000]
		]);
		expect(history.entries.map((entry) => [entry.after.state, entry.after.dueDay, entry.after.lapses])).toEqual([
			[{ repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false }, parseDay('2026-03-01'), 0],
			[{ repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false }, parseDay('2026-03-02'), 0],
			[{ repetitions: 0, interval: 0, easiness: 2.3, repeatToday: false }, parseDay('2026-03-02'), 1],
			[{ repetitions: 1, interval: 3, easiness: 2.45, repeatToday: false }, parseDay('2026-03-05'), 1]
		]);
		// Each answer starts where the one before left the card; the first from a new card.
		expect(history.entries[0]!.before.status).toBe('new');
		history.entries.slice(1).forEach((entry, i) => expect(entry.before).toEqual(history.entries[i]!.after));
		expect(history.entries.every((entry) => entry.device === 'anki' && entry.sessionId === 'anki-import')).toBe(true);
		expect(history.schedule.lastAnsweredAt).toBe(reviews[4]!.id);
	});

	test('after a reset in Anki ("Forget"), the next answer starts the card afresh', () => {
		const reviews = [
			review({ id: at('2026-03-01', 9), ease: 3, type: 0 }),
			review({ id: at('2026-03-02', 9), ease: 0, type: 4, interval: 0, factor: 0 }),
			review({ id: at('2026-03-03', 9), ease: 3, type: 0 })
		];
		const entries = cardHistory(card({ type: 2, queue: 2, due: 760, interval: 1, factor: 2500 }), reviews, context, false).entries;
		expect(entries.map((entry) => [entry.wasNew, entry.before.status])).toEqual([
			[true, 'new'],
			[true, 'new']
		]);
	});
});

describe('FSRS', () => {
	test('Anki’s memory state is read from cards.data; anything else is none', () => {
		expect(fsrsMemory(card({ data: '{"pos":785,"s":65.221,"d":1.0,"dr":0.95,"decay":0.222,"lrt":1756212367}' }))).toEqual({
			stability: 65.221,
			difficulty: 1
		});
		expect(fsrsMemory(card({ data: '{"dr":0.9,"decay":0.1542,"lrt":1766601600}' }))).toBeUndefined();
		expect(fsrsMemory(card({ data: '{}' }))).toBeUndefined();
		expect(fsrsMemory(card({ data: '{"s":' }))).toBeUndefined();
	});

	test('the FSRS state keeps Anki’s memory and Anki’s due day', () => {
		const anki = card({ type: 2, queue: 2, due: 800, interval: 12, factor: 2500, reps: 6, lapses: 1 });
		const last = review({ id: at('2026-03-20', 15), type: 1, interval: 12 });
		const { schedule } = cardHistory(anki, [last], context, false);
		expect(fsrsStateOf(anki, schedule, { stability: 58.65, difficulty: 9.014 }, context)).toEqual({
			phase: 'review',
			stability: 58.65,
			difficulty: 9.014,
			step: 0,
			reps: 6,
			lapses: 1,
			scheduledDays: 12,
			lastDay: studyDay(last.id, 4),
			due: schedule.dueDay * 86_400_000
		});
	});
});

describe('cardHistory: SM-2’s own state from a replay of the answers, when it lands on the card Anki has', () => {
	// Hard on a new card: SM-2 repeats it the same day, then its one-day interval starts (as this app's export writes it).
	const hardAt = at('2026-03-27', 12);
	const hard = review({ id: hardAt, ease: 2, interval: 0, factor: 2360, type: 0 });

	test('the same-day repetition Anki’s card cannot say, and the interval waiting after it', () => {
		const relearning = card({ type: 3, queue: 1, due: Math.floor(hardAt / 1000), interval: 1, factor: 2360, reps: 1 });
		expect(cardHistory(relearning, [hard], context, false).schedule).toMatchObject({
			status: 'review',
			state: { repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true },
			dueDay: studyDay(hardAt, 4)
		});
	});

	test('a card Anki scheduled its own way keeps the state read from Anki’s fields', () => {
		const ownWay = card({ type: 3, queue: 1, due: Math.floor(hardAt / 1000) + 600, interval: 3, factor: 2360, reps: 1 });
		expect(cardHistory(ownWay, [hard], context, false).schedule.state).toEqual({
			repetitions: 0,
			interval: 0,
			easiness: 2.36,
			repeatToday: false
		});
	});
});
