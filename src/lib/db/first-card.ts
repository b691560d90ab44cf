// The first card of a deck's session as the service worker reads it, to write into the review
// page before the app starts: the same reads (loadStudy) and the same pick (srs/first-card) as
// the review screen, plus what else the screen's first paint shows (the deck's title, the theme).
import { firstCard, type ShownCard } from '$lib/srs/first-card';
import type { Settings } from '$lib/srs/types';
import type { FlashcardsDb } from './schema';
import { loadSettings } from './settings';
import { loadStudy } from './study-session';

export interface FirstCard extends ShownCard<{ id: string; front: string }> {
	deckId: string;
	/** The deck's title, as the screen's heading shows it. */
	title: string;
	/** More cards wait today than `left` counts (`N+ left`). */
	leftMore: boolean;
	settings: Pick<Settings, 'theme'>;
}

/** Undefined when the deck does not exist. */
export async function readFirstCard(db: FlashcardsDb, deckId: string, now: number): Promise<FirstCard | undefined> {
	// Every read here is time the page may wait (up to the worker's limit): none waits for another it needs not.
	const [deck, settings] = await Promise.all([db.get('decks', deckId), loadSettings(db)]);
	if (!deck) return undefined;
	const input = await loadStudy(db, [deckId], now, settings);
	const shown = firstCard(input);
	return {
		...shown,
		card: shown.card && { id: shown.card.id, front: shown.card.front },
		deckId,
		title: deck.title,
		leftMore: !input.complete,
		settings: { theme: settings.theme }
	};
}
