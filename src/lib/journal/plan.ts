// The journal's rules as pure plans: what a restore makes of a collection and the journal kept
// beside it, what the journal must keep once a backup holds the rest, and what it says was lost.
// A restore follows sync's rules (src/lib/sync/engine.ts): the log is a union, each entry once,
// and every card that gains entries is the srs replay of its whole log.
import { entryKey } from '$lib/db/plan-merge';
import { cardWithText, suspendedCard } from '$lib/db/plan-card';
import type { CardRecord } from '$lib/db/schema';
import { sinceLastStart } from '$lib/srs/answer-runs';
import { planBury, planUnbury } from '$lib/srs/day-options';
import type { FsrsState } from '$lib/srs/fsrs-state';
import { matchesLog, newCardSnapshot, replay, snapshotOf, type ReplayRules } from '$lib/srs/replay';
import type { Buried } from '$lib/srs/today';
import type { LogEntry, ReviewEntry } from '$lib/srs/types';
import { entryTime, journalKey, type Change, type JournalEntry } from './entries';

/**
 * How long after a backup's moment a burial, suspension or edit is kept in the journal: such a
 * change made just before the backup read the database may have been saved just after it. Ten
 * minutes is far longer than any write takes; they are few, so keeping them longer costs nothing.
 */
export const EVENT_MARGIN_MS = 10 * 60_000;

const isAnswer = (entry: LogEntry): entry is ReviewEntry & { kind?: 'answer' } => entry.kind === undefined || entry.kind === 'answer';
const answerKeyOf = (cardId: string, time: number) => `${cardId}@${time}#answer`;

/** The keys of the entries a journal withdrew (their transaction failed after the journal took them). */
function withdrawnKeys(entries: readonly JournalEntry[]): Set<string> {
	const keys = new Set<string>();
	for (const entry of entries) if (entry.type === 'withdrawn') keys.add(entry.key);
	return keys;
}

/**
 * The journal's entries that stand: each once (a journal read from two files may hold one twice),
 * without those withdrawn and without the withdrawals, in the order written.
 */
export function standing(entries: readonly JournalEntry[]): Change[] {
	const withdrawn = withdrawnKeys(entries);
	const seen = new Set<string>();
	const kept: Change[] = [];
	for (const entry of entries) {
		if (entry.type === 'withdrawn') continue;
		const key = journalKey(entry);
		if (withdrawn.has(key) || seen.has(key)) continue;
		seen.add(key);
		kept.push(entry);
	}
	return kept;
}

/** The log entries among a journal's standing entries. */
export function logEntries(entries: readonly JournalEntry[]): LogEntry[] {
	return standing(entries).flatMap((entry) => (entry.type === 'log' ? [entry.entry] : []));
}

/** What a backup holds, as the journal's compaction needs it. */
export interface BackupCoverage {
	/** The backup's answers (db/plan-merge entryKey). */
	answers: ReadonlySet<string>;
	/** Per card, its earliest answer in the backup (a reset after it must be kept: backups hold answers only). */
	firstAnswer: ReadonlyMap<string, number>;
	/** When the backup read the database. */
	exportedAt: number;
	/** The cards the database held then: changes to any other were of a deck deleted since. */
	cards: ReadonlySet<string>;
}

export function coverageOf(backup: {
	exportedAt: number;
	reviews: readonly Pick<ReviewEntry, 'cardId' | 'time'>[];
	cards: readonly { id: string }[];
}): BackupCoverage {
	const answers = new Set<string>();
	const firstAnswer = new Map<string, number>();
	for (const review of backup.reviews) {
		answers.add(answerKeyOf(review.cardId, review.time));
		const first = firstAnswer.get(review.cardId);
		if (first === undefined || review.time < first) firstAnswer.set(review.cardId, review.time);
	}
	return { answers, firstAnswer, exportedAt: backup.exportedAt, cards: new Set(backup.cards.map((card) => card.id)) };
}

/**
 * What the journal keeps once `backup` is safely written: what the backup cannot give back.
 * - An answer the backup holds goes; so does an answer the backup lacks because its undo (in the
 *   journal too) was saved before the backup: the pair means nothing to a restore.
 * - An undo goes unless the backup still holds its answer (the undo was saved after the backup).
 * - A reset stays while an answer before it is in the backup or the journal: backups hold
 *   answers only, and a replay without the reset would bring back the progress it forgot.
 * - Suspensions and edits stay for EVENT_MARGIN_MS after the backup's moment.
 * - Burials stay while they are of the latest study day burials were made on: backups hold none,
 *   and only one day's count (the cards wait until the next study day).
 * - Anything about a card the backup does not have goes: its deck was deleted, answers and all,
 *   and a deck added again later must not get them back.
 * Anything the backup lacks for another reason (saved after it, or in flight) stays.
 */
