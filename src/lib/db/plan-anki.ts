// What saving an Anki import does to what the device has: a pure plan of plain records (tested in
// Node); db/anki.ts reads what it needs and applies it in one transaction. Importing a package
// again updates its notes in place, by GUID, and keeps the learner's progress: a card keeps its
// deck, order and schedule unless the package answered it later than this device did.
//
// A card's state is a fold of its log (srs/replay.ts), and SM-2's fold of Anki's answers is not
// Anki's state: so each card that takes the package's state gets a log entry of that state (a
// StateEntry, after its history), from which replay, undo and sync fold on. Its time comes from
// the package (the card's last answer), so that two devices importing the same package write the
// same entry, once.
import type { AnkiImport, ImportedCard, ImportedMedia } from '$lib/anki/import-package';
import { studyDay } from '$lib/srs/days';
import { newCardSnapshot, sameSchedule, snapshotOf } from '$lib/srs/replay';
import type { CardSnapshot, LogEntry, ReviewEntry, StateEntry } from '$lib/srs/types';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from './schema';

/** What the device has of an import's decks, cards, notes, media and log days. */
export interface AnkiExisting {
	decks: ReadonlyMap<string, DeckRecord>;
	cards: ReadonlyMap<string, CardRecord>;
	notes: ReadonlyMap<string, NoteRecord>;
	/** `deckId\0name` -> the SHA-1 of the file stored. */
	media: ReadonlyMap<string, string>;
	/** `deckId\0studyDay` -> every entry of that day's record. */
	days: ReadonlyMap<string, readonly LogEntry[]>;
	/** This install's id and the hour its study day starts: where a state this device keeps is filed. */
	here: ImportHere;
}

export interface ImportHere {
	device: string;
	dayStartHour: number;
}

/** The device and session of the states an import writes (those of Anki's answers: see anki/schedule.ts). */
const ANKI_DEVICE = 'anki';
const ANKI_SESSION = 'anki-import';

/** What a save did, for the learner. */
export interface AnkiSaveReport {
	/** `fsrs`: the deck is on FSRS (a new deck that Anki scheduled with FSRS, or a deck here on it). */
	decks: { id: string; title: string; isNew: boolean; cards: number; fsrs: boolean }[];
	newCards: number;
	/** Cards already here whose note the package changed since. */
	updatedCards: number;
	/** Cards already here that take the package's progress (answered there since). */
	progressTaken: number;
	newAnswers: number;
	media: number;
}

export interface AnkiPlan {
	decks: DeckRecord[];
	cards: CardRecord[];
	notes: NoteRecord[];
	noteTypes: NoteTypeRecord[];
	media: ImportedMedia[];
	days: { deckId: string; studyDay: number; entries: LogEntry[] }[];
	report: AnkiSaveReport;
}

export const mediaKey = (deckId: string, name: string) => `${deckId}\u0000${name}`;
export const dayKey = (deckId: string, studyDay: number) => `${deckId}\u0000${studyDay}`;

const entryKey = (entry: LogEntry) => `${entry.cardId}@${entry.time}#${entry.kind ?? 'answer'}`;

/**
 * A schedule as the log holds it: suspended or retired is the learner's word (or Anki's), never the
 * log's, so the state under it (srs/replay.ts: a stored suspension stands over the fold).
 */
function asInLog(schedule: CardSnapshot): CardSnapshot {
	const snapshot = snapshotOf(schedule);
	if (snapshot.status === 'new' || snapshot.status === 'review') return snapshot;
	return { ...snapshot, status: snapshot.lastAnsweredAt > 0 ? 'review' : 'new' };
}

/**
 * The state entries the import writes, by card: a new card's state as Anki had it (none for a card
 * never answered that is exactly a new card, which a replay gives anyway); the package's later state
 * of a card it answered since this device did; and, for a card whose progress stays, the card as it
 * stays, at its last answer here (the package's older answers join its log before it; written only
 * when the package adds any).
 */
