// How the review log is stored: one record per deck and study day, holding that day's answers in
// columns. Why: Chromium's IndexedDB costs about 70 µs per record here, and cloning nested objects
// costs more, so a log of one record per answer made a backup of 100,000 answers take 7 to 14 s to
// import. A day's answers as a column of card ids and one Float64Array (cloned as plain bytes)
// write in about 0.1 s, and take 184 bytes an answer besides the card id, where the object took
// about 500. The app only ever sees ReviewEntry objects: this
// module is the one place that knows the stored shape (and it has no imports, so the benchmark can
// seed databases with it).
import type { CardSnapshot, CardStatus, ReviewEntry } from '$lib/srs/types';

/** Bumped (with a migration) if the columns below ever change. */
export const LOG_FORMAT = 1;

export interface LogDayRecord {
	format: typeof LOG_FORMAT;
	deckId: string;
	studyDay: number;
	/** The sessions that answered in this record, each once: the bySession (multi-entry) index. */
	sessionIds: string[];
	/** The card of each answer, in answer order. */
	cardIds: string[];
	/** NUMBERS_PER_ANSWER numbers per answer, in the same order (see the layout below). */
	numbers: Float64Array;
}

const STATUSES: readonly CardStatus[] = ['new', 'review', 'suspended', 'retired'];

// Layout of one answer: time, grade, wasNew, tookMs, index into sessionIds, then the card
// before and after the answer, SNAPSHOT numbers each.
const SNAPSHOT = 9;
const HEAD = 5;
export const NUMBERS_PER_ANSWER = HEAD + 2 * SNAPSHOT;

/** Why a stored record cannot be read: only a damaged database or a bug gets here. */
export class LogRecordError extends Error {
	constructor(message: string) {
		super(`A review log record is damaged: ${message}`);
		this.name = 'LogRecordError';
	}
}

function writeSnapshot(numbers: Float64Array, at: number, snapshot: CardSnapshot): void {
	const status = STATUSES.indexOf(snapshot.status);
	if (status < 0) throw new RangeError(`Unknown card status ${JSON.stringify(snapshot.status)}`);
	numbers[at] = status;
	numbers[at + 1] = snapshot.state.repetitions;
	numbers[at + 2] = snapshot.state.interval;
	numbers[at + 3] = snapshot.state.easiness;
	numbers[at + 4] = snapshot.state.repeatToday ? 1 : 0;
	numbers[at + 5] = snapshot.dueDay;
	numbers[at + 6] = snapshot.lapses;
	numbers[at + 7] = snapshot.leech ? 1 : 0;
	numbers[at + 8] = snapshot.lastAnsweredAt;
}

function readSnapshot(numbers: Float64Array, at: number): CardSnapshot {
	const status = STATUSES[numbers[at]!];
	if (status === undefined) throw new LogRecordError(`unknown card status code ${numbers[at]}.`);
	return {
		status,
		state: { repetitions: numbers[at + 1]!, interval: numbers[at + 2]!, easiness: numbers[at + 3]!, repeatToday: numbers[at + 4] === 1 },
		dueDay: numbers[at + 5]!,
		lapses: numbers[at + 6]!,
		leech: numbers[at + 7] === 1,
		lastAnsweredAt: numbers[at + 8]!
	};
}

/** One deck's answers of one study day, in the order given, as the record that stores them. */
export function encodeDay(deckId: string, studyDay: number, entries: readonly ReviewEntry[]): LogDayRecord {
	const numbers = new Float64Array(entries.length * NUMBERS_PER_ANSWER);
	const sessionIds: string[] = [];
	const sessionIndex = new Map<string, number>();
	const cardIds = entries.map((entry, i) => {
		if (entry.deckId !== deckId || entry.studyDay !== studyDay) {
			throw new RangeError(`An answer of ${entry.deckId} on day ${entry.studyDay} cannot be stored with ${deckId} on day ${studyDay}`);
		}
		let session = sessionIndex.get(entry.sessionId);
		if (session === undefined) {
			session = sessionIds.push(entry.sessionId) - 1;
			sessionIndex.set(entry.sessionId, session);
		}
		const at = i * NUMBERS_PER_ANSWER;
		numbers[at] = entry.time;
		numbers[at + 1] = entry.grade;
		numbers[at + 2] = entry.wasNew ? 1 : 0;
		numbers[at + 3] = entry.tookMs;
		numbers[at + 4] = session;
		writeSnapshot(numbers, at + HEAD, entry.before);
		writeSnapshot(numbers, at + HEAD + SNAPSHOT, entry.after);
		return entry.cardId;
	});
	return { format: LOG_FORMAT, deckId, studyDay, sessionIds, cardIds, numbers };
}

/** How many answers a record holds, without reading them. */
export function answerCount(record: LogDayRecord): number {
	return record.cardIds.length;
}

export function checkShape(record: LogDayRecord): void {
	if (record.format !== LOG_FORMAT) throw new LogRecordError(`unknown format ${JSON.stringify(record.format)}.`);
	if (!(record.numbers instanceof Float64Array) || record.numbers.length !== record.cardIds.length * NUMBERS_PER_ANSWER) {
		throw new LogRecordError(`${record.deckId} on day ${record.studyDay} has columns of different lengths.`);
	}
}

/** The answers of a record, in the order they were given. */
export function decodeDay(record: LogDayRecord): ReviewEntry[] {
	checkShape(record);
	const { numbers } = record;
	return record.cardIds.map((cardId, i) => {
		const at = i * NUMBERS_PER_ANSWER;
		const sessionId = record.sessionIds[numbers[at + 4]!];
		if (sessionId === undefined) throw new LogRecordError(`${record.deckId} on day ${record.studyDay} names a session it does not hold.`);
		return {
			cardId,
			deckId: record.deckId,
			time: numbers[at]!,
			studyDay: record.studyDay,
			grade: numbers[at + 1]! as ReviewEntry['grade'],
			wasNew: numbers[at + 2] === 1,
			before: readSnapshot(numbers, at + HEAD),
			after: readSnapshot(numbers, at + HEAD + SNAPSHOT),
			tookMs: numbers[at + 3]!,
			sessionId
		};
	});
}

/** The time of the latest answer in a record (0 for none), read from its time column alone. */
export function lastAnswerTime(record: LogDayRecord): number {
	checkShape(record);
	let last = 0;
	for (let at = 0; at < record.numbers.length; at += NUMBERS_PER_ANSWER) last = Math.max(last, record.numbers[at]!);
	return last;
}

/**
 * The answers of any decks and days grouped into their records, each record's answers in time
 * order (a stable sort: answers at the same moment keep the order given).
 */
export function encodeLog(entries: Iterable<ReviewEntry>): LogDayRecord[] {
	const groups = new Map<string, ReviewEntry[]>();
	for (const entry of entries) {
		const key = `${entry.studyDay}\u0000${entry.deckId}`;
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}
	return [...groups.values()].map((group) => {
		// Exported logs are in time order already: sorting is only needed when they are not.
		if (group.some((entry, i) => i > 0 && entry.time < group[i - 1]!.time)) group.sort((a, b) => a.time - b.time);
		return encodeDay(group[0]!.deckId, group[0]!.studyDay, group);
	});
}

/** The time of a record's `index`th answer, read from its column alone. */
export function answerTime(record: LogDayRecord, index: number): number {
	return record.numbers[index * NUMBERS_PER_ANSWER]!;
}

/** The grade of a record's `index`th answer, read from its column alone. */
export function answerGrade(record: LogDayRecord, index: number): number {
	return record.numbers[index * NUMBERS_PER_ANSWER + 1]!;
}
