// What an answer does to a card (answer.ts): SM-2's answerCard, FSRS's answerCardOnFsrs and the
// buttons' captions, which are the answer's own outcome.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answerCaptions, answerCard, answerCardOnFsrs, LEECH_THRESHOLD } from './answer';
import { parseDay } from './days';
import { FsrsScheduler } from './fsrs';
import { answerClock, describeFsrsInterval, fsrsDueDay, newFsrsState } from './fsrs-state';
import { buildQueue, type QueueInput } from './queue';
import { describeInterval, initialState, type Grade, type Sm2State } from './sm2';
import type { CardSchedule, ScheduledCard } from './types';

const TODAY = parseDay('2026-06-10');
/** Today's study day began here; a plain number, so these tests do not depend on the zone. */
const TODAY_START = Date.parse('2026-06-10T04:00+02:00');
const HOUR = 3_600_000;
const YESTERDAY_EVENING = TODAY_START - 6 * HOUR;
const LIMITS = { newPerDay: 20, reviewsPerDay: 200 };
const SUSPEND = { threshold: LEECH_THRESHOLD, action: 'suspend' as const };
const TAG = { threshold: LEECH_THRESHOLD, action: 'tag' as const };

const learnedState: Sm2State = { repetitions: 2, interval: 6, easiness: 2.5, repeatToday: false };

/** A review card due today, last answered on an earlier day. */
function reviewCard(id: string, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return {
		id,
		deckId: 'deck',
		status: 'review',
		state: { ...learnedState },
		dueDay: TODAY,
		newOrder: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: YESTERDAY_EVENING - 5 * 24 * HOUR,
		...overrides
	};
}

function newCard(id: string, newOrder: number, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return {
		id,
		deckId: 'deck',
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		...overrides
	};
}

/** A card answered today that must come back today (forgotten: interval 0). */
function repeatCard(id: string, answeredAt: number, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return reviewCard(id, {
		state: { repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false },
		lastAnsweredAt: answeredAt,
		...overrides
	});
}

