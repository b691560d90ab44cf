import { describe, expect, test } from 'vitest';
import { syncedWords } from './synced';

describe('syncedWords', () => {
	const at = new Date(2026, 2, 4, 10, 0).getTime();
	const later = (minutes: number) => at + minutes * 60_000;

	test('says how long ago, in the largest whole unit, and the date after a day', () => {
		expect(syncedWords(at, later(0.9))).toBe('Synced just now');
		expect(syncedWords(at, later(1))).toBe('Synced 1 minute ago');
		expect(syncedWords(at, later(59))).toBe('Synced 59 minutes ago');
		expect(syncedWords(at, later(60))).toBe('Synced 1 hour ago');
		expect(syncedWords(at, later(23 * 60 + 59))).toBe('Synced 23 hours ago');
		expect(syncedWords(at, later(24 * 60))).toBe(
			`Synced on ${new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}`
		);
	});
});