export function importedStates(imported: AnkiImport, existingCards: ReadonlyMap<string, CardRecord>, here: ImportHere): StateEntry[] {
	const lastAnswer = new Map<string, ReviewEntry>();
	for (const answer of imported.log) {
		const last = lastAnswer.get(answer.cardId);
		if (!last || answer.time >= last.time) lastAnswer.set(answer.cardId, answer);
	}
	const state = (card: ImportedCard, deckId: string, schedule: CardSnapshot, from: 'anki' | 'here', fsrs = card.fsrs): StateEntry => {
		const last = lastAnswer.get(card.id);
		const time = schedule.lastAnsweredAt;
		const after = from === 'anki' && last?.time === time;
		return {
			kind: 'state',
			cardId: card.id,
			deckId,
			time,
			studyDay: after ? last.studyDay : studyDay(time, here.dayStartHour),
			sessionId: ANKI_SESSION,
			device: from === 'anki' ? ANKI_DEVICE : here.device,
			before: after ? snapshotOf(last.after) : newCardSnapshot(),
			after: asInLog(schedule),
			...(fsrs ? { fsrs: { ...fsrs } } : {})
		};
	};
	const states: StateEntry[] = [];
	for (const card of imported.cards) {
		const mine = existingCards.get(card.id);
		if (!mine) {
			if (lastAnswer.has(card.id) || card.fsrs || !sameSchedule(asInLog(card.schedule), newCardSnapshot()))
				states.push(state(card, card.deckId, card.schedule, 'anki'));
		} else if (card.schedule.lastAnsweredAt > mine.lastAnsweredAt) states.push(state(card, mine.deckId, card.schedule, 'anki'));
		else if (lastAnswer.has(card.id)) states.push(state(card, mine.deckId, mine, 'here', mine.fsrs));
	}
	return states;
}

/** The decks and days an import's log touches once each card is in its final deck: what to read before planning. */
export function daysToRead(imported: AnkiImport, existingCards: ReadonlyMap<string, CardRecord>, here: ImportHere): string[] {
	const keys = new Set<string>();
	for (const entry of imported.log) keys.add(dayKey(existingCards.get(entry.cardId)?.deckId ?? entry.deckId, entry.studyDay));
	for (const entry of importedStates(imported, existingCards, here)) keys.add(dayKey(entry.deckId, entry.studyDay));
	return [...keys];
}

