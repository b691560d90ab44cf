/**
 * A card's schedule as a fold of the scheduler over its log: what the cards store caches must
 * equal `replay` of the card's entries, whatever mix of answers, undos and resets (from any tab
 * or device) made it. Sync merges logs and replays; a second scheduler replays the same log.
 *
 * The rules of the fold:
 * - Entries are taken in time order, whatever order they arrive in (answers at the same moment:
 *   answers before resets, then by device), so two devices that hold the same entries agree.
 * - An undo takes its answer out of the sequence, wherever the undo comes: the card is as if the
 *   answer had never been given (its own position in time does not matter).
 * - An answer is answerCard (answer.ts) with the grade, time and study day it was given with. The
 *   study day is in the entry, so a later change of the day start hour moves nothing already
 *   scheduled, exactly as in the app; the leech rules are arguments.
 * - A reset forgets the progress: the card is new again, unless the log had suspended it as a
 *   leech (a reset keeps a suspension, as the app does).
 * - A state entry (a card's state as imported: types.ts StateEntry) is where the card starts
 *   again: whatever came before it, the card is its `after`, and the answers after it fold on.
 * - Suspending, unsuspending and retiring are not in the log: the learner and deck updates set
 *   them on the card. An answer to a card the log left suspended proves it was unsuspended, so it
 *   is answered as the unsuspended card. `status` here is therefore 'new', 'review' or (a leech)
 *   'suspended'; a stored 'suspended' or 'retired' may stand over it (see matchesLog).
 */
import { answerCard, snapshotOf } from './answer';
import { KIND_ORDER } from './answer-runs';
import { initialState } from './sm2';
import type { CardSnapshot, LeechAction, LogEntry } from './types';

export interface ReplayRules {
	leechThreshold: number;
	leechAction: LeechAction;
}

/** A card as it is made: never answered. */
export function newCardSnapshot(): CardSnapshot {
	return { status: 'new', state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
}

export { snapshotOf };

/** Same schedule, field by field (not object identity). */
export function sameSchedule(a: CardSnapshot, b: CardSnapshot): boolean {
	return (
		a.status === b.status &&
		a.dueDay === b.dueDay &&
		a.lapses === b.lapses &&
		a.leech === b.leech &&
		a.lastAnsweredAt === b.lastAnsweredAt &&
		a.state.repetitions === b.state.repetitions &&
		a.state.interval === b.state.interval &&
		a.state.easiness === b.state.easiness &&
		a.state.repeatToday === b.state.repeatToday
	);
}

function byTime(a: LogEntry, b: LogEntry): number {
	return (
		a.time - b.time ||
		KIND_ORDER[a.kind ?? 'answer'] - KIND_ORDER[b.kind ?? 'answer'] ||
		(a.device < b.device ? -1 : a.device > b.device ? 1 : 0)
	);
}

/**
 * The schedule a card has after `entries` (its own, in any order), starting from `initial`
 * (newCardSnapshot() for a card as the generator made it). Pure; `initial` is not changed.
 */
export function replay(initial: CardSnapshot, entries: Iterable<LogEntry>, rules: ReplayRules): CardSnapshot {
	const list = [...entries];
	const undone = new Set<number>();
	for (const entry of list) if (entry.kind === 'undo') undone.add(entry.answerTime);
	let card = snapshotOf(initial);
	for (const entry of list.sort(byTime)) {
		if (entry.kind === 'undo') continue;
		if (entry.kind === 'reset') {
			card = { ...newCardSnapshot(), status: card.status === 'suspended' ? 'suspended' : 'new' };
			continue;
		}
		if (entry.kind === 'state') {
			card = snapshotOf(entry.after);
			continue;
		}
		if (undone.has(entry.time)) continue;
		const status = card.status === 'new' || card.status === 'review' ? card.status : card.lastAnsweredAt > 0 ? 'review' : 'new';
		const outcome = answerCard(
			{ ...card, status, id: entry.cardId, deckId: entry.deckId, newOrder: 0 },
			entry.grade,
			entry.time,
			entry.studyDay,
			{ threshold: rules.leechThreshold, action: rules.leechAction }
		);
		card = snapshotOf(outcome.card);
	}
	return card;
}

/**
 * Whether a stored card is what its log says: the same schedule, where a 'suspended' or
 * 'retired' on the card may stand over the log's status (those are set outside the log).
 */
export function matchesLog(stored: CardSnapshot, replayed: CardSnapshot): boolean {
	const held = stored.status === 'suspended' || stored.status === 'retired';
	return sameSchedule(held ? { ...stored, status: replayed.status } : stored, replayed);
}
