// How the review log is stored: one record per deck and study day, holding that day's answers in
// columns. Why: Chromium's IndexedDB costs about 70 µs per record here, and cloning nested objects
// costs more, so a log of one record per answer made a backup of 100,000 answers take 7 to 14 s to
// import. A day's answers as a column of card ids and one Float64Array (cloned as plain bytes)
// write in about 0.1 s, and take 184 bytes an answer besides the card id, where the object took
// about 500. The app only ever sees ReviewEntry and LogEntry objects: this module is the one place
// that knows the stored shape, with log-write.ts (the writing half, kept apart so the first load,
// which only reads, does not carry it); neither imports anything of the app's, so the benchmark can
// seed databases with them.
// Besides answers a record holds the undos of its answers, the resets of its day and the states
// cards were imported with (see srs/types LogEntry): decodeDay gives the answers still standing,
// decodeEntries everything.
import type { FsrsState } from '$lib/srs/fsrs-state';
import type { CardSnapshot, CardStatus, LogEntry, ReviewEntry, StateEntry } from '$lib/srs/types';

/**
 * Bumped (with a migration) if the columns below ever change. Format 1 (schema 3) had no kind,
 * device or answerTime columns; upgradeRecord reads it. The kind 'state' and the `fsrs` field came
 * later within format 2: the columns are the same, and a record without them reads as before.
 */
export const LOG_FORMAT = 2;

export interface LogDayRecord {
	format: typeof LOG_FORMAT;
	deckId: string;
	studyDay: number;
	/** The sessions that wrote in this record, each once: the bySession (multi-entry) index. */
	sessionIds: string[];
	/** The installs that wrote in this record, each once. */
	devices: string[];
	/** The card of each entry, in the order written. */
	cardIds: string[];
	/** NUMBERS_PER_ANSWER numbers per entry, in the same order (see the layout below). */
	numbers: Float64Array;
	/** Answers not undone: what the day counts (the home total, the statistics). */
	answers: number;
	/** FSRS's memory of the imported states that carry one, by their entry's index. */
	fsrs?: Record<number, FsrsState>;
	/**
	 * `studyDay` while the record has an answer not undone, else absent: the byDay index (streak,
	 * heatmap) holds exactly the days with answers, though undos and resets keep their records.
	 */
	answeredDay?: number;
}

export const STATUSES: readonly CardStatus[] = ['new', 'review', 'suspended', 'retired'];
export const KINDS = ['answer', 'undo', 'reset', 'state'] as const;

// Layout of one entry: time, grade, wasNew, tookMs, index into sessionIds, kind (index into
// KINDS), index into devices, the time of the answer an undo takes back (else 0), then the card
// before and after the entry, SNAPSHOT numbers each. Undos and resets leave grade, wasNew and
// tookMs at 0, as do imported states, whose FSRS memory (if any) is in the record's `fsrs`.
export const SNAPSHOT = 9;
export const HEAD = 8;
export const NUMBERS_PER_ANSWER = HEAD + 2 * SNAPSHOT;
/** Format 1: the first five head numbers only. */
export const HEAD_V1 = 5;
export const NUMBERS_PER_ANSWER_V1 = HEAD_V1 + 2 * SNAPSHOT;

/** Why a stored record cannot be read: only a damaged database or a bug gets here. */
export class LogRecordError extends Error {
	constructor(message: string) {
		super(`A review log record is damaged: ${message}`);
		this.name = 'LogRecordError';
	}
}

