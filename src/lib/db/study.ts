// The daily session's reads and writes: today's cards, home counts, recording and undoing answers.
import {
	answerCard,
	countStudiedToday,
	deckLimits,
	relatedGroup,
	takeApart,
	type DeckOptions,
	type QueueInput,
	type StudiedToday,
	type StudyMore
} from '$lib/srs/queue';
import { studyDayAt } from '$lib/srs/days';
import { LEECH_THRESHOLD } from '$lib/srs/queue';
import { newCardSnapshot, replay, sameSchedule, snapshotOf } from '$lib/srs/replay';
import type { Grade } from '$lib/srs/sm2';
import type { CardSchedule, LogEntry, ReviewEntry, Settings, UndoEntry } from '$lib/srs/types';
import { StorageError } from './database';
import type { IDBPTransaction } from 'idb';
import type { CardRecord, FlashcardsDb, FlashcardsSchema } from './schema';
import { answerCount, decodeDay, decodeEntries, encodeDay } from './log-codec';
import { RefusedWrite, writeTransaction, type WriteTx } from './write';

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

type ReadTx = IDBPTransaction<FlashcardsSchema, ('decks' | 'cards' | 'log' | 'meta')[], 'readonly'>;

/** What the learner set per deck and asked for today, as the queue takes it (QueueInput). */
export interface DayOptions {
	deckOptions: Map<string, DeckOptions>;
	studyMore: Map<string, StudyMore>;
}

/** Each deck's own limits and today's `Study more`, from the meta store (absent: none). */
async function dayOptions(tx: ReadTx): Promise<DayOptions> {
	const meta = tx.objectStore('meta');
	const [options, more] = await Promise.all([meta.get('deckOptions'), meta.get('studyMore')]);
	return {
		deckOptions: new Map(Object.entries((options ?? {}) as Record<string, DeckOptions>)),
		studyMore: new Map(Object.entries((more ?? {}) as Record<string, StudyMore>))
	};
}

/**
 * What one deck has done today and what it may still do: today's answers counted against the
 * limits (the deck's own, and today's `Study more`), the same-day repeats (cards answered today
 * that must come back today) and every card answered today (whose siblings wait), read through
 * the cards answered since today began. This costs as much as today's work, whatever the size of
 * the deck.
 */
