// The browser's words for states, due days, grades and intervals.
import { describe, expect, it } from 'vitest';
import { initialState } from '$lib/srs/sm2';
import type { CardSchedule } from '$lib/srs/types';
import { cardStatus, gradeName, intervalName } from './card-words';

const today = Date.UTC(2026, 2, 10) / 86_400_000;

function card(extra: Partial<CardSchedule>): CardSchedule {
	return {
		id: 'd:c',
		deckId: 'd',
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		...extra
	};
}
const learned = (interval: number, dueDay: number, extra: Partial<CardSchedule> = {}) =>
	card({ status: 'review', state: { repetitions: 2, interval, easiness: 2.5, repeatToday: false }, dueDay, lastAnsweredAt: 1, ...extra });

describe('cardStatus', () => {
	it('says the state, and when a review card is due', () => {
		expect(cardStatus(card({}), today)).toBe('New');
		expect(cardStatus(learned(6, today + 1), today)).toBe('Young · due tomorrow');
		expect(cardStatus(learned(30, today + 3), today)).toBe('Mature · due in 3 days');
		expect(cardStatus(learned(0, today - 2), today)).toBe('Learning · due today');
		expect(cardStatus(learned(6, today, { status: 'suspended' }), today)).toBe('Suspended');
		expect(cardStatus(learned(6, today, { status: 'retired' }), today)).toBe('Retired');
	});

	it('leaves the leech to its tag', () => {
		expect(cardStatus(learned(1, today + 1, { leech: true }), today)).toBe('Young · due tomorrow');
		expect(cardStatus(learned(0, today, { leech: true, status: 'suspended' }), today)).toBe('Suspended');
	});
});

describe('gradeName', () => {
	it('names the four buttons and describes the other grades', () => {
		expect([1, 3, 4, 5].map((g) => gradeName(g as 1 | 3 | 4 | 5))).toEqual(['Again (1)', 'Hard (3)', 'Good (4)', 'Easy (5)']);
		expect(gradeName(0)).toBe('0 (Blackout)');
		expect(gradeName(2)).toBe('2 (Wrong, nearly)');
	});
});

describe('intervalName', () => {
	it('says days, today, and the same-day repeat', () => {
		expect(intervalName({ repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false })).toBe('again today');
		expect(intervalName({ repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false })).toBe('1 day');
		expect(intervalName({ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true })).toBe('1 day, once more today');
		expect(intervalName({ repetitions: 5, interval: 1200, easiness: 2.5, repeatToday: false })).toBe('1,200 days');
	});
});
