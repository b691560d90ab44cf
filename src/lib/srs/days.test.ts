// Tests for study days (days.ts): the 04:00 boundary, DST nights, half-hour zones and travel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayStartTime, dayToDate, formatDay, parseDay, studyDay } from './days';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Runs the describe block's tests in `zone`. Node re-reads process.env.TZ on the next Date call;
 * the check makes the tests fail loudly (instead of passing in the wrong zone) if a test runner
 * ever stops honouring that.
 */
function inZone(zone: string, januaryOffsetMinutes: number): void {
	let saved: string | undefined;
	beforeEach(() => {
		saved = process.env.TZ;
		process.env.TZ = zone;
		expect(new Date(Date.UTC(2026, 0, 15, 12)).getTimezoneOffset()).toBe(-januaryOffsetMinutes);
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.TZ;
		else process.env.TZ = saved;
	});
}

/** Epoch ms of an ISO time with an explicit offset: the same instant in every zone. */
function at(iso: string): number {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(`bad test time ${iso}`);
	return ms;
}

/**
 * Walks from two study days before `date` to two after in 15-minute steps (fine enough for
 * half-hour zones) and checks that the study day is exactly the number of day starts passed:
 * it never skips, never repeats, and moves precisely at dayStartTime.
 */
function expectSteadyDaysAround(date: string, dayStartHour: number): void {
	const day = parseDay(date);
	const starts = [day - 1, day, day + 1, day + 2].map((d) => dayStartTime(d, dayStartHour));
	for (let t = dayStartTime(day - 2, dayStartHour); t < starts[3]!; t += 15 * MINUTE) {
		const passed = starts.filter((start) => start <= t).length;
		expect(studyDay(t, dayStartHour), new Date(t).toISOString()).toBe(day - 2 + passed);
	}
	// And each day begins exactly at its start time, not a millisecond earlier.
	for (const [i, start] of starts.entries()) {
		expect(studyDay(start, dayStartHour)).toBe(day - 1 + i);
		expect(studyDay(start - 1, dayStartHour)).toBe(day - 2 + i);
	}
}

describe('day numbers are calendar dates', () => {
	it('1970-01-01 is day 0 and days count up by calendar date', () => {
		expect(parseDay('1970-01-01')).toBe(0);
		expect(parseDay('1970-01-02')).toBe(1);
		expect(parseDay('1969-12-31')).toBe(-1);
		expect(parseDay('2026-03-29')).toBe(20_541);
		expect(formatDay(20_541)).toBe('2026-03-29');
	});

	it('formatDay and parseDay round-trip for every date from year 1 to 9999', () => {
		fc.assert(
			fc.property(fc.integer({ min: parseDay('0001-01-01'), max: parseDay('9999-12-31') }), (day) => {
				expect(parseDay(formatDay(day))).toBe(day);
			})
		);
		expect(formatDay(parseDay('0050-06-01'))).toBe('0050-06-01');
	});

	it('leap days', () => {
		expect(parseDay('2028-02-29') - parseDay('2028-02-28')).toBe(1);
		expect(parseDay('2028-03-01') - parseDay('2028-02-29')).toBe(1);
		expect(parseDay('2026-03-01') - parseDay('2026-02-28')).toBe(1);
	});

	it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1', '26-01-01', '', 'today', '2026-01-01T00:00'])(
		'parseDay rejects %j',
		(text) => {
			expect(() => parseDay(text)).toThrow(RangeError);
		}
	);

	it('formatDay and dayToDate reject a fractional day', () => {
		expect(() => formatDay(1.5)).toThrow(RangeError);
		expect(() => dayToDate(Number.NaN)).toThrow(RangeError);
	});
});

describe('dayStartHour validation', () => {
	it.each([-1, 24, 4.5, Number.NaN, Infinity])('rejects %s', (hour) => {
		expect(() => studyDay(0, hour)).toThrow(RangeError);
		expect(() => dayStartTime(0, hour)).toThrow(RangeError);
	});

	it('accepts 0 and 23', () => {
		expect(() => studyDay(0, 0)).not.toThrow();
		expect(() => studyDay(0, 23)).not.toThrow();
	});

	it('rejects an invalid time', () => {
		expect(() => studyDay(Number.NaN, 4)).toThrow(RangeError);
		expect(() => studyDay(new Date('not a date'), 4)).toThrow(RangeError);
	});
});