async function deckToday(tx: ReadTx, deckId: string, today: number, todayStartMs: number, settings: Settings, options: DayOptions) {
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
		answered: answeredToday,
		bury: settings.buryRelated,
		aheadDays: limits.aheadDays,
		repeats: answeredToday.filter((card) => card.status === 'review' && card.dueDay <= today),
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
async function firstOfToday<T>(
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
	// The repeats share the due range: room for them too.
	const [due, ahead, unseen] = await Promise.all([
		reviews > 0
			? read('due', dueRange(deckId, 'review', -Infinity, today), reviews + 1 + deck.repeats.length + (deck.bury ? reviews + buried : 0))
			: [],
		deck.aheadDays > 0 ? read('due', dueRange(deckId, 'review', today + 1, today + deck.aheadDays)) : [],
		fresh > 0 ? read('new', newCards(deckId), fresh + 1 + (deck.bury ? fresh + buried + deck.repeats.length : 0)) : []
	]);
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
 * How many due reviews and how many new cards of a deck are loaded at a time. A session reads the
 * next ones when few are left (ReviewSession), so the first card shows as fast with a review limit
 * of 9,999 and 90,000 cards due as with 200 (reading 9,999 cards takes ~0.27 s on a slow phone).
 */
export const STUDY_PAGE = 100;

/**
 * What today's queue is built from, read through the indexes so that only today's cards are
 * loaded, never the whole collection: per deck the same-day repeats, then the first due reviews
 * (in queue order) and the next new cards, as many as the daily limits still allow and at most
 * `page` of each. `complete` says nothing was left out: buildQueue over these cards gives the
 * same session as over every card. When it is false, the cards loaded are the first of that
 * session, and the rest come with the next load.
 */
export async function loadStudy(
	db: FlashcardsDb,
	deckIds: string[] | null,
	now: number,
	settings: Settings,
	page = STUDY_PAGE
): Promise<QueueInput & { cards: CardRecord[]; complete: boolean }> {
	const { today, todayStartMs } = studyDayAt(now, settings);
	const tx = db.transaction(['decks', 'cards', 'log', 'meta'], 'readonly');
	const [ids, options] = await Promise.all([deckIds ?? tx.objectStore('decks').getAllKeys(), dayOptions(tx)]);
	const answeredToday: CardRecord[] = [];
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const newIndex = tx.objectStore('cards').index('byDeckStatusOrder');
	const cards: CardRecord[] = [];
	const studied = new Map<string, StudiedToday>();
	let complete = true;
	await Promise.all(
		ids.map(async (deckId) => {
			const deck = await deckToday(tx, deckId, today, todayStartMs, settings, options);
			studied.set(deckId, deck.studied);
			answeredToday.push(...deck.answered);
			const first = await firstOfToday(
				deck,
				deckId,
				today,
				page,
				(which, range, count) => (which === 'due' ? dueIndex : newIndex).getAll(range, count),
				(card) => card.id
			);
			if (first.moreDue || first.moreNew) complete = false;
			cards.push(...deck.repeats, ...first.due, ...first.ahead, ...first.fresh);
		})
	);
	return {
		cards,
		today,
		todayStartMs,
		settings,
		studied,
		complete,
		...options,
		...(settings.buryRelated ? { bury: { answeredToday } } : {})
	};
}

/** Above this many due (or new) cards in a deck, the home page says "1000+" instead of counting on. */
export const COUNT_LIMIT = 1000;

export interface DeckCounts {
	new: number;
	/** Due reviews and same-day repeats together. */
	due: number;
	/** Present when some of `due` are same-day repeats ("again today"): how many. */
	again?: number;
	/** Present when more new cards are waiting today than `new` says (it is the count's limit). */
	moreNew?: true;
	/** Present when more reviews are due today than `due` says (the limit, with the repeats). */
	moreDue?: true;
}

/**
 * Today's `N new` and `N due` per deck for the home page (due includes today's repeats). Only
 * keys are read, and no more of them than the daily limits allow, nor more than COUNT_LIMIT, so
 * the home page costs about the same with a hundred cards or a hundred thousand.
 */
export async function countToday(db: FlashcardsDb, now: number, settings: Settings, limit = COUNT_LIMIT): Promise<Map<string, DeckCounts>> {
	const { today, todayStartMs } = studyDayAt(now, settings);
	const tx = db.transaction(['decks', 'cards', 'log', 'meta'], 'readonly');
	const [ids, options] = await Promise.all([tx.objectStore('decks').getAllKeys(), dayOptions(tx)]);
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const newIndex = tx.objectStore('cards').index('byDeckStatusOrder');
	const counts = new Map<string, DeckCounts>();
	await Promise.all(
		ids.map(async (deckId) => {
			const deck = await deckToday(tx, deckId, today, todayStartMs, settings, options);
			const first = await firstOfToday(
				deck,
				deckId,
				today,
				limit,
				(which, range, count) => (which === 'due' ? dueIndex : newIndex).getAllKeys(range, count),
				(id) => id
			);
			const deckCounts: DeckCounts = { new: first.fresh.length, due: first.due.length + first.ahead.length + deck.repeats.length };
			if (deck.repeats.length > 0) deckCounts.again = deck.repeats.length;
			if (first.moreNew) deckCounts.moreNew = true;
			if (first.moreDue) deckCounts.moreDue = true;
			counts.set(deckId, deckCounts);
		})
	);
	return counts;
}

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

export interface AnswerRecord {
	card: CardRecord;
	entry: ReviewEntry;
	becameLeech: boolean;
}

/**
 * The card a screen answered is no longer the card stored: another tab (or device) answered,
 * edited, suspended, reset or retired it since the screen read it. Nothing was saved.
 */
export class CardChangedError extends RefusedWrite {
	constructor(readonly cardId: string) {
		super('This card was changed since it was shown (answered in another tab?): the answer was not saved.');
		this.name = 'CardChangedError';
	}
}

/** The screen showed `shown`: is that still what is stored, as far as an answer depends on it? */
export function stillShown(stored: CardRecord, shown: Pick<CardRecord, 'front' | 'back'> & CardSchedule): boolean {
	return sameSchedule(stored, shown) && stored.front === shown.front && stored.back === shown.back;
}

/** The install id every log entry of this device carries ('' before ensureInstall has run). */
async function deviceOf(tx: WriteTx<['meta', ...('cards' | 'log' | 'settings')[]]>): Promise<string> {
	return ((await tx.objectStore('meta').get('installId')) as string | undefined) ?? '';
}

/** Adds `entries` at the end of their day's record (a day of one deck: a few hundred at most). */
async function appendToDay(
	tx: WriteTx<('cards' | 'log' | 'meta' | 'settings')[]>,
	writes: Promise<unknown>[],
	deckId: string,
	studyDay: number,
	entries: LogEntry[]
): Promise<void> {
	const day = await tx.objectStore('log').get([deckId, studyDay]);
	writes.push(tx.objectStore('log').put(encodeDay(deckId, studyDay, [...(day ? decodeEntries(day) : []), ...entries])));
}

/**
 * Records one answer: the card's new state (srs answerCard, the one rule) and the review log
 * entry are written in ONE strict transaction, and this resolves only once the browser has
 * committed it. The screen shows the next card only after that, so an answer it showed as given
 * is never lost. With `shown` (the card as the screen showed it) the transaction first checks
 * that the stored card is still that one, a compare-and-set: if another tab answered, edited,
 * suspended or reset it meanwhile, nothing is written and it rejects with CardChangedError.
 */
export async function recordAnswer(
	db: FlashcardsDb,
	answer: {
		cardId: string;
		grade: Grade;
		now: number;
		tookMs: number;
		sessionId: string;
		settings: Settings;
		shown?: Pick<CardRecord, 'front' | 'back'> & CardSchedule;
	}
): Promise<AnswerRecord> {
	const { today } = studyDayAt(answer.now, answer.settings);
	return writeTransaction(db, ['cards', 'log', 'meta'], 'Your last answer', async (tx, writes) => {
		const [card, device] = await Promise.all([tx.objectStore('cards').get(answer.cardId), deviceOf(tx)]);
		if (!card) throw new StorageError('Your answer was not saved: this card no longer exists.', 'unknown');
		if (answer.shown && !stillShown(card, answer.shown)) throw new CardChangedError(card.id);
		const record = await tx.objectStore('log').get([card.deckId, today]);
		const dayEntries = record ? decodeEntries(record) : [];
		// A card's answer is named by its time (an undo names it so): two in the same millisecond
		// (an answer, its undo, the answer again) are kept a millisecond apart.
		let time = answer.now;
		for (const entry of dayEntries) if (entry.cardId === card.id && entry.time >= time) time = entry.time + 1;
		let outcome;
		try {
			outcome = answerCard(card, answer.grade, time, today, { threshold: LEECH_THRESHOLD, action: answer.settings.leechAction });
		} catch (error) {
			throw new StorageError(`Your answer was not saved: ${(error as Error).message}.`, 'unknown', { cause: error });
		}
		const updated: CardRecord = { ...card, ...outcome.card };
		// NaN or Infinity would be stored as is and exported as null, which no backup accepts.
		const tookMs = Number.isFinite(answer.tookMs) ? Math.max(0, Math.round(answer.tookMs)) : 0;
		const entry: ReviewEntry = { ...outcome.entry, tookMs, sessionId: answer.sessionId, device };
		writes.push(tx.objectStore('cards').put(updated));
		writes.push(tx.objectStore('log').put(encodeDay(card.deckId, today, [...dayEntries, entry])));
		return { card: updated, entry, becameLeech: outcome.becameLeech };
	});
}

/** The session's last answer still standing: the latest on the last day it has one. */
async function lastAnswerOf(tx: WriteTx<('cards' | 'log' | 'meta' | 'settings')[]>, sessionId: string): Promise<ReviewEntry | undefined> {
	const log = tx.objectStore('log');
	const keys = await log.index('bySession').getAllKeys(sessionId);
	// A later answer never has an earlier study day, so a tab open for weeks reads one day, or a
	// few more when the last ones were all undone.
	const days = [...new Set(keys.map(([, studyDay]) => studyDay))].sort((a, b) => b - a);
	for (const day of days) {
		const records = await Promise.all(keys.filter(([, studyDay]) => studyDay === day).map((key) => log.get(key)));
		let last: ReviewEntry | undefined;
		for (const record of records) {
			if (!record) continue;
			for (const entry of decodeDay(record)) if (entry.sessionId === sessionId && (!last || entry.time >= last.time)) last = entry;
		}
		if (last) return last;
	}
	return undefined;
}

/** Every log entry of a card, from its deck's records (a card id never changes deck). */
async function entriesOfCard(tx: WriteTx<('cards' | 'log' | 'meta' | 'settings')[]>, card: CardRecord): Promise<LogEntry[]> {
	const records = await tx.objectStore('log').getAll(IDBKeyRange.bound([card.deckId, -Infinity], [card.deckId, Infinity]));
	return records.flatMap((record) =>
		record.cardIds.includes(card.id) ? decodeEntries(record).filter((entry) => entry.cardId === card.id) : []
	);
}

/**
 * Takes back the last answer of this session, in one transaction: the card gets back its state
 * from before the answer, and the log gains an undo entry naming the answer (the answer itself
 * stays, so the undo can travel to other devices; every read of answers leaves it out). Resolves
 * to the card, or undefined when the session has nothing left to undo. Calling it again walks
 * further back. When the card was changed after the answer (answered in another tab, reset), it
 * gets what its log now says (srs replay) instead of the state from before the answer.
 */
export async function undoLastAnswer(db: FlashcardsDb, sessionId: string, now = Date.now()): Promise<CardRecord | undefined> {
	return writeTransaction(db, ['cards', 'log', 'meta', 'settings'], 'Undo', async (tx, writes) => {
		const entry = await lastAnswerOf(tx, sessionId);
		if (!entry) return undefined;
		const [card, device] = await Promise.all([tx.objectStore('cards').get(entry.cardId), deviceOf(tx)]);
		const undo: UndoEntry = {
			kind: 'undo',
			cardId: entry.cardId,
			deckId: entry.deckId,
			time: Math.max(now, entry.time),
			studyDay: entry.studyDay,
			sessionId,
			device,
			answerTime: entry.time,
			before: card ? snapshotOf(card) : entry.after,
			after: entry.before
		};
		let restored: CardRecord | undefined;
		if (card) {
			// Suspended or retired since the answer (by the learner or a deck update): it stays so.
			const held = card.status !== entry.after.status;
			let schedule = entry.before;
			if (!sameSchedule({ ...card, status: entry.after.status }, entry.after)) {
				const settings = { leechAction: 'suspend' as const, ...(await tx.objectStore('settings').get('study')) };
				schedule = replay(newCardSnapshot(), [...(await entriesOfCard(tx, card)), undo], {
					leechThreshold: LEECH_THRESHOLD,
					leechAction: settings.leechAction
				});
			}
			restored = { ...card, ...snapshotOf(schedule) };
			if (held) restored.status = card.status;
			undo.after = snapshotOf(restored);
			writes.push(tx.objectStore('cards').put(restored));
		}
		await appendToDay(tx, writes, entry.deckId, entry.studyDay, [undo]);
		return restored;
	});
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

/** Distinct study days with at least one answer, newest first: the streak without reading the log. */
export async function studiedDays(db: FlashcardsDb, limit = Infinity): Promise<number[]> {
	const days: number[] = [];
	let cursor = await db.transaction('log').store.index('byDay').openKeyCursor(null, 'prevunique');
	while (cursor && days.length < limit) {
		days.push(cursor.key);
		cursor = await cursor.continue();
	}
	return days;
}
