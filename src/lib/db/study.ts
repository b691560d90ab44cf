// The daily session's reads and writes: today's cards, home counts, recording and undoing answers.
import { answerCard, countStudiedToday, type QueueInput, type StudiedToday } from '$lib/srs/queue';
import { dayStartTime, studyDay } from '$lib/srs/days';
import { LEECH_THRESHOLD } from '$lib/srs/queue';
import type { Grade } from '$lib/srs/sm2';
import type { CardSchedule, ReviewEntry, Settings } from '$lib/srs/types';
import { abandon, storageError, StorageError } from './database';
import type { IDBPTransaction } from 'idb';
import type { CardRecord, FlashcardsDb, FlashcardsSchema } from './schema';
import { answerCount, decodeDay, encodeDay } from './log-codec';

export interface StudyDay {
	today: number;
	todayStartMs: number;
}

export function studyDayAt(now: number, settings: Pick<Settings, 'dayStartHour'>): StudyDay {
	const today = studyDay(now, settings.dayStartHour);
	return { today, todayStartMs: dayStartTime(today, settings.dayStartHour) };
}

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

/**
 * What one deck has done today and what it may still do: today's answers counted against the
 * limits, and the same-day repeats (cards answered today that must come back today), read
 * through the cards answered since today began. This costs as much as today's work, whatever
 * the size of the deck.
 */
async function deckToday(
	tx: IDBPTransaction<FlashcardsSchema, ('decks' | 'cards' | 'log')[], 'readonly'>,
	deckId: string,
	today: number,
	todayStartMs: number,
	settings: Settings
) {
	const [log, answeredToday] = await Promise.all([
		tx.objectStore('log').get([deckId, today]),
		tx
			.objectStore('cards')
			.index('byDeckAnswered')
			.getAll(IDBKeyRange.bound([deckId, todayStartMs], [deckId, Infinity]))
	]);
	const studied = countStudiedToday(log ? decodeDay(log) : [], todayStartMs).get(deckId) ?? { newCount: 0, reviewCount: 0 };
	return {
		studied,
		repeats: answeredToday.filter((card) => card.status === 'review' && card.dueDay <= today),
		reviewsLeft: Math.max(0, settings.reviewsPerDay - studied.reviewCount),
		newLeft: Math.max(0, settings.newPerDay - studied.newCount)
	};
}

/**
 * The first of a deck's due reviews (repeats left out: deckToday has them) and new cards of today,
 * at most `most` of each and no more than the daily limits let in, read as whole cards or as keys
 * by `read`. `moreDue` and `moreNew` say the limits let in more than were read: one more than is
 * kept is asked for, where `most` is below the limit, to know it.
 */
