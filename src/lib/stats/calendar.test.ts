// Heatmap layout and streaks, including reviews dated across the 04:00 day start and DST changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { studyDay } from '$lib/srs/days';
import { answersPerDay } from './answers';
import { heatmap, streaks, weekdayOf } from './calendar';

const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

/** Answers per day from [day, count] pairs. */
const perDayOf = (pairs: [number, number][]) => new Map(pairs);
/** One answer on each listed day. */
const studiedOn = (days: number[]) => new Map(days.map((day) => [day, 1]));

describe('weekdayOf', () => {
	it('numbers the days of the week from the chosen first day', () => {
		const wednesday = dayOf(2026, 4, 15);
		expect(weekdayOf(wednesday)).toBe(2);
		expect(weekdayOf(wednesday, 'sunday')).toBe(3);
		expect(weekdayOf(dayOf(2026, 4, 13))).toBe(0); // Monday
		expect(weekdayOf(dayOf(2026, 4, 19))).toBe(6); // Sunday
		expect(weekdayOf(dayOf(2026, 4, 19), 'sunday')).toBe(0);
		expect(weekdayOf(dayOf(1969, 12, 29))).toBe(0); // a Monday before day 0
	});
});

describe('heatmap', () => {
	it('starts on a Monday 52 weeks before this week and ends today', () => {
		const today = dayOf(2026, 4, 15); // Wednesday
		const map = heatmap(new Map(), today);
		expect(map.days).toHaveLength(52 * 7 + 3);
		expect(map.days[0]!.day).toBe(dayOf(2025, 4, 14));
		expect(weekdayOf(map.days[0]!.day)).toBe(0);
		expect(map.days.at(-1)!.day).toBe(today);
		expect(map.days.every((d, i) => d.day === map.days[0]!.day + i && d.count === 0)).toBe(true);
		expect(map.max).toBe(0);
		expect(map.total).toBe(0);
	});

	it('has 365 days when today is a Monday and 371 when it is a Sunday', () => {
		expect(heatmap(new Map(), dayOf(2026, 4, 13)).days).toHaveLength(365);
		expect(heatmap(new Map(), dayOf(2026, 4, 19)).days).toHaveLength(371);
	});

	it('can start weeks on Sunday', () => {
		const today = dayOf(2026, 4, 15); // Wednesday
		const map = heatmap(new Map(), today, 53, 'sunday');
		expect(map.days).toHaveLength(52 * 7 + 4);
		expect(map.days[0]!.day).toBe(dayOf(2025, 4, 13)); // a Sunday
		expect(map.days.at(-1)!.day).toBe(today);
	});

	it('shows the counts of its own days only, with their max and total', () => {
		const today = dayOf(2026, 4, 15);
		const first = dayOf(2025, 4, 14);
		const map = heatmap(
			perDayOf([
				[first - 1, 500], // the day before the first column: not shown
				[first, 3],
				[today - 10, 42],
				[today, 7],
				[today + 1, 900] // tomorrow: not shown
			]),
			today
		);
		expect(map.days[0]).toEqual({ day: first, count: 3 });
		expect(map.days.at(-11)).toEqual({ day: today - 10, count: 42 });
		expect(map.days.at(-1)).toEqual({ day: today, count: 7 });
		expect(map.max).toBe(42);
		expect(map.total).toBe(52);
	});

	it('can show a single week', () => {
		const today = dayOf(2026, 4, 19); // Sunday
		const map = heatmap(studiedOn([today - 6, today]), today, 1);
		expect(map.days.map((d) => d.count)).toEqual([1, 0, 0, 0, 0, 0, 1]);
		expect(map.days[0]!.day).toBe(dayOf(2026, 4, 13));
	});

	it('rejects a week count that is not a whole positive number', () => {
		expect(() => heatmap(new Map(), 100, 0)).toThrow(RangeError);
		expect(() => heatmap(new Map(), 100, 2.5)).toThrow(RangeError);
	});
});

