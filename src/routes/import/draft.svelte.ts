// The "Add a glossary" page's draft: the pasted, shared or chosen page, the deck it would make
// (previewed as the learner types), and saving it as a new deck or as an update of the deck with the same id.
// A formatted page (the text/html of a paste, a saved .html file) is read by its HTML, parsed inertly
// by the browser's DOMParser: its document has no browsing context, so nothing in it runs or loads.
import { deckCards, deckChanges, saveDeck, type DeckChanges } from '$lib/db';
import type { Deck } from '$lib/glossary';
import { app } from '$lib/state/app.svelte';
import { DeckMaker, NoDeck } from './make-deck';
import { groupByKind, type KindGroup } from './preview';
import { isHtmlFile, readShare } from './share';
import { changes as otherTabs } from '$lib/state/changes.svelte';
import { errorMessage } from '$lib/format/error';

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

/** A formatted page the deck is read from instead of the text box's plain text. */
export interface FormattedPage {
	html: string;
	/** A rich-text paste, or a saved page chosen in `Glossary file` (its name). */
	from: { paste: true } | { file: string };
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
	/** Set while the deck is read from a formatted page rather than from the text box. */
	formatted = $state.raw<FormattedPage | undefined>(undefined);
	/** False when the learner chose the plain text of a formatted paste instead. */
	useFormatted = $state(true);
	/** The page's address, from a share: saved as the deck's source link. */
	sourceUrl = $state<string | undefined>(undefined);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#run = 0;
	#maker = new DeckMaker();

	/** The learner typed or pasted: preview again shortly. The text box is now what counts. */
	edited(): void {
		this.saved = undefined;
		this.formatted = undefined;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.refresh(), PREVIEW_DELAY_MS);
	}

	/** A paste that carried the formatted page (text/html): the deck is read from it, its plain text shown. */
	async pasted(html: string, plain: string): Promise<void> {
		this.saved = undefined;
		this.source = plain;
		this.formatted = { html, from: { paste: true } };
		this.useFormatted = true;
		await this.refresh();
	}

	/** Switches between the formatted page and the plain text of the same paste. */
	async readFormatted(use: boolean): Promise<void> {
		this.useFormatted = use;
		await this.refresh();
	}

	/** A page shared from another app (the manifest's share_target): its text, and its address as the source link. */
	async shared(params: URLSearchParams): Promise<void> {
		const share = readShare(params);
		if (share.text.trim() === '' && !share.sourceUrl) return;
		this.saved = undefined;
		this.formatted = undefined;
		this.source = share.text;
		this.sourceUrl = share.sourceUrl;
		if (share.text.trim() === '') {
			this.error = 'The share brought a link but no text. In the browser, select the text of the glossary page, then share it.';
			return;
		}
		await this.refresh();
	}

	async load(file: File): Promise<void> {
		this.saved = undefined;
		this.failure = '';
		let text: string;
		try {
			text = await file.text();
		} catch {
			this.failure = `The file “${file.name}” could not be read. Choose it again, or paste its text.`;
			return;
		}
		if (isHtmlFile(file)) {
			this.formatted = { html: text, from: { file: file.name } };
			this.useFormatted = true;
			this.source = '';
		} else {
			this.formatted = undefined;
			this.source = text;
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
		const formatted = this.useFormatted ? this.formatted : undefined;
		if (!saving && !formatted && this.source.trim() === '') {
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
		// HTML source pasted as text (a page's "view source") is read as the page it describes.
		const html = formatted?.html ?? (glossary.looksLikeHtml(this.source) ? this.source : undefined);
		const source = html === undefined ? this.source : glossary.htmlToText(new DOMParser().parseFromString(html, 'text/html'));
		// A saved page shows its text in the box, so the learner sees what the cards are made from.
		if (formatted && 'file' in formatted.from) this.source = source;
		let deck: Deck;
		try {
			deck = await this.#maker.make(source, glossary);
		} catch (error) {
			if (run !== this.#run) return undefined;
			this.preview = undefined;
			this.error = error instanceof NoDeck ? error.message : 'This text could not be turned into cards.';
			return undefined;
		}
		if (run !== this.#run) return undefined;
		let update: Preview['update'];
		try {
			const db = await app.ready();
			const existing = app.decks.find((d) => d.id === deck.id);
			if (existing) update = { title: existing.title, changes: deckChanges(await deckCards(db, deck.id), deck) };
		} catch (error) {
			this.failure = errorMessage(error);
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
			const changes = await saveDeck(db, preview.deck, preview.source, { now: Date.now(), bundled: false, sourceUrl: this.sourceUrl });
			otherTabs.announce('import');
			await app.refresh();
			const { deck } = preview;
			this.saved = { id: deck.id, title: deck.title, cards: deck.cards.length, changes: preview.update ? changes : undefined };
			if (this.source === preview.source || this.formatted) {
				this.source = '';
				this.preview = undefined;
				this.formatted = undefined;
				this.sourceUrl = undefined;
			}
			return true;
		} catch (error) {
			this.failure = errorMessage(error);
			return false;
		} finally {
			this.saving = false;
		}
	}

	dispose(): void {
		clearTimeout(this.#timer);
		this.#maker.dispose();
	}
}
