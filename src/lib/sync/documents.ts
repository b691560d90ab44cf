// The review log's and the decks' documents as they travel between devices through CouchDB: their
// ids, their shapes (valibot schemas, which give their types) and their checks on the way in. A
// review log document holds the entries of one device (the one in its id) on one deck and day, in
// parts when they are many; any device that has entries may write them, and copies of one document
// join by union (sync/plan-log.ts). Decks are last-writer-wins (sync/plan-decks.ts).
//
// Every document pulled is held to what a device could have written: the backup import's rules,
// plus no key a device never writes (of any name: `__proto__` too), no answer after the present,
// no day or time out of reach. A document that fails is named and left out.
import * as v from 'valibot';
import { backupSchema, DAY_WINDOW, isValidReview, isValidState } from '$lib/db/backup-schema';
import type { Hlc } from '$lib/db/clock';
import type { CardRecord, DeckRecord } from '$lib/db/schema';
import { clockDay } from '$lib/srs/fsrs-state';
import { initialState } from '$lib/srs/sm2';
import type { CardSnapshot, LogEntry } from '$lib/srs/types';
import { errorMessage } from '$lib/format/error';
import { aheadWords } from '$lib/format/synced';

const DAY_MS = 86_400_000;
/** How far ahead of this device's clock another device's may run before its answers are refused. */
export const MAX_SKEW_MS = 5 * 60_000;
/**
 * How far ahead a save (settings, options, a deck, a card's text) may be stamped: a clock a few days
 * wrong is a device's, and its save is only ordered by it (sync/clock.ts); one a month or more
 * ahead is no clock at all, and would outrank every save for that long.
 */
export const MAX_SAVE_AHEAD_MS = 30 * DAY_MS;

/** When a pulled document is checked: this device's clock and study day. */
export interface CheckTime {
	now: number;
	today: number;
}

/** Keys no device writes anywhere: where a document carries one, someone wrote it by hand. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What is wrong with a pulled document as JSON, or undefined: an object that is not a plain object
 * (a `__proto__` key made into a prototype on the way), or a key no device writes. Walked without
 * recursion, so a document nested ten thousand deep is refused, not a stack overflow.
 */
export function jsonProblem(doc: unknown): string | undefined {
	const stack: unknown[] = [doc];
	while (stack.length > 0) {
		const value = stack.pop();
		if (typeof value !== 'object' || value === null) continue;
		if (Array.isArray(value)) {
			if (Object.getPrototypeOf(value) !== Array.prototype) return 'it holds a list that is not a list';
			for (const item of value) stack.push(item);
			continue;
		}
		const prototype: unknown = Object.getPrototypeOf(value);
		if (prototype !== Object.prototype && prototype !== null) return 'it has a "__proto__" field, which no device writes';
		for (const key of Object.keys(value)) {
			if (FORBIDDEN_KEYS.has(key)) return `it has a "${key}" field, which no device writes`;
			stack.push((value as Record<string, unknown>)[key]);
		}
	}
	return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (value: Record<string, unknown>, key: string) => (Object.hasOwn(value, key) ? value[key] : undefined);

/** Any object but an array (valibot's own object schemas take arrays). The document's own, not a copy. */
export const anObject = v.custom<Record<string, unknown>>(isObject);

/**
 * A save's stamp (db/clock.ts Hlc) as a document carries it: the save that wrote it (`stamp`), and
 * the save of another device it overruled (`overruled`), which that device then names to its learner.
 */
export const hlcSchema = v.strictObject({
	time: v.pipe(v.number(), v.finite(), v.minValue(0)),
	count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER - 1)),
	device: v.pipe(v.string(), v.maxLength(200))
});

/** The stamp fields of a last-writer-wins document; old documents have neither. */
export const stampFields = { stamp: v.optional(hlcSchema), overruled: v.optional(hlcSchema) };

/** CouchDB's own fields, which a document may carry as the server sends it. */
export const couchFields = {
	_id: v.string(),
	_rev: v.optional(v.string()),
	_revisions: v.optional(v.unknown()),
	_conflicts: v.optional(v.array(v.string()))
};

/** The most parts a day of one device is split into (see sync/plan-log.ts packParts): far more than any day needs. */
export const MAX_PARTS = 1000;

