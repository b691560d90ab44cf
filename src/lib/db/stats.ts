// Reads for the statistics screen: the review log reduced to small facts, and the cards' schedules.
import type { AnswerFact } from '$lib/stats';
import type { CardSchedule } from '$lib/srs/types';
import type { FlashcardsDb } from './schema';

/** The answers of the last `days` study days as compact facts, read through the day index. */
export async function answerFacts(db: FlashcardsDb, today: number, days: number): Promise<AnswerFact[]> {
	const facts: AnswerFact[] = [];
	let cursor = await db
		.transaction('reviews')
		.store.index('byDay')
		.openCursor(IDBKeyRange.bound(today - days + 1, today));
	while (cursor) {
		const { studyDay, grade, wasNew, tookMs } = cursor.value;
		facts.push({ studyDay, grade, wasNew, tookMs });
		cursor = await cursor.continue();
	}
	return facts;
}

/** Answers per study day over the whole log (for streaks), counted from index keys only. */
export async function answersPerStudyDay(db: FlashcardsDb): Promise<Map<number, number>> {
	const perDay = new Map<number, number>();
	let cursor = await db.transaction('reviews').store.index('byDay').openKeyCursor();
	while (cursor) {
		perDay.set(cursor.key, (perDay.get(cursor.key) ?? 0) + 1);
		cursor = await cursor.continue();
	}
	return perDay;
}

export async function cardSchedules(db: FlashcardsDb): Promise<CardSchedule[]> {
	return db.getAll('cards');
}
