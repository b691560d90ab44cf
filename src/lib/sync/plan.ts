// What a sync does to the review log, as a pure plan. The log is append-only (an undo is an
// entry of its own) and every entry names its device, so: this device's entries go into its
// own documents, other devices' documents join the local log by union, and the cards whose
// entries changed are named, to be replayed.
import type { LogEntry } from '$lib/srs/types';
import { entryKey, logDocId, type LogDoc } from './documents';

export interface LogDay {
	deckId: string;
	studyDay: number;
	entries: LogEntry[];
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

const dayKey = (deckId: string, studyDay: number) => `${studyDay}\u0000${deckId}`;
const isAnswer = (entry: LogEntry) => entry.kind === undefined || entry.kind === 'answer';

/** Time order; entries at the same moment keep the order they were found in (a stable sort). */
const inTimeOrder = (entries: LogEntry[]) => entries.sort((a, b) => a.time - b.time);

export function planLog(input: LogPlanInput): LogPlan {
	const mine = new Map<string, LogDoc>();
	const theirs = new Map<string, LogDoc[]>();
	for (const doc of input.docs) {
		if (!input.localDecks.has(doc.deckId)) continue;
		const key = dayKey(doc.deckId, doc.studyDay);
		if (doc.device === input.device) mine.set(key, doc);
		else theirs.set(key, [...(theirs.get(key) ?? []), doc]);
	}
	const local = new Map(input.localDays.map((day) => [dayKey(day.deckId, day.studyDay), day]));
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
