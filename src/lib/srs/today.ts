// A study day's limits and what counts against them, per deck: the part of the queue's rules
// (queue.ts) that the home page's counts need too (db/study.ts), kept apart so that the first load
// carries neither the rest of the queue nor SM-2.
import type { FsrsState } from './fsrs-state';
import type { FittedParameters } from './fsrs-options';
import type { CardSchedule, ReviewEntry, Settings } from './types';

/** What a deck's limits for a day are made of (the queue's input has all of it). */
export interface DayLimitsInput {
	settings: Pick<Settings, 'newPerDay' | 'reviewsPerDay'>;
	/** Today's study day. */
	today: number;
	deckOptions?: ReadonlyMap<string, DeckOptions>;
	studyMore?: ReadonlyMap<string, StudyMore>;
}

/** Answers already given today in one deck, counted from today's review log (see countStudiedToday). */
export interface StudiedToday {
	/** Cards answered for the first time ever (entry.wasNew). */
	newCount: number;
	/** Due reviews answered: a card's first answer today when it was already a review card. */
	reviewCount: number;
}

/** A deck's own options, overriding the global settings: daily limits and FSRS parameters fitted to its answers. */
export interface DeckOptions {
	newPerDay?: number;
	reviewsPerDay?: number;
	/** Set only by `Fit to my reviews` in Deck options (db/scheduler.ts saves it with its cards refolded). */
	fsrsParameters?: FittedParameters;
}

/** What the learner asked for with `Study more` in one deck, for one study day only. */
export interface StudyMore {
	/** The study day it was asked on; any other day it means nothing. */
	studyDay: number;
	/** New cards on top of the day's new-card limit (`Increase today's new card limit`). */
	extraNew: number;
	/** `Review ahead`: review cards due in the next this many days come today. 0 for none. */
	aheadDays: number;
}

/**
 * A deck's numbers for today, as the review screen's first page of the session holds them (the
 * home page says the same): `N new`, `N again today` (same-day repeats), `N due` (reviews,
 * those brought ahead included), each with a `+` where more wait than the page holds.
 */
export interface TodayCounts {
	new: number;
	again: number;
	due: number;
	moreNew?: true;
	moreDue?: true;
}

/** Cards buried until tomorrow by hand (Anki's Bury), kept for the study day they were buried on. */
export interface Buried {
	studyDay: number;
	cardIds: string[];
}

/** The ids buried today, from the stored record (another day's mean nothing). */
export function buriedToday(record: Buried | undefined, today: number): Set<string> {
	return new Set(record && record.studyDay === today ? record.cardIds : []);
}

/**
 * The group of cards made from one list item or one Anki note, or undefined for a card without siblings. An item's
 * card (`<deck>:item:<key>`) and its reverse (`<deck>:item-reverse:<key>`) share the key (see
 * glossary/ids.ts `cardId`), so the group is read from the id alone, which the home counts have
 * without reading the card.
 *
 * A list's whole-list card ("Key Skills: name all 5") is NOT related to its item cards: it asks
 * for the list as a whole, and burying it with them would let a list of ten items show one of
 * its 21 cards a day. It may remind of an item's name, as any card of the deck may.
 */
/** What every Anki card's id starts with (anki/import-package.ts's ANKI_CARDS: srs may not import anki). */
const ANKI_CARDS = 'anki:';

export function relatedGroup(card: Pick<CardSchedule, 'id' | 'deckId'>): string | undefined {
	// An Anki card (`anki:<note's GUID, URI-encoded>:<template or cloze number>`, see
	// anki/import-package.ts ankiCardId): its siblings are its note's other cards, as in Anki,
	// wherever their decks are.
	if (card.id.startsWith(ANKI_CARDS)) return card.id.slice(0, card.id.lastIndexOf(':'));
	const item = `${card.deckId}:item:`;
	if (card.id.startsWith(item)) return card.id;
	const reverse = `${card.deckId}:item-reverse:`;
	if (card.id.startsWith(reverse)) return item + card.id.slice(reverse.length);
	return undefined;
}

/** The day's limits of one deck: its options over the settings, plus today's `Study more`. */
export function deckLimits(input: DayLimitsInput, deckId: string): { newPerDay: number; reviewsPerDay: number; aheadDays: number } {
	const options = input.deckOptions?.get(deckId);
	const more = input.studyMore?.get(deckId);
	const asked = more && more.studyDay === input.today ? more : undefined;
	return {
		newPerDay: (options?.newPerDay ?? input.settings.newPerDay) + (asked?.extraNew ?? 0),
		reviewsPerDay: options?.reviewsPerDay ?? input.settings.reviewsPerDay,
		aheadDays: asked?.aheadDays ?? 0
	};
}

