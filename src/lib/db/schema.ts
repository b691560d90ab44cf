// The shape of the learner's database: stores, indexes and the migration steps between versions.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { AnkiFace } from '$lib/anki/import-package';
import type { AnkiNoteType } from '$lib/anki/types';
import type { CardDraft } from '$lib/glossary';
import type { SchedulerName } from '$lib/srs/fsrs-options';
import type { ScheduledCard } from '$lib/srs/fsrs-switch';
import type { Buried, DeckOptions, StudyMore } from '$lib/srs/today';
import type { CardStatus, Settings } from '$lib/srs/types';
import type { LogDayRecord } from './log-codec';

export const DATABASE_NAME = 'glossary-flashcards';

/**
 * The schema version. WARNING: changing a store or an index without adding a migration step
 * below (and a fixture database of the released version, upgraded in schema.test.ts) destroys
 * learners' data: months of reviews that exist nowhere else.
 */
export const SCHEMA_VERSION = 5;

export interface DeckRecord {
	id: string;
	title: string;
	/** The "What is ...?" question of the page. */
	question: string;
	/** The glossary page the deck was made from, as pasted, so an update can be compared. */
	source: string;
	/** Shipped with the app in decks/ (updated with the app unless the learner replaced it). */
	bundled: boolean;
	/** The web page the glossary was shared from (an http or https address), shown on the deck. */
	sourceUrl?: string;
	createdAt: number;
	updatedAt: number;
	/** The deck's own scheduler; missing, it follows Settings. Set with its cards' switch (db/decks). */
	scheduler?: SchedulerName;
}

export interface CardRecord extends Omit<CardDraft, 'kind'>, ScheduledCard {
	/** What the card asks for: a glossary card's kind, or 'anki' for a card made from an Anki note. */
	kind: CardDraft['kind'] | 'anki';
	/**
	 * A card from an Anki note: its note's GUID and number, and its sides as Anki renders them
	 * (HTML, shown only through the sanitizer). `front` and `back` are their plain text.
	 */
	anki?: AnkiFace;
	/** The text the generator made, kept apart from front/back so a learner's edit survives updates. */
	generated: { front: string; back: string };
	/** The learner changed front or back by hand. */
	edited: boolean;
	/** The page's text for an edited card changed since the edit: the learner may take it or keep theirs. */
	pageChanged?: { front: string; back: string };
	/** When the learner last changed front or back (an edit, or taking the page's text): sync's later edit wins. */
	editedAt?: number;
	addedAt: number;
}

/** An Anki note, kept for updates by GUID and for exporting back to Anki. */
export interface NoteRecord {
	guid: string;
	/** Its note type (NoteTypeRecord.id). */
	noteTypeId: number;
	/** Field values (HTML), in the note type's field order. */
	fields: string[];
	tags: string[];
	/** When Anki last changed it (epoch ms): an import replaces it only with a newer one. */
	modified: number;
	/** The decks its cards are in: a deck deleted takes the notes only it has. */
	deckIds: string[];
}

/** An Anki note type: its fields, templates and styling, as Anki keeps them. */
export type NoteTypeRecord = AnkiNoteType;

/** A media file of an Anki deck (an image, a sound), under the name its cards use. */
export interface MediaRecord {
	deckId: string;
	name: string;
	/** Its MIME type, by its name's extension. */
	type: string;
	data: Blob;
	/** SHA-1 in hex: the same file imported again is not written again. */
	sha1: string;
}

