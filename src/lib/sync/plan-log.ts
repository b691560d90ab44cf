// What a sync does to the review log, as a pure plan. The log is append-only (an undo is an entry
// of its own) and every entry names the device that gave it, so the server keeps, per deck, study
// day and device, that device's entries (its answers, undos, resets and imported states), in
// parts of at most PART_BYTES. Any device that holds entries the server lacks sends them, whoever
// gave them: history imported from a backup made on another install, or from Anki, reaches the
// server from whichever device has it. Two devices that send the same entries write the same
// document, and its copies (CouchDB's conflicting revisions) join by union, each entry once; every
// document joins the local log by union too. The cards whose entries changed are named, to be
// replayed (sync/plan-cards.ts). Only the days that changed since the last sync, here or in the
// documents pulled, are decoded and compared.
import { decodeEntries, type LogDayRecord } from '$lib/db/log-codec';
import type { SyncCheckpoint } from '$lib/db/schema';
import type { SyncDay, SyncLocal } from '$lib/db/sync';
import type { LogEntry } from '$lib/srs/types';
import { entryKey, logDocId, MAX_PARTS, type LogDoc } from './documents';

export type LogDay = SyncDay;

/**
 * The most bytes of entries one log document holds: CouchDB refuses a document over 8 MB
 * (`max_document_size`), and a proxy may refuse a request well before; a day of one device on one
 * deck is a few kilobytes, an imported history a few hundred.
 */
export const PART_BYTES = 1_000_000;

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
 * is stored once the plan is applied. A day that reached the sync is synced once its entries are
 * in the outbox (a failed write leaves it to the next sync: see sync/plan.ts afterWrite).
 */
export function checkpointAfter(input: {
	since: SyncCheckpoint;
	lastSeq: SyncCheckpoint['seq'];
	log: readonly LogDayRecord[];
	reached: ReadonlySet<string>;
	deletedDecks: readonly string[];
	days: readonly LogDay[];
	refused?: SyncCheckpoint['refused'];
}): SyncCheckpoint {
	const days = { ...input.since.days };
	for (const record of input.log) {
		const key = syncDayKey(record.deckId, record.studyDay);
		if (input.reached.has(key)) days[key] = recordFingerprint(record);
	}
	for (const deckId of input.deletedDecks) for (const key of Object.keys(days)) if (key.endsWith(`\u0000${deckId}`)) delete days[key];
	for (const day of input.days) days[syncDayKey(day.deckId, day.studyDay)] = entriesFingerprint(day.entries);
	const refused = input.refused ?? input.since.refused;
	return { database: input.since.database, seq: input.lastSeq, days, ...(refused && Object.keys(refused).length > 0 ? { refused } : {}) };
}

/** The local days a sync compares. */
export interface DaysToCompare {
	/** Changed here, or reached by documents pulled (those of decks on this device). */
	reached: Set<string>;
	/** The local days among them, decoded: the server's documents of each are read, to compare. */
	days: Map<string, LogDay>;
}

export function daysToCompare(
	mine: Pick<SyncLocal, 'log'>,
	since: SyncCheckpoint,
	pulled: readonly LogDoc[],
	deckIds: ReadonlySet<string>
): DaysToCompare {
	const records = new Map(mine.log.map((record) => [syncDayKey(record.deckId, record.studyDay), record]));
	const reached = new Set(changedDays(mine.log, since).keys());
	for (const doc of pulled) if (deckIds.has(doc.deckId)) reached.add(syncDayKey(doc.deckId, doc.studyDay));
	const days = new Map<string, LogDay>();
	for (const key of reached) {
		const record = records.get(key);
		if (record) days.set(key, syncDay(record));
	}
	return { reached, days };
}

/** Time order, then entry order: the same on every device, so two devices make the same parts. */
function byTimeThenKey(a: LogEntry, b: LogEntry): number {
	const [x, y] = [entryKey(a), entryKey(b)];
	return a.time - b.time || (x < y ? -1 : x > y ? 1 : 0);
}

const encoder = new TextEncoder();

/** Bytes of an entry as a document carries it (and the comma before the next). */
const entryBytes = (entry: LogEntry) => encoder.encode(JSON.stringify(entry)).length + 1;

/**
 * A device's entries of one deck and day in parts, each under PART_BYTES: in time order, each part
 * filled before the next. A function of the entries alone, so any device that holds the same
 * entries makes the same documents.
 */
export function packParts(entries: readonly LogEntry[]): LogEntry[][] {
	const parts: LogEntry[][] = [[]];
	let bytes = 0;
	for (const entry of [...entries].sort(byTimeThenKey)) {
		const size = entryBytes(entry);
		if (bytes + size > PART_BYTES && parts.at(-1)!.length > 0 && parts.length < MAX_PARTS) {
			parts.push([]);
			bytes = 0;
		}
		parts.at(-1)!.push(entry);
		bytes += size;
	}
	return parts;
}