export function readSnapshot(numbers: Float64Array, at: number): CardSnapshot {
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

/** The answers (by time) an undo in `entries` takes back, per card. */
export function undoneAnswers(entries: readonly LogEntry[]): Set<string> {
	const undone = new Set<string>();
	for (const entry of entries) if (entry.kind === 'undo') undone.add(`${entry.cardId}@${entry.answerTime}`);
	return undone;
}

/** How many answers (not undone) a record holds, without reading them. */
export function answerCount(record: LogDayRecord): number {
	return record.answers;
}

export function checkShape(record: LogDayRecord): void {
	if (record.format !== LOG_FORMAT) throw new LogRecordError(`unknown format ${JSON.stringify(record.format)}.`);
	if (!(record.numbers instanceof Float64Array) || record.numbers.length !== record.cardIds.length * NUMBERS_PER_ANSWER) {
		throw new LogRecordError(`${record.deckId} on day ${record.studyDay} has columns of different lengths.`);
	}
}

/** Every entry of a record (answers, undos, resets), in the order written, each with its kind. */
export function decodeEntries(record: LogDayRecord): LogEntry[] {
	checkShape(record);
	const { numbers } = record;
	return record.cardIds.map((cardId, i): LogEntry => {
		const at = i * NUMBERS_PER_ANSWER;
		const sessionId = record.sessionIds[numbers[at + 4]!];
		const device = record.devices[numbers[at + 6]!];
		const kind = KINDS[numbers[at + 5]!];
		if (sessionId === undefined || device === undefined || kind === undefined) {
			throw new LogRecordError(`${record.deckId} on day ${record.studyDay} names a session, device or kind it does not hold.`);
		}
		const common = {
			cardId,
			deckId: record.deckId,
			time: numbers[at]!,
			studyDay: record.studyDay,
			sessionId,
			device,
			before: readSnapshot(numbers, at + HEAD),
			after: readSnapshot(numbers, at + HEAD + SNAPSHOT)
		};
		if (kind === 'undo') return { kind, ...common, answerTime: numbers[at + 7]! };
		if (kind === 'reset') return { kind, ...common };
		if (kind === 'state') {
			const memory = record.fsrs?.[i];
			return memory ? { kind, ...common, fsrs: { ...memory } } : { kind, ...common };
		}
		return {
			kind,
			cardId,
			deckId: record.deckId,
			time: common.time,
			studyDay: record.studyDay,
			grade: numbers[at + 1]! as ReviewEntry['grade'],
			wasNew: numbers[at + 2] === 1,
			before: common.before,
			after: common.after,
			tookMs: numbers[at + 3]!,
			sessionId,
			device
		};
	});
}

/** The imported states a record holds (srs/types StateEntry), read only when its kind column has one. */
export function decodeStates(record: LogDayRecord): StateEntry[] {
	checkShape(record);
	const code = KINDS.indexOf('state');
	let any = false;
	for (let at = 5; at < record.numbers.length; at += NUMBERS_PER_ANSWER) if (record.numbers[at] === code) any = true;
	if (!any) return [];
	return decodeEntries(record).filter((entry): entry is StateEntry => entry.kind === 'state');
}

/** An answer entry as the rest of the app knows it: without the kind. */
function asAnswer(entry: ReviewEntry & { kind?: 'answer' }): ReviewEntry {
	const { kind: _kind, ...answer } = entry;
	return answer;
}

/** The answers of a record that stand (not undone), in the order they were given. */
export function decodeDay(record: LogDayRecord): ReviewEntry[] {
	const entries = decodeEntries(record);
	const undone = undoneAnswers(entries);
	const answers: ReviewEntry[] = [];
	for (const entry of entries) {
		if ((entry.kind === undefined || entry.kind === 'answer') && !undone.has(`${entry.cardId}@${entry.time}`))
			answers.push(asAnswer(entry));
	}
	return answers;
}

/**
 * The time of the latest entry in a record (0 for none), read from its time column alone. An undo
 * or a reset counts: each is a change of the collection (and travels by sync) as an answer is.
 */
export function lastAnswerTime(record: LogDayRecord): number {
	checkShape(record);
	let last = 0;
	for (let at = 0; at < record.numbers.length; at += NUMBERS_PER_ANSWER) last = Math.max(last, record.numbers[at]!);
	return last;
}
