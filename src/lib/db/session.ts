// What one study session did, read back from the log so it survives a reload.
import { decodeDay } from './log-codec';
import type { Settings } from '$lib/srs/types';
import type { DeckOptions } from '$lib/srs/queue';
import type { FlashcardsDb } from './schema';
import { dueRange, newCards } from './study';

export interface SessionSummary {
	answered: number;
	/** Sum of the time taken per answer. */
	spentMs: number;
}

export async function sessionSummary(db: FlashcardsDb, sessionId: string): Promise<SessionSummary> {
	const records = await db.getAllFromIndex('log', 'bySession', sessionId);
	const entries = records.flatMap(decodeDay).filter((entry) => entry.sessionId === sessionId);
	return { answered: entries.length, spentMs: entries.reduce((sum, entry) => sum + entry.tookMs, 0) };
}

/** What tomorrow's session holds, said apart as Anki does: "12 reviews and 10 new tomorrow". */
export interface Tomorrow {
	reviews: number;
	new: number;
}

/**
 * Cards that tomorrow's session will hold: per deck the reviews due by then and the next new
 * cards, each within its daily limit (the deck's own, where it has one). Only keys are read, no more than the limits allow, so the
 * end of a session costs the same with a hundred cards due or ninety thousand.
 */
export async function dueTomorrow(
	db: FlashcardsDb,
	today: number,
	limits: Pick<Settings, 'newPerDay' | 'reviewsPerDay'>,
	deckIds: string[] | null
): Promise<Tomorrow> {
	const tx = db.transaction(['decks', 'cards', 'meta'], 'readonly');
	const [ids, options] = await Promise.all([
		deckIds ?? tx.objectStore('decks').getAllKeys(),
		tx.objectStore('meta').get('deckOptions') as Promise<Record<string, DeckOptions> | undefined>
	]);
	const due = tx.objectStore('cards').index('byDeckStatusDue');
	const order = tx.objectStore('cards').index('byDeckStatusOrder');
	const counts = await Promise.all(
		ids.map(async (deckId) => {
			const own = options?.[deckId];
			const reviewsPerDay = own?.reviewsPerDay ?? limits.reviewsPerDay;
			const newPerDay = own?.newPerDay ?? limits.newPerDay;
			const [reviews, unseen] = await Promise.all([
				reviewsPerDay > 0 ? due.getAllKeys(dueRange(deckId, 'review', -Infinity, today + 1), reviewsPerDay) : [],
				newPerDay > 0 ? order.getAllKeys(newCards(deckId), newPerDay) : []
			]);
			return { reviews: reviews.length, new: unseen.length };
		})
	);
	return counts.reduce((sum, count) => ({ reviews: sum.reviews + count.reviews, new: sum.new + count.new }), { reviews: 0, new: 0 });
}
