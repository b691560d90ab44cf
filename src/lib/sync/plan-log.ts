// What a sync does to the review log, as a pure plan. The log is append-only (an undo is an
// entry of its own) and every entry names its device, so: this device's entries go into its
// own documents, other devices' documents join the local log by union, and the cards whose
// entries changed are named, to be replayed (sync/plan-cards.ts). Only the days that changed
// since the last sync, here or in others' documents, are decoded and compared.
import { decodeEntries, type LogDayRecord } from '$lib/db/log-codec';
import type { SyncCheckpoint } from '$lib/db/schema';
import type { SyncDay, SyncLocal } from '$lib/db/sync';
import type { LogEntry } from '$lib/srs/types';
import { entryKey, logDocId, type LogDoc } from './documents';

export type LogDay = SyncDay;

/** A deck and day as a key of the checkpoint's days. */
export const syncDayKey = (deckId: string, studyDay: number) => `${studyDay}\u0000${deckId}`;

/**
 * What a day's record held at the last sync, cheap to read: its number of entries and the time of
 * the last. The log only grows (an undo is an entry of its own), so a day whose fingerprint is
 * unchanged holds nothing new to send.
 */
export function recordFingerprint(record: Pick<LogDayRecord, 'cardIds' | 'numbers'>): string {
	const count = record.cardIds.length;
	if (count === 0) return '0';
	return `${count}:${record.numbers[(record.numbers.length / count) * (count - 1)]}`;
}

/** The same fingerprint from entries about to be stored in that order (db/log-codec keeps it). */
export const entriesFingerprint = (entries: readonly LogEntry[]) =>
	entries.length === 0 ? '0' : `${entries.length}:${entries[entries.length - 1]!.time}`;

/** A record's entries as sync sees them. */
export const syncDay = (record: LogDayRecord): LogDay => ({
	deckId: record.deckId,
	studyDay: record.studyDay,
	entries: decodeEntries(record)
});

/** The days whose record changed since the last sync: the only ones that may hold entries to send. */
export function changedDays(log: readonly LogDayRecord[], since: SyncCheckpoint): Map<string, LogDayRecord> {
	const changed = new Map<string, LogDayRecord>();
	for (const record of log) {
		const key = syncDayKey(record.deckId, record.studyDay);
		if (since.days[key] !== recordFingerprint(record)) changed.set(key, record);
	}
	return changed;
}

/**
 * Where this sync stops: the changes feed's last sequence, and the fingerprint of each day as it
 * is stored once the plan is applied. A day that reached the sync is synced once its own entries
 * are in the outbox (a failed write leaves it to the next sync: see sync/plan.ts afterWrite).
 */
export function checkpointAfter(input: {
	since: SyncCheckpoint;
	lastSeq: SyncCheckpoint['seq'];
	log: readonly LogDayRecord[];
	reached: ReadonlySet<string>;
	deletedDecks: readonly string[];
	days: readonly LogDay[];
}): SyncCheckpoint {
	const days = { ...input.since.days };
	for (const record of input.log) {
		const key = syncDayKey(record.deckId, record.studyDay);
		if (input.reached.has(key)) days[key] = recordFingerprint(record);
	}
	for (const deckId of input.deletedDecks) for (const key of Object.keys(days)) if (key.endsWith(`\u0000${deckId}`)) delete days[key];
	for (const day of input.days) days[syncDayKey(day.deckId, day.studyDay)] = entriesFingerprint(day.entries);
	return { database: input.since.database, seq: input.lastSeq, days };
}

/** The local days a sync compares. */
export interface DaysToCompare {
	/** Changed here, or reached by others' documents (those of decks on this device). */
	reached: Set<string>;
	/** The local days among them, decoded: their own documents are read by id, to compare. */
	days: Map<string, LogDay>;
}

export function daysToCompare(
	mine: Pick<SyncLocal, 'device' | 'log'>,
	since: SyncCheckpoint,
	pulled: readonly LogDoc[],
	deckIds: ReadonlySet<string>
): DaysToCompare {
	const records = new Map(mine.log.map((record) => [syncDayKey(record.deckId, record.studyDay), record]));
	const reached = new Set(changedDays(mine.log, since).keys());
	for (const doc of pulled) if (doc.device !== mine.device && deckIds.has(doc.deckId)) reached.add(syncDayKey(doc.deckId, doc.studyDay));
	const days = new Map<string, LogDay>();
	for (const key of reached) {
		const record = records.get(key);
		if (record) days.set(key, syncDay(record));
	}
	return { reached, days };
}

