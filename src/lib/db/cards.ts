// Finding and fixing single cards: the card browser's reads, and suspend, reset and edit.
import { studyDayAt } from '$lib/srs/days';
import { newCardSnapshot, snapshotOf } from '$lib/srs/replay';
import { defaultSettings, type LogEntry, type ResetEntry, type ReviewEntry } from '$lib/srs/types';
import { decodeDay, decodeEntries } from './log-codec';
import { encodeDay } from './log-write';
import { cardWithText, suspendedCard } from './plan-card';
import type { CardRecord, FlashcardsDb } from './schema';
import { keepToday, TODAY_STORES } from './today';
import { writeTransaction } from './write';

export async function allCards(db: FlashcardsDb): Promise<CardRecord[]> {
	return db.getAll('cards');
}

export async function getCard(db: FlashcardsDb, cardId: string): Promise<CardRecord | undefined> {
	return db.get('cards', cardId);
}

/**
 * A card's answers, oldest first: read from its deck's log (a card id never changes deck), which
 * has no per-card index so that answering and importing write one record per day, not per answer.
 */
export async function cardHistory(db: FlashcardsDb, cardId: string): Promise<ReviewEntry[]> {
	const tx = db.transaction(['cards', 'log'], 'readonly');
	const card = await tx.objectStore('cards').get(cardId);
	if (!card) return [];
	const records = await tx.objectStore('log').getAll(IDBKeyRange.bound([card.deckId, -Infinity], [card.deckId, Infinity]));
	const entries = records.flatMap((record) =>
		record.cardIds.includes(cardId) ? decodeDay(record).filter((entry) => entry.cardId === cardId) : []
	);
	return entries.sort((a, b) => a.time - b.time);
}

/** Everything the log holds of a card (answers, undos, resets), oldest first: what srs replay folds. */
export async function cardLog(db: FlashcardsDb, cardId: string): Promise<LogEntry[]> {
	const tx = db.transaction(['cards', 'log'], 'readonly');
	const card = await tx.objectStore('cards').get(cardId);
	if (!card) return [];
	const records = await tx.objectStore('log').getAll(IDBKeyRange.bound([card.deckId, -Infinity], [card.deckId, Infinity]));
	const entries = records.flatMap((record) =>
		record.cardIds.includes(cardId) ? decodeEntries(record).filter((entry) => entry.cardId === cardId) : []
	);
	return entries.sort((a, b) => a.time - b.time);
}

function changeCard(
	db: FlashcardsDb,
	cardId: string,
	what: string,
	change: (card: CardRecord) => CardRecord,
	now: number
): Promise<CardRecord> {
	return writeTransaction(db, [...TODAY_STORES], what, async (tx, writes) => {
		const card = await tx.objectStore('cards').get(cardId);
		if (!card) throw new Error('the card no longer exists');
		const changed = change(card);
		writes.push(tx.objectStore('cards').put(changed));
		// Suspended, back, or its front changed: the deck's numbers or its first card may differ.
		await keepToday(tx, writes, [changed.deckId], now);
		return changed;
	});
}

/** Suspended cards leave every queue until unsuspended; their progress is kept. */
export function setSuspended(db: FlashcardsDb, cardId: string, suspended: boolean, now = Date.now()): Promise<CardRecord> {
	return changeCard(db, cardId, suspended ? 'Suspending the card' : 'Unsuspending the card', (card) => suspendedCard(card, suspended), now);
}

/**
 * Forgets a card's progress: it is new again (its review history stays in the log, which gains a
 * reset entry on today's study day, so that a replay of the log forgets it too). A suspended or
 * retired card stays so: resetting is about progress, not about whether it is studied.
 */
export function resetCard(db: FlashcardsDb, cardId: string, now = Date.now(), onEntry?: (entry: ResetEntry) => void): Promise<CardRecord> {
	return writeTransaction(db, [...TODAY_STORES], 'Resetting the card', async (tx, writes) => {
		const [card, settings, device] = await Promise.all([
			tx.objectStore('cards').get(cardId),
			tx.objectStore('settings').get('study'),
			tx.objectStore('meta').get('installId') as Promise<string | undefined>
		]);
		if (!card) throw new Error('the card no longer exists');
		const reset: CardRecord = {
			...card,
			...newCardSnapshot(),
			status: card.status === 'retired' || card.status === 'suspended' ? card.status : 'new'
		};
		// FSRS's memory of the card is progress too (a deck on FSRS starts it afresh on its next answer).
		delete reset.fsrs;
		const { today } = studyDayAt(now, { ...defaultSettings, ...settings });
		const entry: ResetEntry = {
			kind: 'reset',
			cardId,
			deckId: card.deckId,
			time: now,
			studyDay: today,
			sessionId: '',
			device: device ?? '',
			before: snapshotOf(card),
			after: snapshotOf(reset)
		};
		const day = await tx.objectStore('log').get([card.deckId, today]);
		writes.push(tx.objectStore('cards').put(reset));
		writes.push(tx.objectStore('log').put(encodeDay(card.deckId, today, [...(day ? decodeEntries(day) : []), entry])));
		await keepToday(tx, writes, [card.deckId], now);
		onEntry?.(entry);
		return reset;
	});
}

/**
 * The learner's own wording of a card. It survives later updates of the page; if the page's
 * text changes after this, the card is flagged (pageChanged) so the learner can choose.
 */
export function editCard(db: FlashcardsDb, cardId: string, text: { front: string; back: string }, now = Date.now()): Promise<CardRecord> {
	const front = text.front.trim();
	const back = text.back.trim();
	if (!front || !back) return Promise.reject(new Error('A card needs text on both sides.'));
	return changeCard(db, cardId, 'Your edit', (card) => cardWithText(card, { front, back }, now), now);
}

/** Takes the page's newer text for an edited card, dropping the learner's wording. */
export function takePageText(db: FlashcardsDb, cardId: string, now = Date.now()): Promise<CardRecord> {
	return changeCard(db, cardId, 'The page text', (card) => cardWithText(card, card.generated, now), now);
}

/** Keeps the learner's wording and clears the flag. */
export function keepMyText(db: FlashcardsDb, cardId: string, now = Date.now()): Promise<CardRecord> {
	return changeCard(
		db,
		cardId,
		'Your text',
		(card) => {
			const { pageChanged: _dropped, ...rest } = card;
			return rest;
		},
		now
	);
}
