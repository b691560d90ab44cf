// Every statistic over 100,000 generated answers and cards, with results worked out by hand.
// No timing is asserted: a per-day filter of the whole log would still make this test crawl.
import { describe, expect, it } from 'vitest';
import type { CardSchedule } from '../srs/types';
import { answerSummary, answersPerDay, retention, type AnswerFact } from './answers';
import { heatmap, streaks } from './calendar';
import { cardStatesByDeck, forecast, sumStateCounts } from './cards';

const today = Date.UTC(2026, 3, 15) / 86_400_000; // a Wednesday
const COUNT = 100_000;

/**
 * Answer i falls k = i % 1000 days ago, in round r = floor(i / 1000) (0..99):
 * so every one of the last 1000 days has 100 answers. Round 0 is the card's first answer;
 * even rounds are remembered (grade 4, 2 s), odd rounds forgotten (grade 1, 4 s).
 */
function* generatedLog(): Generator<AnswerFact> {
	for (let i = 0; i < COUNT; i++) {
		const k = i % 1000;
		const r = Math.floor(i / 1000);
		const remembered = r % 2 === 0;
		yield { studyDay: today - k, grade: remembered ? 4 : 1, wasNew: r === 0, tookMs: remembered ? 2000 : 4000 };
	}
}

/** Card i: one of 4 decks, due (i % 40) - 5 days from today, interval i % 50. */
function* generatedCards(): Generator<CardSchedule> {
	for (let i = 0; i < COUNT; i++) {
		yield {
			id: `c${i}`,
			deckId: `d${i % 4}`,
			status: 'review',
			state: { repetitions: 2, interval: i % 50, easiness: 2.5, repeatToday: false },
			dueDay: today + (i % 40) - 5,
			newOrder: i,
			lapses: 0,
			leech: false,
			lastAnsweredAt: 0
		};
	}
}

describe('100,000 answers', () => {
	const log = [...generatedLog()];

	it('gives per-day counts, heatmap and streaks', () => {
		const perDay = answersPerDay(log);
		expect(perDay.size).toBe(1000);
		expect([...perDay.values()].every((n) => n === 100)).toBe(true);
		const map = heatmap(perDay, today);
		expect(map.days).toHaveLength(367);
		expect(map.max).toBe(100);
		expect(map.total).toBe(36_700);
		expect(streaks(perDay, today)).toEqual({ current: 1000, best: 1000 });
	});

	it('gives retention per window', () => {
		// Per day: 99 reviews (rounds 1..99), 49 of them remembered (even rounds 2..98).
		expect(retention(log, today)).toEqual([
			{ days: 7, reviews: 693, recalled: 343, rate: 343 / 693 },
			{ days: 30, reviews: 2970, recalled: 1470, rate: 1470 / 2970 },
			{ days: 365, reviews: 36_135, recalled: 17_885, rate: 17_885 / 36_135 }
		]);
	});

	it('gives the pace over a year', () => {
		expect(answerSummary(generatedLog(), today, 365)).toEqual({
			days: 365,
			answers: 36_500,
			perDay: 100,
			daysStudied: 365,
			averageMs: 3000
		});
	});

	it('gives the forecast and card states of 100,000 cards', () => {
		const days = forecast(generatedCards(), today);
		// 2500 cards for each due offset -5..34; -5..0 all land on today.
		expect(days.map((d) => d.count)).toEqual([15_000, ...new Array<number>(29).fill(2500)]);
		const byDeck = cardStatesByDeck(generatedCards(), today);
		expect([...byDeck.keys()].sort()).toEqual(['d0', 'd1', 'd2', 'd3']);
		for (const counts of byDeck.values()) expect(Object.values(counts).reduce((a, b) => a + b)).toBe(25_000);
		// Learning: interval 0 (i % 50 = 0) and due by today (i % 40 <= 5): i % 200 = 0.
		// Young: interval 0..20 is 21 of every 50 cards, less the learning ones.
		expect(sumStateCounts(byDeck.values())).toEqual({
			new: 0,
			learning: 500,
			young: 41_500,
			mature: 58_000,
			suspended: 0,
			leech: 0
		});
	});
});
