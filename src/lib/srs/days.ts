/**
 * Study days: the calendar the scheduler counts in. A study day begins at a chosen local hour
 * (04:00 by default, as in Anki), so a session that runs past midnight still belongs to the
 * evening it started in.
 *
 * Day numbers come from the LOCAL calendar date (days since 1970-01-01), never from elapsed
 * milliseconds / 86 400 000. A day is 23 or 25 hours long across a daylight-saving change and
 * a phone may change time zone, yet a card due "on the 12th" must stay due on the 12th. With
 * calendar-date numbers, `dueDay = today + interval` is always the same wall-calendar date.
 *
 * Time is always an argument: nothing here reads the clock.
 */

const MS_PER_DAY = 86_400_000;

/** Throws unless `hour` is a whole hour 0..23. */
export function assertDayStartHour(hour: number): void {
	if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
		throw new RangeError(`The day start hour must be a whole number from 0 to 23, got ${String(hour)}`);
	}
}

function assertDay(day: number): void {
	if (!Number.isInteger(day)) throw new RangeError(`A study day must be a whole number, got ${String(day)}`);
}

/** Day number of a calendar date (month 0..11; days past the month's end roll over). */
function calendarDay(year: number, month: number, date: number): number {
	// setUTCFullYear rather than Date.UTC, which reads years 0..99 as 1900..1999.
	const utc = new Date(0);
	utc.setUTCFullYear(year, month, date);
	return utc.getTime() / MS_PER_DAY;
}

/** The calendar date of a day number, as UTC fields. */
function dateOfDay(day: number): Date {
	return new Date(day * MS_PER_DAY);
}

/**
 * The study day `now` belongs to, in the device's current time zone: its local calendar date,
 * or the date before when the local hour is earlier than `dayStartHour`.
 */
export function studyDay(now: Date | number, dayStartHour: number): number {
	assertDayStartHour(dayStartHour);
	const local = new Date(now);
	if (Number.isNaN(local.getTime())) throw new RangeError('studyDay needs a valid time');
	// Stepping back by calendar date, not by 24 hours, is what keeps DST nights out of it.
	const stepBack = local.getHours() < dayStartHour ? 1 : 0;
	return calendarDay(local.getFullYear(), local.getMonth(), local.getDate() - stepBack);
}

/** Local midnight of the day's calendar date, for showing it ('due on …'). */
export function dayToDate(day: number): Date {
	assertDay(day);
	const utc = dateOfDay(day);
	const local = new Date(0);
	local.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
	local.setHours(0, 0, 0, 0);
	return local;
}

/**
 * Epoch ms at which study day `day` begins on the local clock: its date at `dayStartHour`:00.
 * For 'next cards at …' and for reading today's answers from the log (from
 * `dayStartTime(today, h)` up to `dayStartTime(today + 1, h)`). If that hour is skipped by a
 * spring-forward change, the day begins at the first moment after the gap, which is also where
 * `studyDay` moves to the new day.
 */
export function dayStartTime(day: number, dayStartHour: number): number {
	assertDay(day);
	assertDayStartHour(dayStartHour);
	const utc = dateOfDay(day);
	const local = new Date(0);
	local.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
	local.setHours(dayStartHour, 0, 0, 0);
	return local.getTime();
}

/** 'YYYY-MM-DD' of a day number: its calendar date, the same in every time zone. */
export function formatDay(day: number): string {
	assertDay(day);
	const utc = dateOfDay(day);
	const year = String(utc.getUTCFullYear()).padStart(4, '0');
	const month = String(utc.getUTCMonth() + 1).padStart(2, '0');
	const date = String(utc.getUTCDate()).padStart(2, '0');
	return `${year}-${month}-${date}`;
}

/** The day number of a 'YYYY-MM-DD' date; RangeError for anything else or a date that does not exist. */
export function parseDay(text: string): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got '${text}'`);
	const [, year, month, date] = match.map(Number) as [number, number, number, number];
	const day = calendarDay(year, month - 1, date);
	// Rejects '2026-02-30' and '2026-13-01', which calendarDay would roll over into another date.
	if (formatDay(day) !== text) throw new RangeError(`No such date: '${text}'`);
	return day;
}

/** The study day `now` is in, and the moment it began: what every read of "today" needs. */
export interface StudyDay {
	today: number;
	todayStartMs: number;
}

export function studyDayAt(now: number, settings: { dayStartHour: number }): StudyDay {
	const today = studyDay(now, settings.dayStartHour);
	return { today, todayStartMs: dayStartTime(today, settings.dayStartHour) };
}
