// Saving an Anki import (anki/import-package.ts) and reading an Anki deck's media. The save reads
// what the import touches, asks plan-anki.ts what to write, and writes it in ONE transaction: a
// failure leaves the device exactly as it was. It runs in the import's Worker, off the screen's thread.
import { unwrap, type IDBPTransaction } from 'idb';
import { ANKI_CARDS, type AnkiImport } from '$lib/anki/import-package';
import { decodeEntries } from './log-codec';
import { encodeDay } from './log-write';
import { daysToRead, mediaKey, planAnkiImport, type AnkiExisting, type AnkiPlan, type AnkiSaveReport } from './plan-anki';
import type { CardRecord, DeckRecord, FlashcardsDb, FlashcardsSchema, NoteRecord } from './schema';
import { keepToday } from './today';
import { writeTransaction } from './write';
import { stampSaves } from './clock';
import { defaultSettings } from '$lib/srs/types';

export type { AnkiSaveReport } from './plan-anki';

// With what today's summaries of its decks are made from (db/today.ts), made again in the same transaction.
type Stores = ['decks', 'cards', 'log', 'notes', 'noteTypes', 'media', 'meta', 'settings', 'today'];
const STORES: Stores = ['decks', 'cards', 'log', 'notes', 'noteTypes', 'media', 'meta', 'settings', 'today'];

/** Reads what the device has of the import, inside the transaction that will write the plan. */
async function readExisting(
	tx: IDBPTransaction<FlashcardsSchema, Stores, IDBTransactionMode>,
	imported: AnkiImport
): Promise<AnkiExisting> {
	const store = <N extends Stores[number]>(name: N) => tx.objectStore(name);
	const deckIds = imported.decks.map((deck) => deck.id);
	// Which of the import's cards and notes the device has, from their keys alone (one request
	// each, where a request per card costs most of a first import): only those are read.
	const [cardKeys, noteKeys] = await Promise.all([
		store('cards').getAllKeys(IDBKeyRange.bound(ANKI_CARDS, `${ANKI_CARDS}\uffff`)),
		store('notes').getAllKeys()
	]);
	const cardsHere = new Set(cardKeys);
	const notesHere = new Set(noteKeys);
	const [device, settings] = await Promise.all([store('meta').get('installId'), store('settings').get('study')]);
	const here = { device: (device as string | undefined) ?? '', dayStartHour: settings?.dayStartHour ?? defaultSettings.dayStartHour };
	const [decks, cards, notes, mediaKeys] = await Promise.all([
		Promise.all(deckIds.map((id) => store('decks').get(id))),
		Promise.all(imported.cards.filter((card) => cardsHere.has(card.id)).map((card) => store('cards').get(card.id))),
		Promise.all(imported.notes.filter((note) => notesHere.has(note.guid)).map((note) => store('notes').get(note.guid))),
		Promise.all(deckIds.map((id) => store('media').getAll(IDBKeyRange.bound([id], [id, []]))))
	]);
	const existingCards = new Map(cards.filter((card): card is CardRecord => card !== undefined).map((card) => [card.id, card]));
	const keys = daysToRead(imported, existingCards, here);
	const days = await Promise.all(
		keys.map((key) => {
			const [deckId, day] = key.split('\u0000') as [string, string];
			return store('log').get([deckId, Number(day)]);
		})
	);
	return {
		decks: new Map(decks.filter((deck): deck is DeckRecord => deck !== undefined).map((deck) => [deck.id, deck])),
		cards: existingCards,
		notes: new Map(notes.filter((note): note is NoteRecord => note !== undefined).map((note) => [note.guid, note])),
		media: new Map(mediaKeys.flat().map((file) => [mediaKey(file.deckId, file.name), file.sha1])),
		days: new Map(keys.flatMap((key, i) => (days[i] ? [[key, decodeEntries(days[i])] as const] : []))),
		here
	};
}

/** What saving the import now would do (nothing is written): the preview's "updates" and counts. */
export async function previewAnkiImport(db: FlashcardsDb, imported: AnkiImport, now: number): Promise<AnkiSaveReport> {
	const tx = db.transaction(STORES, 'readonly');
	const plan = planAnkiImport(imported, await readExisting(tx, imported), now);
	return plan.report;
}

/**
 * Saves the import: decks, cards, notes, note types, media and the log, all in one transaction.
 * Re-importing a package updates its notes in place and keeps progress (plan-anki.ts).
 */
export function saveAnkiImport(db: FlashcardsDb, imported: AnkiImport, now: number): Promise<AnkiSaveReport> {
	const decks = imported.decks.map((deck) => deck.title).join(', ');
	return writeTransaction(db, STORES, `The Anki deck ${decks}`, async (tx, writes) => {
		const plan: AnkiPlan = planAnkiImport(imported, await readExisting(tx, imported), now);
		// Thousands of writes: straight to the raw stores, as backup imports do (a promise per
		// request costs more than the write). A failed request aborts the whole transaction.
		const raw = (name: Stores[number]) => unwrap(tx.objectStore(name));
		for (const deck of plan.decks) raw('decks').put(deck);
		for (const card of plan.cards) raw('cards').put(card);
		for (const note of plan.notes) raw('notes').put(note);
		for (const type of plan.noteTypes) raw('noteTypes').put(type);
		for (const file of plan.media) {
			raw('media').put({
				deckId: file.deckId,
				name: file.name,
				type: file.type,
				data: new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.type }),
				sha1: file.sha1
			});
		}
		for (const day of plan.days) raw('log').put(encodeDay(day.deckId, day.studyDay, day.entries));
		await keepToday(tx, writes, plan.decks, now);
		// Each deck the import made or changed is a save of it, for sync's last writer wins.
		await stampSaves(
			tx.objectStore('meta'),
			writes,
			now,
			plan.decks.map((deck) => ({ deck: deck.id }))
		);
		return plan.report;
	});
}