export function keptAfterBackup(entries: readonly JournalEntry[], backup: BackupCoverage): JournalEntry[] {
	const live = standing(entries);
	const buryDay = Math.max(-Infinity, ...live.flatMap((entry) => (entry.type === 'bury' ? [entry.studyDay] : [])));
	const undos = new Set<string>();
	for (const entry of live)
		if (entry.type === 'log' && entry.entry.kind === 'undo') undos.add(answerKeyOf(entry.entry.cardId, entry.entry.answerTime));
	const kept: JournalEntry[] = [];
	const keptAnswerAt = new Map<string, number>();
	for (const entry of live) {
		if (!backup.cards.has(entry.type === 'log' ? entry.entry.cardId : entry.cardId)) continue;
		if (entry.type === 'bury') {
			if (entry.studyDay === buryDay) kept.push(entry);
			continue;
		}
		if (entry.type !== 'log') {
			if (entry.time >= backup.exportedAt - EVENT_MARGIN_MS) kept.push(entry);
			continue;
		}
		const log = entry.entry;
		if (isAnswer(log)) {
			const key = answerKeyOf(log.cardId, log.time);
			if (backup.answers.has(key) || undos.has(key)) continue;
			kept.push(entry);
			const first = keptAnswerAt.get(log.cardId);
			if (first === undefined || log.time < first) keptAnswerAt.set(log.cardId, log.time);
		} else if (log.kind === 'undo') {
			if (backup.answers.has(answerKeyOf(log.cardId, log.answerTime))) kept.push(entry);
		} else kept.push(entry);
	}
	// Resets last: they stay only while an answer before them is in the backup or stays here.
	return kept.filter((entry) => {
		if (entry.type !== 'log' || entry.entry.kind !== 'reset') return true;
		const { cardId, time } = entry.entry;
		return (backup.firstAnswer.get(cardId) ?? Infinity) < time || (keptAnswerAt.get(cardId) ?? Infinity) < time;
	});
}

/** How many answers stand (not undone) in a log, and when the last of them was given (null: none). */
export function answersIn(log: readonly LogEntry[]): { answers: number; lastAnswerAt: number | null } {
	const undone = new Set<string>();
	for (const entry of log) if (entry.kind === 'undo') undone.add(answerKeyOf(entry.cardId, entry.answerTime));
	const answers = new Set<string>();
	let lastAnswerAt: number | null = null;
	for (const entry of log) {
		if (!isAnswer(entry)) continue;
		const key = answerKeyOf(entry.cardId, entry.time);
		if (undone.has(key) || answers.has(key)) continue;
		answers.add(key);
		lastAnswerAt = Math.max(lastAnswerAt ?? -Infinity, entry.time);
	}
	return { answers: answers.size, lastAnswerAt };
}

/** The collection a restore starts from: a backup's, or what the device holds now. */
export interface RestoreBase {
	cards: readonly CardRecord[];
	/** Its whole log (answers, undos, resets). */
	log: readonly LogEntry[];
	/** The cards buried today, when the base knows them (a backup does not). */
	buried?: Buried;
}

export interface RestoreRules extends ReplayRules {
	/** Whether the card's deck is on FSRS: its FSRS state is folded from its answers too. */
	onFsrs?: (card: CardRecord) => boolean;
	/** FSRS's fold of a card's answers since it last started afresh (srs/fsrs-switch.ts), with the due day it gives. */
	fsrsFold?: (answers: ReviewEntry[]) => { fsrs: FsrsState; dueDay: number };
}

export interface RestorePlan {
	/** Cards the journal changed, whole. */
	cards: CardRecord[];
	/** Each deck and study day that gains entries, with all its entries in time order. */
	days: { deckId: string; studyDay: number; entries: LogEntry[] }[];
	/** The burials after the journal's, when it changed them. */
	buried?: Buried;
	/** Answers the journal added (not undone). */
	added: number;
	/** Entries left out because their card is not in the collection (its deck was never backed up). */
	skipped: number;
}

const byTime = (a: LogEntry, b: LogEntry) => a.time - b.time;

/**
 * What restoring `base` with `journal` writes. The log gains every journal entry it lacks (by
 * entryKey); each card that gains entries is replayed over its whole log, as sync does, so the
 * restored card is exactly what its log says. A base card that is not what its own log says (a
 * backup keeps answers only, so one reset before the journal began is not in it) is taken as it
 * is and only the journal's entries are replayed over it. Suspended and retired stay as sync keeps
 * them, unless an answer since proves otherwise; then the journal’s suspensions after the card’s
 * last answer, its edits newer than the card’s, and its burials are applied in time order.
 */