async function firstOfToday<T>(
	deck: Awaited<ReturnType<typeof deckToday>>,
	deckId: string,
	today: number,
	most: number,
	read: (which: 'due' | 'new', range: IDBKeyRange, count: number) => Promise<T[]>,
	idOf: (item: T) => string
): Promise<{ due: T[]; fresh: T[]; moreDue: boolean; moreNew: boolean }> {
	const reviews = Math.min(deck.reviewsLeft, most);
	const fresh = Math.min(deck.newLeft, most);
	// The repeats share the due range: room for them too.
	const [due, unseen] = await Promise.all([
		reviews > 0 ? read('due', dueRange(deckId, 'review', -Infinity, today), reviews + 1 + deck.repeats.length) : [],
		fresh > 0 ? read('new', newCards(deckId), fresh + 1) : []
	]);
	const repeatIds = new Set(deck.repeats.map((card) => card.id));
	const dueReviews = due.filter((item) => !repeatIds.has(idOf(item)));
	return {
		due: dueReviews.slice(0, reviews),
		fresh: unseen.slice(0, fresh),
		moreDue: dueReviews.length > reviews && reviews < deck.reviewsLeft,
		moreNew: unseen.length > fresh && fresh < deck.newLeft
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
	const tx = db.transaction(['decks', 'cards', 'log'], 'readonly');
	const ids = deckIds ?? (await tx.objectStore('decks').getAllKeys());
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const newIndex = tx.objectStore('cards').index('byDeckStatusOrder');
	const cards: CardRecord[] = [];
	const studied = new Map<string, StudiedToday>();
	let complete = true;
	await Promise.all(
		ids.map(async (deckId) => {
			const deck = await deckToday(tx, deckId, today, todayStartMs, settings);
			studied.set(deckId, deck.studied);
			const first = await firstOfToday(
				deck,
				deckId,
				today,
				page,
				(which, range, count) => (which === 'due' ? dueIndex : newIndex).getAll(range, count),
				(card) => card.id
			);
			if (first.moreDue || first.moreNew) complete = false;
			cards.push(...deck.repeats, ...first.due, ...first.fresh);
		})
	);
	return { cards, today, todayStartMs, settings, studied, complete };
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
	const tx = db.transaction(['decks', 'cards', 'log'], 'readonly');
	const ids = await tx.objectStore('decks').getAllKeys();
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const newIndex = tx.objectStore('cards').index('byDeckStatusOrder');
	const counts = new Map<string, DeckCounts>();
	await Promise.all(
		ids.map(async (deckId) => {
			const deck = await deckToday(tx, deckId, today, todayStartMs, settings);
			const first = await firstOfToday(
				deck,
				deckId,
				today,
				limit,
				(which, range, count) => (which === 'due' ? dueIndex : newIndex).getAllKeys(range, count),
				(id) => id
			);
			const deckCounts: DeckCounts = { new: first.fresh.length, due: first.due.length + deck.repeats.length };
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
 * Records one answer: the card's new state and the review log entry are written in ONE strict
 * transaction, and this resolves only once the browser has committed it. The screen shows the
 * next card only after that, so an answer it showed as given is never lost.
 */
export async function recordAnswer(
	db: FlashcardsDb,
	answer: { cardId: string; grade: Grade; now: number; tookMs: number; sessionId: string; settings: Settings }
): Promise<AnswerRecord> {
	try {
		const { today } = studyDayAt(answer.now, answer.settings);
		const tx = db.transaction(['cards', 'log'], 'readwrite', { durability: 'strict' });
		const writes: Promise<unknown>[] = [];
		try {
			const card = await tx.objectStore('cards').get(answer.cardId);
			if (!card) throw new StorageError('Your answer was not saved: this card no longer exists.', 'unknown');
			let outcome;
			try {
				outcome = answerCard(card, answer.grade, answer.now, today, { threshold: LEECH_THRESHOLD, action: answer.settings.leechAction });
			} catch (error) {
				throw new StorageError(`Your answer was not saved: ${(error as Error).message}.`, 'unknown', { cause: error });
			}
			const updated: CardRecord = { ...card, ...outcome.card };
			// NaN or Infinity would be stored as is and exported as null, which no backup accepts.
			const tookMs = Number.isFinite(answer.tookMs) ? Math.max(0, Math.round(answer.tookMs)) : 0;
			const entry: ReviewEntry = { ...outcome.entry, tookMs, sessionId: answer.sessionId };
			writes.push(tx.objectStore('cards').put(updated));
			// The day's record gains the answer at its end (a day of one deck: a few hundred at most).
			const day = await tx.objectStore('log').get([card.deckId, today]);
			writes.push(tx.objectStore('log').put(encodeDay(card.deckId, today, [...(day ? decodeDay(day) : []), entry])));
			await Promise.all([...writes, tx.done]);
			return { card: updated, entry, becameLeech: outcome.becameLeech };
		} catch (error) {
			abandon(tx, writes);
			throw error;
		}
	} catch (error) {
		throw storageError(error, 'Your last answer');
	}
}

/**
 * Takes back the last answer of this session: the card gets back its state from before the
 * answer and the log entry is removed, in one transaction. Resolves to the card, or undefined
 * when the session has nothing left to undo. Calling it again walks further back.
 */
export async function undoLastAnswer(db: FlashcardsDb, sessionId: string): Promise<CardRecord | undefined> {
	try {
		const tx = db.transaction(['cards', 'log'], 'readwrite', { durability: 'strict' });
		const writes: Promise<unknown>[] = [];
		try {
			// The session's last answer: the latest of its answers on the last day it answered (a
			// later answer never has an earlier study day), so a tab open for weeks reads one day.
			const log = tx.objectStore('log');
			const keys = await log.index('bySession').getAllKeys(sessionId);
			const lastDay = Math.max(...keys.map(([, studyDay]) => studyDay));
			const records = await Promise.all(keys.filter(([, studyDay]) => studyDay === lastDay).map((key) => log.get(key)));
			let last: { entries: ReviewEntry[]; at: number } | undefined;
			for (const record of records) {
				if (!record) continue;
				const entries = decodeDay(record);
				entries.forEach((entry, at) => {
					if (entry.sessionId === sessionId && (!last || entry.time >= last.entries[last.at]!.time)) last = { entries, at };
				});
			}
			if (!last) {
				await tx.done;
				return undefined;
			}
			const entry = last.entries[last.at]!;
			const card = await tx.objectStore('cards').get(entry.cardId);
			let restored: CardRecord | undefined;
			if (card) {
				restored = { ...card, ...entry.before, state: { ...entry.before.state } };
				// Suspended or retired since the answer (by the learner or a deck update): it stays so.
				if (card.status !== entry.after.status) restored.status = card.status;
				writes.push(tx.objectStore('cards').put(restored));
			}
			const rest = last.entries.filter((_, at) => at !== last!.at);
			// No empty records: a record of a day means the day had answers (the streak relies on it).
			writes.push(
				rest.length > 0
					? tx.objectStore('log').put(encodeDay(entry.deckId, entry.studyDay, rest))
					: tx.objectStore('log').delete([entry.deckId, entry.studyDay])
			);
			await Promise.all([...writes, tx.done]);
			return restored;
		} catch (error) {
			abandon(tx, writes);
			throw error;
		}
	} catch (error) {
		throw storageError(error, 'Undo');
	}
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