describe('streaks', () => {
	const today = dayOf(2026, 4, 15);

	it('counts the run ending today', () => {
		expect(streaks(studiedOn([today - 2, today - 1, today]), today)).toEqual({ current: 3, best: 3 });
	});

	it('keeps the streak alive while today has no answers yet', () => {
		expect(streaks(studiedOn([today - 3, today - 2, today - 1]), today)).toEqual({ current: 3, best: 3 });
	});

	it('is broken by a whole day without answers', () => {
		expect(streaks(studiedOn([today - 4, today - 3, today - 2]), today)).toEqual({ current: 0, best: 3 });
		expect(streaks(studiedOn([today - 5, today - 4, today - 2, today - 1, today]), today)).toEqual({
			current: 3,
			best: 3
		});
	});

	it('remembers a longer run in the past as the best', () => {
		const longAgo = [100, 101, 102, 103, 104].map((n) => today - n);
		expect(streaks(studiedOn([...longAgo, today - 1, today]), today)).toEqual({ current: 2, best: 5 });
	});

	it('treats a day counted as zero as a day without answers', () => {
		expect(
			streaks(
				perDayOf([
					[today - 2, 4],
					[today - 1, 0],
					[today, 2]
				]),
				today
			)
		).toEqual({ current: 1, best: 1 });
	});

	it('ignores days after today and is zero without answers', () => {
		expect(streaks(studiedOn([today, today + 1, today + 2]), today)).toEqual({ current: 1, best: 1 });
		expect(streaks(new Map(), today)).toEqual({ current: 0, best: 0 });
	});
});

describe('streaks from real review times in Berlin', () => {
	// stubEnv sets process.env.TZ (Node switches zone at once) and unstubAllEnvs puts the old value back;
	// the offset checks below fail if the zone did not take.
	beforeEach(() => {
		vi.stubEnv('TZ', 'Europe/Berlin');
	});
	afterEach(() => {
		vi.unstubAllEnvs();
	});

	/** The app's own time -> study day conversion, with the default 04:00 day start. */
	const studyDayAt = (time: Date) => studyDay(time, 4);
	const at = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min);
	const perDayAt = (times: Date[]) => answersPerDay(times.map((t) => ({ studyDay: studyDayAt(t), grade: 4, wasNew: false, tookMs: 1000 })));

	it('spring forward: 02:00 after the change night still counts for the day before', () => {
		// Clocks jump from 02:00 to 03:00 on Sunday 2026-03-29.
		expect(at(2026, 3, 28, 23, 30).getTimezoneOffset()).toBe(-60);
		expect(at(2026, 3, 30, 2, 0).getTimezoneOffset()).toBe(-120);
		const times = [
			at(2026, 3, 27, 10, 0),
			at(2026, 3, 28, 23, 30),
			at(2026, 3, 29, 3, 30), // first hour after the jump, before 04:00: still the 28th
			at(2026, 3, 30, 2, 0), // the only answer of the 29th
			at(2026, 3, 31, 3, 59)
		];
		expect(times.map((t) => studyDayAt(t))).toEqual([
			dayOf(2026, 3, 27),
			dayOf(2026, 3, 28),
			dayOf(2026, 3, 28),
			dayOf(2026, 3, 29),
			dayOf(2026, 3, 30)
		]);
		const perDay = perDayAt(times);
		const today = studyDayAt(at(2026, 3, 31, 12, 0));
		expect(today).toBe(dayOf(2026, 3, 31));
		// Nothing yet on the 31st: 27..30 still count.
		expect(streaks(perDay, today)).toEqual({ current: 4, best: 4 });
		// Seen at 03:00 on 1 April it is still the 31st; at 04:00 the 31st is over and the streak too.
		expect(streaks(perDay, studyDayAt(at(2026, 4, 1, 3, 0)))).toEqual({ current: 4, best: 4 });
		expect(streaks(perDay, studyDayAt(at(2026, 4, 1, 4, 0)))).toEqual({ current: 0, best: 4 });
	});

	it('fall back: the repeated hour does not split or merge days', () => {
		// Clocks go back from 03:00 to 02:00 on Sunday 2025-10-26.
		expect(at(2025, 10, 25, 20, 0).getTimezoneOffset()).toBe(-120);
		expect(at(2025, 10, 26, 3, 30).getTimezoneOffset()).toBe(-60);
		const times = [
			at(2025, 10, 25, 20, 0),
			at(2025, 10, 26, 1, 0),
			at(2025, 10, 26, 3, 30), // after the repeated hour, before 04:00: still the 25th
			at(2025, 10, 27, 3, 0), // the only answer of the 26th
			at(2025, 10, 27, 4, 0)
		];
		expect(times.map((t) => studyDayAt(t))).toEqual([
			dayOf(2025, 10, 25),
			dayOf(2025, 10, 25),
			dayOf(2025, 10, 25),
			dayOf(2025, 10, 26),
			dayOf(2025, 10, 27)
		]);
		const perDay = perDayAt(times);
		expect(perDay.get(dayOf(2025, 10, 25))).toBe(3);
		expect(streaks(perDay, dayOf(2025, 10, 27))).toEqual({ current: 3, best: 3 });
	});
});