export function planRestore(base: RestoreBase, journal: readonly JournalEntry[], rules: RestoreRules): RestorePlan {
	const live = standing(journal);
	const cards = new Map(base.cards.map((card) => [card.id, card]));
	const known = new Set(base.log.map(entryKey));
	const added = new Map<string, LogEntry[]>();
	let skipped = 0;
	for (const entry of live) {
		if (entry.type !== 'log') {
			if (!cards.has(entry.cardId)) skipped++;
			continue;
		}
		const key = entryKey(entry.entry);
		if (known.has(key)) continue;
		const card = cards.get(entry.entry.cardId);
		if (!card || card.deckId !== entry.entry.deckId) {
			skipped++;
			continue;
		}
		known.add(key);
		const list = added.get(card.id);
		if (list) list.push(entry.entry);
		else added.set(card.id, [entry.entry]);
	}

	const plan: RestorePlan = { cards: [], days: [], added: 0, skipped };
	const baseOf = new Map<string, LogEntry[]>();
	const dayKeys = new Set<string>();
	for (const list of added.values()) for (const entry of list) dayKeys.add(`${entry.studyDay}\u0000${entry.deckId}`);
	const days = new Map<string, LogEntry[]>();
	for (const entry of base.log) {
		if (added.has(entry.cardId)) baseOf.set(entry.cardId, [...(baseOf.get(entry.cardId) ?? []), entry]);
		const day = `${entry.studyDay}\u0000${entry.deckId}`;
		if (dayKeys.has(day)) days.set(day, [...(days.get(day) ?? []), entry]);
	}
	for (const list of added.values())
		for (const entry of list) {
			const day = `${entry.studyDay}\u0000${entry.deckId}`;
			days.set(day, [...(days.get(day) ?? []), entry]);
		}
	for (const entries of days.values()) {
		// A stable sort: entries at the same moment keep their order (an answer before its undo).
		entries.sort(byTime);
		plan.days.push({ deckId: entries[0]!.deckId, studyDay: entries[0]!.studyDay, entries });
	}
	const undoneByJournal = new Set<string>();
	for (const list of added.values())
		for (const entry of list) if (entry.kind === 'undo') undoneByJournal.add(answerKeyOf(entry.cardId, entry.answerTime));
	for (const list of added.values())
		for (const entry of list) if (isAnswer(entry) && !undoneByJournal.has(answerKeyOf(entry.cardId, entry.time))) plan.added++;

	const changed = new Map<string, CardRecord>();
	/** Per card, its last answer: an answer proves the card was not suspended then. */
	const lastAnswerAt = new Map<string, number>();
	for (const [cardId, own] of added) {
		const card = cards.get(cardId)!;
		const before = baseOf.get(cardId) ?? [];
		const fsrs = rules.onFsrs?.(card) === true;
		// The base card is what its log says once the resets the journal carries are in it (a backup
		// holds answers only); a reset since the backup makes it differ, and then the journal's own
		// entries over the card are right too, since the reset forgets all before it.
		const replayedBase = replay(newCardSnapshot(), [...before, ...own.filter((entry) => entry.kind === 'reset')], rules);
		// On FSRS the due day is FSRS's: the log's SM-2 fold says nothing about it.
		const consistent = matchesLog(fsrs ? { ...card, dueDay: replayedBase.dueDay } : card, replayedBase);
		const all = [...before, ...own].sort(byTime);
		const schedule = consistent ? replay(newCardSnapshot(), all, rules) : replay(snapshotOf(card), own, rules);
		const answeredSince = own.some(isAnswer);
		const held = card.status === 'retired' || (card.status === 'suspended' && !answeredSince);
		const { fsrs: _stale, ...rest } = card;
		let next: CardRecord = { ...rest, ...schedule, status: held ? card.status : schedule.status };
		if (fsrs && rules.fsrsFold) {
			const answers = sinceLastStart(all);
			if (answers.length > 0) {
				const folded = rules.fsrsFold(answers);
				next = { ...next, fsrs: folded.fsrs, dueDay: folded.dueDay };
			}
		} else if (card.fsrs) next.fsrs = card.fsrs;
		changed.set(cardId, next);
	}
	for (const list of [base.log, ...added.values()])
		for (const entry of list)
			if (isAnswer(entry)) lastAnswerAt.set(entry.cardId, Math.max(lastAnswerAt.get(entry.cardId) ?? -Infinity, entry.time));

	let buried = base.buried;
	let buriedChanged = false;
	const events = live.filter((entry) => entry.type !== 'log' && cards.has(entry.cardId)).sort((a, b) => entryTime(a) - entryTime(b));
	for (const event of events) {
		if (event.type === 'log') continue;
		const card = changed.get(event.cardId) ?? cards.get(event.cardId)!;
		if (event.type === 'suspend') {
			// An answer after it says what the card's status became (it was answered: not suspended).
			if (event.time <= (lastAnswerAt.get(card.id) ?? -Infinity)) continue;
			const next = suspendedCard(card, event.suspended);
			if (next !== card && next.status !== card.status) changed.set(card.id, next);
		} else if (event.type === 'text') {
			if (card.editedAt !== undefined && event.time <= card.editedAt) continue;
			changed.set(card.id, cardWithText(card, event, event.time));
		} else {
			buried = event.buried ? planBury(buried, event.cardId, event.studyDay) : planUnbury(buried, event.cardId, event.studyDay);
			buriedChanged = true;
		}
	}
	plan.cards = [...changed.values()];
	if (buriedChanged) plan.buried = buried;
	return plan;
}
