// Today's cards for the review screen, read through the indexes. Apart from study.ts, whose home
// counts are in the first load: this part loads with the review screen.
import { studyDayAt } from '$lib/srs/days';
import type { QueueInput, StudiedToday } from '$lib/srs/queue';
import type { Settings } from '$lib/srs/types';
import type { CardRecord, FlashcardsDb } from './schema';
import { dayOptions, deckToday, firstOfToday, STUDY_PAGE } from './study';

// Kept here too: the review screen's tests reached it here before the day's summary needed it.
export { STUDY_PAGE } from './study';

/**
 * What today's queue is built from, read through the indexes so that only today's cards are
 * loaded, never the whole collection: per deck the same-day repeats, then the first due reviews
 * (in queue order) and the next new cards, as many as the daily limits still allow and at most
 * `page` of each. `complete` says nothing was left out: buildQueue over these cards gives the
 * same session as over every card. When it is false, the cards loaded are the first of that
 * session, and the rest come with the next load.
 */
export async function loadStudy(
	db: FlashcardsDb,
	deckIds: string[] | null,
	now: number,
	settings: Settings,
	page = STUDY_PAGE
): Promise<QueueInput & { cards: CardRecord[]; complete: boolean }> {
	const { today, todayStartMs } = studyDayAt(now, settings);
	const tx = db.transaction(['decks', 'cards', 'log', 'meta'], 'readonly');
	const [ids, options] = await Promise.all([deckIds ?? tx.objectStore('decks').getAllKeys(), dayOptions(tx, today)]);
	const answeredToday: CardRecord[] = [];
	const dueIndex = tx.objectStore('cards').index('byDeckStatusDue');
	const newIndex = tx.objectStore('cards').index('byDeckStatusOrder');
	const cards: CardRecord[] = [];
	const studied = new Map<string, StudiedToday>();
	let complete = true;
	await Promise.all(
		ids.map(async (deckId) => {
			const deck = await deckToday(tx, deckId, today, todayStartMs, settings, options);
			studied.set(deckId, deck.studied);
			answeredToday.push(...deck.answered);
			const first = await firstOfToday(
				deck,
				deckId,
				today,
				page,
				(which, range, count) => (which === 'due' ? dueIndex : newIndex).getAll(range, count),
				(card) => card.id
			);
			if (first.moreDue || first.moreNew) complete = false;
			cards.push(...deck.repeats, ...first.due, ...first.ahead, ...first.fresh);
		})
	);
	return {
		cards,
		today,
		todayStartMs,
		settings,
		studied,
		complete,
		deckOptions: options.deckOptions,
		studyMore: options.studyMore,
		buried: options.buried,
		...(settings.buryRelated ? { bury: { answeredToday } } : {})
	};
}