/** The plan of saving `imported` over `existing` at `now`; see the module comment. */
export function planAnkiImport(imported: AnkiImport, existing: AnkiExisting, now: number): AnkiPlan {
	const report: AnkiSaveReport = { decks: [], newCards: 0, updatedCards: 0, progressTaken: 0, newAnswers: 0, media: 0 };
	const decks: DeckRecord[] = imported.decks.map((deck) => {
		const mine = existing.decks.get(deck.id);
		report.decks.push({
			id: deck.id,
			title: mine?.title ?? deck.title,
			isNew: !mine,
			cards: deck.cards,
			fsrs: mine ? mine.scheduler === 'fsrs' : deck.scheduler === 'fsrs'
		});
		if (mine) return { ...mine, updatedAt: now };
		return {
			id: deck.id,
			title: deck.title,
			question: '',
			source: '',
			bundled: false,
			createdAt: now,
			updatedAt: now,
			...(deck.scheduler ? { scheduler: deck.scheduler } : {})
		};
	});
	const noteOf = new Map(imported.notes.map((note) => [note.guid, note]));
	// A note changes only for a newer version of it (Anki's "update if newer").
	const noteIsNewer = (guid: string) => {
		const mine = existing.notes.get(guid);
		return !mine || (noteOf.get(guid)?.modified ?? 0) > mine.modified;
	};
	const finalDeck = new Map<string, string>();
	const cards: CardRecord[] = [];
	for (const card of imported.cards) {
		const mine = existing.cards.get(card.id);
		const text = { front: card.front, back: card.back };
		if (!mine) {
			report.newCards++;
			finalDeck.set(card.id, card.deckId);
			cards.push({
				id: card.id,
				deckId: card.deckId,
				kind: 'anki',
				...text,
				generated: text,
				edited: false,
				anki: card.anki,
				...card.schedule,
				newOrder: card.newOrder,
				addedAt: now,
				...(card.fsrs ? { fsrs: card.fsrs } : {})
			});
			continue;
		}
		finalDeck.set(card.id, mine.deckId);
		let updated: CardRecord = mine;
		if (noteIsNewer(card.anki.note) && (mine.anki?.question !== card.anki.question || mine.anki?.answer !== card.anki.answer)) {
			report.updatedCards++;
			updated = { ...updated, kind: 'anki', anki: card.anki, generated: text };
			// The learner's own edit stays; the package's text is offered beside it.
			if (mine.edited) updated.pageChanged = text;
			else Object.assign(updated, text);
		}
		if (card.schedule.lastAnsweredAt > mine.lastAnsweredAt) {
			report.progressTaken++;
			const { fsrs: _previous, ...rest } = updated;
			void _previous;
			updated = { ...rest, ...card.schedule, ...(card.fsrs ? { fsrs: card.fsrs } : {}) };
			// A card the learner suspended here stays suspended.
			if (mine.status === 'suspended' || mine.status === 'retired') updated.status = mine.status;
		}
		if (updated !== mine) cards.push(updated);
	}

	const noteDecks = new Map<string, Set<string>>();
	for (const card of imported.cards) {
		const set = noteDecks.get(card.anki.note);
		if (set) set.add(finalDeck.get(card.id)!);
		else noteDecks.set(card.anki.note, new Set([finalDeck.get(card.id)!]));
	}
	const notes: NoteRecord[] = [];
	for (const note of imported.notes) {
		const mine = existing.notes.get(note.guid);
		const deckIds = [...new Set([...(mine?.deckIds ?? []), ...(noteDecks.get(note.guid) ?? [])])].sort();
		if (!mine || noteIsNewer(note.guid)) {
			notes.push({ guid: note.guid, noteTypeId: note.noteTypeId, fields: note.fields, tags: note.tags, modified: note.modified, deckIds });
		} else if (deckIds.length !== mine.deckIds.length) notes.push({ ...mine, deckIds });
	}

	const media = imported.media.filter((file) => existing.media.get(mediaKey(file.deckId, file.name)) !== file.sha1);
	report.media = media.length;

	const days = new Map<string, LogEntry[]>();
	const changed = new Set<string>();
	const have = new Set<string>();
	for (const [key, entries] of existing.days) {
		days.set(key, [...entries]);
		for (const entry of entries) have.add(entryKey(entry));
	}
	// The answers, then each card's state after its history (it sums the answers up). A card that
	// keeps its progress here needs its state only when the package adds answers to its log.
	const answered = new Set<string>();
	const states = importedStates(imported, existing.cards, existing.here);
	for (const logged of [...imported.log, ...states]) {
		const entry: LogEntry = { ...logged, deckId: finalDeck.get(logged.cardId) ?? logged.deckId };
		if (have.has(entryKey(entry))) continue;
		if (entry.kind === 'state' && entry.device !== ANKI_DEVICE && !answered.has(entry.cardId)) continue;
		have.add(entryKey(entry));
		if (entry.kind !== 'state') {
			report.newAnswers++;
			answered.add(entry.cardId);
		}
		const key = dayKey(entry.deckId, entry.studyDay);
		const day = days.get(key);
		if (day) day.push(entry);
		else days.set(key, [entry]);
		changed.add(key);
	}
	return {
		decks,
		cards,
		notes,
		noteTypes: imported.noteTypes,
		media,
		days: [...changed].map((key) => {
			const entries = days.get(key)!.sort((a, b) => a.time - b.time);
			return { deckId: entries[0]!.deckId, studyDay: entries[0]!.studyDay, entries };
		}),
		report
	};
}
