// The daily session's per-deck reads, which today's cards (study-session.ts, kept apart so the home
// page's first load does not carry it) and today's summaries (today.ts) share, and the streak.
import {
	buriedToday,
	countStudiedToday,
	deckLimits,
	mustRepeat,
	relatedGroup,
	takeApart,
	type Buried,
	type DeckOptions,
	type StudyMore
} from '$lib/srs/today';
import type { CardSchedule, Settings } from '$lib/srs/types';
import type { IDBPTransaction } from 'idb';
import type { FlashcardsDb, FlashcardsSchema } from './schema';
import { answerCount, decodeDay } from './log-codec';

// Kept here too: screens and tests reached it through db before it moved to srs/days.
export { studyDayAt, type StudyDay } from '$lib/srs/days';

/**
 * A deck's cards in one status due from day `from` to day `to`, both included. The index orders
 * them by due day, then easiness, then id: exactly the queue's order for due reviews, so the
 * first N of a range are the N the queue would pick.
 */
export function dueRange(deckId: string, status: CardSchedule['status'], from: number, to: number): IDBKeyRange {
	return IDBKeyRange.bound([deckId, status, from], [deckId, status, to, Infinity]);
}

/** A deck's new cards, in the order they are introduced (the byDeckStatusOrder index). */
export const newCards = (deckId: string) => IDBKeyRange.bound([deckId, 'new', -Infinity], [deckId, 'new', Infinity]);

export type ReadTx = IDBPTransaction<FlashcardsSchema, ('decks' | 'cards' | 'log' | 'meta')[], 'readonly'>;

/** What the learner set per deck and asked for today, as the queue takes it (QueueInput). */
export interface DayOptions {
	deckOptions: Map<string, DeckOptions>;
	studyMore: Map<string, StudyMore>;
	/** The cards buried until tomorrow, today's only. */
	buried: Set<string>;
}

/** Each deck's own limits, today's `Study more` and today's buried cards, from the meta store (absent: none). */
export async function dayOptions(tx: ReadTx, today: number): Promise<DayOptions> {
	const meta = tx.objectStore('meta');
	const [options, more, buried] = await Promise.all([meta.get('deckOptions'), meta.get('studyMore'), meta.get('buried')]);
	return {
		deckOptions: new Map(Object.entries((options ?? {}) as Record<string, DeckOptions>)),
		studyMore: new Map(Object.entries((more ?? {}) as Record<string, StudyMore>)),
		buried: buriedToday(buried as Buried | undefined, today)
	};
}

/**
 * What one deck has done today and what it may still do: today's answers counted against the
 * limits (the deck's own, and today's `Study more`), the same-day repeats (cards answered today
 * that must come back today) and every card answered today (whose siblings wait), read through
 * the cards answered since today began. This costs as much as today's work, whatever the size of
 * the deck.
 */
export async function deckToday(tx: ReadTx, deckId: string, today: number, todayStartMs: number, settings: Settings, options: DayOptions) {
	const [log, answeredToday] = await Promise.all([
		tx.objectStore('log').get([deckId, today]),
		tx
			.objectStore('cards')
			.index('byDeckAnswered')
			.getAll(IDBKeyRange.bound([deckId, todayStartMs], [deckId, Infinity]))
	]);
	const studied = countStudiedToday(log ? decodeDay(log) : [], todayStartMs).get(deckId) ?? { newCount: 0, reviewCount: 0 };
	const limits = deckLimits({ settings, today, ...options }, deckId);
	return {
		studied,
		/** Answers given today that stand. */
		answers: log ? answerCount(log) : 0,
		answered: answeredToday,
		bury: settings.buryRelated,
		buried: options.buried,
		aheadDays: limits.aheadDays,
		// As the queue tells them (srs/today.ts): an answered card due today but not to repeat is a due review.
		repeats: answeredToday.filter(
			(card) => card.status === 'review' && card.dueDay <= today && mustRepeat(card) && !options.buried.has(card.id)
		),
		reviewsLeft: Math.max(0, limits.reviewsPerDay - studied.reviewCount),
		newLeft: Math.max(0, limits.newPerDay - studied.newCount)
	};
}

/**
 * The first of a deck's due reviews (repeats left out: deckToday has them), reviews brought ahead
 * by `Study more`, and new cards of today, at most `most` of each and no more than the daily
 * limits let in, read as whole cards or as keys by `read`. With related cards burying, a card
 * whose sibling was answered today or comes earlier is left out exactly as the queue does
 * (srs/queue.ts), from the id alone; up to one card per kept or answered card is read on top.
 * `moreDue` and `moreNew` say the limits let in more than were read: one more than is kept is
 * asked for, where `most` is below the limit, to know it.
 */
