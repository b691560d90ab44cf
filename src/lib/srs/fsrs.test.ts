import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { dayStartTime } from './days';
import {
	checkFsrsOptions,
	clockDay,
	defaultFsrsOptions,
	describeFsrsInterval,
	formatSteps,
	fsrsDueDay,
	fsrsRating,
	FsrsScheduler,
	fsrsSchedulerFor,
	newFsrsState,
	parseSteps,
	studyClock,
	studyClockAt,
	type FsrsState
} from './fsrs';
import { fsrsOptionsOf } from './fsrs-options';
import type { Grade } from './sm2';
import { defaultSettings } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An arbitrary study day (2022-12-29), the date ts-fsrs's own tests start on. */
const START_DAY = 19_355;

/**
 * The FSRS-6 weights ts-fsrs's tests use (packages/fsrs/__tests__/FSRS-6.test.ts), whose
 * expected values come from fsrs-rs (src/inference.rs).
 */
const PUBLISHED_W = [
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,
	0.5425, 0.0912, 0.0658, 0.1542
];
const published = new FsrsScheduler({ ...defaultFsrsOptions, parameters: PUBLISHED_W });

// FSRS ratings Again, Hard, Good, Easy as this app's four buttons give them.
const AGAIN: Grade = 1;
const HARD: Grade = 3;
const GOOD: Grade = 4;
const EASY: Grade = 5;

describe('FSRS golden values published by ts-fsrs', () => {
	it('a fixed answer sequence gives the intervals of ts-fsrs ivl_history', () => {
		const grades = [GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, AGAIN, AGAIN, GOOD, GOOD, GOOD, GOOD, GOOD];
		let state = newFsrsState();
		let at = studyClock(START_DAY, 8.5 * HOUR);
		const intervals: number[] = [];
		for (const grade of grades) {
			state = published.review(state, grade, at);
			intervals.push(state.scheduledDays);
			at = state.due;
		}
		expect(intervals).toEqual([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]);
	});

	it('Again then five Goods after 0, 0, 1, 3, 8 and 21 days give the published memory state', () => {
		const days = [0, 0, 1, 3, 8, 21];
		const grades = [AGAIN, GOOD, GOOD, GOOD, GOOD, GOOD];
		let state = newFsrsState();
		let day = START_DAY;
		for (const [index, grade] of grades.entries()) {
			day += days[index]!;
			state = published.review(state, grade, studyClock(day, 8.5 * HOUR));
		}
		expect(state.stability).toBeCloseTo(53.62691, 4);
		expect(state.difficulty).toBeCloseTo(6.3574867, 4);
	});

	it("a new card's four outcomes are ts-fsrs's first repeat", () => {
		const outcomes = published.preview(newFsrsState(), studyClock(START_DAY, 8.5 * HOUR), [AGAIN, HARD, GOOD, EASY]);
		expect(outcomes.map((s) => s.stability)).toEqual([0.212, 1.2931, 2.3065, 8.2956]);
		expect(outcomes.map((s) => s.difficulty)).toEqual([6.4133, 5.11217071, 2.11810397, 1]);
		expect(outcomes.map((s) => s.scheduledDays)).toEqual([0, 0, 0, 8]);
		expect(outcomes.map((s) => s.phase)).toEqual(['learning', 'learning', 'learning', 'review']);
	});

	it('with the default FSRS-6 weights, an Easy new card is recalled 90.24733% on its due day', () => {
		const fsrs = new FsrsScheduler();
		expect(fsrs.parameters).toEqual(default_w);
		const easy = fsrs.review(newFsrsState(), EASY, studyClock(START_DAY, 5 * 60_000));
		expect(fsrs.retrievability(easy, fsrsDueDay(easy))).toBeCloseTo(0.9024733, 7);
	});
});

describe('grades', () => {
	it('maps Again, Hard, Good, Easy onto FSRS 1..4 and every grade under 3 onto Again', () => {
		expect(([0, 1, 2, 3, 4, 5] as Grade[]).map(fsrsRating)).toEqual([1, 1, 1, 2, 3, 4]);
		expect(() => fsrsRating(6 as Grade)).toThrow(RangeError);
	});
});

