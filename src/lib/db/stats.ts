// Reads for the statistics screen, shaped for speed with 100,000 answers: the log holds a deck's
// day in one record, so a year of answers is a few hundred records, fetched in parallel ranges.
import type { AnswerFact } from '$lib/stats';
import type { AnswerColumns } from '$lib/stats/evaluation';
import type { CardSchedule } from '$lib/srs/types';
import { answerRuns } from '$lib/srs/answer-runs';
import type { LogEntry } from '$lib/srs/types';
import { answerCount, decodeDay, decodeEntries, type LogDayRecord } from './log-codec';
import type { FlashcardsDb } from './schema';

/** Days per getAll() below: a month of records per request. */
const DAYS_PER_READ = 31;

/** The log records of study days `first` .. `last`, read in month-long ranges side by side. */
async function recordsOfDays(db: FlashcardsDb, first: number, last: number): Promise<LogDayRecord[]> {
	const index = db.transaction('log').store.index('byDay');
	const ranges: IDBKeyRange[] = [];
	for (let start = first; start <= last; start += DAYS_PER_READ)
		ranges.push(IDBKeyRange.bound(start, Math.min(last, start + DAYS_PER_READ - 1)));
	return (await Promise.all(ranges.map((range) => index.getAll(range)))).flat();
}

/**
 * Answers on each study day from `firstDay` to `lastDay`, counted from the records' lengths
 * without decoding an answer. Days without answers are left out of the map.
 */
export async function answerCountsByDay(db: FlashcardsDb, firstDay: number, lastDay: number): Promise<Map<number, number>> {
	const perDay = new Map<number, number>();
	for (const record of await recordsOfDays(db, firstDay, lastDay)) {
		perDay.set(record.studyDay, (perDay.get(record.studyDay) ?? 0) + answerCount(record));
	}
	return perDay;
}

/** The answers of the study days today-days+1 .. today as compact facts, oldest day first. */
export async function recentAnswerFacts(db: FlashcardsDb, today: number, days: number): Promise<AnswerFact[]> {
	const records = await recordsOfDays(db, today - days + 1, today);
	records.sort((a, b) => a.studyDay - b.studyDay);
	const facts: AnswerFact[] = [];
	for (const record of records) {
		for (const { studyDay, grade, wasNew, tookMs } of decodeDay(record)) facts.push({ studyDay, grade, wasNew, tookMs });
	}
	return facts;
}

export async function cardSchedules(db: FlashcardsDb): Promise<CardSchedule[]> {
	return db.getAll('cards');
}

/**
 * Every answer that stands (undone ones left out), in typed columns for the "which fits you"
 * Worker and FSRS's optimizer, which read them themselves; of one deck with `deckId`. Each card is
 * numbered once per fresh start (see srs answer-runs): after a reset the card is scored as the
 * new card it became.
 */
export async function logAnswerColumns(
	db: FlashcardsDb,
	deckId?: string
): Promise<AnswerColumns & { cards: Int32Array; studyDays: Int32Array; times: Float64Array; grades: Uint8Array }> {
	const byCard = new Map<string, LogEntry[]>();
	const records = await db.getAll('log', deckId === undefined ? undefined : IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity]));
	for (const record of records) {
		for (const entry of decodeEntries(record)) {
			let list = byCard.get(entry.cardId);
			if (!list) byCard.set(entry.cardId, (list = []));
			list.push(entry);
		}
	}
	const runs = [...byCard.values()].flatMap((entries) => answerRuns(entries).filter((run) => run.length > 0));
	const total = runs.reduce((sum, run) => sum + run.length, 0);
	const cards = new Int32Array(total);
	const studyDays = new Int32Array(total);
	const times = new Float64Array(total);
	const grades = new Uint8Array(total);
	let next = 0;
	runs.forEach((run, card) => {
		for (const answer of run) {
			cards[next] = card;
			studyDays[next] = answer.studyDay;
			times[next] = answer.time;
			grades[next] = answer.grade;
			next += 1;
		}
	});
	return { cards, studyDays, times, grades };
}

// Here, not in study.ts: only Stats needs it, and study.ts is part of the home page's first load.
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
