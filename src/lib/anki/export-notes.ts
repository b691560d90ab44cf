// A deck of this app as Anki notes: what both exports (the package and the text file) start from.
// A glossary card is one note of this app's own note type, its plain text as HTML; a card imported
// from Anki goes back as its own note, of its own note type, with its original GUID and fields.
import type { LeechAction, LogEntry, ScheduledCard } from '$lib/srs/types';
import { escapeHtml, plainText } from './html';
import type { AnkiFace } from './import-package';
import { cardGuid } from './note-keys';
import type { AnkiMediaFile, AnkiNoteType } from './types';

/** A card as the device stores it, as far as an export reads it. */
export interface ExportCard extends ScheduledCard {
	front: string;
	back: string;
	/** Set for a card made from an Anki note. */
	anki?: AnkiFace;
	addedAt: number;
	editedAt?: number;
}

/** An Anki note as the device keeps it (db NoteRecord). */
export interface ExportNote {
	guid: string;
	noteTypeId: number;
	fields: string[];
	tags: string[];
	/** Epoch ms. */
	modified: number;
}

/** The settings an export carries into Anki's preset and collection. */
export interface ExportSettings {
	dayStartHour: number;
	newPerDay: number;
	reviewsPerDay: number;
	learningSteps: number[];
	relearningSteps: number[];
	maximumInterval: number;
	desiredRetention: number;
	leechAction: LeechAction;
}

/** Everything the device has of one deck, read for an export (db/export.ts). */
export interface ExportDeck {
	deck: { id: string; title: string; createdAt: number; updatedAt: number };
	cards: ExportCard[];
	/** The deck's whole log: answers, undos and resets. */
	log: LogEntry[];
	/** The Anki notes its cards come from. */
	notes: ExportNote[];
	noteTypes: AnkiNoteType[];
	media: AnkiMediaFile[];
	settings: ExportSettings;
	/** The deck's own daily limits, where it has any. */
	deckOptions: { newPerDay?: number; reviewsPerDay?: number };
}

export interface ExportOptions {
	/** Cards keep their schedule and the log goes with them; without, every card is new. */
	includeProgress: boolean;
	/** Epoch ms: the collection's modification time. */
	now: number;
}

/** The deck has no card to export (every card of it retired by updates of its page). */
export class NothingToExport extends Error {
	constructor() {
		super('This deck has no cards to export.');
		this.name = 'NothingToExport';
	}
}

/** This app's note type: a glossary card's two sides. Its id and time never change, so Anki keeps one. */
export const GLOSSARY_NOTE_TYPE: AnkiNoteType = {
	id: 1_735_689_600_000,
	name: 'Glossary Flashcards',
	kind: 'normal',
	fields: ['Front', 'Back'],
	templates: [{ name: 'Card 1', ord: 0, question: '{{Front}}', answer: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }],
	css: '.card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: left;\n    color: black;\n    background-color: white;\n}\n'
};
/** When GLOSSARY_NOTE_TYPE last changed, in seconds: Anki takes a note type's newer templates. */
export const GLOSSARY_NOTE_TYPE_MODIFIED = 1_735_689_600;

export interface ExportedNote {
	guid: string;
	noteType: AnkiNoteType;
	/** Field values as HTML. */
	fields: string[];
	/** Plain text of each field, for the text export. */
	text: string[];
	tags: string[];
	/** Seconds. */
	modified: number;
	/** Its cards in this deck, each with its template number. */
	cards: { card: ExportCard; ord: number }[];
}

/** A side's plain text as a field's HTML: escaped, its line breaks as <br>. */
export function textAsHtml(text: string): string {
	return escapeHtml(text.normalize('NFC')).replace(/\r?\n/g, '<br>');
}

const isLeechTag = (tag: string) => tag.toLowerCase() === 'leech';

/**
 * The deck's notes, in the order their first cards are introduced, each with its cards (retired
 * cards are no longer in the deck; NothingToExport when none is left). With progress, a note whose card is a leech here gets Anki's
 * "leech" tag; without, the tag goes, as Anki's own export without scheduling drops it.
 */
export async function exportedNotes(deck: ExportDeck, includeProgress: boolean): Promise<ExportedNote[]> {
	const cards = deck.cards
		.filter((card) => card.status !== 'retired')
		.sort((a, b) => a.newOrder - b.newOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	if (cards.length === 0) throw new NothingToExport();
	const notesByGuid = new Map(deck.notes.map((note) => [note.guid, note]));
	const noteTypes = new Map(deck.noteTypes.map((type) => [type.id, type]));
	const notes = new Map<string, ExportedNote>();
	// Every GUID a card's own note needs, at once: a digest each, thousands in a deck.
	const guids = await Promise.all(cards.map((card) => (card.anki && notesByGuid.has(card.anki.note) ? undefined : cardGuid(card.id))));
	for (const [i, card] of cards.entries()) {
		const stored = card.anki && notesByGuid.get(card.anki.note);
		const noteType = stored && noteTypes.get(stored.noteTypeId);
		if (card.anki && stored && noteType) {
			let note = notes.get(stored.guid);
			if (!note) {
				const fields = noteType.fields.map((_, i) => stored.fields[i] ?? '');
				note = {
					guid: stored.guid,
					noteType,
					fields,
					text: fields.map(plainText),
					tags: [...stored.tags],
					modified: Math.floor(stored.modified / 1000),
					cards: []
				};
				notes.set(stored.guid, note);
			}
			note.cards.push({ card, ord: card.anki.ord });
			continue;
		}
		// A glossary card, or an Anki card whose note is gone: its text is the note.
		const guid = guids[i] ?? (await cardGuid(card.id));
		notes.set(guid, {
			guid,
			noteType: GLOSSARY_NOTE_TYPE,
			fields: [textAsHtml(card.front), textAsHtml(card.back)],
			text: [card.front, card.back],
			tags: [],
			modified: Math.floor(Math.max(card.addedAt, card.editedAt ?? 0, deck.deck.updatedAt) / 1000),
			cards: [{ card, ord: 0 }]
		});
	}
	for (const note of notes.values()) {
		const leech = note.cards.some(({ card }) => card.leech);
		note.tags = note.tags.filter((tag) => includeProgress || !isLeechTag(tag));
		if (includeProgress && leech && !note.tags.some(isLeechTag)) note.tags.push('leech');
	}
	return [...notes.values()];
}
