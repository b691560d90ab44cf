// Duration and percentage texts, as the stats page, the review screen and a card's page show them.
import { describe, expect, it } from 'vitest';
import { formatDuration, percent } from './numbers';

describe('formatDuration', () => {
	it('shows seconds, minutes and hours in whole units', () => {
		expect(formatDuration(12_000)).toBe('12 s');
		expect(formatDuration(12_499)).toBe('12 s');
		expect(formatDuration(65_000)).toBe('1 min 5 s');
		expect(formatDuration(120_000)).toBe('2 min');
		expect(formatDuration(59_600)).toBe('1 min');
		expect(formatDuration(3_780_000)).toBe('1 h 3 min');
		expect(formatDuration(3_599_600)).toBe('1 h');
		expect(formatDuration(2 * 3_600_000 + 59 * 60_000 + 45_000)).toBe('3 h');
	});

	it('keeps tiny durations from reading as nothing', () => {
		expect(formatDuration(0)).toBe('0 s');
		expect(formatDuration(300)).toBe('< 1 s');
		expect(formatDuration(500)).toBe('1 s');
	});

	it('shows a dash without a usable number', () => {
		expect(formatDuration(null)).toBe('—');
		expect(formatDuration(Number.NaN)).toBe('—');
		expect(formatDuration(-1)).toBe('—');
	});
});

describe('percent', () => {
	it('rounds to a whole percentage', () => {
		expect(percent(0.87)).toBe('87%');
		expect(percent(0.874)).toBe('87%');
		expect(percent(0.875)).toBe('88%');
		expect(percent(2 / 3)).toBe('67%');
		expect(percent(1)).toBe('100%');
		expect(percent(0)).toBe('0%');
	});

	it('never rounds up to 100% nor down to 0%', () => {
		expect(percent(199 / 200)).toBe('99%');
		expect(percent(1 / 300)).toBe('1%');
	});

	it('shows a dash for no rate', () => {
		expect(percent(null)).toBe('—');
	});
});
