// What a sync does to the review log, as a pure plan: the device's answers go into its own
// documents, other devices' documents come into the local log, and the cards whose answers
// changed are named so they can be folded again.
import type { ReviewEntry } from '$lib/srs/types';
import { answerKey, logDocId, type LogDoc } from './documents';

export interface LogDay {
	deckId: string;
	studyDay: number;
	answers: ReviewEntry[];
}

export interface LogPlanInput {
	device: string;
	/** The local log, every deck and day. */
	localDays: readonly LogDay[];
	/** The decks on this device: documents of other decks wait until their deck arrives. */
	localDecks: ReadonlySet<string>;
	/** The log documents in the local PouchDB (this device's and the pulled ones), all checked. */
	docs: readonly LogDoc[];
	/** Sessions seen in other devices' documents, and whose they are. */
	foreignSessions: Readonly<Record<string, string>>;
}

export interface LogPlan {
	/** Local days whose answers change: the whole new list (empty: the day goes). */
	days: LogDay[];
	/** This device's documents to write (with the revision they replace). */
	docs: LogDoc[];
	/** Cards whose answers changed, by deck. */
	cards: Map<string, Set<string>>;
	foreignSessions: Record<string, string>;
	/** Answers taken from other devices, and taken back because their device undid them. */
	added: number;
	removed: number;
}

const dayKey = (deckId: string, studyDay: number) => `${studyDay}\u0000${deckId}`;
const sameAnswers = (a: readonly ReviewEntry[], b: readonly ReviewEntry[]) =>
	a.length === b.length && a.every((entry, i) => answerKey(entry) === answerKey(b[i]!));

/**
 * An answer is this device's unless its session was seen in another device's document. So a
 * learner's own history (from before sync was on, or from a backup) is uploaded as theirs, and
 * an answer another device undid (gone from its document, its session known) leaves this log too.
 */
export function planLog(input: LogPlanInput): LogPlan {
	const foreignSessions = { ...input.foreignSessions };
	const mine = new Map<string, LogDoc>();
	const theirs = new Map<string, LogDoc[]>();
	for (const doc of input.docs) {
		if (!input.localDecks.has(doc.deckId)) continue;
		const key = dayKey(doc.deckId, doc.studyDay);
		if (doc.device === input.device) {
			mine.set(key, doc);
			continue;
		}
		for (const answer of doc.answers) foreignSessions[answer.sessionId] ??= doc.device;
		const list = theirs.get(key);
		if (list) list.push(doc);
		else theirs.set(key, [doc]);
	}
	const local = new Map(input.localDays.map((day) => [dayKey(day.deckId, day.studyDay), day]));
	const plan: LogPlan = { days: [], docs: [], cards: new Map(), foreignSessions, added: 0, removed: 0 };
	const keys = new Set([...local.keys(), ...mine.keys(), ...theirs.keys()]);
	for (const key of keys) {
		const day = local.get(key);
		const ref = day ?? mine.get(key) ?? theirs.get(key)![0]!;
		const { deckId, studyDay } = ref;
		if (!input.localDecks.has(deckId)) continue;
		const localAnswers = day?.answers ?? [];
		const own = localAnswers.filter((answer) => foreignSessions[answer.sessionId] === undefined);
		// The union, each answer once, in time order (ties keep the order found).
		const union = new Map(own.map((answer) => [answerKey(answer), answer]));
		for (const doc of theirs.get(key) ?? [])
			for (const answer of doc.answers) if (!union.has(answerKey(answer))) union.set(answerKey(answer), answer);
		const next = [...union.values()].sort((a, b) => a.time - b.time);
		if (!sameAnswers(next, localAnswers)) {
			plan.days.push({ deckId, studyDay, answers: next });
			const before = new Set(localAnswers.map(answerKey));
			const after = new Set(next.map(answerKey));
			const cards = plan.cards.get(deckId) ?? new Set<string>();
			for (const answer of next) {
				if (before.has(answerKey(answer))) continue;
				plan.added++;
				cards.add(answer.cardId);
			}
			for (const answer of localAnswers) {
				if (after.has(answerKey(answer))) continue;
				plan.removed++;
				cards.add(answer.cardId);
			}
			plan.cards.set(deckId, cards);
		}
		const doc = mine.get(key);
		const ownSorted = [...own].sort((a, b) => a.time - b.time);
		if (doc ? !sameAnswers(doc.answers, ownSorted) : ownSorted.length > 0) {
			plan.docs.push({
				_id: logDocId(deckId, studyDay, input.device),
				...(doc?._rev ? { _rev: doc._rev } : {}),
				type: 'log',
				deckId,
				studyDay,
				device: input.device,
				answers: ownSorted
			});
		}
	}
	return plan;
}

/** How many of this device's answers are not yet in its documents: "14 answers waiting to sync". */
export function answersWaiting(input: Pick<LogPlanInput, 'device' | 'localDays' | 'docs' | 'foreignSessions'>): number {
	const sent = new Set<string>();
	for (const doc of input.docs) if (doc.device === input.device) for (const answer of doc.answers) sent.add(answerKey(answer));
	let waiting = 0;
	for (const day of input.localDays)
		for (const answer of day.answers) if (input.foreignSessions[answer.sessionId] === undefined && !sent.has(answerKey(answer))) waiting++;
	return waiting;
}
