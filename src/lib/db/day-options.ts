// Writes what the learner asks of one deck beyond the settings: today's `Study more`, the deck's own
// limits, a card buried until tomorrow. The rules are srs/day-options.ts; each write is one transaction.
import { studyDayAt } from '$lib/srs/days';
import { planBury, planDeckOptions, planStudyMore, planUnbury, type Buried, type StudyMoreAsk } from '$lib/srs/day-options';
import type { DeckOptions, StudyMore } from '$lib/srs/queue';
import type { Settings } from '$lib/srs/types';
import type { FlashcardsDb } from './schema';
import { keepToday, TODAY_STORES } from './today';
import { RefusedWrite, writeTransaction } from './write';
import { stampSaves } from './clock';

/** The deck is gone (deleted in another tab): nothing was recorded. */
export class NoSuchDeckError extends RefusedWrite {
	constructor(deckId: string) {
		super(`The deck "${deckId}" is no longer on this device.`);
		this.name = 'NoSuchDeckError';
	}
}

/**
 * Records `Study more` for `deckId` on the study day of `now` (kept for that day across reloads).
 * Throws DayOptionsError (nothing written) for a number out of range.
 */
export async function askStudyMore(db: FlashcardsDb, deckId: string, now: number, settings: Settings, ask: StudyMoreAsk): Promise<void> {
	const { today } = studyDayAt(now, settings);
	// The numbers are checked before anything opens, so a DayOptionsError reaches the screen as it is.
	planStudyMore(undefined, deckId, today, ask);
	return writeTransaction(db, [...TODAY_STORES], 'Study more', async (tx, writes) => {
		const [deck, current] = await Promise.all([tx.objectStore('decks').getKey(deckId), tx.objectStore('meta').get('studyMore')]);
		if (deck === undefined) throw new NoSuchDeckError(deckId);
		const next = planStudyMore(current as Record<string, StudyMore> | undefined, deckId, today, ask);
		writes.push(tx.objectStore('meta').put(next, 'studyMore'));
		await keepToday(tx, writes, [deckId], now);
	});
}

export { readDeckOptions } from './deck-scheduler';

/**
 * Sets `deckId`'s own limits; a limit left undefined follows the global setting again. Throws
 * DayOptionsError (nothing written) for a number out of range.
 */
export async function saveDeckOptions(db: FlashcardsDb, deckId: string, options: DeckOptions, now = Date.now()): Promise<DeckOptions> {
	planDeckOptions(undefined, deckId, options);
	return writeTransaction(db, [...TODAY_STORES], 'The deck’s options', async (tx, writes) => {
		const meta = tx.objectStore('meta');
		const [deck, current, savedAt] = await Promise.all([
			tx.objectStore('decks').getKey(deckId),
			meta.get('deckOptions'),
			meta.get('deckOptionsSavedAt')
		]);
		if (deck === undefined) throw new NoSuchDeckError(deckId);
		const next = planDeckOptions(current as Record<string, DeckOptions> | undefined, deckId, options);
		writes.push(meta.put(next, 'deckOptions'));
		// Going back to the global settings is a save too: it travels to the other devices.
		writes.push(meta.put({ ...(savedAt as Record<string, number> | undefined), [deckId]: now }, 'deckOptionsSavedAt'));
		await stampSaves(meta, writes, now, [{ options: deckId }]);
		await keepToday(tx, writes, [deckId], now);
		return next[deckId] ?? {};
	});
}

/** Buries `cardId` until the next study day after `now`'s (Anki's Bury): it comes in no session today. */
export function buryCard(db: FlashcardsDb, cardId: string, now: number, settings: Settings): Promise<void> {
	const { today } = studyDayAt(now, settings);
	return writeTransaction(db, [...TODAY_STORES], 'Burying the card', async (tx, writes) => {
		const [card, current] = await Promise.all([tx.objectStore('cards').get(cardId), tx.objectStore('meta').get('buried')]);
		if (card === undefined) throw new RefusedWrite('This card is no longer on this device.');
		writes.push(tx.objectStore('meta').put(planBury(current as Buried | undefined, cardId, today), 'buried'));
		await keepToday(tx, writes, [card.deckId], now);
	});
}

/** Undoes `cardId`'s burial today (Undo on the review screen): it comes in today's sessions again. */
export function unburyCard(db: FlashcardsDb, cardId: string, now: number, settings: Settings): Promise<void> {
	const { today } = studyDayAt(now, settings);
	return writeTransaction(db, [...TODAY_STORES], 'Undoing the burial', async (tx, writes) => {
		const [card, current] = await Promise.all([
			tx.objectStore('cards').get(cardId),
			tx.objectStore('meta').get('buried') as Promise<Buried | undefined>
		]);
		writes.push(tx.objectStore('meta').put(planUnbury(current, cardId, today), 'buried'));
		// A card gone meanwhile (its deck deleted in another tab) has no day to change.
		if (card) await keepToday(tx, writes, [card.deckId], now);
	});
}