/** A log document's fields besides its entries, checked before them; each entry passes entryProblem. */
const logDocHead = v.object({
	...couchFields,
	_deleted: v.optional(v.boolean()),
	type: v.literal('log'),
	deckId: v.pipe(v.string(), v.nonEmpty()),
	studyDay: v.pipe(v.number(), v.integer()),
	device: v.string(),
	/** Which part of the day's entries of this device it holds; missing: the first (0). */
	part: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PARTS - 1)))
});

/** One device's entries (answers, undos, resets, imported states) to one deck on one study day, or a part of them, in time order. */
export type LogDoc = v.InferOutput<typeof logDocHead> & { entries: LogEntry[] };

/** A deck document's fields besides its deck and cards, which the backup import's rules check. */
const deckDocHead = {
	...couchFields,
	_deleted: v.optional(v.boolean()),
	type: v.literal('deck'),
	deck: anObject,
	cards: v.array(v.unknown()),
	...stampFields
};

let deckDocSchemaBuilt: ReturnType<typeof makeDeckDocSchema> | undefined;

/** The deck and its cards as a backup holds them (db/backup-schema.ts). */
function makeDeckDocSchema() {
	const backup = backupSchema().entries;
	return v.object({ ...deckDocHead, deck: backup.decks.item, cards: v.array(backup.cards.item) });
}

const deckDocSchema = () => (deckDocSchemaBuilt ??= makeDeckDocSchema());

/** A deck: its page and title, and its cards' text and order, without progress (the log has it). */
export type DeckDoc = v.InferOutput<ReturnType<typeof makeDeckDocSchema>>;

/** Ids are made of parts that may hold any character: each part is URI-encoded, so ':' separates. */
const part = (text: string) => encodeURIComponent(text);

/** The id of a device's log document of a deck and day: its first part, or part `n` (`…:n`). */
export function logDocId(deckId: string, studyDay: number, device: string, n = 0): string {
	return `log:${part(deckId)}:${studyDay}:${part(device)}${n > 0 ? `:${n}` : ''}`;
}

/** The start of every log document id of a deck: its documents sort together. */
export function logDocPrefix(deckId: string): string {
	return `log:${part(deckId)}:`;
}

/** The deck a deck document's id names. */
export function deckIdOf(docId: string): string {
	return decodeURIComponent(docId.slice('deck:'.length));
}

export function deckDocId(deckId: string): string {
	return `deck:${part(deckId)}`;
}

/** The same entry on any device: entries are told apart by kind, card, moment and device. */
export const entryKey = (entry: LogEntry) => `${entry.kind ?? 'answer'}:${entry.cardId}@${entry.time}:${entry.device}`;

/**
 * Whether a log entry has the shape the backup's checks give it. An answer is checked as a backup's
 * review; an undo or a reset has the same fields less the grade, and is checked as a review with
 * them filled in, so its card snapshots pass exactly the same rules; an imported state as a
 * backup's `states`. Own keys only (Object.keys, Object.hasOwn): nothing inherited counts.
 */