describe('the study clock', () => {
	it('counts elapsed days in study days, not 24-hour spans', () => {
		const fsrs = new FsrsScheduler();
		// Easy at 23:00 of a study day, then Good at 05:00 (one hour into the next study day): 6 hours
		// apart, yet one study day, as Anki counts it.
		const first = fsrs.review(newFsrsState(), EASY, studyClock(START_DAY, 19 * HOUR));
		const lateNight = fsrs.review(first, GOOD, studyClock(START_DAY + 1, HOUR));
		const nextMorning = fsrs.review(first, GOOD, studyClock(START_DAY + 1, 10 * HOUR));
		expect(lateNight).toEqual(nextMorning);
		expect(lateNight.lastDay).toBe(START_DAY + 1);
		const sameDay = fsrs.review(first, GOOD, studyClock(START_DAY, 20 * HOUR));
		expect(sameDay.stability).not.toBe(lateNight.stability);
	});

	it('puts a moment in the study day it belongs to, with the time since the day began', () => {
		const dayStartHour = 4;
		const start = dayStartTime(START_DAY, dayStartHour);
		expect(studyClockAt(start + 90 * 60_000, dayStartHour)).toBe(START_DAY * DAY + 90 * 60_000);
		// 03:00 the next night still belongs to START_DAY.
		expect(clockDay(studyClockAt(start + 23 * HOUR, dayStartHour))).toBe(START_DAY);
		expect(studyClock(START_DAY, 25 * HOUR)).toBe((START_DAY + 1) * DAY - 1);
	});

	it('refuses an answer dated before the last one', () => {
		const fsrs = new FsrsScheduler();
		const state = fsrs.review(newFsrsState(), EASY, studyClock(START_DAY, HOUR));
		expect(() => fsrs.review(state, GOOD, studyClock(START_DAY - 1, HOUR))).toThrow(/cannot come before/);
	});
});

describe('learning steps and captions', () => {
	const fsrs = new FsrsScheduler();
	const at = studyClock(START_DAY, 10 * HOUR);

	it("a new card shows Anki's 1m 10m steps: Again 1m, Hard 6m, Good 10m, Easy in days", () => {
		const outcomes = fsrs.preview(newFsrsState(), at, [AGAIN, HARD, GOOD, EASY]);
		expect(outcomes.map((after) => describeFsrsInterval(after, at))).toEqual(['1m', '6m', '10m', `${outcomes[3]!.scheduledDays}d`]);
		expect(outcomes[3]!.scheduledDays).toBeGreaterThan(1);
		expect(outcomes.slice(0, 3).every((after) => fsrsDueDay(after) === START_DAY)).toBe(true);
	});

	it('a lapse goes through the 10m relearning step and counts one lapse', () => {
		let state = fsrs.review(newFsrsState(), EASY, at);
		const due = fsrsDueDay(state);
		state = fsrs.review(state, AGAIN, studyClock(due, 10 * HOUR));
		expect(state.phase).toBe('relearning');
		expect(state.lapses).toBe(1);
		expect(describeFsrsInterval(state, studyClock(due, 10 * HOUR))).toBe('10m');
	});

	it('the six-grade scale shares outcomes between grades with the same rating', () => {
		const outcomes = fsrs.preview(newFsrsState(), at, [0, 1, 2, 3, 4, 5]);
		expect(outcomes[0]).toEqual(outcomes[2]);
		expect(outcomes[1]).toEqual(outcomes[2]);
		expect(outcomes[3]).not.toEqual(outcomes[2]);
	});

	it('a lower desired retention gives longer intervals, and the maximum interval caps them', () => {
		const review = (options: typeof defaultFsrsOptions, state: FsrsState) =>
			new FsrsScheduler(options).review(state, GOOD, studyClock(fsrsDueDay(state), HOUR));
		const easy = fsrs.review(newFsrsState(), EASY, at);
		const at90 = review(defaultFsrsOptions, easy).scheduledDays;
		const at80 = review({ ...defaultFsrsOptions, desiredRetention: 0.8 }, easy).scheduledDays;
		expect(at80).toBeGreaterThan(at90);
		expect(review({ ...defaultFsrsOptions, maximumInterval: 5 }, easy).scheduledDays).toBe(5);
	});
});

