// The first card of a deck's session as the service worker reads it, to write into the review
// page before the app starts: the deck's today (db/today.ts), one record, which the review screen
// counts from too, plus what else the screen's first paint shows (the deck's title, the theme).
import type { TodayCounts } from '$lib/srs/today';
import type { Settings } from '$lib/srs/types';
import type { FlashcardsDb } from './schema';
import { readToday } from './today';

export interface FirstCard {
	deckId: string;
	/** The deck's title, as the screen's heading shows it. */
	title: string;
	/** Undefined when today's session is done. */
	card: { id: string; front: string } | undefined;
	/** The header's three numbers, as Anki splits them: `N new`, `N again today`, `N due`. */
	counts: TodayCounts;
	/** The header's `N left`. */
	left: number;
	/** More cards wait today than `left` counts (`N+ left`). */
	leftMore: boolean;
	settings: Pick<Settings, 'theme'>;
}

/** Undefined when the deck does not exist. */
export async function readFirstCard(db: FlashcardsDb, deckId: string, now: number): Promise<FirstCard | undefined> {
	const today = await readToday(db, [deckId], now);
	const day = today.decks[0];
	if (!day) return undefined;
	return {
		deckId,
		title: day.title,
		card: day.first,
		counts: day.counts,
		left: day.left,
		leftMore: day.leftMore,
		settings: { theme: today.settings.theme }
	};
}
