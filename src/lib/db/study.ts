// The daily session's reads and writes: today's cards, home counts, recording and undoing answers.
import { answerCard, countStudiedToday, type QueueInput, type StudiedToday } from '$lib/srs/queue';
import { dayStartTime, studyDay } from '$lib/srs/days';
import { LEECH_THRESHOLD } from '$lib/srs/queue';
import type { Grade } from '$lib/srs/sm2';
import type { CardSchedule, ReviewEntry, Settings } from '$lib/srs/types';
import { abandon, storageError, StorageError } from './database';
import type { CardRecord, FlashcardsDb } from './schema';

export interface StudyDay {
	today: number;
	todayStartMs: number;
}

export function studyDayAt(now: number, settings: Pick<Settings, 'dayStartHour'>): StudyDay {
	const today = studyDay(now, settings.dayStartHour);
	return { today, todayStartMs: dayStartTime(today, settings.dayStartHour) };
}

const key = (deckId: string, status: CardSchedule['status'], day: number): [string, CardSchedule['status'], number] => [deckId, status, day];

/**
 * What today's queue is built from, read through the indexes so that only today's cards are
 * loaded, never the whole collection: per deck the most overdue reviews up to what the review
 * limit still allows (and the others due the same day as the last of them), everything due today
 * (fresh reviews and same-day repeats), and the next new cards up to what the new-card limit
 * still allows. buildQueue over these gives the same session as over every card.
 */
export async function loadStudy(
	db: FlashcardsDb,
	deckIds: string[] | null,
	now: number,
	settings: Settings
): Promise<QueueInput & { cards: CardRecord[] }> {
	const { today, todayStartMs } = studyDayAt(now, settings);
	const tx = db.transaction(['decks', 'cards', 'reviews'], 'readonly');
	const ids = deckIds ?? (await tx.objectStore('decks').getAllKeys());
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const newIndex = tx.objectStore('cards').index('byDeckStatusOrder');
	const dayIndex = tx.objectStore('reviews').index('byDeckDay');
	const cards: CardRecord[] = [];
	const studied = new Map<string, StudiedToday>();
	/**
	 * The `limit` most overdue reviews, plus the other cards due on the last day taken: the index
	 * orders cards due the same day by id, the queue by easiness first, so the queue must be able
	 * to choose among all of them to pick the same cards as it would over the whole collection.
	 */
	const mostOverdue = async (deckId: string, limit: number): Promise<CardRecord[]> => {
		const first = await dueIndex.getAll(IDBKeyRange.bound(key(deckId, 'review', -Infinity), key(deckId, 'review', today - 1)), limit);
		const last = first.at(-1);
		if (first.length < limit || !last) return first;
		const taken = new Set(first.map((card) => card.id));
		const sameDay = await dueIndex.getAll(IDBKeyRange.only(key(deckId, 'review', last.dueDay)));
		return [...first, ...sameDay.filter((card) => !taken.has(card.id))];
	};
	await Promise.all(
		ids.map(async (deckId) => {
			const answered = countStudiedToday(await dayIndex.getAll([deckId, today]), todayStartMs).get(deckId) ?? { newCount: 0, reviewCount: 0 };
			studied.set(deckId, answered);
			const reviewsLeft = Math.max(0, settings.reviewsPerDay - answered.reviewCount);
			const newLeft = Math.max(0, settings.newPerDay - answered.newCount);
			const [overdue, dueToday, fresh] = await Promise.all([
				reviewsLeft > 0 ? mostOverdue(deckId, reviewsLeft) : [],
				dueIndex.getAll(IDBKeyRange.only(key(deckId, 'review', today))),
				newLeft > 0 ? newIndex.getAll(IDBKeyRange.bound(key(deckId, 'new', -Infinity), key(deckId, 'new', Infinity)), newLeft) : []
			]);
			cards.push(...overdue, ...dueToday, ...fresh);
		})
	);
	return { cards, today, todayStartMs, settings, studied };
}

export interface DeckCounts {
	new: number;
	due: number;
}

/**
 * Today's `N new` and `N due` per deck for the home page, counted over index ranges
 * (count() does not load the cards); only cards due exactly today are read, to tell the
 * same-day repeats (not limited) from fresh reviews (limited).
 */