export async function firstOfToday<T>(
	deck: Awaited<ReturnType<typeof deckToday>>,
	deckId: string,
	today: number,
	most: number,
	read: (which: 'due' | 'new', range: IDBKeyRange, count?: number) => Promise<T[]>,
	idOf: (item: T) => string
): Promise<{ due: T[]; ahead: T[]; fresh: T[]; moreDue: boolean; moreNew: boolean }> {
	const reviews = Math.min(deck.reviewsLeft, most);
	const fresh = Math.min(deck.newLeft, most);
	const buried = deck.bury ? deck.answered.length : 0;
	// Cards buried by hand are read and left out: room for them (a few a day at most).
	const byHand = deck.buried.size;
	const notBuried = (items: T[]) => (byHand > 0 ? items.filter((item) => !deck.buried.has(idOf(item))) : items);
	// The repeats share the due range: room for them too.
	const [due = [], ahead = [], unseen = []] = (
		await Promise.all([
			reviews > 0
				? read(
						'due',
						dueRange(deckId, 'review', -Infinity, today),
						reviews + 1 + byHand + deck.repeats.length + (deck.bury ? reviews + buried : 0)
					)
				: [],
			deck.aheadDays > 0 ? read('due', dueRange(deckId, 'review', today + 1, today + deck.aheadDays)) : [],
			fresh > 0 ? read('new', newCards(deckId), fresh + 1 + byHand + (deck.bury ? fresh + buried + deck.repeats.length : 0)) : []
		])
	).map(notBuried);
	const answeredIds = new Set(deck.answered.map((card) => card.id));
	const repeatIds = new Set(deck.repeats.map((card) => card.id));
	const taken = new Set<string>();
	if (deck.bury) for (const card of deck.answered) taken.add(relatedGroup(card) ?? '');
	const groupOf = deck.bury ? (item: T) => relatedGroup({ id: idOf(item), deckId }) : () => undefined;
	// One more than the limit is kept, to know there are more.
	const dueReviews = takeApart(
		due.filter((item) => !repeatIds.has(idOf(item))),
		reviews + 1,
		taken,
		groupOf
	);
	const keptDue = dueReviews.slice(0, reviews);
	// The one past the limit took its group; give it back, as the queue never sees that card.
	const extra = dueReviews[reviews];
	if (extra !== undefined) taken.delete(groupOf(extra) ?? '');
	const aheadReviews = takeApart(
		ahead.filter((item) => !answeredIds.has(idOf(item))),
		Infinity,
		taken,
		groupOf
	);
	const unseenKept = takeApart(unseen, fresh + 1, taken, groupOf);
	return {
		due: keptDue,
		ahead: aheadReviews,
		fresh: unseenKept.slice(0, fresh),
		moreDue: dueReviews.length > reviews && reviews < deck.reviewsLeft,
		moreNew: unseenKept.length > fresh && fresh < deck.newLeft
	};
}

/**
 * How many due reviews and how many new cards of a deck are read at a time: the review screen's
 * page of today's session, and what its numbers and the home page's count up to ("100+ due").
 * A session reads the next ones when few are left (ReviewSession), so the first card shows as
 * fast with a review limit of 9,999 and 90,000 cards due as with 200 (reading 9,999 cards takes
 * ~0.27 s on a slow phone).
 */
export const STUDY_PAGE = 100;

/**
 * The first study day after today with review cards due, or undefined when none are scheduled:
 * the first key after today in each deck's due range, the earliest of them.
 */
export async function nextDueDay(db: FlashcardsDb, today: number): Promise<number | undefined> {
	const tx = db.transaction(['decks', 'cards']);
	const index = tx.objectStore('cards').index('byDeckStatusDue');
	const deckIds = await tx.objectStore('decks').getAllKeys();
	const firsts = await Promise.all(
		deckIds.map(async (deckId) => (await index.openKeyCursor(dueRange(deckId, 'review', today + 1, Infinity)))?.key[2])
	);
	const days = firsts.filter((day) => day !== undefined);
	return days.length > 0 ? Math.min(...days) : undefined;
}

/** Every answer given on one study day, across decks (home total, session summary). */
export async function answersOnDay(db: FlashcardsDb, day: number): Promise<number> {
	const records = await db.getAllFromIndex('log', 'byDay', day);
	return records.reduce((sum, record) => sum + answerCount(record), 0);
}

/**
 * Days in a row with at least one answer, ending today, or yesterday while today has none yet:
 * one index look-up per day of the streak, whatever the size of the log.
 */
export async function currentStreak(db: FlashcardsDb, today: number): Promise<number> {
	const days = db.transaction('log').store.index('byDay');
	let day = (await days.getKey(today)) === undefined ? today - 1 : today;
	let streak = 0;
	while ((await days.getKey(day)) !== undefined) {
		streak++;
		day--;
	}
	return streak;
}
