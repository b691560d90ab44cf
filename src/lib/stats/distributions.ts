// AnkiDroid's two most read charts, as counts per range: how long the cards rest (intervals) and
// how easy SM-2 finds them (easiness). Over the cards that have been learned: review and suspended
// cards with an interval, new and retired cards left out.
import type { CardSchedule } from '../srs/types';

export interface Bucket {
	/** What the range holds, in the learner's words: '1 day', '3–6 days', '1.3–1.49'. */
	label: string;
	count: number;
}

/** Interval ranges in days, [from, to] both included, as AnkiDroid groups its interval chart. */
const INTERVAL_RANGES: readonly { label: string; from: number; to: number }[] = [
	{ label: '1 day', from: 1, to: 1 },
	{ label: '2 days', from: 2, to: 2 },
	{ label: '3–6 days', from: 3, to: 6 },
	{ label: '1–2 weeks', from: 7, to: 13 },
	{ label: '2–3 weeks', from: 14, to: 20 },
	{ label: '3 weeks–1 month', from: 21, to: 30 },
	{ label: '1–3 months', from: 31, to: 90 },
	{ label: '3–6 months', from: 91, to: 182 },
	{ label: '6 months–1 year', from: 183, to: 364 },
	{ label: '1 year or more', from: 365, to: Infinity }
];

function learned(card: Pick<CardSchedule, 'status'>): boolean {
	return card.status === 'review' || card.status === 'suspended';
}

/**
 * Learned cards per interval range, every range listed (zeros included), shortest first. A card
 * forgotten and not yet relearned (interval 0) rests 0 days: it is counted in `relearning` apart.
 */
export function intervalDistribution(cards: Iterable<Pick<CardSchedule, 'status' | 'state'>>): { buckets: Bucket[]; relearning: number } {
	const counts = INTERVAL_RANGES.map(() => 0);
	let relearning = 0;
	for (const card of cards) {
		if (!learned(card)) continue;
		const days = card.state.interval;
		if (days < 1) {
			relearning++;
			continue;
		}
		const at = INTERVAL_RANGES.findIndex((range) => days >= range.from && days <= range.to);
		if (at >= 0) counts[at]! += 1;
	}
	return { buckets: INTERVAL_RANGES.map((range, at) => ({ label: range.label, count: counts[at]! })), relearning };
}

/**
 * Learned cards per easiness range of 0.2 from SM-2's floor of 1.3 (1.3–1.49, 1.5–1.69, …), the
 * last range open ('2.9 or more'), lowest first. Easiness is kept in hundredths, so ranges are
 * compared in hundredths and never fall between two of them.
 */
export function easinessDistribution(cards: Iterable<Pick<CardSchedule, 'status' | 'state'>>): Bucket[] {
	const starts = [130, 150, 170, 190, 210, 230, 250, 270, 290];
	const counts = starts.map(() => 0);
	for (const card of cards) {
		if (!learned(card)) continue;
		const hundredths = Math.round(card.state.easiness * 100);
		let at = starts.length - 1;
		while (at > 0 && hundredths < starts[at]!) at--;
		counts[at]! += 1;
	}
	const label = (start: number, at: number) =>
		at === starts.length - 1
			? `${(start / 100).toFixed(1)} or more`
			: `${(start / 100).toFixed(2)}–${((starts[at + 1]! - 1) / 100).toFixed(2)}`;
	return starts.map((start, at) => ({ label: label(start, at), count: counts[at]! }));
}
