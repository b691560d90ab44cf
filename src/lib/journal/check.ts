// The journal's entries checked on the way in, as a backup's are: a checksum proves a frame is whole,
// not that the app wrote it (another version, a bug, a hand in the file). What fails is left out.
import { isValidReview } from '$lib/db/backup-schema';
import type { LogEntry } from '$lib/srs/types';
import type { JournalEntry, JournalRecord } from './entries';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string';
/** Own keys only, so that `__proto__` or `constructor` in a file can never pass as a field. */
const keysAre = (value: Record<string, unknown>, keys: string[]) => {
	const own = Object.keys(value);
	return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
};

/** A log entry as the log stores it: an answer as a backup's review, an undo or a reset as sync checks them. */
function isLogEntry(value: unknown): value is LogEntry {
	if (!isObject(value)) return false;
	if (value.kind === undefined || value.kind === 'answer') {
		const { kind: _kind, ...answer } = value;
		return isValidReview(answer) && isText(answer.device) && answer.id === undefined;
	}
	const { kind, answerTime, ...event } = value;
	if (kind === 'undo' ? !isTime(answerTime) : kind !== 'reset' || answerTime !== undefined) return false;
	return isText(event.device) && !Object.hasOwn(event, 'grade') && isValidReview({ ...event, grade: 0, wasNew: false, tookMs: 0 });
}

function isEntry(value: unknown): value is JournalEntry {
	if (!isObject(value)) return false;
	switch (value.type) {
		case 'log':
			return keysAre(value, ['type', 'entry']) && isLogEntry(value.entry);
		case 'suspend':
			return (
				keysAre(value, ['type', 'cardId', 'time', 'suspended']) &&
				isText(value.cardId) &&
				isTime(value.time) &&
				typeof value.suspended === 'boolean'
			);
		case 'text':
			return (
				keysAre(value, ['type', 'cardId', 'time', 'front', 'back']) &&
				isText(value.cardId) &&
				isTime(value.time) &&
				isText(value.front) &&
				isText(value.back) &&
				value.front.trim() !== '' &&
				value.back.trim() !== ''
			);
		case 'bury':
			return (
				keysAre(value, ['type', 'cardId', 'time', 'studyDay', 'buried']) &&
				isText(value.cardId) &&
				isTime(value.time) &&
				Number.isInteger(value.studyDay) &&
				typeof value.buried === 'boolean'
			);
		case 'withdrawn':
			return keysAre(value, ['type', 'key', 'time']) && isText(value.key) && isTime(value.time);
		default:
			return false;
	}
}

/** The record, when it is one the app writes; else undefined. */
export function checkRecord(value: unknown): JournalRecord | undefined {
	if (!isObject(value) || !keysAre(value, ['v', 'install', 'entry']) || value.v !== 1 || !isText(value.install)) return undefined;
	return isEntry(value.entry) ? (value as unknown as JournalRecord) : undefined;
}
