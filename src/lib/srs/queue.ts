/**
 * The study session, as pure functions of the stored card states, today's study day and what
 * was already answered today. Nothing is remembered between calls (apart from the id of the card
 * just answered, which the screen passes back), so after a reload, a second tab or an undo the
 * queue is rebuilt exactly from IndexedDB. What an answer does to a card is answer.ts.
 *
 * Order of a session (Anki's default order, on SM-2 cards):
 * 1. Due reviews, most overdue first, then the harder ones (lower easiness), then by id, so
 *    the order never depends on how the database returned the cards.
 * 2. New cards, in deck order, spread evenly among the reviews (Anki's "mix new cards with
 *    reviews") so a session is neither a wall of new material nor a wall of old.
 * 3. Same-day repeats (forgotten cards, and cards in SuperMemo step 7's extra repetition), the
 *    one waiting longest first. They come after every fresh card of the session, so a forgotten
 *    card returns only after the others, when the answer has had time to fade a little.
 *
 * Limits are per deck per study day, as in Anki: `newPerDay` new cards and `reviewsPerDay` due
 * reviews (a deck's own options override both). Repeats are not limited: a card forgotten today is
 * always seen again today. What is over the review limit waits for tomorrow, the most overdue first.
 *
 * Study more (Anki's custom study), recorded per deck for one study day: extra new cards on top of
 * the limit, and reviews due in the next N days shown ahead of time, after today's due reviews.
 *
 * A card of a deck on FSRS carries FSRS's state (types.ts ScheduledCard). While it is in its
 * learning or relearning steps (1m 10m, 10m) it is a same-day repeat like a forgotten SM-2 card,
 * as Anki shows cards in their steps: the repeats then go by the time each step ends.
 *
 * Related cards wait (Anki's burying, with the v3 scheduler's rule that siblings are left out when
 * the session is gathered): of the cards made from one list item (see `relatedGroup`), only one is
 * shown per study day. A sibling answered today keeps the others out until tomorrow, and of
 * siblings waiting together only the first in session order (repeat, due, ahead, new) comes.
 * A card the learner buried by hand (`Bury`) waits until tomorrow too; its siblings do not.
 */
import type { CardSchedule, Settings } from './types';
import type { FsrsState } from './fsrs-state';
import { deckLimits, relatedGroup, takeApart, type DeckOptions, type StudiedToday, type StudyMore } from './today';

// Their home is today.ts (the home page's counts need them without the rest of the queue).
export {
	buriedToday,
	countStudiedToday,
	deckLimits,
	relatedGroup,
	takeApart,
	type Buried,
	type DeckOptions,
	type StudiedToday,
	type StudyMore
} from './today';

/** What the queue reads of FSRS's state, on a card of a deck that uses FSRS. */
type WithFsrs = { fsrs?: Pick<FsrsState, 'phase' | 'due'> };

export interface QueueInput {
	cards: CardSchedule[];
	/** Today's study day (days.ts `studyDay`). */
	today: number;
	/**
	 * Epoch ms when today's study day began (days.ts `dayStartTime(today, dayStartHour)`). A card
	 * answered since then is answered "today": that is what tells a same-day repeat from a card
	 * forgotten on an earlier day and not seen since, which is an overdue review.
	 */
	todayStartMs: number;
	settings: Pick<Settings, 'newPerDay' | 'reviewsPerDay'>;
	/** Per deck id; a deck missing here has answered nothing today. */
	studied: Map<string, StudiedToday> | Record<string, StudiedToday>;
	/** Per deck id: its own limits (what is missing falls back to `settings`). */
	deckOptions?: ReadonlyMap<string, DeckOptions>;
	/** Per deck id: today's `Study more`. */
	studyMore?: ReadonlyMap<string, StudyMore>;
	/**
	 * Present when related cards wait (the `Bury related cards` setting): the cards answered today
	 * that `cards` may not hold (ids are enough; a card in `cards` answered today counts by itself).
	 */
	bury?: { answeredToday: Iterable<Pick<CardSchedule, 'id' | 'deckId'>> };
	/** Ids of the cards the learner buried until tomorrow (`Bury`, today's only): none of them comes today. */
	buried?: ReadonlySet<string>;
}

export interface SessionQueue {
	cards: CardSchedule[];
	/** `due` includes the reviews brought ahead by `Study more`. */
	counts: { new: number; due: number; repeats: number };
}

type Kind = 'new' | 'due' | 'ahead' | 'repeat' | 'none';

