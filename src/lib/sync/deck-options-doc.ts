// A deck's own options (New cards per day, Reviews per day, fitted FSRS parameters) as they travel between devices: one
// last-writer-wins document per deck, `options:<deck>`, with the moment they were saved.
//
// Why a document of their own rather than a field of the deck document: the deck document is
// reconciled by the deck's content and its `updatedAt`, card by card, and an options change would
// then look like a deck edit (and a deck edit would carry stale options over newer ones). On
// their own, two devices' options compare by `savedAt` alone, and a change of options moves one
// small document. "Use the global settings" is a save of no options, not a deletion, so it keeps
// its `savedAt` and wins over an older save elsewhere. `studyMore` and `buried` are one study
// day's and stay on the device.
import type { DeckOptions } from '$lib/srs/today';
import { SyncDocumentError } from './documents';

export interface DeckOptionsDoc {
	_id: string;
	_rev?: string;
	type: 'deckOptions';
	deckId: string;
	/** Empty: the deck follows the global settings. */
	options: DeckOptions;
	/** When the device that wrote it saved them (its clock): the later save wins. */
	savedAt: number;
}

export const deckOptionsDocId = (deckId: string) => `options:${encodeURIComponent(deckId)}`;

export function deckOptionsDoc(deckId: string, options: DeckOptions | undefined, savedAt: number): DeckOptionsDoc {
	return { _id: deckOptionsDocId(deckId), type: 'deckOptions', deckId, options: { ...options }, savedAt };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a pulled deck options document: its fields, and its options with the backup import's
 * own check of `deckOptions` (db/backup-schema.ts, loaded only when one arrives).
 */
export async function checkDeckOptionsDoc(doc: unknown): Promise<DeckOptionsDoc> {
	const id = isObject(doc) && typeof doc._id === 'string' ? doc._id : '?';
	if (!isObject(doc)) throw new SyncDocumentError(id, 'it is not an object.');
	const extra = Object.keys(doc).find(
		(key) => !['_id', '_rev', '_revisions', '_conflicts', 'type', 'deckId', 'options', 'savedAt'].includes(key)
	);
	if (extra) throw new SyncDocumentError(id, `it has an unknown field "${extra}".`);
	if (
		doc.type !== 'deckOptions' ||
		typeof doc.deckId !== 'string' ||
		doc.deckId === '' ||
		typeof doc.savedAt !== 'number' ||
		!Number.isFinite(doc.savedAt) ||
		doc.savedAt < 0
	)
		throw new SyncDocumentError(id, 'it is not a deck options document.');
	if (id !== deckOptionsDocId(doc.deckId)) throw new SyncDocumentError(id, 'its id does not match its deck.');
	const { deckOptionsProblem } = await import('$lib/db/backup-schema');
	const problem = deckOptionsProblem(doc.options);
	if (problem) throw new SyncDocumentError(id, `${problem}.`);
	return doc as unknown as DeckOptionsDoc;
}

/** The options compared, fitted parameters in a fixed key order (a document's may come in another). */
const content = (options: DeckOptions | undefined) => {
	const fitted = options?.fsrsParameters;
	const parameters = fitted ? JSON.stringify(fitted, Object.keys(fitted).sort()) : null;
	return JSON.stringify([options?.newPerDay ?? null, options?.reviewsPerDay ?? null, parameters]);
};

export interface DeckOptionsHere {
	options: DeckOptions | undefined;
	/** 0 when never saved here (set by a backup import, or never set). */
	savedAt: number;
}

/**
 * One deck's options, last writer wins: `take` the document's (the later save, or nothing saved
 * here), or `send` this device's (the later save, or no document yet), or nothing when they agree.
 * `theirs` is the newest save among the document's revisions (CouchDB's conflicts included).
 */
export function planDeckOptionsSync(
	deckId: string,
	here: DeckOptionsHere,
	theirs: DeckOptionsDoc | undefined
): { take?: DeckOptionsDoc; send?: DeckOptionsDoc } {
	const hasOwn = here.options !== undefined && Object.keys(here.options).length > 0;
	if (!theirs) return hasOwn || here.savedAt > 0 ? { send: deckOptionsDoc(deckId, here.options, here.savedAt) } : {};
	if (content(theirs.options) === content(here.options)) return {};
	// The same moment (both 0: options from backups) takes the document's, so every device agrees.
	if (theirs.savedAt >= here.savedAt) return { take: theirs };
	return { send: { ...deckOptionsDoc(deckId, here.options, here.savedAt), _rev: theirs._rev! } };
}