function hasEntryShape(value: unknown): value is LogEntry {
	if (!isObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
	const kind = own(value, 'kind');
	if (kind === 'state') return isValidState(value);
	if (kind === undefined || kind === 'answer') {
		const { kind: _kind, ...answer } = value;
		return isValidReview(answer) && typeof own(answer, 'device') === 'string' && !Object.hasOwn(answer, 'id');
	}
	const { kind: _kind, answerTime, ...event } = value;
	if (
		kind === 'undo'
			? !(typeof answerTime === 'number' && Number.isFinite(answerTime))
			: kind !== 'reset' || Object.hasOwn(value, 'answerTime')
	)
		return false;
	return (
		typeof own(event, 'device') === 'string' &&
		!['grade', 'wasNew', 'tookMs'].some((key) => Object.hasOwn(event, key)) &&
		isValidReview({ ...event, grade: 0, wasNew: false, tookMs: 0 })
	);
}

/** Whether a study day can be the one a device filed a moment in (its own day start and time zone, within a day either way). */
const dayFits = (studyDay: number, time: number) => studyDay >= Math.floor(time / DAY_MS) - 2 && studyDay <= Math.floor(time / DAY_MS) + 1;

/**
 * What a device could not have written in a well-shaped entry, or undefined: a moment after the
 * present (beyond MAX_SKEW_MS), a study day that is not the day of its moment, a card last answered
 * after the entry, a due day more than 100 years away, FSRS's memory out of reach.
 */
function entryProblem(entry: LogEntry, at: CheckTime): string | undefined {
	const latest = at.now + MAX_SKEW_MS;
	const when = entry.kind === 'undo' ? Math.max(entry.time, entry.answerTime) : entry.time;
	if (when > latest) return `is dated ${aheadWords(when - at.now)} after the present (the clock of the device that wrote it may be wrong)`;
	const dayOf = entry.kind === 'undo' ? entry.answerTime : entry.time;
	if (!dayFits(entry.studyDay, dayOf)) return `is filed on study day ${entry.studyDay}, which is not the day of its moment`;
	if (entry.kind === 'undo' && entry.answerTime > entry.time) return 'takes back an answer given after it';
	const far = (day: number) => day !== 0 && (day < at.today - DAY_WINDOW || day > at.today + DAY_WINDOW);
	for (const snapshot of [entry.before, entry.after] as CardSnapshot[]) {
		if (snapshot.lastAnsweredAt > entry.time) return 'has a card answered after the entry itself';
		if (far(snapshot.dueDay)) return `has a due day more than 100 years away (${snapshot.dueDay})`;
	}
	if (entry.kind === 'state' && entry.fsrs) {
		const memory = entry.fsrs;
		if ((memory.lastDay !== null && far(memory.lastDay)) || far(clockDay(memory.due)) || memory.stability > 100 * DAY_WINDOW)
			return "has FSRS's memory out of reach";
	}
	return undefined;
}

/** A card as a deck document carries it: its schedule back to new (the log brings the progress). */
export function cardForDoc(card: CardRecord): CardRecord {
	const held = card.status === 'suspended' || card.status === 'retired';
	// FSRS's state too is the log's to give: each device folds it.
	const { fsrs: _fsrs, ...text } = card;
	return {
		...text,
		status: held ? card.status : 'new',
		state: initialState(),
		dueDay: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0
	};
}

/** A deck's document: its record and cards' text, and the stamp of its last save (db/clock.ts) when it has one. */
export function deckDoc(deck: DeckRecord, cards: readonly CardRecord[], stamp?: Hlc): DeckDoc {
	return {
		_id: deckDocId(deck.id),
		type: 'deck',
		deck,
		cards: cards.map(cardForDoc).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
		...(stamp ? { stamp } : {})
	};
}

/** Why a pulled document was not taken; the sync goes on without it. */
export class SyncDocumentError extends Error {
	constructor(
		id: string,
		/** What is wrong, as the sentence after "was not taken:". */
		readonly problem: string
	) {
		super(`The synced document "${id}" was not taken: ${problem}`);
		this.name = 'SyncDocumentError';
	}
}

/** The document's id, for a message, whatever it is. */
export const idOf = (doc: unknown) => (isObject(doc) && typeof doc._id === 'string' ? doc._id : '?');

/**
 * The document as an object with no field but CouchDB's and `fields`, or the SyncDocumentError
 * that says which was found. `couch` lists the CouchDB fields this kind of document may carry.
 * Every value in it is plain JSON with no key a device never writes (jsonProblem).
 */
export function withKnownFields(
	doc: unknown,
	fields: readonly string[],
	{ id = idOf(doc), couch = COUCH_FIELDS }: { id?: string; couch?: readonly string[] } = {}
): Record<string, unknown> {
	if (!isObject(doc)) throw new SyncDocumentError(id, 'it is not an object.');
	const problem = jsonProblem(doc);
	if (problem) throw new SyncDocumentError(id, `${problem}.`);
	const allowed = new Set([...couch, ...fields]);
	const extra = Object.keys(doc).find((key) => !allowed.has(key));
	if (extra) throw new SyncDocumentError(id, `it has an unknown field "${extra}".`);
	return doc;
}

/** A save's moment (its `savedAt`, a deck's `updatedAt`, a card's `editedAt`), or the problem with one stamped too far ahead. */
export function saveTimeProblem(time: number, at: CheckTime, what: string): string | undefined {
	return time > at.now + MAX_SAVE_AHEAD_MS
		? `${what} is dated ${aheadWords(time - at.now)} after the present, which no clock gives`
		: undefined;
}

const COUCH_FIELDS = ['_id', '_rev', '_revisions', '_conflicts', '_deleted'];

/** Checks a pulled log document at `at` (this device's clock); throws SyncDocumentError naming the first problem. */
export function checkLogDoc(doc: unknown, at: CheckTime): LogDoc {
	const id = idOf(doc);
	const fields = withKnownFields(doc, ['type', 'deckId', 'studyDay', 'device', 'part', 'entries']);
	const head = v.safeParse(logDocHead, fields);
	if (!head.success) throw new SyncDocumentError(id, 'it is not a review log document.');
	const { deckId, studyDay, device, part: n } = head.output;
	if (id !== logDocId(deckId, studyDay, device, n))
		throw new SyncDocumentError(id, 'its id does not match its deck, day, device and part.');
	if (!Array.isArray(fields.entries)) throw new SyncDocumentError(id, 'its entries are not a list.');
	const list: readonly unknown[] = fields.entries;
	// Entry by entry, so that the message names the first problem in order.
	const entries: LogEntry[] = [];
	const seen = new Set<string>();
	for (const [i, entry] of list.entries()) {
		if (!hasEntryShape(entry)) throw new SyncDocumentError(id, `entry ${i + 1} is damaged.`);
		// Each entry belongs where it is filed: its deck, day and the device the document is of.
		if (entry.deckId !== deckId || entry.studyDay !== studyDay || entry.device !== device)
			throw new SyncDocumentError(id, `entry ${i + 1} belongs to another deck, day or device.`);
		const problem = entryProblem(entry, at);
		if (problem) throw new SyncDocumentError(id, `entry ${i + 1} ${problem}.`);
		const key = entryKey(entry);
		if (seen.has(key)) throw new SyncDocumentError(id, `entry ${i + 1} appears twice.`);
		seen.add(key);
		entries.push(entry);
	}
	return { ...head.output, entries };
}

/**
 * Checks a pulled deck document with the backup import's own checks (`parseBackup`, given the
 * deck as a one-deck backup): every field of the deck and its cards, and that the cards belong
 * to it. Loaded with the backup code, only when a deck document arrives. The document itself is
 * kept (not valibot's copy): its fields' order is part of the content compared between syncs.
 */
export async function checkDeckDoc(doc: unknown, at: CheckTime): Promise<DeckDoc> {
	const id = idOf(doc);
	const head = v.safeParse(v.object(deckDocHead), withKnownFields(doc, ['type', 'deck', 'cards', 'stamp', 'overruled']));
	if (!head.success) throw new SyncDocumentError(id, 'it is not a deck document.');
	const [{ parseBackup }, { BACKUP_FORMAT, BACKUP_VERSION }, { defaultSettings }] = await Promise.all([
		import('$lib/db/backup'),
		import('$lib/db/backup-schema'),
		import('$lib/srs/types')
	]);
	const asBackup = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: 0,
		schemaVersion: 0,
		decks: [head.output.deck],
		cards: head.output.cards,
		reviews: [],
		settings: defaultSettings
	};
	try {
		parseBackup(JSON.stringify(asBackup), { today: at.today });
	} catch (error) {
		throw new SyncDocumentError(id, errorMessage(error).replace('This backup is damaged', 'it is damaged'));
	}
	// Passed the backup's rules, it passes its schemas: this types it.
	if (!v.is(deckDocSchema(), doc)) throw new SyncDocumentError(id, 'it is not a deck document.');
	if (id !== deckDocId(doc.deck.id)) throw new SyncDocumentError(id, 'its id does not match its deck.');
	const late =
		saveTimeProblem(doc.deck.updatedAt, at, 'its last change') ??
		(doc.stamp ? saveTimeProblem(doc.stamp.time, at, 'its stamp') : undefined) ??
		saveTimeProblem(doc.deck.createdAt, at, 'its making') ??
		doc.cards.map((card) => saveTimeProblem(Math.max(card.addedAt, card.editedAt ?? 0), at, `the card "${card.id}"`)).find(Boolean);
	if (late) throw new SyncDocumentError(id, `${late}.`);
	return doc;
}