function input(cards: CardSchedule[]): QueueInput {
	return { cards, today: TODAY, todayStartMs: TODAY_START, settings: LIMITS, studied: {} };
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

describe('answerCard', () => {
	const NOW = TODAY_START + 5 * HOUR;

	it('a new card answered Good: review, due tomorrow, and a full log entry', () => {
		const card = newCard('n', 7);
		const { card: after, entry, becameLeech } = answerCard(card, 4, NOW, TODAY, SUSPEND);
		const expectedAfter: CardSchedule = {
			...card,
			status: 'review',
			state: { repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false },
			dueDay: TODAY + 1,
			lastAnsweredAt: NOW
		};
		expect(after).toEqual(expectedAfter);
		expect(becameLeech).toBe(false);
		expect(entry).toEqual({
			cardId: 'n',
			deckId: 'deck',
			time: NOW,
			studyDay: TODAY,
			grade: 4,
			wasNew: true,
			before: { status: 'new', state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 },
			after: {
				status: 'review',
				state: { repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false },
				dueDay: TODAY + 1,
				lapses: 0,
				leech: false,
				lastAnsweredAt: NOW
			}
		});
	});

	it('a review card answered Good: due after its new interval, not new', () => {
		const { card, entry } = answerCard(reviewCard('r', { dueDay: TODAY - 3 }), 4, NOW, TODAY, SUSPEND);
		expect(card.dueDay).toBe(TODAY + 15); // ceil(6 * 2.5)
		expect(entry.wasNew).toBe(false);
	});

	it('Hard keeps the card in today (interval 1 and repeatToday); the Good that ends it makes it due today + 1', () => {
		const hard = answerCard(newCard('n', 0), 3, NOW, TODAY, SUSPEND).card;
		expect(hard.dueDay).toBe(TODAY);
		expect(hard.state).toEqual({ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true });
		const stillHard = answerCard(hard, 3, NOW + HOUR, TODAY, SUSPEND).card;
		expect(stillHard.dueDay).toBe(TODAY);
		const good = answerCard(stillHard, 4, NOW + 2 * HOUR, TODAY, SUSPEND).card;
		expect(good.dueDay).toBe(TODAY + 1);
		expect(good.state.repeatToday).toBe(false);
	});

	it('a same-day repetition ended on a later day is due that day + interval', () => {
		const left = reviewCard('l', {
			state: { repetitions: 2, interval: 6, easiness: 2.22, repeatToday: true },
			dueDay: TODAY - 2
		});
		expect(answerCard(left, 5, NOW, TODAY, SUSPEND).card.dueDay).toBe(TODAY + 6);
	});

	it('a lapse: Again on a learned card counts one lapse and brings it back today; Good later today relearns it', () => {
		const forgotten = answerCard(reviewCard('r'), 1, NOW, TODAY, SUSPEND).card;
		expect(forgotten).toMatchObject({
			status: 'review',
			dueDay: TODAY,
			lapses: 1,
			state: { repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false }
		});
		const relearned = answerCard(forgotten, 4, NOW + HOUR, TODAY, SUSPEND).card;
		expect(relearned).toMatchObject({ dueDay: TODAY + 1, lapses: 1, state: { repetitions: 1, interval: 1 } });
	});

	it('no lapse for a new card, a card not yet relearned, or a failed same-day repetition', () => {
		expect(answerCard(newCard('n', 0), 0, NOW, TODAY, SUSPEND).card.lapses).toBe(0);
		const notRelearned = repeatCard('f', NOW - HOUR, { lapses: 2 });
		expect(answerCard(notRelearned, 1, NOW, TODAY, SUSPEND).card.lapses).toBe(2);
		const repeating = reviewCard('h', { state: { repetitions: 3, interval: 15, easiness: 2.2, repeatToday: true } });
		const failed = answerCard(repeating, 0, NOW, TODAY, SUSPEND).card;
		expect(failed.lapses).toBe(0);
		expect(failed.state).toEqual(repeating.state);
		expect(failed.dueDay).toBe(TODAY);
	});

	it('grades 0, 1 and 2 all count as a lapse on a learned card; 3 does not', () => {
		for (const grade of [0, 1, 2] as const) {
			expect(answerCard(reviewCard('r'), grade, NOW, TODAY, SUSPEND).card.lapses).toBe(1);
		}
		expect(answerCard(reviewCard('r'), 3, NOW, TODAY, SUSPEND).card.lapses).toBe(0);
	});

	it('the 8th lapse makes a leech, suspended when the action is suspend', () => {
		expect(LEECH_THRESHOLD).toBe(8);
		const outcome = answerCard(reviewCard('r', { lapses: 7 }), 1, NOW, TODAY, SUSPEND);
		expect(outcome.becameLeech).toBe(true);
		expect(outcome.card).toMatchObject({ status: 'suspended', lapses: 8, leech: true });
		expect(outcome.entry.after).toMatchObject({ status: 'suspended', lapses: 8, leech: true });
		// A suspended card is out of the queue, even as a repeat.
		expect(buildQueue(input([outcome.card])).cards).toEqual([]);
	});

	it('with the tag action the leech is marked but stays in review', () => {
		const outcome = answerCard(reviewCard('r', { lapses: 7 }), 1, NOW, TODAY, TAG);
		expect(outcome.becameLeech).toBe(true);
		expect(outcome.card).toMatchObject({ status: 'review', lapses: 8, leech: true, dueDay: TODAY });
	});

	it('becameLeech only on the answer that reaches the threshold', () => {
		expect(answerCard(reviewCard('r', { lapses: 6 }), 1, NOW, TODAY, TAG)).toMatchObject({
			becameLeech: false,
			card: { lapses: 7, leech: false }
		});
		expect(answerCard(reviewCard('r', { lapses: 8, leech: true }), 1, NOW, TODAY, TAG)).toMatchObject({
			becameLeech: false,
			card: { lapses: 9, leech: true, status: 'review' }
		});
		// A recalled answer never makes a leech, however many lapses.
		expect(answerCard(reviewCard('r', { lapses: 7 }), 4, NOW, TODAY, SUSPEND)).toMatchObject({
			becameLeech: false,
			card: { lapses: 7, leech: false, status: 'review' }
		});
	});

	it('honours another threshold', () => {
		expect(answerCard(reviewCard('r', { lapses: 2 }), 1, NOW, TODAY, { threshold: 3, action: 'suspend' })).toMatchObject({
			becameLeech: true,
			card: { status: 'suspended', lapses: 3 }
		});
	});

	it('refuses suspended and retired cards, bad grades and bad thresholds', () => {
		expect(() => answerCard(reviewCard('s', { status: 'suspended' }), 4, NOW, TODAY, SUSPEND)).toThrow(RangeError);
		expect(() => answerCard(reviewCard('s', { status: 'retired' }), 4, NOW, TODAY, SUSPEND)).toThrow(RangeError);
		expect(() => answerCard(reviewCard('r'), 7 as Grade, NOW, TODAY, SUSPEND)).toThrow(RangeError);
		expect(() => answerCard(reviewCard('r'), 4, NOW, TODAY, { threshold: 0, action: 'tag' })).toThrow(RangeError);
	});

	it('does not change the card it is given, and the snapshots share nothing with it', () => {
		const card = deepFreeze(reviewCard('r', { lapses: 7 }));
		const copy = structuredClone(card);
		const outcome = answerCard(card, 1, NOW, TODAY, SUSPEND);
		expect(card).toEqual(copy);
		expect(outcome.entry.before.state).not.toBe(card.state);
		expect(outcome.entry.after.state).not.toBe(outcome.card.state);
		expect(outcome.entry.before).toEqual({
			status: 'review',
			state: learnedState,
			dueDay: TODAY,
			lapses: 7,
			leech: false,
			lastAnsweredAt: card.lastAnsweredAt
		});
	});

	it('property: after any answers, a card is in today’s queue exactly when SM-2 says it is seen again today', () => {
		const gradeArb = fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5);
		fc.assert(
			fc.property(fc.array(fc.tuple(gradeArb, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 40 }), (steps) => {
				let card = newCard('c', 0);
				let day = TODAY;
				let dayStart = TODAY_START;
				for (const [grade, daysLater] of steps) {
					day += daysLater;
					dayStart += daysLater * 24 * HOUR;
					const now = dayStart + HOUR;
					card = answerCard(card, grade, now, day, TAG).card;
					const again = card.state.repeatToday || card.state.interval === 0;
					expect(card.dueDay).toBe(again ? day : day + card.state.interval);
					const queue = buildQueue({ ...input([card]), today: day, todayStartMs: dayStart });
					expect(queue.counts).toEqual({ new: 0, due: 0, repeats: again ? 1 : 0 });
					// The next morning, a card seen again today has become an overdue review.
					const tomorrow = buildQueue({ ...input([card]), today: day + 1, todayStartMs: dayStart + 24 * HOUR });
					expect(tomorrow.counts.due).toBe(again || card.state.interval === 1 ? 1 : 0);
				}
			})
		);
	});
});

