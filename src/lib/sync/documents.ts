// The documents that travel between devices through CouchDB, and their checks on the way in.
// A review log document has one writer (the device in its id), so two devices never edit the
// same one; decks are last-writer-wins. Every document pulled is checked with the same rules as
// a backup import, so a damaged or hostile document never reaches the store.
import { isValidReview } from '$lib/db/backup-schema';
import type { CardRecord, DeckRecord } from '$lib/db/schema';
import { initialState } from '$lib/srs/sm2';
import type { LogEntry } from '$lib/srs/types';

/** One device's answers to one deck on one study day. */
export interface LogDoc {
	_id: string;
	_rev?: string;
	type: 'log';
	deckId: string;
	studyDay: number;
	device: string;
	/** Its answers, undos and resets, in time order. */
	entries: LogEntry[];
}

/** A deck: its page and title, and its cards' text and order, without progress (the log has it). */
export interface DeckDoc {
	_id: string;
	_rev?: string;
	type: 'deck';
	deck: DeckRecord;
	cards: CardRecord[];
}

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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** CouchDB's own fields, which any document may carry as the server sends it. */
const COUCH_FIELDS = new Set(['_id', '_rev', '_revisions', '_conflicts', '_deleted']);

function onlyKeys(doc: Record<string, unknown>, keys: string[]): string | undefined {
	const allowed = new Set(keys);
	return Object.keys(doc).find((key) => !allowed.has(key) && !COUCH_FIELDS.has(key));
}

/** Checks a pulled log document; throws SyncDocumentError naming the first problem. */
export function checkLogDoc(doc: unknown): LogDoc {
	const id = isObject(doc) && typeof doc._id === 'string' ? doc._id : '?';
	if (!isObject(doc)) throw new SyncDocumentError(id, 'it is not an object.');
	const extra = onlyKeys(doc, ['type', 'deckId', 'studyDay', 'device', 'entries']);
	if (extra) throw new SyncDocumentError(id, `it has an unknown field "${extra}".`);
	const { deckId, studyDay, device, entries } = doc;
	if (doc.type !== 'log' || typeof deckId !== 'string' || deckId === '' || !Number.isInteger(studyDay) || typeof device !== 'string') {
		throw new SyncDocumentError(id, 'it is not a review log document.');
	}
	if (id !== logDocId(deckId, studyDay as number, device))
		throw new SyncDocumentError(id, 'its id does not match its deck, day and device.');
	if (!Array.isArray(entries)) throw new SyncDocumentError(id, 'its entries are not a list.');
	const seen = new Set<string>();
	entries.forEach((entry: unknown, at) => {
		if (!isValidEntry(entry)) throw new SyncDocumentError(id, `entry ${at + 1} is damaged.`);
		// Each entry belongs where it is filed: its deck, day and the device that writes the document.
		if (entry.deckId !== deckId || entry.studyDay !== studyDay || entry.device !== device)
			throw new SyncDocumentError(id, `entry ${at + 1} belongs to another deck, day or device.`);
		const key = entryKey(entry);
		if (seen.has(key)) throw new SyncDocumentError(id, `entry ${at + 1} appears twice.`);
		seen.add(key);
	});
	return doc as unknown as LogDoc;
}

/**
 * Checks a pulled deck document with the backup import's own checks (`parseBackup`, given the
 * deck as a one-deck backup): every field of the deck and its cards, and that the cards belong
 * to it. Loaded with the backup code, only when a deck document arrives.
 */
export async function checkDeckDoc(doc: unknown, today: number): Promise<DeckDoc> {
	const id = isObject(doc) && typeof doc._id === 'string' ? doc._id : '?';
	if (!isObject(doc)) throw new SyncDocumentError(id, 'it is not an object.');
	const extra = onlyKeys(doc, ['type', 'deck', 'cards']);
	if (extra) throw new SyncDocumentError(id, `it has an unknown field "${extra}".`);
	if (doc.type !== 'deck' || !isObject(doc.deck) || !Array.isArray(doc.cards))
		throw new SyncDocumentError(id, 'it is not a deck document.');
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
		decks: [doc.deck],
		cards: doc.cards,
		reviews: [],
		settings: defaultSettings
	};
	try {
		parseBackup(JSON.stringify(asBackup), { today });
	} catch (error) {
		throw new SyncDocumentError(id, (error as Error).message.replace('This backup is damaged', 'it is damaged'));
	}
	if (id !== deckDocId((doc.deck as unknown as DeckRecord).id)) throw new SyncDocumentError(id, 'its id does not match its deck.');
	return doc as unknown as DeckDoc;
}
