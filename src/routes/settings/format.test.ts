import { describe, expect, it } from 'vitest';
import { backupFileName, formatBytes, hourLabel } from './format';

describe('formatBytes', () => {
	it('says bytes under 1 KB', () => {
		expect(formatBytes(0)).toBe('0 bytes');
		expect(formatBytes(1)).toBe('1 byte');
		expect(formatBytes(1023)).toBe('1023 bytes');
	});

	it('gives one decimal under 10 and whole numbers above', () => {
		expect(formatBytes(1024)).toBe('1 KB');
		expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.2 MB');
		expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
		expect(formatBytes(37.4 * 1024 ** 3)).toBe('37 GB');
		expect(formatBytes(512 * 1024)).toBe('512 KB');
	});

	it('moves to the next unit when rounding reaches 1024', () => {
		expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
	});

	it('shows a dash for a size the browser did not give', () => {
		expect(formatBytes(Number.NaN)).toBe('—');
		expect(formatBytes(-1)).toBe('—');
	});
});

describe('hourLabel', () => {
	it('writes the hour as a 24-hour clock time', () => {
		expect(hourLabel(0)).toBe('00:00');
		expect(hourLabel(4)).toBe('04:00');
		expect(hourLabel(23)).toBe('23:00');
	});
});

describe('backupFileName', () => {
	it('dates the file by the local calendar day', () => {
		expect(backupFileName(new Date(2026, 2, 9, 23, 59).getTime())).toBe('glossary-flashcards-backup-2026-03-09.json');
		expect(backupFileName(new Date(2026, 11, 31, 0, 1).getTime())).toBe('glossary-flashcards-backup-2026-12-31.json');
	});
});
