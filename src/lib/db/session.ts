// What one study session did, read back from the log so it survives a reload.
import { decodeDay } from './log-codec';
import type { FlashcardsDb } from './schema';
import { dueRange } from './study';

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

/** Cards that tomorrow's session will hold: reviews due then, and the next new cards within the limit. */
export async function dueTomorrow(db: FlashcardsDb, today: number, newPerDay: number, deckIds: string[] | null): Promise<number> {
	const tx = db.transaction(['decks', 'cards'], 'readonly');
	const ids = deckIds ?? (await tx.objectStore('decks').getAllKeys());
	const index = tx.objectStore('cards').index('byDeckStatusDue');
	const counts = await Promise.all(
		ids.map(async (deckId) => {
			const [reviews, unseen] = await Promise.all([
				index.count(dueRange(deckId, 'review', -Infinity, today + 1)),
				index.count(IDBKeyRange.bound([deckId, 'new', -Infinity], [deckId, 'new', Infinity, Infinity]))
			]);
			return reviews + Math.min(unseen, newPerDay);
		})
	);
	return counts.reduce((sum, count) => sum + count, 0);
}
