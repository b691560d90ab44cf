// A deck's scheduler choice, stored with the switch of its cards in one transaction (srs/fsrs-switch).
import type { SchedulerName } from '$lib/srs/fsrs-options';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import type { Settings } from '$lib/srs/types';
import { deckRange } from './decks';
import { StorageError } from './database';
import { decodeEntries } from './log-codec';
import type { CardRecord, DeckRecord, FlashcardsDb } from './schema';
import { writeTransaction } from './write';

/** The scheduler a deck uses: its own choice, else the one in Settings. */
export function deckScheduler(deck: Pick<DeckRecord, 'scheduler'>, settings: Pick<Settings, 'scheduler'>): SchedulerName {
	return deck.scheduler ?? settings.scheduler;
}

/**
 * Gives a deck its own scheduler (`undefined`: follow Settings again). When that changes the
 * scheduler it uses, every answered card gets the state the other scheduler would have given it
 * from its log, in the same transaction as the choice, so a deck is never half switched. The log
 * is not touched. Resolves with the deck as stored.
 */
export async function setDeckScheduler(
	db: FlashcardsDb,
	deckId: string,
	choice: SchedulerName | undefined,
	settings: Settings
): Promise<DeckRecord> {
	// Loaded before the transaction opens: an await on anything but its requests would end it.
	const [{ FsrsScheduler }, { planSchedulerSwitch }] = await Promise.all([import('$lib/srs/fsrs'), import('$lib/srs/fsrs-switch')]);
	const fsrs = new FsrsScheduler(fsrsOptionsOf(settings));
	return writeTransaction(db, ['decks', 'cards', 'log'], 'The scheduler of this deck', async (tx, writes) => {
		const deck = await tx.objectStore('decks').get(deckId);
		if (!deck) throw new StorageError('This deck no longer exists.', 'unknown');
		const from = deckScheduler(deck, settings);
		const updated: DeckRecord = { ...deck };
		if (choice === undefined) delete updated.scheduler;
		else updated.scheduler = choice;
		const to = deckScheduler(updated, settings);
		if (to !== from) {
			const [cards, records] = await Promise.all([
				tx.objectStore('cards').index('byDeckStatusOrder').getAll(deckRange(deckId)),
				tx.objectStore('log').getAll(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity]))
			]);
			const log = records.flatMap(decodeEntries);
			const planned = planSchedulerSwitch(cards, log, to, fsrs, settings.dayStartHour) as CardRecord[];
			for (const [i, card] of planned.entries()) if (card !== cards[i]) writes.push(tx.objectStore('cards').put(card));
		}
		writes.push(tx.objectStore('decks').put(updated));
		return updated;
	});
}