export async function countToday(db: FlashcardsDb, now: number, settings: Settings): Promise<Map<string, DeckCounts>> {
	const { today, todayStartMs } = studyDayAt(now, settings);
	const tx = db.transaction(['decks', 'cards', 'reviews'], 'readonly');
	const ids = await tx.objectStore('decks').getAllKeys();
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const dayIndex = tx.objectStore('reviews').index('byDeckDay');
	const counts = new Map<string, DeckCounts>();
	await Promise.all(
		ids.map(async (deckId) => {
			const [answeredToday, overdue, dueToday, unseen] = await Promise.all([
				dayIndex.getAll([deckId, today]),
				dueIndex.count(IDBKeyRange.bound(key(deckId, 'review', -Infinity), key(deckId, 'review', today - 1))),
				dueIndex.getAll(IDBKeyRange.only(key(deckId, 'review', today))),
				dueIndex.count(IDBKeyRange.bound(key(deckId, 'new', -Infinity), key(deckId, 'new', Infinity)))
			]);
			const answered = countStudiedToday(answeredToday, todayStartMs).get(deckId) ?? { newCount: 0, reviewCount: 0 };
			const repeats = dueToday.filter((card) => card.lastAnsweredAt >= todayStartMs).length;
			const reviews = overdue + dueToday.length - repeats;
			counts.set(deckId, {
				new: Math.min(unseen, Math.max(0, settings.newPerDay - answered.newCount)),
				due: Math.min(reviews, Math.max(0, settings.reviewsPerDay - answered.reviewCount)) + repeats
			});
		})
	);
	return counts;
}

/** The first study day after today with review cards due, or undefined when none are scheduled. */
export async function nextDueDay(db: FlashcardsDb, today: number): Promise<number | undefined> {
	const cursor = await db
		.transaction('cards')
		.store.index('byStatusDue')
		.openKeyCursor(IDBKeyRange.bound(['review', today + 1], ['review', Infinity]));
	return cursor ? (cursor.key[1] as number) : undefined;
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
		const tx = db.transaction(['cards', 'reviews'], 'readwrite', { durability: 'strict' });
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
			const put = tx.objectStore('cards').put(updated);
			writes.push(put);
			const add = tx.objectStore('reviews').add(entry);
			writes.push(add);
			const [, id] = await Promise.all([put, add, tx.done]);
			return { card: updated, entry: { ...entry, id }, becameLeech: outcome.becameLeech };
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
		const tx = db.transaction(['cards', 'reviews'], 'readwrite', { durability: 'strict' });
		const writes: Promise<unknown>[] = [];
		try {
			const cursor = await tx.objectStore('reviews').index('bySession').openCursor(IDBKeyRange.only(sessionId), 'prev');
			if (!cursor) {
				await tx.done;
				return undefined;
			}
			const entry = cursor.value;
			const card = await tx.objectStore('cards').get(entry.cardId);
			let restored: CardRecord | undefined;
			if (card) {
				restored = { ...card, ...entry.before, state: { ...entry.before.state } };
				// Suspended or retired since the answer (by the learner or a deck update): it stays so.
				if (card.status !== entry.after.status) restored.status = card.status;
				writes.push(tx.objectStore('cards').put(restored));
			}
			writes.push(cursor.delete());
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

/** How many answers this session still has to undo (after a reload, the session id is kept). */
export async function sessionAnswerCount(db: FlashcardsDb, sessionId: string): Promise<number> {
	return db.countFromIndex('reviews', 'bySession', sessionId);
}

/** Every answer given on one study day, across decks (home total, session summary). */
export async function answersOnDay(db: FlashcardsDb, day: number): Promise<number> {
	return db.countFromIndex('reviews', 'byDay', day);
}

/** Distinct study days with at least one answer, newest first: the streak without reading the log. */
export async function studiedDays(db: FlashcardsDb, limit = Infinity): Promise<number[]> {
	const days: number[] = [];
	let cursor = await db.transaction('reviews').store.index('byDay').openKeyCursor(null, 'prevunique');
	while (cursor && days.length < limit) {
		days.push(cursor.key);
		cursor = await cursor.continue();
	}
	return days;
}
