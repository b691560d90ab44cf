// The review log's and the decks' documents as they travel between devices through CouchDB: their
// ids, their shapes (valibot schemas, which give their types) and their checks on the way in. A
// review log document has one writer (the device in its id), so two devices never edit the same
// one; decks are last-writer-wins (sync/plan-decks.ts). Every document pulled is checked with the
// same rules as a backup import, so a damaged or hostile document never reaches the store.
import * as v from 'valibot';
import { backupSchema, isValidReview } from '$lib/db/backup-schema';
import type { CardRecord, DeckRecord } from '$lib/db/schema';
import { initialState } from '$lib/srs/sm2';
import type { LogEntry } from '$lib/srs/types';
import { errorMessage } from '$lib/format/error';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Any object but an array (valibot's own object schemas take arrays). The document's own, not a copy. */
export const anObject = v.custom<Record<string, unknown>>(isObject);

/** CouchDB's own fields, which a document may carry as the server sends it. */
export const couchFields = {
	_id: v.string(),
	_rev: v.optional(v.string()),
	_revisions: v.optional(v.unknown()),
	_conflicts: v.optional(v.array(v.string()))
};

/** A log document's fields besides its entries, checked before them; each entry passes isValidEntry. */
const logDocHead = v.object({
	...couchFields,
	_deleted: v.optional(v.boolean()),
	type: v.literal('log'),
	deckId: v.pipe(v.string(), v.nonEmpty()),
	studyDay: v.pipe(v.number(), v.integer()),
	device: v.string()
});

/** One device's answers to one deck on one study day: its answers, undos and resets, in time order. */
export type LogDoc = v.InferOutput<typeof logDocHead> & { entries: LogEntry[] };

/** A deck document's fields besides its deck and cards, which the backup import's rules check. */
const deckDocHead = {
	...couchFields,
	_deleted: v.optional(v.boolean()),
	type: v.literal('deck'),
	deck: anObject,
	cards: v.array(v.unknown())
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

export function logDocId(deckId: string, studyDay: number, device: string): string {
	return `log:${part(deckId)}:${studyDay}:${part(device)}`;
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
 * Whether a log entry passes the backup's checks. An answer is checked as a backup's review; an
 * undo or a reset has the same fields less the grade, and is checked as a review with them filled
 * in, so its card snapshots pass exactly the same rules.
 */
function isValidEntry(value: unknown): value is LogEntry {
	if (!isObject(value)) return false;
	if (value.kind === undefined || value.kind === 'answer') {
		const { kind: _kind, ...answer } = value;
		return isValidReview(answer) && typeof answer.device === 'string' && answer.id === undefined;
	}
	const { kind, answerTime, ...event } = value;
	if (kind === 'undo' ? !(typeof answerTime === 'number' && Number.isFinite(answerTime)) : kind !== 'reset' || answerTime !== undefined)
		return false;
	return typeof event.device === 'string' && isValidReview({ ...event, grade: 0, wasNew: false, tookMs: 0 }) && !('grade' in event);
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

export function deckDoc(deck: DeckRecord, cards: readonly CardRecord[]): DeckDoc {
	return {
		_id: deckDocId(deck.id),
		type: 'deck',
		deck,
		cards: cards.map(cardForDoc).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
	};
}

/** Why a pulled document was not taken; the sync goes on without it. */
export class SyncDocumentError extends Error {
	constructor(id: string, problem: string) {
		super(`The synced document "${id}" was not taken: ${problem}`);
		this.name = 'SyncDocumentError';
	}
}

/** The document's id, for a message, whatever it is. */
export const idOf = (doc: unknown) => (isObject(doc) && typeof doc._id === 'string' ? doc._id : '?');

/**
 * The document as an object with no field but CouchDB's and `fields`, or the SyncDocumentError
 * that says which was found. `couch` lists the CouchDB fields this kind of document may carry.
 */
export function withKnownFields(
	doc: unknown,
	fields: readonly string[],
	{ id = idOf(doc), couch = COUCH_FIELDS }: { id?: string; couch?: readonly string[] } = {}
): Record<string, unknown> {
	if (!isObject(doc)) throw new SyncDocumentError(id, 'it is not an object.');
	const allowed = new Set([...couch, ...fields]);
	const extra = Object.keys(doc).find((key) => !allowed.has(key));
	if (extra) throw new SyncDocumentError(id, `it has an unknown field "${extra}".`);
	return doc;
}

const COUCH_FIELDS = ['_id', '_rev', '_revisions', '_conflicts', '_deleted'];

/** Checks a pulled log document; throws SyncDocumentError naming the first problem. */
export function checkLogDoc(doc: unknown): LogDoc {
	const id = idOf(doc);
	const fields = withKnownFields(doc, ['type', 'deckId', 'studyDay', 'device', 'entries']);
	const head = v.safeParse(logDocHead, fields);
	if (!head.success) throw new SyncDocumentError(id, 'it is not a review log document.');
	const { deckId, studyDay, device } = head.output;
	if (id !== logDocId(deckId, studyDay, device)) throw new SyncDocumentError(id, 'its id does not match its deck, day and device.');
	if (!Array.isArray(fields.entries)) throw new SyncDocumentError(id, 'its entries are not a list.');
	const list: readonly unknown[] = fields.entries;
	// Entry by entry, so that the message names the first problem in order.
	const entries: LogEntry[] = [];
	const seen = new Set<string>();
	for (const [at, entry] of list.entries()) {
		if (!isValidEntry(entry)) throw new SyncDocumentError(id, `entry ${at + 1} is damaged.`);
		// Each entry belongs where it is filed: its deck, day and the device that writes the document.
		if (entry.deckId !== deckId || entry.studyDay !== studyDay || entry.device !== device)
			throw new SyncDocumentError(id, `entry ${at + 1} belongs to another deck, day or device.`);
		const key = entryKey(entry);
		if (seen.has(key)) throw new SyncDocumentError(id, `entry ${at + 1} appears twice.`);
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
export async function checkDeckDoc(doc: unknown, today: number): Promise<DeckDoc> {
	const id = idOf(doc);
	const head = v.safeParse(v.object(deckDocHead), withKnownFields(doc, ['type', 'deck', 'cards']));
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
		parseBackup(JSON.stringify(asBackup), { today });
	} catch (error) {
		throw new SyncDocumentError(id, errorMessage(error).replace('This backup is damaged', 'it is damaged'));
	}
	// Passed the backup's rules, it passes its schemas: this types it.
	if (!v.is(deckDocSchema(), doc)) throw new SyncDocumentError(id, 'it is not a deck document.');
	if (id !== deckDocId(doc.deck.id)) throw new SyncDocumentError(id, 'its id does not match its deck.');
	return doc;
}
