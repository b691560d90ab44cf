// Interval and easiness distributions (AnkiDroid's charts) over learned cards.
import { describe, expect, it } from 'vitest';
import { easinessDistribution, intervalDistribution } from './distributions';
import type { CardSchedule } from '../srs/types';

const card = (status: CardSchedule['status'], interval: number, easiness = 2.5) => ({
	status,
	state: { repetitions: 1, interval, easiness, repeatToday: false }
});

describe('intervalDistribution', () => {
	it('counts learned cards (review and suspended) per range, edges included, new and retired left out', () => {
		const cards = [
			card('review', 1),
			card('review', 2),
			card('review', 3),
			card('suspended', 6),
			card('review', 7),
			card('review', 20),
			card('review', 21),
			card('review', 30),
			card('review', 31),
			card('review', 364),
			card('review', 365),
			card('review', 36500),
			card('review', 0),
			card('new', 0),
			card('retired', 40)
		];
		const { buckets, relearning } = intervalDistribution(cards);
		expect(buckets).toEqual([
			{ label: '1 day', count: 1 },
			{ label: '2 days', count: 1 },
			{ label: '3–6 days', count: 2 },
			{ label: '1–2 weeks', count: 1 },
			{ label: '2–3 weeks', count: 1 },
			{ label: '3 weeks–1 month', count: 2 },
			{ label: '1–3 months', count: 1 },
			{ label: '3–6 months', count: 0 },
			{ label: '6 months–1 year', count: 1 },
			{ label: '1 year or more', count: 2 }
		]);
		expect(relearning).toBe(1);
	});
});

describe('easinessDistribution', () => {
	it('counts learned cards per 0.2 of easiness from 1.3, in whole hundredths, the last range open', () => {
		const cards = [
			card('review', 5, 1.3),
			card('review', 5, 1.49),
			card('review', 5, 1.5),
			card('suspended', 5, 2.5),
			card('review', 5, 2.36)
		];
		cards.push(card('review', 5, 2.5), card('review', 5, 3.2), card('new', 0, 2.5), card('retired', 5, 1.3));
		expect(easinessDistribution(cards)).toEqual([
			{ label: '1.30–1.49', count: 2 },
			{ label: '1.50–1.69', count: 1 },
			{ label: '1.70–1.89', count: 0 },
			{ label: '1.90–2.09', count: 0 },
			{ label: '2.10–2.29', count: 0 },
			{ label: '2.30–2.49', count: 1 },
			{ label: '2.50–2.69', count: 2 },
			{ label: '2.70–2.89', count: 0 },
			{ label: '2.9 or more', count: 1 }
		]);
	});
});
