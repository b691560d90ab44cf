// How the review log is stored: one record per deck and study day, holding that day's answers in
// columns. Why: Chromium's IndexedDB costs about 70 µs per record here, and cloning nested objects
// costs more, so a log of one record per answer made a backup of 100,000 answers take 7 to 14 s to
// import. A day's answers as a column of card ids and one Float64Array (cloned as plain bytes)
// write in about 0.1 s, and take 184 bytes an answer besides the card id, where the object took
// about 500. The app only ever sees ReviewEntry and LogEntry objects: this module is the one place
// that knows the stored shape (and it has no imports, so the benchmark can seed databases with it).
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

const STATUSES: readonly CardStatus[] = ['new', 'review', 'suspended', 'retired'];
const KINDS = ['answer', 'undo', 'reset', 'state'] as const;

// Layout of one entry: time, grade, wasNew, tookMs, index into sessionIds, kind (index into
// KINDS), index into devices, the time of the answer an undo takes back (else 0), then the card
// before and after the entry, SNAPSHOT numbers each. Undos and resets leave grade, wasNew and
// tookMs at 0, as do imported states, whose FSRS memory (if any) is in the record's `fsrs`.
const SNAPSHOT = 9;
const HEAD = 8;
export const NUMBERS_PER_ANSWER = HEAD + 2 * SNAPSHOT;
/** Format 1: the first five head numbers only. */
const HEAD_V1 = 5;
const NUMBERS_PER_ANSWER_V1 = HEAD_V1 + 2 * SNAPSHOT;

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

/** Index of `value` in `list`, adding it at the end the first time. */
function indexIn(list: string[], index: Map<string, number>, value: string): number {
	let at = index.get(value);
	if (at === undefined) {
		at = list.push(value) - 1;
		index.set(value, at);
	}
	return at;
}

/** The answers (by time) an undo in `entries` takes back, per card. */
function undoneAnswers(entries: readonly LogEntry[]): Set<string> {
	const undone = new Set<string>();
	for (const entry of entries) if (entry.kind === 'undo') undone.add(`${entry.cardId}@${entry.answerTime}`);
	return undone;
}

/**
 * One deck's log entries of one study day, in the order given, as the record that stores them.
 * An undo belongs in the record of the answer it takes back (the same deck and study day).
 */
export function encodeDay(deckId: string, studyDay: number, entries: readonly LogEntry[]): LogDayRecord {
	const numbers = new Float64Array(entries.length * NUMBERS_PER_ANSWER);
	const sessionIds: string[] = [];
	const sessionIndex = new Map<string, number>();
	const devices: string[] = [];
	const deviceIndex = new Map<string, number>();
	const undone = undoneAnswers(entries);
	let answers = 0;
	const fsrs: Record<number, FsrsState> = {};
	let memories = 0;
	const cardIds = entries.map((entry, i) => {
		if (entry.deckId !== deckId || entry.studyDay !== studyDay) {
			throw new RangeError(`An answer of ${entry.deckId} on day ${entry.studyDay} cannot be stored with ${deckId} on day ${studyDay}`);
		}
		const kind = entry.kind ?? 'answer';
		const at = i * NUMBERS_PER_ANSWER;
		numbers[at] = entry.time;
		if (entry.kind === undefined || entry.kind === 'answer') {
			numbers[at + 1] = entry.grade;
			numbers[at + 2] = entry.wasNew ? 1 : 0;
			numbers[at + 3] = entry.tookMs;
			if (!undone.has(`${entry.cardId}@${entry.time}`)) answers++;
		}
		numbers[at + 4] = indexIn(sessionIds, sessionIndex, entry.sessionId);
		numbers[at + 5] = KINDS.indexOf(kind);
		numbers[at + 6] = indexIn(devices, deviceIndex, entry.device);
		numbers[at + 7] = entry.kind === 'undo' ? entry.answerTime : 0;
		if (entry.kind === 'state' && entry.fsrs) {
			fsrs[i] = { ...entry.fsrs };
			memories++;
		}
		writeSnapshot(numbers, at + HEAD, entry.before);
		writeSnapshot(numbers, at + HEAD + SNAPSHOT, entry.after);
		return entry.cardId;
	});
	const record: LogDayRecord = { format: LOG_FORMAT, deckId, studyDay, sessionIds, devices, cardIds, numbers, answers };
	if (answers > 0) record.answeredDay = studyDay;
	if (memories > 0) record.fsrs = fsrs;
	return record;
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

/**
 * A record as format 1 stored it (schema 3: answers only, no device), in the current format;
 * its answers become answers of `device`, the install that wrote them. Current records come back
 * as they are, so this is safe to run again.
 */
export function upgradeRecord(
	record: { format: number } & Omit<LogDayRecord, 'format' | 'devices' | 'answers'>,
	device: string
): LogDayRecord {
	if (record.format === LOG_FORMAT) return record as LogDayRecord;
	if (record.format !== 1) throw new LogRecordError(`unknown format ${JSON.stringify(record.format)}.`);
	const { numbers } = record;
	if (!(numbers instanceof Float64Array) || numbers.length !== record.cardIds.length * NUMBERS_PER_ANSWER_V1) {
		throw new LogRecordError(`${record.deckId} on day ${record.studyDay} has columns of different lengths.`);
	}
	const entries = record.cardIds.map((cardId, i): ReviewEntry => {
		const at = i * NUMBERS_PER_ANSWER_V1;
		const sessionId = record.sessionIds[numbers[at + 4]!];
		if (sessionId === undefined) throw new LogRecordError(`${record.deckId} on day ${record.studyDay} names a session it does not hold.`);
		return {
			cardId,
			deckId: record.deckId,
			time: numbers[at]!,
			studyDay: record.studyDay,
			grade: numbers[at + 1]! as ReviewEntry['grade'],
			wasNew: numbers[at + 2] === 1,
			before: readSnapshot(numbers, at + HEAD_V1),
			after: readSnapshot(numbers, at + HEAD_V1 + SNAPSHOT),
			tookMs: numbers[at + 3]!,
			sessionId,
			device
		};
	});
	return encodeDay(record.deckId, record.studyDay, entries);
}

/**
 * The entries of any decks and days grouped into their records, each record's entries in time
 * order (a stable sort: entries at the same moment keep the order given).
 */
export function encodeLog(entries: Iterable<LogEntry>): LogDayRecord[] {
	const groups = new Map<string, LogEntry[]>();
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
