// Layout and words for the stats page's charts: where each heatmap cell and label goes, how the
// bars scale, and the sentences that give screen readers the numbers. Pure, like $lib/stats.
import { formatDay } from '$lib/srs/days';
import type { ForecastDay, Heatmap, HeatmapDay } from '$lib/stats';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function quantity(count: number, one: string, many = `${one}s`): string {
	return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "Mar 17": a day short enough for a chart axis (English, like the rest of the app). */
export function shortDate(day: number): string {
	const [, month, date] = formatDay(day).split('-').map(Number) as [number, number, number];
	return `${MONTHS[month - 1]!.slice(0, 3)} ${date}`;
}

/** Colour step 0..4 of a heatmap cell: 0 only for no answers, 4 for the busiest day. */
export function heatLevel(count: number, max: number): number {
	if (count <= 0 || max <= 0) return 0;
	return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

export interface HeatmapCell extends HeatmapDay {
	column: number;
	row: number;
	level: number;
}

/** Each day's place in the grid: one column per week, one row per weekday (see heatmap()). */
export function heatmapCells(map: Heatmap): HeatmapCell[] {
	return map.days.map((entry, i) => ({ ...entry, column: Math.floor(i / 7), row: i % 7, level: heatLevel(entry.count, map.max) }));
}

export interface MonthLabel {
	column: number;
	label: string;
}

/**
 * A month's short name above the first week column that starts in it. A label closer than
 * three columns to the next one (the partial month at the left edge) is dropped, so labels
 * never overlap.
 */
export function monthLabels(days: readonly HeatmapDay[]): MonthLabel[] {
	const labels: MonthLabel[] = [];
	let previous = -1;
	for (let column = 0; column * 7 < days.length; column++) {
		const month = Number(formatDay(days[column * 7]!.day).slice(5, 7));
		if (month !== previous) labels.push({ column, label: MONTHS[month - 1]!.slice(0, 3) });
		previous = month;
	}
	return labels.filter((label, i) => i === labels.length - 1 || labels[i + 1]!.column - label.column >= 3);
}

export interface MonthTotal {
	/** "March 2026" */
	month: string;
	answers: number;
	daysStudied: number;
}

/** Answers per calendar month of the heatmap, oldest first: the heatmap as a table. */
export function monthlyTotals(days: readonly HeatmapDay[]): MonthTotal[] {
	const totals: MonthTotal[] = [];
	let key = '';
	for (const { day, count } of days) {
		const date = formatDay(day);
		if (date.slice(0, 7) !== key) {
			key = date.slice(0, 7);
			totals.push({ month: `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`, answers: 0, daysStudied: 0 });
		}
		const total = totals[totals.length - 1]!;
		total.answers += count;
		if (count > 0) total.daysStudied += 1;
	}
	return totals;
}

/** "2026-11-25: 12 answers", the title of one heatmap cell. */
export function dayTitle(entry: HeatmapDay): string {
	return `${formatDay(entry.day)}: ${quantity(entry.count, 'answer')}`;
}

/** "Answers per day over the last year: 240 answers on 31 days", the heatmap's label. */
export function heatmapSummary(map: Heatmap): string {
	const studied = map.days.filter((entry) => entry.count > 0).length;
	return `Answers per day over the last year: ${quantity(map.total, 'answer')} on ${quantity(studied, 'day')}`;
}

/** The top of a bar chart's scale: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceCeiling(max: number): number {
	if (max <= 1) return 1;
	const power = 10 ** Math.floor(Math.log10(max));
	for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
	return 10 * power;
}

/** The forecast chart's label: the total and the busiest day. */
export function forecastSummary(days: readonly ForecastDay[]): string {
	const total = days.reduce((sum, entry) => sum + entry.count, 0);
	if (total === 0) return `No reviews due in the next ${days.length} days`;
	const busiest = days.reduce((best, entry) => (entry.count > best.count ? entry : best));
	return `Reviews due per day over the next ${days.length} days: ${quantity(total, 'review')} in total, most on ${formatDay(busiest.day)} (${busiest.count})`;
}
