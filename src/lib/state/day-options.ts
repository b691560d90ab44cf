// The screens' way to Study more, set a deck's own limits and bury a card: the db writes, then the
// counts read again and the other tabs told. Loaded when first used, never with the first screen.
import { askStudyMore, buryCard, readDeckOptions, saveDeckOptions, unburyCard } from '$lib/db/day-options';
import type { StudyMoreAsk } from '$lib/srs/day-options';
import type { DeckOptions } from '$lib/srs/queue';
import { app } from './app.svelte';
import { changes } from './changes.svelte';
import { journal } from './journal.svelte';
import { studyDayAt } from '$lib/srs/days';
import { syncIsOn } from '$lib/platform/sync-account';

export { DayOptionsError } from '$lib/srs/day-options';

/** Records `Study more` for today in `deckId`; the session that follows reads it. */
export async function studyMore(deckId: string, ask: StudyMoreAsk): Promise<void> {
	await askStudyMore(await app.ready(), deckId, Date.now(), app.settings, ask);
	changes.announce('edit');
	app.refresh().catch(() => {});
}

/** A deck's own limits (empty: it follows the settings). */
export async function deckOptionsOf(deckId: string): Promise<DeckOptions> {
	return (await readDeckOptions(await app.ready()))[deckId] ?? {};
}

export async function setDeckOptions(deckId: string, options: DeckOptions): Promise<DeckOptions> {
	const saved = await saveDeckOptions(await app.ready(), deckId, options);
	changes.announce('edit');
	await app.refresh();
	// A notice of these options lost to another device's is out of date once they are saved again.
	if (syncIsOn()) void import('./sync-notices.svelte').then(({ syncNotices }) => syncNotices.prune().catch(() => {}));
	return saved;
}

/** Buries a card until the next study day. */
export async function bury(cardId: string): Promise<void> {
	const now = Date.now();
	const db = await app.ready();
	const studyDay = studyDayAt(now, app.settings).today;
	await journal.alongside({ type: 'bury', cardId, time: now, studyDay, buried: true }, () => buryCard(db, cardId, now, app.settings));
	changes.announce('edit');
}

/** Undoes a burial made today: the card comes back into today's sessions. */
export async function unbury(cardId: string): Promise<void> {
	const now = Date.now();
	const db = await app.ready();
	const studyDay = studyDayAt(now, app.settings).today;
	await journal.alongside({ type: 'bury', cardId, time: now, studyDay, buried: false }, () => unburyCard(db, cardId, now, app.settings));
	changes.announce('edit');
}
