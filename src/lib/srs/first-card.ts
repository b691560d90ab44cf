// What the review screen shows from a session queue: the card, the header's counts and how many
// are left. The screen (state/review.svelte.ts) and the service worker, which writes the first
// card into the page before the app starts, both take it from here, so the two cannot disagree.
import { buildQueue, pickNext, type QueueInput, type SessionQueue } from './queue';
import type { CardSchedule } from './types';

export interface ShownCard<C = CardSchedule> {
	/** Undefined when today's session is done. */
	card: C | undefined;
	/** The header's three numbers, as Anki splits them: `N new`, `N again today`, `N due`. */
	counts: { new: number; again: number; due: number };
	/** The header's `N left`. */
	left: number;
}

/** The card to show from `queue` (never the one just answered while another waits) and the header. */
export function shownFrom<C extends CardSchedule>(queue: SessionQueue, justAnsweredId?: string): ShownCard<C> {
	return {
		card: pickNext(queue, justAnsweredId) as C | undefined,
		counts: { new: queue.counts.new, again: queue.counts.repeats, due: queue.counts.due },
		left: queue.cards.length
	};
}

/** What a session opened on `input` shows first. */
export function firstCard<C extends CardSchedule>(input: QueueInput & { cards: C[] }): ShownCard<C> {
	return shownFrom<C>(buildQueue(input));
}
