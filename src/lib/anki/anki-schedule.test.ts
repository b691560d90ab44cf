import { describe, expect, test } from 'vitest';
import { dayStartTime } from '$lib/srs/days';
import { newFsrsState, studyClock } from '$lib/srs/fsrs-state';
import { initialState } from '$lib/srs/sm2';
import type { CardSnapshot } from '$lib/srs/types';
import { ankiCardSchedule, MAX_CARD_FACTOR, revlogType, type AnkiTimeline } from './anki-schedule';
import { TODAY, timeOn } from './export-test-decks';

const timeline: AnkiTimeline = { dayZero: TODAY - 100, dayStartHour: 4, learningSteps: 2, relearningSteps: 1 };
const answeredAt = timeOn(TODAY, 10);

function card(schedule: Partial<Omit<CardSnapshot, 'state'>> & { state?: Partial<CardSnapshot['state']> }, newOrder = 4) {
	return {
		status: 'review' as const,
		dueDay: TODAY,
		lapses: 0,
		leech: false,
		lastAnsweredAt: answeredAt,
		newOrder,
		...schedule,
		state: { ...initialState(), ...schedule.state }
	};
}

describe('ankiCardSchedule: SM-2 in Anki’s terms', () => {
	test('never answered: new, due at its position, no ease yet (suspended: queue -1)', () => {
		expect(ankiCardSchedule(card({ status: 'new', lastAnsweredAt: 0, dueDay: 0 }), timeline)).toEqual({
			type: 0,
			queue: 0,
			due: 5,
			ivl: 0,
			factor: 0,
			left: 0
		});
		expect(ankiCardSchedule(card({ status: 'suspended', lastAnsweredAt: 0, dueDay: 0 }), timeline)).toMatchObject({ type: 0, queue: -1 });
	});

	test('learned: a review card due on its day counted from day 0, with its interval and ease', () => {
		const learned = card({ dueDay: TODAY + 16, state: { repetitions: 3, interval: 16, easiness: 2.6 } });
		expect(ankiCardSchedule(learned, timeline)).toEqual({ type: 2, queue: 2, due: 116, ivl: 16, factor: 2600, left: 0 });
		expect(ankiCardSchedule({ ...learned, status: 'suspended' }, timeline)).toMatchObject({ type: 2, queue: -1, due: 116 });
	});

	test('forgotten after it was learned: relearning, due again since the answer, in epoch seconds', () => {
		const forgotten = card({ lapses: 1, state: { repetitions: 0, interval: 0, easiness: 2.36 } });
		expect(ankiCardSchedule(forgotten, timeline)).toEqual({
			type: 3,
			queue: 1,
			due: Math.floor(answeredAt / 1000),
			ivl: 1,
			factor: 2360,
			left: 1001
		});
	});

	test('a new card failed at once is still learning; a forgotten card not seen since is due from its day’s start', () => {
		expect(ankiCardSchedule(card({ state: { repetitions: 0, interval: 0 } }), timeline)).toMatchObject({
			type: 1,
			queue: 1,
			ivl: 0,
			left: 2002
		});
		const longAgo = card({ dueDay: TODAY - 3, lastAnsweredAt: timeOn(TODAY - 4, 10), state: { repetitions: 0, interval: 0 } });
		expect(ankiCardSchedule(longAgo, timeline).due).toBe(dayStartTime(TODAY - 3, 4) / 1000);
	});

	test('Hard, SM-2’s same-day repetition: relearning today, then the interval waiting for it', () => {
		const hard = card({ state: { repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true } });
		expect(ankiCardSchedule(hard, timeline)).toMatchObject({ type: 3, queue: 1, ivl: 1, factor: 2360 });
	});

	test('an ease past what Anki can hold is Anki’s largest', () => {
		expect(ankiCardSchedule(card({ dueDay: TODAY + 9, state: { repetitions: 9, interval: 9, easiness: 70 } }), timeline).factor).toBe(
			MAX_CARD_FACTOR
		);
	});

	test('the revlog type of an answer from the type of the card it answered', () => {
		expect([0, 1, 2, 3].map(revlogType)).toEqual([0, 0, 1, 2]);
	});
});

describe('ankiCardSchedule: a deck on FSRS keeps FSRS’s phase, due and interval', () => {
	const memory = { stability: 12.1, difficulty: 5.6, reps: 3, lapses: 0, lastDay: TODAY - 2 };

	test('review: due FSRS’s day, its interval FSRS’s', () => {
		const fsrs = { ...newFsrsState(), ...memory, phase: 'review' as const, scheduledDays: 12, due: (TODAY + 10) * 86_400_000 };
		const onFsrs = { ...card({ dueDay: TODAY + 10, state: { repetitions: 2, interval: 6 } }), fsrs };
		expect(ankiCardSchedule(onFsrs, timeline)).toEqual({ type: 2, queue: 2, due: 110, ivl: 12, factor: 2500, left: 0 });
	});

	test('a learning step today: due at its minute, in whole seconds up; a step ending another day: by day', () => {
		const step = {
			...newFsrsState(),
			...memory,
			lastDay: TODAY,
			phase: 'learning' as const,
			step: 1,
			due: studyClock(TODAY, 6 * 3_600_000 + 500)
		};
		expect(ankiCardSchedule({ ...card({}), fsrs: step }, timeline)).toEqual({
			type: 1,
			queue: 1,
			due: Math.ceil((dayStartTime(TODAY, 4) + 6 * 3_600_000 + 500) / 1000),
			ivl: 0,
			factor: 2500,
			left: 1001
		});
		const tomorrow = { ...step, phase: 'relearning' as const, step: 0, due: studyClock(TODAY + 1, 0) };
		expect(ankiCardSchedule({ ...card({}), fsrs: tomorrow }, timeline)).toMatchObject({ type: 3, queue: 3, due: 101, ivl: 1 });
	});
});
