// A deck's own options (New cards per day, Reviews per day, fitted FSRS parameters) as they travel
// between devices: one last-writer-wins document per deck, `options:<deck>`, with the moment they
// were saved (the rule: sync/plan-deck-options.ts).
//
// Why a document of their own rather than a field of the deck document: the deck document is
// reconciled by the deck's content and its `updatedAt`, card by card, and an options change would
// then look like a deck edit (and a deck edit would carry stale options over newer ones). On
// their own, two devices' options compare by `savedAt` alone, and a change of options moves one
// small document. "Use the global settings" is a save of no options, not a deletion, so it keeps
// its `savedAt` and wins over an older save elsewhere. `studyMore` and `buried` are one study
// day's and stay on the device.
import * as v from 'valibot';
import { deckOptionsProblem } from '$lib/db/backup-schema';
import type { DeckOptions } from '$lib/srs/today';
import { stampOf, type Hlc } from '$lib/db/clock';
import { couchFields, idOf, saveTimeProblem, stampFields, SyncDocumentError, withKnownFields, type CheckTime } from './documents';

/** The document's fields besides its options, checked before them. */
const deckOptionsDocHead = v.object({
	...couchFields,
	type: v.literal('deckOptions'),
	deckId: v.pipe(v.string(), v.nonEmpty()),
	/** When the device that wrote it saved them, by its clock. The save's `stamp` orders it. */
	savedAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
	...stampFields
});

/** Its options pass the backup import's check of `deckOptions` (db/backup-schema.ts). Empty: the deck follows the global settings. */
const deckOptions = v.custom<DeckOptions>((value) => deckOptionsProblem(value) === undefined);

export type DeckOptionsDoc = v.InferOutput<typeof deckOptionsDocHead> & { options: v.InferOutput<typeof deckOptions> };

/** A deck options document as checked: its save's stamp (from `savedAt` for a document from before stamps). */
export type CheckedDeckOptionsDoc = DeckOptionsDoc & { stamp: Hlc };

export const deckOptionsDocId = (deckId: string) => `options:${encodeURIComponent(deckId)}`;

export function deckOptionsDoc(
	deckId: string,
	options: DeckOptions | undefined,
	savedAt: number,
	stamp: Hlc,
	overruled?: Hlc
): CheckedDeckOptionsDoc {
	return {
		_id: deckOptionsDocId(deckId),
		type: 'deckOptions',
		deckId,
		options: { ...options },
		savedAt,
		stamp,
		...(overruled ? { overruled } : {})
	};
}

/** Checks a pulled deck options document: its fields, then its options, each refusal in words. */
export async function checkDeckOptionsDoc(doc: unknown, at: CheckTime): Promise<CheckedDeckOptionsDoc> {
	const fields = withKnownFields(doc, ['type', 'deckId', 'options', 'savedAt', 'stamp', 'overruled'], {
		couch: ['_id', '_rev', '_revisions', '_conflicts']
	});
	const head = v.safeParse(deckOptionsDocHead, fields);
	if (!head.success) throw new SyncDocumentError(idOf(doc), 'it is not a deck options document.');
	const id = head.output._id;
	if (id !== deckOptionsDocId(head.output.deckId)) throw new SyncDocumentError(id, 'its id does not match its deck.');
	const problem = deckOptionsProblem(fields.options);
	if (problem) throw new SyncDocumentError(id, `${problem}.`);
	if (!v.is(deckOptions, fields.options)) throw new SyncDocumentError(id, 'its options are not a set of options.');
	const stamp = head.output.stamp ?? stampOf(head.output.savedAt);
	const late = saveTimeProblem(head.output.savedAt, at, 'its save') ?? saveTimeProblem(stamp.time, at, 'its stamp');
	if (late) throw new SyncDocumentError(id, `${late}.`);
	return { ...head.output, options: fields.options, stamp };
}