describe('answerCardOnFsrs', () => {
	const fsrs = new FsrsScheduler();
	const rules = { scheduler: fsrs, dayStartHour: 4 };
	const NOW = TODAY_START + 5 * HOUR;
	const at = answerClock(TODAY, NOW, 4);

	it("a new card: SM-2's answer, with FSRS's state and due day in the card and the log entry", () => {
		const card = newCard('n', 3);
		const sm2 = answerCard(card, 4, NOW, TODAY, SUSPEND);
		const outcome = answerCardOnFsrs(card, 4, NOW, TODAY, SUSPEND, rules);
		const state = fsrs.review(newFsrsState(), 4, at);
		expect(state).toMatchObject({ phase: 'learning', step: 1, due: at + 10 * 60_000 });
		expect(outcome.card).toEqual({ ...sm2.card, fsrs: state, dueDay: TODAY });
		expect(outcome.entry).toEqual({ ...sm2.entry, after: { ...sm2.entry.after, dueDay: TODAY } });
		expect(outcome.becameLeech).toBe(false);
	});

	it("a card answered before goes on from the state it carries, or else from the log's, or else afresh; a new card always afresh", () => {
		const carried = fsrs.review(fsrs.review(newFsrsState(), 4, at - 20 * 86_400_000), 4, at - 19 * 86_400_000);
		const folded = fsrs.review(newFsrsState(), 5, at - 30 * 86_400_000);
		const card: ScheduledCard = reviewCard('r', { lastAnsweredAt: NOW - 19 * 24 * HOUR });
		const from = (state: ReturnType<typeof newFsrsState>) => fsrs.review(state, 3, at);
		expect(answerCardOnFsrs({ ...card, fsrs: carried }, 3, NOW, TODAY, TAG, { ...rules, fromLog: folded }).card.fsrs).toEqual(
			from(carried)
		);
		expect(answerCardOnFsrs(card, 3, NOW, TODAY, TAG, { ...rules, fromLog: folded }).card.fsrs).toEqual(from(folded));
		expect(answerCardOnFsrs(card, 3, NOW, TODAY, TAG, rules).card.fsrs).toEqual(from(newFsrsState()));
		const reset: ScheduledCard = { ...newCard('n', 0), fsrs: carried };
		expect(answerCardOnFsrs(reset, 3, NOW, TODAY, TAG, { ...rules, fromLog: folded }).card.fsrs).toEqual(from(newFsrsState()));
	});

	it('a lapse on FSRS counts and makes a leech as on SM-2, and the due day is FSRS’s', () => {
		const learned = fsrs.review(newFsrsState(), 5, at - 30 * 86_400_000);
		const outcome = answerCardOnFsrs({ ...reviewCard('r', { lapses: 7 }), fsrs: learned }, 1, NOW, TODAY, SUSPEND, rules);
		expect(outcome.becameLeech).toBe(true);
		expect(outcome.card).toMatchObject({ status: 'suspended', lapses: 8, leech: true, dueDay: fsrsDueDay(outcome.card.fsrs!) });
		expect(outcome.card.fsrs).toMatchObject({ phase: 'relearning', lapses: 1 });
	});

	it('refuses an answer on a day before the card’s last one, as FSRS does', () => {
		const later = fsrs.review(newFsrsState(), 4, at + 2 * 86_400_000);
		expect(() => answerCardOnFsrs({ ...reviewCard('r'), fsrs: later }, 4, NOW, TODAY, TAG, rules)).toThrow(RangeError);
	});
});