describe('options', () => {
	it('accepts the defaults and the edges of the desired retention', () => {
		expect(checkFsrsOptions({ ...defaultFsrsOptions })).toEqual(defaultFsrsOptions);
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, desiredRetention: 0.7 })).not.toThrow();
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, desiredRetention: 0.97 })).not.toThrow();
	});

	it('says what is wrong with a bad option', () => {
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, desiredRetention: 0.99 })).toThrow(
			'Desired retention must be from 0.7 to 0.97, got 0.99'
		);
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, desiredRetention: NaN })).toThrow(/Desired retention/);
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, maximumInterval: 0 })).toThrow(
			/maximum interval must be a whole number of days from 1 to 36500, got 0/
		);
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, learningSteps: [0] })).toThrow(/Learning steps must be whole minutes/);
		expect(() => checkFsrsOptions({ ...defaultFsrsOptions, parameters: [1, 2] })).toThrow('FSRS-6 has 21 parameters, got 2');
		expect(() => new FsrsScheduler({ ...defaultFsrsOptions, desiredRetention: 0.5 })).toThrow(RangeError);
	});

	it('reads and writes steps as Anki writes them', () => {
		expect(parseSteps('1m 10m')).toEqual([1, 10]);
		expect(parseSteps(' 10m, 1h 1d ')).toEqual([10, 60, 1440]);
		expect(parseSteps('')).toEqual([]);
		expect(formatSteps([1, 10, 60, 90, 1440])).toBe('1m 10m 1h 90m 1d');
		expect(() => parseSteps('1m 5x')).toThrow("Steps are times like 1m 10m 1h 1d, each from 1m to 30d; '5x' is not one");
		expect(() => parseSteps('0m')).toThrow(/'0m' is not one/);
		expect(() => parseSteps('31d')).toThrow(/'31d' is not one/);
	});
});

describe('the options of Settings', () => {
	it('the settings defaults are the FSRS defaults, and a learner’s values pass through', () => {
		expect(fsrsOptionsOf(defaultSettings)).toEqual(defaultFsrsOptions);
		const mine = { ...defaultSettings, desiredRetention: 0.8, learningSteps: [2, 30], relearningSteps: [], maximumInterval: 180 };
		expect(fsrsOptionsOf(mine)).toEqual({
			desiredRetention: 0.8,
			learningSteps: [2, 30],
			relearningSteps: [],
			maximumInterval: 180,
			parameters: []
		});
		expect(new FsrsScheduler(fsrsOptionsOf(mine)).options.maximumInterval).toBe(180);
	});
});

describe('fsrsSchedulerFor', () => {
	it('gives the one scheduler of each set of options, scheduling exactly as a new one would', () => {
		const mine = fsrsOptionsOf({ ...defaultSettings, desiredRetention: 0.85, learningSteps: [2] });
		const shared = fsrsSchedulerFor(mine);
		expect(fsrsSchedulerFor({ ...mine, learningSteps: [2] })).toBe(shared);
		expect(fsrsSchedulerFor()).toBe(fsrsSchedulerFor(defaultFsrsOptions));
		expect(fsrsSchedulerFor({ ...mine, desiredRetention: 0.9 })).not.toBe(shared);
		const at = studyClock(START_DAY, 10 * HOUR);
		expect(shared.review(newFsrsState(), GOOD, at)).toEqual(new FsrsScheduler(mine).review(newFsrsState(), GOOD, at));
		expect(shared.options).toEqual(mine);
	});

	it('refuses options that are not sound, as the scheduler does', () => {
		expect(() => fsrsSchedulerFor({ ...defaultFsrsOptions, desiredRetention: 0.5 })).toThrow(RangeError);
	});
});
