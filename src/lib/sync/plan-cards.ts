// What a sync does to cards' schedules, as a pure plan: a card is a fold of its answers (srs/replay.ts),
// so every card whose entries changed, or whose text came from a deck document, is folded again
// from the union of the logs, in time order, on every device alike. Its status stays suspended or
// retired when it is so here, as in an undo; a deck on FSRS folds its cards' FSRS state too.
import type { DeckRecord, CardRecord } from '$lib/db/schema';
import type { LogDayRecord } from '$lib/db/log-codec';
import { deckScheduler } from '$lib/db/deck-scheduler';
import { sinceLastStart } from '$lib/srs/answer-runs';
import type { FsrsScheduler, fsrsDueDay } from '$lib/srs/fsrs';
import type { fsrsFold } from '$lib/srs/fsrs-switch';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { newCardSnapshot, replay } from '$lib/srs/replay';
import type { LogEntry, Settings } from '$lib/srs/types';
import { syncDay, syncDayKey, type LogDay } from './plan-log';

/** ts-fsrs and the FSRS fold, with the scheduler of these settings: loaded by the engine only when a card needs them. */
export interface FsrsKit {
	scheduler: FsrsScheduler;
	fsrsFold: typeof fsrsFold;
	fsrsDueDay: typeof fsrsDueDay;
}

export interface CardsToFold {
	/** Each card as it is before the fold: its text from a deck document, or as stored here. */
	cards: CardRecord[];
	/** Each card's entries from the union of the logs, in no order yet. */
	entries: Map<string, LogEntry[]>;
	/** The settings after the sync (taken from another device, or these). */
	settings: Settings;
	/** The cards whose deck uses FSRS. */
	onFsrs: Set<string>;
}

export interface FoldInput {
	/** The cards and log as stored here. */
	cards: readonly CardRecord[];
	log: readonly LogDayRecord[];
	/** Cards whose text came from a deck document (sync/plan-decks.ts). */
	fromDocs: ReadonlyMap<string, CardRecord>;
	/** Cards that gained entries, and the days that gained them, whole (sync/plan-log.ts). */
	gained: ReadonlySet<string>;
	days: readonly LogDay[];
	/** Local days already decoded by the log plan, by day key. */
	decoded: ReadonlyMap<string, LogDay>;
	settings: Settings;
	decksNow: ReadonlyMap<string, DeckRecord>;
}

/** The cards to fold again and their entries; undefined when none is. */
export function cardsToFold(input: FoldInput): CardsToFold | undefined {
	const refold = new Set<string>([...input.fromDocs.keys(), ...input.gained]);
	if (refold.size === 0) return undefined;
	const lists = new Map<string, LogEntry[]>();
	for (const day of input.days) lists.set(syncDayKey(day.deckId, day.studyDay), day.entries);
	for (const record of input.log) {
		const key = syncDayKey(record.deckId, record.studyDay);
		if (lists.has(key) || !record.cardIds.some((id) => refold.has(id))) continue;
		lists.set(key, (input.decoded.get(key) ?? syncDay(record)).entries);
	}
	const entries = new Map<string, LogEntry[]>();
	for (const list of lists.values())
		for (const entry of list) {
			if (!refold.has(entry.cardId)) continue;
			const found = entries.get(entry.cardId);
			if (found) found.push(entry);
			else entries.set(entry.cardId, [entry]);
		}
	const localCards = new Map(input.cards.map((card) => [card.id, card]));
	const cards = [...refold].flatMap((id) => {
		const base = input.fromDocs.get(id) ?? localCards.get(id);
		return base ? [base] : [];
	});
	const onFsrs = new Set<string>();
	for (const card of cards) {
		const deck = input.decksNow.get(card.deckId);
		if (deck !== undefined && deckScheduler(deck, input.settings) === 'fsrs') onFsrs.add(card.id);
	}
	return { cards, entries, settings: input.settings, onFsrs };
}

/** The cards folded from their entries; `fsrs` is given when any of them is on FSRS. */
export function foldCards(toFold: CardsToFold, fsrs: FsrsKit | undefined): CardRecord[] {
	const { settings } = toFold;
	const rules = { leechThreshold: LEECH_THRESHOLD, leechAction: settings.leechAction };
	return toFold.cards.map((base) => {
		// Days are kept in no order: the entries of a card, in time order (a stable sort).
		const list = (toFold.entries.get(base.id) ?? []).sort((a, b) => a.time - b.time);
		const schedule = replay(newCardSnapshot(), list, rules);
		// Suspended or retired on the card (by the learner, or a deck update) stays so, as in undo.
		const held = base.status === 'suspended' || base.status === 'retired';
		const { fsrs: _stale, ...card } = { ...base, ...schedule, status: held ? base.status : schedule.status };
		const answers = fsrs && toFold.onFsrs.has(base.id) ? sinceLastStart(list) : [];
		if (!fsrs || answers.length === 0) return card;
		const state = fsrs.fsrsFold(answers, fsrs.scheduler, settings.dayStartHour);
		return { ...card, fsrs: state, dueDay: fsrs.fsrsDueDay(state) };
	});
}
