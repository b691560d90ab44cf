// An Anki collection as plain data, whichever of Anki's formats it came in (schema 11 with its JSON
// in `col`, or schema 18 with tables and protobuf): what the import reads, and what an export writes.

/** The three package formats (see the samples' README): which collection file the zip holds. */
export type PackageFormat = 'anki2' | 'anki21' | 'anki21b';

export interface AnkiTemplate {
	name: string;
	/** The card number within its note type, from 0. */
	ord: number;
	/** The front's template ("qfmt"). */
	question: string;
	/** The back's template ("afmt"). */
	answer: string;
}

export interface AnkiNoteType {
	id: number;
	name: string;
	/** A cloze note type makes one card per cloze number; a normal one, one per template. */
	kind: 'normal' | 'cloze';
	/** Field names, in field order (the order of a note's values). */
	fields: string[];
	templates: AnkiTemplate[];
	css: string;
}

export interface AnkiDeck {
	id: number;
	/** The full name, levels joined by "::" ("French::Verbs"). */
	name: string;
	/** A filtered deck holds cards lent from their home decks (card.originalDeckId). */
	filtered: boolean;
}

export interface AnkiNote {
	id: number;
	/** Stable across exports of the same note: what an update finds it by. */
	guid: string;
	noteTypeId: number;
	/** When the note was last changed, in seconds. */
	modified: number;
	tags: string[];
	/** Field values (HTML), in the note type's field order. */
	fields: string[];
}

export interface AnkiCard {
	id: number;
	noteId: number;
	deckId: number;
	/** The template (normal) or cloze number minus 1 (cloze). */
	ord: number;
	/** 0 new, 1 learning, 2 review, 3 relearning. */
	type: number;
	/** -3 and -2 buried, -1 suspended, 0 new, 1 learning, 2 review, 3 day-learning, 4 preview. */
	queue: number;
	/** New: position; learning: epoch seconds; review and day-learning: days since the collection began. */
	due: number;
	/** Days. */
	interval: number;
	/** Ease in thousandths (2500 is 2.5); 0 for new cards. */
	factor: number;
	reps: number;
	lapses: number;
	/** In a filtered deck: the due and deck it goes back to. */
	originalDue: number;
	originalDeckId: number;
	/** JSON: FSRS's memory state ("s", "d"), desired retention, the original position. */
	data: string;
}

export interface AnkiReview {
	/** When it was answered, in epoch milliseconds (Anki's revlog id). */
	id: number;
	cardId: number;
	/** 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a change made by hand (no answer). */
	ease: number;
	/** Days when positive, seconds when negative. */
	interval: number;
	lastInterval: number;
	factor: number;
	/** Milliseconds taken to answer. */
	time: number;
	/** 0 learn, 1 review, 2 relearn, 3 filtered (cram), 4 manual, 5 rescheduled. */
	type: number;
}

/** When the collection's day 0 was, and when its days begin, to place review due days on a calendar. */
export interface AnkiClock {
	/** The collection's creation time, in epoch seconds. */
	created: number;
	/** Minutes west of UTC where the collection was made (as JavaScript's getTimezoneOffset), if known. */
	creationOffset?: number;
	/** The local hour a new day begins in Anki. */
	rollover: number;
}

export interface AnkiCollection {
	/** 11 (JSON in `col`) or 18 (tables and protobuf). */
	schema: number;
	/** 1 for Anki 2.0's scheduler, whose learning answers had three buttons; 2 for later ones. */
	schedulerVersion: number;
	clock: AnkiClock;
	noteTypes: Map<number, AnkiNoteType>;
	decks: Map<number, AnkiDeck>;
	notes: AnkiNote[];
	cards: AnkiCard[];
	reviews: AnkiReview[];
}

export interface AnkiMediaFile {
	/** The name notes use for it (`<img src="…">`, `[sound:…]`). */
	name: string;
	data: Uint8Array;
}

/** What a package holds, read: its collection and its media. */
export interface AnkiPackage {
	format: PackageFormat;
	collection: AnkiCollection;
	media: AnkiMediaFile[];
}

/** Why a file cannot be imported, worded for the learner; nothing has been written. */
export class AnkiPackageError extends Error {
	constructor(
		message: string,
		readonly reason: 'not-zip' | 'not-package' | 'damaged' | 'newer' | 'empty'
	) {
		super(message);
		this.name = 'AnkiPackageError';
	}
}