describe('in Europe/Berlin (DST)', () => {
	inZone('Europe/Berlin', 60);

	it('a session after midnight but before 04:00 belongs to the evening before', () => {
		expect(formatDay(studyDay(at('2026-06-10T23:30+02:00'), 4))).toBe('2026-06-10');
		expect(formatDay(studyDay(at('2026-06-11T00:30+02:00'), 4))).toBe('2026-06-10');
		expect(formatDay(studyDay(at('2026-06-11T03:59:59.999+02:00'), 4))).toBe('2026-06-10');
	});

	it('the new study day begins at exactly 04:00', () => {
		expect(formatDay(studyDay(at('2026-06-11T04:00+02:00'), 4))).toBe('2026-06-11');
		expect(dayStartTime(parseDay('2026-06-11'), 4)).toBe(at('2026-06-11T04:00+02:00'));
	});

	it('accepts a Date as well as epoch ms', () => {
		expect(studyDay(new Date(at('2026-06-11T00:30+02:00')), 4)).toBe(parseDay('2026-06-10'));
	});

	it('with dayStartHour 0 the study day is the calendar date', () => {
		expect(formatDay(studyDay(at('2026-06-11T00:00+02:00'), 0))).toBe('2026-06-11');
		expect(formatDay(studyDay(at('2026-06-10T23:59:59.999+02:00'), 0))).toBe('2026-06-10');
	});

	it('the spring-forward night (2026-03-29) is one study day of 23 hours', () => {
		expect(formatDay(studyDay(at('2026-03-29T01:30+01:00'), 4))).toBe('2026-03-28');
		expect(formatDay(studyDay(at('2026-03-29T03:59+02:00'), 4))).toBe('2026-03-28');
		expect(formatDay(studyDay(at('2026-03-29T04:00+02:00'), 4))).toBe('2026-03-29');
		const day = parseDay('2026-03-29');
		expect(dayStartTime(day, 4) - dayStartTime(day - 1, 4)).toBe(23 * HOUR);
		expect(dayStartTime(day + 1, 4) - dayStartTime(day, 4)).toBe(24 * HOUR);
	});

	it('the fall-back night (2026-10-25) is one study day of 25 hours, both 02:30s in it', () => {
		expect(formatDay(studyDay(at('2026-10-25T02:30+02:00'), 4))).toBe('2026-10-24');
		expect(formatDay(studyDay(at('2026-10-25T02:30+01:00'), 4))).toBe('2026-10-24');
		expect(formatDay(studyDay(at('2026-10-25T04:00+01:00'), 4))).toBe('2026-10-25');
		const day = parseDay('2026-10-25');
		expect(dayStartTime(day, 4) - dayStartTime(day - 1, 4)).toBe(25 * HOUR);
	});

	it('a day start in the skipped hour (02:00 on 2026-03-29) begins right after the gap', () => {
		const day = parseDay('2026-03-29');
		expect(dayStartTime(day, 2)).toBe(at('2026-03-29T03:00+02:00'));
		expect(studyDay(at('2026-03-29T01:59:59.999+01:00'), 2)).toBe(day - 1);
		expect(studyDay(at('2026-03-29T03:00+02:00'), 2)).toBe(day);
	});

	it.each([0, 1, 2, 3, 4, 5, 23])('study days step by exactly one across both DST nights (dayStartHour %i)', (hour) => {
		expectSteadyDaysAround('2026-03-29', hour);
		expectSteadyDaysAround('2026-10-25', hour);
	});

	it('consecutive days at the same wall time differ by exactly 1 across DST', () => {
		const days = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'].map((date) => {
			const [y, m, d] = date.split('-').map(Number) as [number, number, number];
			return studyDay(new Date(y, m - 1, d, 9, 0), 4);
		});
		expect(days.slice(1, 4).map((day, i) => day - days[i]!)).toEqual([1, 1, 1]);
		expect(days.slice(5).map((day, i) => day - days[i + 4]!)).toEqual([1, 1]);
	});

	it('a due day across the spring change is the same calendar date: 2026-03-20 + 17 days is 2026-04-06', () => {
		const answered = studyDay(at('2026-03-20T21:00+01:00'), 4);
		const due = answered + 17;
		expect(formatDay(due)).toBe('2026-04-06');
		expect(studyDay(at('2026-04-06T04:00+02:00'), 4)).toBe(due);
		expect(studyDay(at('2026-04-06T03:59+02:00'), 4)).toBe(due - 1);
		const shown = dayToDate(due);
		expect([shown.getFullYear(), shown.getMonth(), shown.getDate(), shown.getHours(), shown.getMinutes()]).toEqual([2026, 3, 6, 0, 0]);
	});

	it('a due day across the autumn change is the same calendar date: 2026-10-20 + 6 days is 2026-10-26', () => {
		// Answered at 00:30 the night after the 20th: still study day 2026-10-20.
		const answered = studyDay(at('2026-10-21T00:30+02:00'), 4);
		expect(formatDay(answered)).toBe('2026-10-20');
		expect(studyDay(at('2026-10-26T04:00+01:00'), 4)).toBe(answered + 6);
	});

	it('dayToDate gives local midnight even on the DST dates', () => {
		expect(dayToDate(parseDay('2026-03-29')).getTime()).toBe(at('2026-03-29T00:00+01:00'));
		expect(dayToDate(parseDay('2026-10-25')).getTime()).toBe(at('2026-10-25T00:00+02:00'));
	});
});