/** Answered since today's study day began. */
function answeredToday(card: CardSchedule, todayStartMs: number): boolean {
	return card.lastAnsweredAt >= todayStartMs;
}

/**
 * Where a card stands in today's session.
 * - 'repeat': answered today and still to be shown again today (interval 0 after a lapse, or
 *   SuperMemo step 7's repeatToday).
 * - 'due': a review card whose due day has come and that has not been answered today. A card
 *   forgotten (interval 0) or left in repeatToday on an EARLIER day and not seen since is here:
 *   it is overdue, and counts against the review limit like any due card.
 */
function kindOf(card: CardSchedule, today: number, todayStartMs: number, aheadDays = 0): Kind {
	if (card.status === 'new') return 'new';
	if (card.status !== 'review') return 'none';
	// Review ahead: not yet due, and not already answered today (its next day has not come).
	if (card.dueDay > today) return card.dueDay <= today + aheadDays && !answeredToday(card, todayStartMs) ? 'ahead' : 'none';
	// Seen again today once answered today: on SM-2 after a lapse (interval 0) or in SuperMemo
	// step 7's extra repetition; on FSRS in its (re)learning steps (an answered card is never 'new').
	const phase = (card as CardSchedule & WithFsrs).fsrs?.phase;
	const mustRepeat = phase ? phase !== 'review' : card.state.repeatToday || card.state.interval === 0;
	if (mustRepeat && answeredToday(card, todayStartMs)) return 'repeat';
	return 'due';
}

/** Most overdue first (smallest due day), then lower easiness (harder), then id. */
function byOverdue(a: CardSchedule, b: CardSchedule): number {
	return a.dueDay - b.dueDay || a.state.easiness - b.state.easiness || compareIds(a.id, b.id);
}

/** Deck order, then deck (so several decks interleave by position), then id. */
function byNewOrder(a: CardSchedule, b: CardSchedule): number {
	return a.newOrder - b.newOrder || compareIds(a.deckId, b.deckId) || compareIds(a.id, b.id);
}

/** Plain code-unit order: the same on every device, unlike localeCompare. */
function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function studiedIn(studied: QueueInput['studied'], deckId: string): StudiedToday {
	const found = studied instanceof Map ? studied.get(deckId) : Object.hasOwn(studied, deckId) ? studied[deckId] : undefined;
	return found ?? { newCount: 0, reviewCount: 0 };
}

/** What is left of a daily limit; never negative, even if the limit was lowered mid-day. */
function remaining(limit: number, used: number): number {
	return Math.max(0, Math.floor(limit) - used);
}

interface DeckPlan {
	due: CardSchedule[];
	ahead: CardSchedule[];
	fresh: CardSchedule[];
	repeats: CardSchedule[];
}

/** Sorts and cuts each deck's cards to its limits. Decks appear in the order first met. */
function planDecks(input: QueueInput): Map<string, DeckPlan> {
	const plans = new Map<string, DeckPlan>();
	const limits = new Map<string, ReturnType<typeof deckLimits>>();
	// A repeat is itself answered today: its group is taken when the repeats are kept, first.
	const answeredGroups = new Set<string>();
	const answered = (card: Pick<CardSchedule, 'id' | 'deckId'>) => {
		const group = relatedGroup(card);
		if (group !== undefined) answeredGroups.add(group);
	};
	if (input.bury) for (const card of input.bury.answeredToday) answered(card);
	for (const card of input.cards) {
		let plan = plans.get(card.deckId);
		let deck = limits.get(card.deckId);
		if (!plan || !deck) {
			plan = { due: [], ahead: [], fresh: [], repeats: [] };
			deck = deckLimits(input, card.deckId);
			plans.set(card.deckId, plan);
			limits.set(card.deckId, deck);
		}
		if (input.bury && answeredToday(card, input.todayStartMs)) answered(card);
		if (input.buried?.has(card.id)) continue;
		const kind = kindOf(card, input.today, input.todayStartMs, deck.aheadDays);
		if (kind === 'due') plan.due.push(card);
		else if (kind === 'ahead') plan.ahead.push(card);
		else if (kind === 'new') plan.fresh.push(card);
		else if (kind === 'repeat') plan.repeats.push(card);
	}
	for (const [deckId, plan] of plans) {
		const studied = studiedIn(input.studied, deckId);
		const deck = limits.get(deckId)!;
		plan.due.sort(byOverdue);
		plan.ahead.sort(byOverdue);
		plan.fresh.sort(byNewOrder);
		// Over the review limit, the most overdue are kept; the rest wait for tomorrow. Related
		// cards are left out in session order (due, ahead, new) before a limit is counted.
		const taken = new Set(answeredGroups);
		const groupOf = input.bury ? relatedGroup : () => undefined;
		plan.due = takeApart(plan.due, remaining(deck.reviewsPerDay, studied.reviewCount), taken, groupOf);
		plan.ahead = takeApart(plan.ahead, Infinity, taken, groupOf);
		plan.fresh = takeApart(plan.fresh, remaining(deck.newPerDay, studied.newCount), taken, groupOf);
	}
	return plans;
}

