// The documents that travel between devices through CouchDB, and their checks on the way in.
// A review log document has one writer (the device in its id), so two devices never edit the
// same one; decks are last-writer-wins. Every document pulled is checked with the same rules as
// a backup import, so a damaged or hostile document never reaches the store.
import { isValidReview } from '$lib/db/backup-schema';
import type { CardRecord, DeckRecord } from '$lib/db/schema';
import { initialState } from '$lib/srs/sm2';
import type { ReviewEntry } from '$lib/srs/types';

/** One device's answers to one deck on one study day. */
export interface LogDoc {
	_id: string;
	_rev?: string;
	type: 'log';
	deckId: string;
	studyDay: number;
	device: string;
	/** In time order. */
	answers: ReviewEntry[];
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

export function deckDocId(deckId: string): string {
	return `deck:${part(deckId)}`;
}

/** The same answer on any device: answers are told apart by card and moment. */
export const answerKey = (entry: Pick<ReviewEntry, 'cardId' | 'time'>) => `${entry.cardId}@${entry.time}`;

/** A card as a deck document carries it: its schedule back to new (the log brings the progress). */
export function cardForDoc(card: CardRecord): CardRecord {
	const held = card.status === 'suspended' || card.status === 'retired';
	return {
		...card,
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
	const extra = onlyKeys(doc, ['type', 'deckId', 'studyDay', 'device', 'answers']);
	if (extra) throw new SyncDocumentError(id, `it has an unknown field "${extra}".`);
	const { deckId, studyDay, device, answers } = doc;
	if (doc.type !== 'log' || typeof deckId !== 'string' || deckId === '' || !Number.isInteger(studyDay) || typeof device !== 'string') {
		throw new SyncDocumentError(id, 'it is not a review log document.');
	}
	if (id !== logDocId(deckId, studyDay as number, device))
		throw new SyncDocumentError(id, 'its id does not match its deck, day and device.');
	if (!Array.isArray(answers)) throw new SyncDocumentError(id, 'its answers are not a list.');
	const seen = new Set<string>();
	answers.forEach((entry: unknown, at) => {
		// The check of a backup file's reviews, and the answer must belong where it is filed.
		if (!isValidReview(entry) || (entry as { id?: unknown }).id !== undefined)
			throw new SyncDocumentError(id, `answer ${at + 1} is damaged.`);
		const answer = entry as ReviewEntry;
		if (answer.deckId !== deckId || answer.studyDay !== studyDay)
			throw new SyncDocumentError(id, `answer ${at + 1} belongs to another deck or day.`);
		const key = answerKey(answer);
		if (seen.has(key)) throw new SyncDocumentError(id, `answer ${at + 1} appears twice.`);
		seen.add(key);
	});
	return doc as unknown as LogDoc;
}

/**
 * Checks a pulled deck document with the backup import's own checks (`parseBackup`, given the
 * deck as a one-deck backup): every field of the deck and its cards, and that the cards belong
 * to it. Loaded with the backup code, only when a deck document arrives.
 */
export async function checkDeckDoc(doc: unknown): Promise<DeckDoc> {
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
		parseBackup(JSON.stringify(asBackup));
	} catch (error) {
		throw new SyncDocumentError(id, (error as Error).message.replace('This backup is damaged', 'it is damaged'));
	}
	if (id !== deckDocId((doc.deck as unknown as DeckRecord).id)) throw new SyncDocumentError(id, 'its id does not match its deck.');
	return doc as unknown as DeckDoc;
}
