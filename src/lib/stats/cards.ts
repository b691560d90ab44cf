// What the cards' schedules say: the reviews coming up, and how far along each deck is.
// Reads CardSchedule only; one pass over the cards for each statistic.
import type { FsrsState } from '../srs/fsrs';
import type { CardSchedule } from '../srs/types';

export interface ForecastDay {
	day: number;
	count: number;
}

/** Days shown in the forecast bar chart. */
export const FORECAST_DAYS = 30;

/**
 * Review cards due on each of the days today .. today+days-1 (exactly `days` entries).
 * Overdue cards are counted on today, because that is when the learner will meet them.
 * New, suspended and retired cards have no due day that means anything, so they are left out.
 */
export function forecast(
	cards: Iterable<Pick<CardSchedule, 'status' | 'dueDay'>>,
	today: number,
	days: number = FORECAST_DAYS
): ForecastDay[] {
	if (!Number.isInteger(days) || days < 1) throw new RangeError(`A forecast covers a whole number of days, at least 1: ${days}`);
	const counts = new Array<number>(days).fill(0);
	for (const card of cards) {
		if (card.status !== 'review') continue;
		const offset = Math.max(0, card.dueDay - today);
		if (offset < days) counts[offset]! += 1;
	}
	return counts.map((count, offset) => ({ day: today + offset, count }));
}

/**
 * Where a card stands for the learner:
 * - new: never answered;
 * - learning: answered but not yet remembered, it comes back today;
 * - young: remembered, next seen within 3 weeks;
 * - mature: remembered for 3 weeks or more;
 * - suspended: set aside, not shown;
 * - leech: forgotten so often it needs rewording.
 */
export type CardState = 'new' | 'learning' | 'young' | 'mature' | 'suspended' | 'leech';

/** Every state, in the order the stats page lists them. */
export const CARD_STATES: readonly CardState[] = ['new', 'learning', 'young', 'mature', 'suspended', 'leech'];

/** Interval (days) from which a card counts as mature, as in Anki. */
export const MATURE_INTERVAL = 21;

/**
 * The state of one card on study day `today`, or null for a retired card (its page left the
 * glossary, so it belongs to no state any more).
 * Precedence: suspended > leech > new > learning > young > mature. A suspended leech counts as
 * suspended, so Stats' "Suspended" is exactly what Browse's Suspended filter finds (Stats once
 * said 0 suspended while Browse found 5 leeches suspended); Browse tags it a leech beside it.
 * Learning means a review card due by today (overdue included: an unfinished repeat stays
 * unfinished) whose interval is 0 or which must be repeated today.
 */
export function cardState(card: CardSchedule, today: number): CardState | null {
	if (card.status === 'retired') return null;
	if (card.status === 'suspended') return 'suspended';
	if (card.leech) return 'leech';
	if (card.status === 'new') return 'new';
	// A card of a deck on FSRS: learning while in its steps, its interval the one FSRS gave it.
	const fsrs = (card as CardSchedule & { fsrs?: Pick<FsrsState, 'phase' | 'scheduledDays'> }).fsrs;
	if (fsrs) {
		if (fsrs.phase !== 'review') return 'learning';
		return fsrs.scheduledDays < MATURE_INTERVAL ? 'young' : 'mature';
	}
	if (card.dueDay <= today && (card.state.interval === 0 || card.state.repeatToday)) return 'learning';
	return card.state.interval < MATURE_INTERVAL ? 'young' : 'mature';
}

export type StateCounts = Record<CardState, number>;

/** A fresh all-zero count for every state. */
export function emptyStateCounts(): StateCounts {
	return { new: 0, learning: 0, young: 0, mature: 0, suspended: 0, leech: 0 };
}

/**
 * Cards in each state, per deck id. Retired cards are not counted, and a deck whose cards are
 * all retired has no entry. Decks appear in the order their first card is met.
 */
export function cardStatesByDeck(cards: Iterable<CardSchedule>, today: number): Map<string, StateCounts> {
	const byDeck = new Map<string, StateCounts>();
	for (const card of cards) {
		const state = cardState(card, today);
		if (state === null) continue;
		let counts = byDeck.get(card.deckId);
		if (!counts) {
			counts = emptyStateCounts();
			byDeck.set(card.deckId, counts);
		}
		counts[state] += 1;
	}
	return byDeck;
}

/** All decks together, for the "all decks" row. */
export function sumStateCounts(counts: Iterable<StateCounts>): StateCounts {
	const sum = emptyStateCounts();
	for (const deck of counts) {
		for (const state of CARD_STATES) sum[state] += deck[state];
	}
	return sum;
}