export interface LogPlanInput {
	device: string;
	/** The local log, every deck and day. */
	localDays: readonly LogDay[];
	/** The decks on this device: documents of other decks wait until their deck arrives. */
	localDecks: ReadonlySet<string>;
	/** The log documents in the local PouchDB (this device's and the pulled ones), all checked. */
	docs: readonly LogDoc[];
}

export interface LogPlan {
	/** Local days that gain entries: the whole new list, in time order. */
	days: LogDay[];
	/** This device's documents to write (with the revision they replace). */
	docs: LogDoc[];
	/** Cards that gained entries, to replay. */
	cards: Set<string>;
	/** Answers taken from other devices (undos and resets not counted). */
	added: number;
}

const isAnswer = (entry: LogEntry) => entry.kind === undefined || entry.kind === 'answer';

/** Time order; entries at the same moment keep the order they were found in (a stable sort). */
const inTimeOrder = (entries: LogEntry[]) => entries.sort((a, b) => a.time - b.time);

export function planLog(input: LogPlanInput): LogPlan {
	const mine = new Map<string, LogDoc>();
	const theirs = new Map<string, LogDoc[]>();
	for (const doc of input.docs) {
		if (!input.localDecks.has(doc.deckId)) continue;
		const key = syncDayKey(doc.deckId, doc.studyDay);
		if (doc.device === input.device) mine.set(key, doc);
		else theirs.set(key, [...(theirs.get(key) ?? []), doc]);
	}
	const local = new Map(input.localDays.map((day) => [syncDayKey(day.deckId, day.studyDay), day]));
	const plan: LogPlan = { days: [], docs: [], cards: new Set(), added: 0 };
	for (const key of new Set([...local.keys(), ...mine.keys(), ...theirs.keys()])) {
		const day = local.get(key);
		const { deckId, studyDay } = day ?? mine.get(key) ?? theirs.get(key)![0]!;
		if (!input.localDecks.has(deckId)) continue;
		const entries = day?.entries ?? [];
		const have = new Set(entries.map(entryKey));
		const arriving: LogEntry[] = [];
		for (const doc of theirs.get(key) ?? [])
			for (const entry of doc.entries) {
				const entryId = entryKey(entry);
				if (have.has(entryId)) continue;
				have.add(entryId);
				arriving.push(entry);
			}
		if (arriving.length > 0) {
			plan.days.push({ deckId, studyDay, entries: inTimeOrder([...entries, ...arriving]) });
			for (const entry of arriving) {
				plan.cards.add(entry.cardId);
				if (isAnswer(entry)) plan.added++;
			}
		}
		const own = inTimeOrder(entries.filter((entry) => entry.device === input.device));
		const doc = mine.get(key);
		const sent = doc ? new Set(doc.entries.map(entryKey)) : new Set<string>();
		// Entries are never taken out of the log, so a document only grows.
		if (own.some((entry) => !sent.has(entryKey(entry)))) {
			const union = new Map([...(doc?.entries ?? []), ...own].map((entry) => [entryKey(entry), entry]));
			plan.docs.push({
				_id: logDocId(deckId, studyDay, input.device),
				...(doc?._rev ? { _rev: doc._rev } : {}),
				type: 'log',
				deckId,
				studyDay,
				device: input.device,
				entries: inTimeOrder([...union.values()])
			});
		}
	}
	return plan;
}

/** How many of this device's answers are not in its documents yet: "14 answers waiting to sync". */
export function answersWaiting(input: Pick<LogPlanInput, 'device' | 'localDays' | 'docs'>): number {
	const sent = new Set<string>();
	for (const doc of input.docs) if (doc.device === input.device) for (const entry of doc.entries) sent.add(entryKey(entry));
	let waiting = 0;
	for (const day of input.localDays) {
		const undone = new Set(day.entries.flatMap((entry) => (entry.kind === 'undo' ? [`${entry.cardId}@${entry.answerTime}`] : [])));
		for (const entry of day.entries)
			if (entry.device === input.device && isAnswer(entry) && !undone.has(`${entry.cardId}@${entry.time}`) && !sent.has(entryKey(entry)))
				waiting++;
	}
	return waiting;
}
