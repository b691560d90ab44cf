// Forecast and card states on hand-made schedules with known results.
import { describe, expect, it } from 'vitest';
import type { CardSchedule } from '../srs/types';
import { cardState, cardStatesByDeck, emptyStateCounts, forecast, sumStateCounts } from './cards';

const today = Date.UTC(2026, 3, 15) / 86_400_000;

let nextId = 0;
/** A card learned a while ago (young, due in a week) unless told otherwise. */
function card(overrides: Partial<Omit<CardSchedule, 'state'>> & { interval?: number; repeatToday?: boolean } = {}): CardSchedule {
	const { interval = 7, repeatToday = false, ...rest } = overrides;
	nextId += 1;
	return {
		id: `c${nextId}`,
		deckId: 'roadmaps',
		status: 'review',
		state: { repetitions: 3, interval, easiness: 2.5, repeatToday },
		dueDay: today + 7,
		newOrder: nextId,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		...rest
	};
}

describe('forecast', () => {
	it('counts review cards per day for exactly 30 days, overdue ones on today', () => {
		const cards = [
			card({ dueDay: today - 40 }),
			card({ dueDay: today - 1 }),
			card({ dueDay: today }),
			card({ dueDay: today + 1 }),
			card({ dueDay: today + 1 }),
			card({ dueDay: today + 29 }),
			card({ dueDay: today + 30 }), // one day past the chart
			card({ dueDay: today + 400 }),
			card({ status: 'new', dueDay: 0 }),
			card({ status: 'suspended', dueDay: today + 2 }),
			card({ status: 'retired', dueDay: today + 3 })
		];
		const days = forecast(cards, today);
		expect(days).toHaveLength(30);
		expect(days.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => today + i));
		const expected = new Array<number>(30).fill(0);
		expected[0] = 3;
		expected[1] = 2;
		expected[29] = 1;
		expect(days.map((d) => d.count)).toEqual(expected);
	});

	it('takes any length and only the status and due day', () => {
		expect(
			forecast(
				[
					{ status: 'review', dueDay: today + 2 },
					{ status: 'review', dueDay: today + 3 }
				],
				today,
				3
			)
		).toEqual([
			{ day: today, count: 0 },
			{ day: today + 1, count: 0 },
			{ day: today + 2, count: 1 }
		]);
		expect(() => forecast([], today, 0)).toThrow(RangeError);
	});
});

describe('cardState', () => {
	it('puts suspended above leech (as Browse finds them), leech above new', () => {
		expect(cardState(card({ leech: true, status: 'suspended' }), today)).toBe('suspended');
		expect(cardState(card({ leech: true, interval: 0, dueDay: today }), today)).toBe('leech');
		expect(cardState(card({ leech: true, status: 'new' }), today)).toBe('leech');
		expect(cardState(card({ status: 'suspended', interval: 0, dueDay: today }), today)).toBe('suspended');
		expect(cardState(card({ status: 'new', interval: 0, dueDay: 0 }), today)).toBe('new');
	});

	it('calls a review card learning while it comes back today', () => {
		expect(cardState(card({ interval: 0, dueDay: today }), today)).toBe('learning');
		expect(cardState(card({ interval: 30, repeatToday: true, dueDay: today }), today)).toBe('learning');
		expect(cardState(card({ interval: 1, repeatToday: true, dueDay: today - 2 }), today)).toBe('learning');
		// Not due yet: a short interval is young, not learning.
		expect(cardState(card({ interval: 0, dueDay: today + 1 }), today)).toBe('young');
		expect(cardState(card({ interval: 1, dueDay: today }), today)).toBe('young');
	});

	it('splits young from mature at an interval of 21 days', () => {
		expect(cardState(card({ interval: 20, dueDay: today }), today)).toBe('young');
		expect(cardState(card({ interval: 21, dueDay: today }), today)).toBe('mature');
		expect(cardState(card({ interval: 200, dueDay: today + 100 }), today)).toBe('mature');
	});

	it("reads a card of a deck on FSRS by FSRS's state: learning in its steps, young or mature by FSRS's interval", () => {
		const onFsrs = (phase: 'learning' | 'review' | 'relearning', scheduledDays: number, sm2Interval: number) =>
			({ ...card({ interval: sm2Interval, dueDay: today + scheduledDays }), fsrs: { phase, scheduledDays } }) as CardSchedule;
		// SM-2's interval beside it says otherwise each time: FSRS's is the one in use.
		expect(cardState(onFsrs('learning', 0, 6), today)).toBe('learning');
		expect(cardState(onFsrs('relearning', 0, 30), today)).toBe('learning');
		expect(cardState(onFsrs('review', 20, 0), today)).toBe('young');
		expect(cardState(onFsrs('review', 21, 3), today)).toBe('mature');
		expect(cardState({ ...onFsrs('review', 30, 3), leech: true } as CardSchedule, today)).toBe('leech');
	});

	it('gives a retired card no state, even a leech', () => {
		expect(cardState(card({ status: 'retired' }), today)).toBeNull();
		expect(cardState(card({ status: 'retired', leech: true }), today)).toBeNull();
	});
});

describe('cardStatesByDeck', () => {
	it('counts each deck separately and leaves retired cards out', () => {
		const cards = [
			card({ deckId: 'roadmaps', status: 'new' }),
			card({ deckId: 'roadmaps', status: 'new' }),
			card({ deckId: 'roadmaps', interval: 0, dueDay: today }),
			card({ deckId: 'roadmaps', interval: 5 }),
			card({ deckId: 'roadmaps', interval: 40 }),
			card({ deckId: 'roadmaps', status: 'retired' }),
			card({ deckId: 'metrics', status: 'suspended' }),
			card({ deckId: 'metrics', status: 'suspended', leech: true }),
			card({ deckId: 'metrics', interval: 21 }),
			card({ deckId: 'metrics', interval: 100 }),
			card({ deckId: 'gone', status: 'retired' })
		];
		const byDeck = cardStatesByDeck(cards, today);
		expect([...byDeck.keys()]).toEqual(['roadmaps', 'metrics']);
		expect(byDeck.get('roadmaps')).toEqual({ new: 2, learning: 1, young: 1, mature: 1, suspended: 0, leech: 0 });
		expect(byDeck.get('metrics')).toEqual({ new: 0, learning: 0, young: 0, mature: 2, suspended: 2, leech: 0 });
		expect(sumStateCounts(byDeck.values())).toEqual({ new: 2, learning: 1, young: 1, mature: 3, suspended: 2, leech: 0 });
	});

	it('is empty without cards', () => {
		expect(cardStatesByDeck([], today).size).toBe(0);
		expect(sumStateCounts([])).toEqual(emptyStateCounts());
		expect(emptyStateCounts()).toEqual({ new: 0, learning: 0, young: 0, mature: 0, suspended: 0, leech: 0 });
	});
});