describe('in America/New_York (DST)', () => {
	inZone('America/New_York', -300);

	it('before 04:00 is the previous study day, 04:00 is the new one', () => {
		expect(formatDay(studyDay(at('2026-01-10T03:59-05:00'), 4))).toBe('2026-01-09');
		expect(formatDay(studyDay(at('2026-01-10T04:00-05:00'), 4))).toBe('2026-01-10');
	});

	it('spring forward (2026-03-08) and fall back (2026-11-01) step by exactly one day', () => {
		const spring = parseDay('2026-03-08');
		const fall = parseDay('2026-11-01');
		expect(dayStartTime(spring, 4) - dayStartTime(spring - 1, 4)).toBe(23 * HOUR);
		expect(dayStartTime(fall, 4) - dayStartTime(fall - 1, 4)).toBe(25 * HOUR);
		expect(formatDay(studyDay(at('2026-11-01T01:30-04:00'), 4))).toBe('2026-10-31');
		expect(formatDay(studyDay(at('2026-11-01T01:30-05:00'), 4))).toBe('2026-10-31');
		expect(formatDay(studyDay(at('2026-11-01T04:00-05:00'), 4))).toBe('2026-11-01');
	});

	it.each([0, 1, 2, 3, 4])('study days step by exactly one across both DST nights (dayStartHour %i)', (hour) => {
		expectSteadyDaysAround('2026-03-08', hour);
		expectSteadyDaysAround('2026-11-01', hour);
	});

	it('a 30-day interval across the autumn change lands on the same calendar date', () => {
		const answered = studyDay(at('2026-10-20T19:00-04:00'), 4);
		expect(formatDay(answered + 30)).toBe('2026-11-19');
		expect(studyDay(at('2026-11-19T04:00-05:00'), 4)).toBe(answered + 30);
	});
});

describe('in Asia/Kolkata (half-hour offset, no DST)', () => {
	inZone('Asia/Kolkata', 330);

	it('the day boundary is 04:00 local, not a UTC hour', () => {
		// 22:29 UTC on the 9th is 03:59 on the 10th in Kolkata: still the 9th's study day.
		expect(formatDay(studyDay(at('2026-06-09T22:29Z'), 4))).toBe('2026-06-09');
		expect(formatDay(studyDay(at('2026-06-09T22:30Z'), 4))).toBe('2026-06-10');
		expect(dayStartTime(parseDay('2026-06-10'), 4)).toBe(at('2026-06-10T04:00+05:30'));
	});

	it('every study day is 24 hours and steps by one', () => {
		expectSteadyDaysAround('2026-06-10', 4);
		const day = parseDay('2026-06-10');
		expect(dayStartTime(day + 1, 4) - dayStartTime(day, 4)).toBe(24 * HOUR);
	});
});

describe('in Australia/Adelaide (half-hour offset with DST)', () => {
	inZone('Australia/Adelaide', 630);

	it('DST ends 2026-04-05 and begins 2026-10-04: study days of 25 and 23 hours', () => {
		const end = parseDay('2026-04-05');
		const start = parseDay('2026-10-04');
		expect(dayStartTime(end, 4) - dayStartTime(end - 1, 4)).toBe(25 * HOUR);
		expect(dayStartTime(start, 4) - dayStartTime(start - 1, 4)).toBe(23 * HOUR);
		expect(dayStartTime(end, 4)).toBe(at('2026-04-05T04:00+09:30'));
		expect(dayStartTime(start, 4)).toBe(at('2026-10-04T04:00+10:30'));
	});

	it.each([0, 2, 3, 4])('study days step by exactly one across both changes (dayStartHour %i)', (hour) => {
		expectSteadyDaysAround('2026-04-05', hour);
		expectSteadyDaysAround('2026-10-04', hour);
	});
});

describe('a phone that changes time zone', () => {
	let saved: string | undefined;
	beforeEach(() => {
		saved = process.env.TZ;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.TZ;
		else process.env.TZ = saved;
	});

	it('keeps the day number of each calendar date in every zone', () => {
		const expected = parseDay('2026-03-15');
		for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'UTC']) {
			process.env.TZ = zone;
			expect(studyDay(new Date(2026, 2, 15, 12, 0), 4), zone).toBe(expected);
			expect(studyDay(new Date(2026, 2, 15, 4, 0), 4), zone).toBe(expected);
			expect(studyDay(new Date(2026, 2, 15, 3, 59), 4), zone).toBe(expected - 1);
			expect(formatDay(expected)).toBe('2026-03-15');
		}
	});

	it('a card due on a date in Berlin is due on that date in New York, from 04:00 local there', () => {
		process.env.TZ = 'Europe/Berlin';
		const answered = studyDay(new Date(2026, 2, 15, 10, 0), 4);
		const due = answered + 6;
		expect(formatDay(due)).toBe('2026-03-21');

		process.env.TZ = 'America/New_York';
		expect(studyDay(new Date(2026, 2, 21, 4, 0), 4)).toBe(due);
		expect(studyDay(new Date(2026, 2, 21, 3, 59), 4)).toBe(due - 1);
		expect(dayStartTime(due, 4)).toBe(at('2026-03-21T04:00-04:00'));
		const shown = dayToDate(due);
		expect([shown.getFullYear(), shown.getMonth(), shown.getDate()]).toEqual([2026, 2, 21]);
	});
});
