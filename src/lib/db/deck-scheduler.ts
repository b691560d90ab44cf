// Which scheduler each deck uses: small reads the review screen and the answers need, apart from
// the switch (db/scheduler.ts), which brings the deck writes with it.
import type { SchedulerName } from '$lib/srs/fsrs-options';
import type { DeckOptions } from '$lib/srs/today';
import type { Settings } from '$lib/srs/types';
import type { DeckRecord, FlashcardsDb } from './schema';

/** The scheduler a deck uses: its own choice, else the one in Settings. */
export function deckScheduler(deck: Pick<DeckRecord, 'scheduler'>, settings: Pick<Settings, 'scheduler'>): SchedulerName {
	return deck.scheduler ?? settings.scheduler;
}

/** Every deck's scheduler, by deck id. */
export async function deckSchedulers(db: FlashcardsDb, settings: Pick<Settings, 'scheduler'>): Promise<Map<string, SchedulerName>> {
	const schedulers = new Map<string, SchedulerName>();
	for (const deck of await db.getAll('decks')) schedulers.set(deck.id, deckScheduler(deck, settings));
	return schedulers;
}

/** Every deck's own options: limits, fitted FSRS parameters (decks missing here follow the settings). */
export async function readDeckOptions(db: FlashcardsDb): Promise<Record<string, DeckOptions>> {
	return ((await db.get('meta', 'deckOptions')) as Record<string, DeckOptions> | undefined) ?? {};
}