/**
 * Spreads `fresh` evenly through `due`: the k-th new card (from 0) goes to position
 * floor((2k + 1) * total / (2 * fresh)), the middle of its share of the session. With 10 reviews
 * and 3 new cards: r r N r r r N r r r N r r. Works the same way round when new cards outnumber
 * reviews.
 */
function mix(due: CardSchedule[], fresh: CardSchedule[]): CardSchedule[] {
	if (fresh.length === 0) return [...due];
	if (due.length === 0) return [...fresh];
	const total = due.length + fresh.length;
	const mixed: CardSchedule[] = [];
	let nextDue = 0;
	let nextFresh = 0;
	for (let position = 0; position < total; position++) {
		const freshSlot = Math.floor(((2 * nextFresh + 1) * total) / (2 * fresh.length));
		const card = nextFresh < fresh.length && position === freshSlot ? fresh[nextFresh++] : due[nextDue++];
		if (card) mixed.push(card);
	}
	return mixed;
}

/** Today's session in the order the cards will be shown; see the header for the rules. */
export function buildQueue(input: QueueInput): SessionQueue {
	const due: CardSchedule[] = [];
	const ahead: CardSchedule[] = [];
	const fresh: CardSchedule[] = [];
	const repeats: CardSchedule[] = [];
	for (const plan of planDecks(input).values()) {
		due.push(...plan.due);
		ahead.push(...plan.ahead);
		fresh.push(...plan.fresh);
		repeats.push(...plan.repeats);
	}
	// Each deck's cut is made first; the decks are then merged with the same orders.
	due.sort(byOverdue);
	// Reviews ahead come after the cards that are really due, the soonest due first.
	ahead.sort(byOverdue);
	fresh.sort(byNewOrder);
	// Waiting longest first, then id: an SM-2 card waits since its answer, an FSRS card in its steps
	// since its step ended (its due time on the study clock, srs/fsrs.ts, turned into epoch ms).
	const since = ({ fsrs, lastAnsweredAt }: CardSchedule & WithFsrs) =>
		fsrs ? input.todayStartMs + fsrs.due - input.today * 864e5 : lastAnsweredAt;
	repeats.sort((a, b) => since(a) - since(b) || compareIds(a.id, b.id));
	return {
		cards: [...mix([...due, ...ahead], fresh), ...repeats],
		counts: { new: fresh.length, due: due.length + ahead.length, repeats: repeats.length }
	};
}

/**
 * The card to show now, or undefined when today's session is done. Never the card just
 * answered while any other card is waiting, so a repeat does not come straight back; it does
 * when it is the last card left. Since repeats come after all fresh cards and the longest
 * waiting first, a forgotten card returns after the others.
 */
export function nextCard(input: QueueInput, justAnsweredId?: string): CardSchedule | undefined {
	return pickNext(buildQueue(input), justAnsweredId);
}

/** nextCard over a queue already built (the review screen also shows its length). */
export function pickNext(queue: SessionQueue, justAnsweredId?: string): CardSchedule | undefined {
	return queue.cards.find((card) => card.id !== justAnsweredId) ?? queue.cards[0];
}

/**
 * Per deck, for the home page: `new` = new cards still to be introduced today (within the
 * limit), `due` = due reviews still allowed today plus today's repeats, `again` = those repeats
 * (only when there are some). Every deck that has a
 * card in `input.cards` gets an entry, zeros included.
 */
export function dayCounts(input: QueueInput): Map<string, { new: number; due: number; again?: number }> {
	const counts = new Map<string, { new: number; due: number; again?: number }>();
	for (const [deckId, plan] of planDecks(input)) {
		const count: { new: number; due: number; again?: number } = {
			new: plan.fresh.length,
			due: plan.due.length + plan.ahead.length + plan.repeats.length
		};
		if (plan.repeats.length > 0) count.again = plan.repeats.length;
		counts.set(deckId, count);
	}
	return counts;
}