/**
 * The first `limit` of `items` (in their order) whose related group is not yet in `taken`; each
 * one kept takes its group. Cards past the limit take nothing, so a review left for tomorrow does
 * not hold back its sibling today. Shared by the queue and the db's reads, so both bury alike.
 */
export function takeApart<T>(items: readonly T[], limit: number, taken: Set<string>, groupOf: (item: T) => string | undefined): T[] {
	const kept: T[] = [];
	for (const item of items) {
		if (kept.length >= limit) break;
		const group = groupOf(item);
		if (group !== undefined) {
			if (taken.has(group)) continue;
			taken.add(group);
		}
		kept.push(item);
	}
	return kept;
}

/**
 * Today's counts per deck from today's review log, for QueueInput.studied. Pass the entries of
 * today's study day (time from `dayStartTime(today, h)`); entries before `todayStartMs` are
 * ignored. An undone answer is removed from the log, so it stops counting.
 * - newCount: entries with wasNew (a card's first answer ever).
 * - reviewCount: a review card's first answer today (its `before` was last answered before
 *   today), i.e. the answers that took a due review. Repeats count towards neither limit.
 */
export function countStudiedToday(
	entries: Iterable<Pick<ReviewEntry, 'deckId' | 'time' | 'wasNew' | 'before'>>,
	todayStartMs: number
): Map<string, StudiedToday> {
	const counts = new Map<string, StudiedToday>();
	for (const entry of entries) {
		if (entry.time < todayStartMs) continue;
		const isNew = entry.wasNew;
		const isDueReview = !isNew && entry.before.status === 'review' && entry.before.lastAnsweredAt < todayStartMs;
		if (!isNew && !isDueReview) continue;
		const deck = counts.get(entry.deckId) ?? { newCount: 0, reviewCount: 0 };
		if (isNew) deck.newCount += 1;
		else deck.reviewCount += 1;
		counts.set(entry.deckId, deck);
	}
	return counts;
}

/**
 * A card answered today that comes again today (once its due day has come): on SM-2 after a
 * lapse (interval 0) or in SuperMemo step 7's extra repetition; on FSRS in its (re)learning steps.
 * The queue (queue.ts) and the db's reads of today's repeats (db/study.ts) both ask this.
 */
export function mustRepeat(card: Pick<CardSchedule, 'state'> & { fsrs?: Pick<FsrsState, 'phase'> }): boolean {
	const phase = card.fsrs?.phase;
	return phase ? phase !== 'review' : card.state.repeatToday || card.state.interval === 0;
}

/** Plain code-unit order: the same on every device, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Spreads `fresh` evenly through `due`: the k-th new card (from 0) goes to position
 * floor((2k + 1) * total / (2 * fresh)), the middle of its share of the session. With 10 reviews
 * and 3 new cards: r r N r r r N r r r N r r. Works the same way round when new cards outnumber
 * reviews.
 */
function mix<T>(due: readonly T[], fresh: readonly T[]): T[] {
	if (fresh.length === 0) return [...due];
	if (due.length === 0) return [...fresh];
	const total = due.length + fresh.length;
	const mixed: T[] = [];
	let nextDue = 0;
	let nextFresh = 0;
	for (let position = 0; position < total; position++) {
		const freshSlot = Math.floor(((2 * nextFresh + 1) * total) / (2 * fresh.length));
		const card = nextFresh < fresh.length && position === freshSlot ? fresh[nextFresh++] : due[nextDue++];
		if (card !== undefined) mixed.push(card);
	}
	return mixed;
}

/**
 * A session's order from its parts, each already in its own order (reviews: the due, then those
 * brought ahead): the new cards spread through the reviews, the same-day repeats after them. The
 * summary of a deck's day (db/today.ts) orders its ids with it, as buildQueue orders cards.
 */
export function sessionOrder<T>(reviews: readonly T[], fresh: readonly T[], repeats: readonly T[]): T[] {
	return [...mix(reviews, fresh), ...repeats];
}

/**
 * The order of same-day repeats: waiting longest first, then id. An SM-2 card waits since its
 * answer, an FSRS card in its steps since its step ended (its due time on the study clock,
 * srs/fsrs.ts, turned into epoch ms).
 */
export function repeatOrder(today: number, todayStartMs: number): (a: CardSchedule, b: CardSchedule) => number {
	const since = ({ fsrs, lastAnsweredAt }: CardSchedule & { fsrs?: Pick<FsrsState, 'due'> }) =>
		fsrs ? todayStartMs + fsrs.due - today * 864e5 : lastAnsweredAt;
	return (a, b) => since(a) - since(b) || compareIds(a.id, b.id);
}