describe('answerCaptions', () => {
	const NOW = TODAY_START + 5 * HOUR;
	const grades: Grade[] = [0, 1, 2, 3, 4, 5];

	it('on SM-2, each caption is what describeInterval says of the card’s state, whatever the state', () => {
		const stateArb = fc.record({
			repetitions: fc.integer({ min: 0, max: 12 }),
			interval: fc.integer({ min: 0, max: 5000 }),
			easiness: fc.integer({ min: 130, max: 400 }).map((hundredths) => hundredths / 100),
			repeatToday: fc.boolean()
		});
		fc.assert(
			fc.property(stateArb, fc.boolean(), (state, isNew) => {
				const card = isNew ? newCard('n', 0, { state }) : reviewCard('r', { state });
				expect(answerCaptions(card, grades, NOW, TODAY)).toEqual(grades.map((grade) => describeInterval(state, grade)));
			})
		);
		expect(answerCaptions(newCard('n', 0), [1, 3, 4, 5], NOW, TODAY)).toEqual([
			{ interval: 'today', againToday: false },
			{ interval: '1d', againToday: true },
			{ interval: '1d', againToday: false },
			{ interval: '1d', againToday: false }
		]);
	});

	it('on FSRS, each caption is the interval of the answer FSRS would record: its steps in minutes, then days', () => {
		const fsrs = new FsrsScheduler();
		const rules = { scheduler: fsrs, dayStartHour: 4 };
		const at = answerClock(TODAY, NOW, 4);
		const four: Grade[] = [1, 3, 4, 5];
		const fresh = answerCaptions(newCard('n', 0), four, NOW, TODAY, rules);
		const easy = fsrs.review(newFsrsState(), 5, at);
		expect(fresh).toEqual([
			{ interval: '1m', againToday: false },
			{ interval: '6m', againToday: false },
			{ interval: '10m', againToday: false },
			{ interval: describeFsrsInterval(easy, at), againToday: false }
		]);
		// The same as FSRS's own preview of all four ratings at once.
		const learned = fsrs.review(newFsrsState(), 4, at - 10 * 86_400_000);
		const card = { ...reviewCard('r'), fsrs: learned };
		expect(answerCaptions(card, four, NOW, TODAY, rules).map((caption) => caption.interval)).toEqual(
			fsrs.preview(learned, at, four).map((after) => describeFsrsInterval(after, at))
		);
		// A device clock before the card's last answer: no caption rather than a wrong one.
		const ahead = { ...reviewCard('r'), fsrs: fsrs.review(newFsrsState(), 4, at + 3 * 86_400_000) };
		expect(answerCaptions(ahead, four, NOW, TODAY, rules)).toEqual(four.map(() => ({ interval: '', againToday: false })));
	});
});
