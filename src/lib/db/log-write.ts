// The writing half of the review log's storage (log-codec.ts holds the shape and the reading): the
// app's first screen only reads the log, so these stay out of its first load.
import type { CardSnapshot, LogEntry, ReviewEntry } from '$lib/srs/types';
import type { FsrsState } from '$lib/srs/fsrs-state';
import {
	HEAD,
	HEAD_V1,
	KINDS,
	LOG_FORMAT,
	LogRecordError,
	NUMBERS_PER_ANSWER,
	NUMBERS_PER_ANSWER_V1,
	SNAPSHOT,
	STATUSES,
	readSnapshot,
	undoneAnswers,
	type LogDayRecord
} from './log-codec';

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

/** Index of `value` in `list`, adding it at the end the first time. */
function indexIn(list: string[], index: Map<string, number>, value: string): number {
	let at = index.get(value);
	if (at === undefined) {
		at = list.push(value) - 1;
		index.set(value, at);
	}
	return at;
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
