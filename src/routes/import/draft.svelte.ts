// The "Add a glossary" page's draft: the pasted page, the deck it would make (previewed as the
// learner types), and saving it as a new deck or as an update of the deck with the same id.
import { deckCards, deckChanges, saveDeck, type DeckChanges } from '$lib/db';
import type { Deck } from '$lib/glossary';
import { app } from '$lib/state/app.svelte';
import { groupByKind, type KindGroup } from './preview';
import { changes as otherTabs } from '$lib/state/changes.svelte';

/** Long enough to skip the keystrokes of a word; a 2 MB page still previews at once after a paste. */
const PREVIEW_DELAY_MS = 200;

/** Loaded on first use, so the generator is not part of the home page's first load. */
const loadGlossary = () => import('$lib/glossary');

export interface Preview {
	/** The text the deck was made from: what is saved, even if the learner typed on since. */
	source: string;
	deck: Deck;
	groups: KindGroup[];
	/** Set when a deck with this id exists: saving updates it in place. */
	update?: { title: string; changes: DeckChanges };
}

export interface SavedDeck {
	id: string;
	title: string;
	cards: number;
	/** Set when an existing deck was updated. */
	changes?: DeckChanges;
}

export class GlossaryDraft {
	source = $state('');
	preview = $state.raw<Preview | undefined>(undefined);
	/** Why the text makes no deck (the generator's GlossaryError), shown by the text box. */
	error = $state('');
	/** Why saving or reading failed (storage full, unreadable file); nothing was saved. */
	failure = $state('');
	saving = $state(false);
	saved = $state.raw<SavedDeck | undefined>(undefined);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#run = 0;

	/** The learner typed or pasted: preview again shortly. */
	edited(): void {
		this.saved = undefined;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.refresh(), PREVIEW_DELAY_MS);
	}

	async load(file: File): Promise<void> {
		this.saved = undefined;
		this.failure = '';
		try {
			this.source = await file.text();
		} catch {
			this.failure = `The file “${file.name}” could not be read. Choose it again, or paste its text.`;
			return;
		}
		await this.refresh();
	}

	/**
	 * Makes the deck from the current text. An empty text clears the preview quietly while
	 * typing; `saving` asks for the generator's own message ("The page is empty: ...").
	 */
	async refresh(saving = false): Promise<Preview | undefined> {
		clearTimeout(this.#timer);
		const run = ++this.#run;
		const source = this.source;
		if (!saving && source.trim() === '') {
			this.preview = undefined;
			this.error = '';
			return undefined;
		}
		let glossary: Awaited<ReturnType<typeof loadGlossary>>;
		try {
			glossary = await loadGlossary();
		} catch {
			this.failure = 'The card maker could not be loaded. Reload the page, then try again.';
			return undefined;
		}
		let deck: Deck;
		try {
			deck = glossary.generateDeck(source);
		} catch (error) {
			if (run !== this.#run) return undefined;
			this.preview = undefined;
			this.error = error instanceof glossary.GlossaryError ? error.message : 'This text could not be turned into cards.';
			return undefined;
		}
		let update: Preview['update'];
		try {
			const db = await app.ready();
			const existing = app.decks.find((d) => d.id === deck.id);
			if (existing) update = { title: existing.title, changes: deckChanges(await deckCards(db, deck.id), deck) };
		} catch (error) {
			this.failure = error instanceof Error ? error.message : String(error);
			return undefined;
		}
		if (run !== this.#run) return undefined;
		this.error = '';
		this.failure = '';
		this.preview = { source, deck, groups: groupByKind(deck.cards, glossary.cardKindLabel), update };
		return this.preview;
	}

	/** Saves the deck the current text makes; the text box is emptied once it is saved. */
	async save(): Promise<boolean> {
		if (this.saving) return false;
		this.saving = true;
		this.failure = '';
		this.saved = undefined;
		try {
			const preview = await this.refresh(true);
			if (!preview) return false;
			const db = await app.ready();
			// A page the learner brings is theirs: a later app version no longer replaces it.
			const changes = await saveDeck(db, preview.deck, preview.source, { now: Date.now(), bundled: false });
			otherTabs.announce('import');
			await app.refresh();
			const { deck } = preview;
			this.saved = { id: deck.id, title: deck.title, cards: deck.cards.length, changes: preview.update ? changes : undefined };
			if (this.source === preview.source) {
				this.source = '';
				this.preview = undefined;
			}
			return true;
		} catch (error) {
			this.failure = error instanceof Error ? error.message : String(error);
			return false;
		} finally {
			this.saving = false;
		}
	}

	dispose(): void {
		clearTimeout(this.#timer);
	}
}