export interface LogPlanInput {
	/** The local days compared, decoded (sync/plan-log.ts daysToCompare). */
	localDays: readonly LogDay[];
	/** The decks on this device: documents of other decks wait until their deck arrives. */
	localDecks: ReadonlySet<string>;
	/**
	 * The log documents in the local PouchDB of the days compared (as the server has them) and those
	 * pulled, all checked: each id's winning revision, and CouchDB's conflicting revisions of it.
	 */
	docs: readonly LogDoc[];
	/** Conflicting revisions (checked), whose entries join the union and which are then deleted. */
	losers?: readonly LogDoc[];
	/** Ids of documents that exist but were refused: never written over (nothing of theirs is lost). */
	blocked?: ReadonlySet<string>;
}

export interface LogPlan {
	/** Local days that gain entries: the whole new list, in time order. */
	days: LogDay[];
	/** The documents to write (with the revision they replace), and the conflicting revisions deleted. */
	docs: (LogDoc | { _id: string; _rev: string; _deleted: true })[];
	/** Cards that gained entries, to replay. */
	cards: Set<string>;
	/** Answers taken from other devices (undos, resets and imported states not counted). */
	added: number;
}

const isAnswer = (entry: LogEntry) => entry.kind === undefined || entry.kind === 'answer';

/** Time order; entries at the same moment keep the order they were found in (a stable sort). */
const inTimeOrder = (entries: LogEntry[]) => entries.sort((a, b) => a.time - b.time);

const sameEntries = (a: readonly LogEntry[], b: readonly LogEntry[]) =>
	a.length === b.length && a.every((entry, i) => entryKey(entry) === entryKey(b[i]!));

export function planLog(input: LogPlanInput): LogPlan {
	const winners = new Map<string, LogDoc>();
	const byDay = new Map<string, LogDoc[]>();
	const losersOf = new Map<string, LogDoc[]>();
	for (const doc of input.docs) winners.set(doc._id, doc);
	for (const doc of input.losers ?? []) losersOf.set(doc._id, [...(losersOf.get(doc._id) ?? []), doc]);
	for (const doc of [...input.docs, ...(input.losers ?? [])]) {
		if (!input.localDecks.has(doc.deckId)) continue;
		const key = syncDayKey(doc.deckId, doc.studyDay);
		byDay.set(key, [...(byDay.get(key) ?? []), doc]);
	}
	const local = new Map(input.localDays.map((day) => [syncDayKey(day.deckId, day.studyDay), day]));
	const plan: LogPlan = { days: [], docs: [], cards: new Set(), added: 0 };
	for (const key of new Set([...local.keys(), ...byDay.keys()])) {
		const day = local.get(key);
		const { deckId, studyDay } = day ?? byDay.get(key)![0]!;
		if (!input.localDecks.has(deckId)) continue;
		const entries = day?.entries ?? [];
		const union = new Map(entries.map((entry) => [entryKey(entry), entry]));
		const arriving: LogEntry[] = [];
		for (const doc of byDay.get(key) ?? [])
			for (const entry of doc.entries) {
				const entryId = entryKey(entry);
				if (union.has(entryId)) continue;
				union.set(entryId, entry);
				arriving.push(entry);
			}
		if (arriving.length > 0) {
			plan.days.push({ deckId, studyDay, entries: inTimeOrder([...entries, ...arriving]) });
			for (const entry of arriving) {
				plan.cards.add(entry.cardId);
				if (isAnswer(entry)) plan.added++;
			}
		}
		// Each device's entries of the day, as the server should have them.
		const byDevice = new Map<string, LogEntry[]>();
		for (const entry of union.values()) byDevice.set(entry.device, [...(byDevice.get(entry.device) ?? []), entry]);
		for (const [device, list] of byDevice) {
			const parts = packParts(list);
			const ids = parts.map((_, n) => logDocId(deckId, studyDay, device, n));
			// A document refused (hostile, or from a device whose clock is wrong) is left as it is.
			if (ids.some((id) => input.blocked?.has(id))) continue;
			parts.forEach((part, n) => {
				const id = ids[n]!;
				const doc = winners.get(id);
				const losers = losersOf.get(id) ?? [];
				if (!doc || !sameEntries(doc.entries, part))
					plan.docs.push({
						_id: id,
						...(doc?._rev ? { _rev: doc._rev } : {}),
						type: 'log',
						deckId,
						studyDay,
						device,
						...(n > 0 ? { part: n } : {}),
						entries: part
					});
				for (const loser of losers) plan.docs.push({ _id: id, _rev: loser._rev!, _deleted: true });
			});
		}
	}
	return plan;
}

/**
 * How many answers of the changed days (any device's: an imported history too) are in none of the
 * documents of their day: "14 answers waiting to sync".
 */
export function answersWaiting(input: Pick<LogPlanInput, 'localDays' | 'docs'>): number {
	const sent = new Set<string>();
	for (const doc of input.docs) for (const entry of doc.entries) sent.add(entryKey(entry));
	let waiting = 0;
	for (const day of input.localDays) {
		const undone = new Set(day.entries.flatMap((entry) => (entry.kind === 'undo' ? [`${entry.cardId}@${entry.answerTime}`] : [])));
		for (const entry of day.entries)
			if (isAnswer(entry) && !undone.has(`${entry.cardId}@${entry.time}`) && !sent.has(entryKey(entry))) waiting++;
	}
	return waiting;
}
