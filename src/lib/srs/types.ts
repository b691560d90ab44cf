// The scheduler's view of cards, answers and settings: plain data shared by srs, db and the screens.
import type { FittedParameters, SchedulerName } from './fsrs-options';
import type { FsrsState } from './fsrs-state';
import type { Grade, Sm2State } from './sm2';

/**
 * Where a card stands. Stored as a string because IndexedDB cannot index booleans,
 * and the home page counts cards per deck and status through an index.
 */
export type CardStatus = 'new' | 'review' | 'suspended' | 'retired';

/** What the scheduler needs to know of one card. */
export interface CardSchedule {
	id: string;
	deckId: string;
	status: CardStatus;
	state: Sm2State;
	/** Study day the card is next due (see days.ts); 0 for a card never answered. */
	dueDay: number;
	/** Order in which new cards are introduced (the page order when the deck was made). */
	newOrder: number;
	/** Times forgotten (grade < 3) after it had been learned. */
	lapses: number;
	/** Forgotten so often that it needs rewording (see the leech setting). */
	leech: boolean;
	/** Epoch ms of the last answer, or 0; orders same-day repeats. */
	lastAnsweredAt: number;
}

/** A card as a deck on either scheduler stores it: `fsrs` only while the deck uses FSRS. */
export interface ScheduledCard extends CardSchedule {
	fsrs?: FsrsState;
}

/** One answer in the append-only review log. */
export interface ReviewEntry {
	cardId: string;
	deckId: string;
	/** Epoch ms when the answer was given. */
	time: number;
	studyDay: number;
	grade: Grade;
	/** Whether this was the card's first answer ever (counts against the new-card limit). */
	wasNew: boolean;
	before: CardSnapshot;
	after: CardSnapshot;
	/** Milliseconds from showing the front to the answer. */
	tookMs: number;
	/** The session the answer was given in, so undo walks back only this session. */
	sessionId: string;
	/** The install that wrote it (db/settings ensureInstall): sync keeps each device's log apart. */
	device: string;
}

/**
 * What the log says besides answers. An undo is an entry of its own, not a deletion, so that it
 * can travel to other devices: it names the answer it takes back by card and answer time (the
 * key backups already treat as unique). A reset forgets a card's progress from its time on.
 * `before` and `after` are the card as stored just before and after, as for an answer.
 */
interface LogEvent {
	cardId: string;
	deckId: string;
	time: number;
	/** The record's day: an undo is stored with the answer it takes back, a reset on its own day. */
	studyDay: number;
	sessionId: string;
	device: string;
	before: CardSnapshot;
	after: CardSnapshot;
}

export interface UndoEntry extends LogEvent {
	kind: 'undo';
	/** The `time` of the answer (of the same card) this takes back. */
	answerTime: number;
}

export interface ResetEntry extends LogEvent {
	kind: 'reset';
}

/**
 * A card's state as it was brought in from elsewhere (an Anki package): `after` is the state, and
 * `fsrs` FSRS's memory where it had one. A replay starts from the newest such entry and folds the
 * answers after it, so a card whose history began outside the app is still a fold of its log.
 * Written after the history it sums up (at the time of its last answer, or of its last change),
 * by no review screen: it cannot be undone.
 */
export interface StateEntry extends LogEvent {
	kind: 'state';
	fsrs?: FsrsState;
}

/** Everything the log holds: answers (kind missing or 'answer'), undos, resets and imported states. */
export type LogEntry = (ReviewEntry & { kind?: 'answer' }) | UndoEntry | ResetEntry | StateEntry;

/** The parts of a card an answer changes, enough to undo it exactly. */
export type CardSnapshot = Pick<CardSchedule, 'status' | 'state' | 'dueDay' | 'lapses' | 'leech' | 'lastAnsweredAt'>;

export type GradeScale = 'four' | 'six';
export type Theme = 'system' | 'light' | 'dark';
export type LeechAction = 'suspend' | 'tag';

export interface Settings {
	/** New cards introduced per deck per study day. */
	newPerDay: number;
	/** Review answers per deck per study day. */
	reviewsPerDay: number;
	/** Local hour (0..23) at which a new study day begins. */
	dayStartHour: number;
	gradeScale: GradeScale;
	theme: Theme;
	leechAction: LeechAction;
	/** The scheduler of every deck that has not chosen its own (DeckRecord.scheduler). */
	scheduler: SchedulerName;
	/** FSRS: the chance of recall at which a card is due again, 0.70 to 0.97. */
	desiredRetention: number;
	/** FSRS: minutes between the first answers of a new card, as Anki's learning steps. */
	learningSteps: number[];
	/** FSRS: minutes between the answers after a lapse, as Anki's relearning steps. */
	relearningSteps: number[];
	/** FSRS: the longest rest, in days. */
	maximumInterval: number;
	/** FSRS: parameters fitted to the learner's answers (`Fit to my reviews`); null for FSRS's defaults. */
	fsrsParameters: FittedParameters | null;
	/**
	 * `Bury related cards`: once a card made from a list item is answered, its sibling (the item's
	 * reverse, or the item) waits until the next study day (srs/queue.ts relatedGroup).
	 */
	buryRelated: boolean;
}

/** The settings each device keeps for itself, never synced: a phone read at night may be dark, a laptop light. */
export const DEVICE_SETTINGS = ['theme'] as const satisfies readonly (keyof Settings)[];

export const defaultSettings: Settings = {
	newPerDay: 20,
	reviewsPerDay: 200,
	dayStartHour: 4,
	gradeScale: 'four',
	theme: 'system',
	leechAction: 'suspend',
	scheduler: 'sm2',
	desiredRetention: 0.9,
	learningSteps: [1, 10],
	relearningSteps: [10],
	maximumInterval: 36_500,
	fsrsParameters: null,
	buryRelated: true
};
