// A deck's own scheduler, chosen on its options: the switch (db/scheduler) and ts-fsrs load only then.
import type { SchedulerName } from '$lib/srs/fsrs-options';
import { app } from './app.svelte';
import { changes } from './changes.svelte';

/** Gives the deck its own scheduler (`undefined`: follow Settings), switching its cards with it. */
export async function chooseDeckScheduler(deckId: string, choice: SchedulerName | undefined): Promise<void> {
	const db = await app.ready();
	const { setDeckScheduler } = await import('$lib/db/scheduler');
	await setDeckScheduler(db, deckId, choice, $state.snapshot(app.settings));
	// Other tabs read the switched cards again.
	changes.announce('edit');
	await app.refresh();
}
