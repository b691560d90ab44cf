// The learner's study calendar: the year heatmap and the streak of days studied in a row.
// Works on study-day numbers (days since 1970-01-01 of the local date, see srs/days.ts), so
// a day is always exactly 1 apart from the next, whatever DST does to the clock.

/** First day of a week in the heatmap: the week's top row. */
export type WeekStart = 'monday' | 'sunday';

export interface HeatmapDay {
	day: number;
	count: number;
}

export interface Heatmap {
	/**
	 * Consecutive days, oldest first, today last. The first day is always a weekStart day,
	 * so entry i belongs in column floor(i / 7), row i % 7; the last column stops at today
	 * (it is short unless today is the last day of its week). With 53 weeks that is 365..371 days,
	 * always at least a full year.
	 */
	days: HeatmapDay[];
	/** Highest count in `days` (0 when nothing was studied), to scale the colours. */
	max: number;
	/** Sum of the counts in `days`. */
	total: number;
}

/** Columns of the year heatmap: 52 full weeks plus the current one. */
export const HEATMAP_WEEKS = 53;

/**
 * Weekday of a study day, 0 for the first day of the week.
 * Day 0 (1970-01-01) was a Thursday.
 */
export function weekdayOf(day: number, weekStart: WeekStart = 'monday'): number {
	const shift = weekStart === 'monday' ? 3 : 4;
	return (((day + shift) % 7) + 7) % 7;
}

/**
 * Answers per day laid out as week columns ending today.
 * Reads only the days it shows from `perDay` (a map lookup each), never the whole log.
 */
export function heatmap(
	perDay: ReadonlyMap<number, number>,
	today: number,
	weeks: number = HEATMAP_WEEKS,
	weekStart: WeekStart = 'monday'
): Heatmap {
	if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`A heatmap has a whole number of weeks, at least 1: ${weeks}`);
	const first = today - weekdayOf(today, weekStart) - (weeks - 1) * 7;
	const days: HeatmapDay[] = [];
	let max = 0;
	let total = 0;
	for (let day = first; day <= today; day++) {
		const count = perDay.get(day) ?? 0;
		days.push({ day, count });
		if (count > max) max = count;
		total += count;
	}
	return { days, max, total };
}

export interface Streaks {
	/** Days in a row with at least one answer, up to today (or yesterday, while today is still open). */
	current: number;
	/** Longest such run ever, the current one included. */
	best: number;
}

/**
 * The current and the best streak of study days.
 * Today without answers yet does not break the streak, since the learner may still study
 * before the day is over (Anki counts it the same way). Days after today are ignored.
 */
export function streaks(perDay: ReadonlyMap<number, number>, today: number): Streaks {
	const studied: number[] = [];
	for (const [day, count] of perDay) {
		if (count > 0 && day <= today) studied.push(day);
	}
	// Sorting the studied days (at most one per day) is cheap next to the log; one pass finds the runs.
	studied.sort((a, b) => a - b);
	let best = 0;
	let run = 0;
	let previous = Number.NaN;
	for (const day of studied) {
		run = day === previous + 1 ? run + 1 : 1;
		if (run > best) best = run;
		previous = day;
	}
	// `run` is now the run ending on the last studied day; it is current only if that day is today or yesterday.
	const current = previous === today || previous === today - 1 ? run : 0;
	return { current, best };
}