export interface MetaRecords {
	installId: string;
	installedAt: number;
	lastBackupAt: number;
	/** Bundled deck id -> the page text last seeded, so a deleted bundled deck is not brought back. */
	bundled: Record<string, string>;
	/** The digest of the bundled pages last put on the device (see bundled-decks.ts). */
	bundledVersion: string;
	backupReminderDismissedAt: number;
	/** This device's daily reminder (a device's own: not in backups); see reminders/waiting.ts. */
	reminder: { on: boolean; minutes: number };
	/** The study day the service worker last showed the reminder on: once a day at most. */
	reminderShownDay: number;
	/** The worker's last look for waiting cards, and the reminder it showed then, if any. */
	reminderLooked: { at: number; shown?: string };
	/** When persistent storage was asked for again after a refusal: once installed, once a week old. */
	persistAsked: { installed?: number; afterWeek?: number };
	/** Safari's 7-day deletion was explained once (iOS, in a browser tab). */
	safariWarned: boolean;
	/** Sync: each synced deck's document revision and content as last reconciled (see sync/plan-decks.ts). */
	syncDecks: Record<string, { rev: string; content: string; texts?: Record<string, string> }>;
	/** Sync: cards edited on two devices, by card id, until the learner picks a version. */
	syncCardConflicts: Record<string, CardConflict>;
	/** Sync: the settings document's revision and the shared settings as last reconciled. */
	syncSettings: { rev: string; content: string };
	/** When the settings were last saved on this device (or taken from another): sync's last writer wins. */
	settingsSavedAt: number;
	/** Sync: where the last sync stopped in the local PouchDB's changes, and what each log day held then. */
	syncCheckpoint: SyncCheckpoint;
	/** Per deck id, its own daily limits over the global settings (Anki's deck options). */
	deckOptions: Record<string, DeckOptions>;
	/** Per deck id, when its options were last saved here (or taken from another device): sync's last writer wins. */
	deckOptionsSavedAt: Record<string, number>;
	/** Per deck id, the `Study more` asked for on a study day (kept for that day across reloads). */
	studyMore: Record<string, StudyMore>;
	/** The cards buried until tomorrow by hand, for the study day they were buried on. */
	buried: Buried;
}

/** A card whose text two devices changed since they last synced: the later edit is shown until the learner picks. */
export interface CardConflict {
	cardId: string;
	deckId: string;
	deckTitle: string;
	/** The text the card has now (the later edit). */
	kept: CardText;
	/** The text of the other edit. */
	other: CardText;
}

export interface CardText {
	front: string;
	back: string;
	/** When it was edited, on the device that edited it; absent when the text came from the page. */
	editedAt?: number;
	/** Whether the edit was made on this device. */
	here: boolean;
}

/** See MetaRecords.syncCheckpoint and sync/plan-log.ts. */
export interface SyncCheckpoint {
	/** The local PouchDB it belongs to (one per learner): another one starts from the beginning. */
	database: string;
	/** Its changes feed's sequence, read up to here. */
	seq: number | string;
	/** Per deck and day (sync/plan-log.ts syncDayKey), the fingerprint of its record as last synced. */
	days: Record<string, string>;
}

export type MetaKey = keyof MetaRecords;

export interface FlashcardsSchema extends DBSchema {
	decks: { key: string; value: DeckRecord };
	cards: {
		key: string;
		value: CardRecord;
		indexes: {
			/** Cards answered since a moment: today's same-day repeats, without reading the deck. */
			byDeckAnswered: [string, number];
			/**
			 * Today's due cards and the home counts: ranges of [deck, status, dueDay], each in the
			 * queue's order (most overdue first, then the lower easiness), so a limit is a prefix.
			 */
			byDeckStatusDue: [string, CardStatus, number, number];
			/** New cards in the order they are introduced; also every card of a deck (decks.ts deckRange). */
			byDeckStatusOrder: [string, CardStatus, number];
		};
	};
	/** The review log: one record per deck and study day (see log-codec.ts), keyed [deckId, studyDay]. */
	log: {
		key: [string, number];
		value: LogDayRecord;
		indexes: {
			/** Days with answers, across decks: the streak, the heatmap, today's total (over answeredDay). */
			byDay: number;
			/** The records a session answered in (multi-entry over sessionIds): its summary and undo. */
			bySession: string;
		};
	};
	settings: { key: 'study'; value: Settings };
	meta: { key: MetaKey; value: MetaRecords[MetaKey] };
	/** Anki notes by GUID. */
	notes: { key: string; value: NoteRecord; indexes: { /** Multi-entry over deckIds. */ byDeck: string } };
	/** Anki note types by Anki's id. */
	noteTypes: { key: number; value: NoteTypeRecord };
	/** Anki decks' media, keyed [deckId, name]: a deck's files are one key range. */
	media: { key: [string, string]; value: MediaRecord };
}

export type FlashcardsDb = IDBPDatabase<FlashcardsSchema>;
