// Chart layout and texts on hand-made data with known results.
import { describe, expect, it } from 'vitest';
import { parseDay } from '$lib/srs/days';
import { forecast, heatmap } from '$lib/stats';
import {
	dayTitle,
	forecastSummary,
	heatLevel,
	heatmapCells,
	heatmapSummary,
	monthLabels,
	monthlyTotals,
	niceCeiling,
	quantity,
	shortDate
} from './charts';

const today = parseDay('2026-03-11'); // a Wednesday

describe('heatLevel', () => {
	it('keeps 0 for no answers and spreads the rest over 1..4', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((count) => heatLevel(count, 8))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
		expect(heatLevel(1, 1000)).toBe(1);
		expect(heatLevel(0, 0)).toBe(0);
	});
});

describe('heatmapCells', () => {
	it('puts day i in column i / 7 and row i % 7, today last', () => {
		const map = heatmap(
			new Map([
				[today, 4],
				[today - 1, 2]
			]),
			today,
			2
		);
		const cells = heatmapCells(map);
		// Two weeks from Monday 2026-03-02 to Wednesday 2026-03-11.
		expect(cells).toHaveLength(10);
		expect(cells[0]).toEqual({ day: parseDay('2026-03-02'), count: 0, column: 0, row: 0, level: 0 });
		expect(cells[8]).toEqual({ day: today - 1, count: 2, column: 1, row: 1, level: 2 });
		expect(cells[9]).toEqual({ day: today, count: 4, column: 1, row: 2, level: 4 });
	});
});

describe('monthLabels', () => {
	it('labels the first column of each month and drops a crowded first label', () => {
		const map = heatmap(new Map(), today, 13);
		// Columns start on Mondays from 2025-12-15: Dec 15, 22, 29, Jan 5, ... Feb 2, ... Mar 2, 9.
		expect(monthLabels(map.days)).toEqual([
			{ column: 0, label: 'Dec' },
			{ column: 3, label: 'Jan' },
			{ column: 7, label: 'Feb' },
			{ column: 11, label: 'Mar' }
		]);
		const short = heatmap(new Map(), today, 9);
		// From 2026-01-12: January has 3 columns, so its label stays; February starts in column 3.
		expect(monthLabels(short.days)).toEqual([
			{ column: 0, label: 'Jan' },
			{ column: 3, label: 'Feb' },
			{ column: 7, label: 'Mar' }
		]);
		const crowded = heatmap(new Map(), today, 12);
		// From 2025-12-22: December has only two columns, too few for its label.
		expect(monthLabels(crowded.days)).toEqual([
			{ column: 2, label: 'Jan' },
			{ column: 6, label: 'Feb' },
			{ column: 10, label: 'Mar' }
		]);
		// Five weeks of March alone.
		expect(monthLabels(heatmap(new Map(), parseDay('2026-03-30'), 5).days)).toEqual([{ column: 0, label: 'Mar' }]);
	});
});

describe('monthlyTotals', () => {
	it('adds up each calendar month and counts its days with answers', () => {
		const map = heatmap(
			new Map([
				[parseDay('2026-02-27'), 3],
				[parseDay('2026-02-28'), 1],
				[parseDay('2026-03-01'), 5],
				[today, 2]
			]),
			today,
			3
		);
		expect(monthlyTotals(map.days)).toEqual([
			{ month: 'February 2026', answers: 4, daysStudied: 2 },
			{ month: 'March 2026', answers: 7, daysStudied: 2 }
		]);
	});
});

describe('texts', () => {
	it('names a day and its answers', () => {
		expect(dayTitle({ day: parseDay('2026-11-25'), count: 12 })).toBe('2026-11-25: 12 answers');
		expect(dayTitle({ day: today, count: 1 })).toBe('2026-03-11: 1 answer');
		expect(shortDate(parseDay('2026-03-09'))).toBe('Mar 9');
		expect(quantity(100_000, 'answer')).toBe('100,000 answers');
	});

	it('sums up the heatmap', () => {
		const map = heatmap(
			new Map([
				[today, 200],
				[today - 3, 40],
				[today - 400, 7]
			]),
			today
		);
		expect(heatmapSummary(map)).toBe('Answers per day over the last year: 240 answers on 2 days');
		expect(heatmapSummary(heatmap(new Map([[today, 1]]), today))).toBe('Answers per day over the last year: 1 answer on 1 day');
	});

	it('sums up the forecast with its busiest day', () => {
		const days = forecast(
			[
				{ status: 'review', dueDay: today - 2 },
				{ status: 'review', dueDay: today + 1 },
				{ status: 'review', dueDay: today + 1 }
			],
			today
		);
		expect(forecastSummary(days)).toBe('Reviews due per day over the next 30 days: 3 reviews in total, most on 2026-03-12 (2)');
		expect(forecastSummary(forecast([], today))).toBe('No reviews due in the next 30 days');
	});
});

describe('niceCeiling', () => {
	it('rounds up to 1, 2 or 5 times a power of ten', () => {
		expect([0, 1, 2, 3, 6, 10, 11, 26, 99, 101, 4000].map(niceCeiling)).toEqual([1, 1, 2, 5, 10, 10, 20, 50, 100, 200, 5000]);
	});
});
