// The card browser: every card with the learner's search and filters (kept while they open a card
// and come back), and one card's page with its actions. Reads and writes go through db.
import {
	allCards,
	cardHistory,
	editCard,
	getCard,
	keepMyText,
	listDecks,
	resetCard,
	setSuspended,
	studyDayAt,
	takePageText,
	type CardRecord,
	type DeckRecord,
	type FlashcardsDb
} from '$lib/db';
import type { ReviewEntry } from '$lib/srs/types';
import { app } from './app.svelte';
import { filterCards, sortCards, type CardFilter } from '$lib/stats/browse-filter';
import { changes } from './changes.svelte';
import { journal } from './journal.svelte';
import { errorMessage } from '$lib/format/error';

/** Cards shown at first and added by each "Show more": enough to scroll, few enough to draw at once. */
export const PAGE_SIZE = 50;

class CardBrowser {
	cards = $state.raw<CardRecord[]>([]);
	decks = $state.raw<DeckRecord[]>([]);
	today = $state(0);
	loading = $state(true);
	error = $state('');
	filter = $state<CardFilter>({ query: '', deckId: '', state: '' });
	/** How many of the matching cards are drawn. */
	shown = $state(PAGE_SIZE);

	readonly matching = $derived(filterCards(this.cards, this.filter, this.today));
	readonly visible = $derived(this.matching.slice(0, this.shown));

	/** Reads every card again (an action on a card's page may have changed it). */
	async load(): Promise<void> {
		try {
			const db = await app.ready();
			const [cards, decks] = await Promise.all([allCards(db), listDecks(db)]);
			this.today = studyDayAt(Date.now(), app.settings).today;
			this.decks = decks;
			this.cards = sortCards(
				cards,
				decks.map((deck) => deck.id)
			);
			if (this.filter.deckId && !decks.some((deck) => deck.id === this.filter.deckId)) this.filter.deckId = '';
			this.error = '';
		} catch (error) {
			this.error = `The cards could not be read: ${errorMessage(error)}`;
		} finally {
			this.loading = false;
		}
	}

	/** Changes part of the filter and starts again from the first page of results. */
	setFilter(change: Partial<CardFilter>): void {
		Object.assign(this.filter, change);
		this.shown = PAGE_SIZE;
	}

	showMore(): void {
		this.shown += PAGE_SIZE;
	}

	deckTitle(deckId: string): string {
		return this.decks.find((deck) => deck.id === deckId)?.title ?? deckId;
	}
}

export const cardBrowser = new CardBrowser();

/** One card's page: its text, schedule and history, and what the learner can do to it. */
export class CardPage {
	readonly cardId: string;
	card = $state.raw<CardRecord | undefined>(undefined);
	deck = $state.raw<DeckRecord | undefined>(undefined);
	history = $state.raw<ReviewEntry[]>([]);
	today = $state(0);
	loading = $state(true);
	/** An action is being saved: the buttons wait for it. */
	busy = $state(false);
	error = $state('');
	/** What the last action did, said once it is saved. */
	done = $state('');

	constructor(cardId: string) {
		this.cardId = cardId;
	}

	async load(): Promise<void> {
		try {
			const db = await app.ready();
			const [card, history, decks] = await Promise.all([getCard(db, this.cardId), cardHistory(db, this.cardId), listDecks(db)]);
			this.today = studyDayAt(Date.now(), app.settings).today;
			this.card = card;
			this.history = history;
			this.deck = decks.find((deck) => deck.id === card?.deckId);
		} catch (error) {
			this.error = `This card could not be read: ${errorMessage(error)}`;
		} finally {
			this.loading = false;
		}
	}

	/** Runs one change, shows the card as saved, and lets the home counts follow. */
	async #change(change: (db: FlashcardsDb) => Promise<CardRecord>, done: string): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.error = '';
		this.done = '';
		try {
			const db = await app.ready();
			this.card = await change(db);
			changes.announce('edit');
			this.done = done;
		} catch (error) {
			this.error = errorMessage(error);
			return false;
		} finally {
			this.busy = false;
		}
		// The change is saved; if the counts cannot be read now, the home page reads them when it opens.
		await app.refresh().catch(() => {});
		return true;
	}

	setSuspended(suspended: boolean): Promise<boolean> {
		const change = { type: 'suspend', cardId: this.cardId, time: Date.now(), suspended } as const;
		return this.#change(
			(db) => journal.alongside(change, () => setSuspended(db, this.cardId, suspended)),
			suspended ? 'Suspended: this card is left out of reviews.' : 'Unsuspended: this card is back in reviews.'
		);
	}

	reset(): Promise<boolean> {
		const suspended = this.card?.status === 'suspended';
		return this.#change(
			(db) => journal.withEntry((onEntry) => resetCard(db, this.cardId, Date.now(), onEntry)),
			suspended ? 'Reset: this card is new again, and still suspended.' : 'Reset: this card is new again.'
		);
	}

	edit(text: { front: string; back: string }): Promise<boolean> {
		const now = Date.now();
		const [front, back] = [text.front.trim(), text.back.trim()];
		// A card without text on a side is refused by editCard: nothing to copy then.
		const write = (db: FlashcardsDb) => editCard(db, this.cardId, text, now);
		const change = { type: 'text', cardId: this.cardId, time: now, front, back } as const;
		return this.#change((db) => (front && back ? journal.alongside(change, () => write(db)) : write(db)), 'Saved.');
	}

	usePageText(): Promise<boolean> {
		const now = Date.now();
		const page = this.card?.generated;
		const write = (db: FlashcardsDb) => takePageText(db, this.cardId, now);
		return this.#change(
			(db) => (page ? journal.alongside({ type: 'text', cardId: this.cardId, time: now, ...page }, () => write(db)) : write(db)),
			'The card now has the page’s text.'
		);
	}

	keepMyText(): Promise<boolean> {
		return this.#change((db) => keepMyText(db, this.cardId), 'Your text is kept.');
	}
}
