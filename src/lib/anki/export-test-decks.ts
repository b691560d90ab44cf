// Decks to export in tests (never imported by the app): a studied glossary deck built by the
// scheduler's own rule, and an Anki package's import as the device would keep it.
import { answerCard, LEECH_THRESHOLD } from '$lib/srs/answer';
import { dayStartTime, parseDay } from '$lib/srs/days';
import { initialState, type Grade } from '$lib/srs/sm2';
import { defaultSettings, type LogEntry } from '$lib/srs/types';
import type { AnkiImport } from './import-package';
import type { ExportCard, ExportDeck, ExportSettings } from './export-notes';

export const TODAY = parseDay('2026-03-10');
export const DAY_START = 4;
/** Epoch ms of `hour`:`minute` on the local calendar date of study day `day`. */
export const timeOn = (day: number, hour: number, minute = 0) => dayStartTime(day, hour) + minute * 60_000;
export const NOW = timeOn(TODAY, 12);

export const exportSettings: ExportSettings = {
	dayStartHour: DAY_START,
	newPerDay: defaultSettings.newPerDay,
	reviewsPerDay: defaultSettings.reviewsPerDay,
	learningSteps: [...defaultSettings.learningSteps],
	relearningSteps: [...defaultSettings.relearningSteps],
	maximumInterval: defaultSettings.maximumInterval,
	desiredRetention: defaultSettings.desiredRetention,
	leechAction: defaultSettings.leechAction
};

/** A glossary card never answered. */
export function newCard(deckId: string, key: string, front: string, back: string, newOrder: number): ExportCard {
	return {
		id: `${deckId}:${key}`,
		deckId,
		front,
		back,
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		addedAt: timeOn(TODAY - 30, 9)
	};
}

/** The card after these answers, [grade, study day, hour], each by answerCard, and the log they leave. */
export function answered(card: ExportCard, answers: [Grade, number, number][]): { card: ExportCard; log: LogEntry[] } {
	const log: LogEntry[] = [];
	let current = card;
	for (const [grade, day, hour] of answers) {
		const outcome = answerCard(current, grade, timeOn(day, hour), day, { threshold: LEECH_THRESHOLD, action: 'suspend' });
		log.push({ ...outcome.entry, tookMs: 4200, sessionId: 'test', device: 'device-1' });
		current = outcome.card;
	}
	return { card: current, log };
}

/** A deck of three glossary cards: one new, one learned over a week, one forgotten yesterday. */
export function studiedDeck(): ExportDeck {
	const learned = answered(newCard('pm', 'roadmap', 'What is a roadmap?', 'A shared plan\nof how a product evolves.', 1), [
		[4, TODAY - 8, 9],
		[4, TODAY - 7, 9],
		[5, TODAY - 1, 9]
	]);
	const forgotten = answered(newCard('pm', 'persona', 'Persona: explain', 'A <fictional> user & their "goals"', 2), [
		[4, TODAY - 3, 10],
		[1, TODAY - 2, 10]
	]);
	return {
		deck: { id: 'pm', title: 'Product Management', createdAt: timeOn(TODAY - 30, 9), updatedAt: timeOn(TODAY - 30, 9) },
		cards: [newCard('pm', 'backlog', 'What is a backlog?', 'An ordered list of work.', 0), learned.card, forgotten.card],
		log: [...learned.log, ...forgotten.log],
		notes: [],
		noteTypes: [],
		media: [],
		settings: exportSettings,
		deckOptions: {}
	};
}

/** What the device keeps of an Anki import's first deck, as an export reads it back. */
export function importedDeck(imported: AnkiImport, createdAt: number): ExportDeck {
	const deck = imported.decks[0]!;
	const cards = imported.cards.filter((card) => card.deckId === deck.id);
	const guids = new Set(cards.map((card) => card.anki.note));
	const notes = imported.notes.filter((note) => guids.has(note.guid));
	return {
		deck: { id: deck.id, title: deck.title, createdAt, updatedAt: createdAt },
		cards: cards.map((card) => ({
			id: card.id,
			deckId: card.deckId,
			front: card.front,
			back: card.back,
			anki: card.anki,
			...card.schedule,
			newOrder: card.newOrder,
			...(card.fsrs ? { fsrs: card.fsrs } : {}),
			addedAt: createdAt
		})),
		log: imported.log.filter((entry) => entry.deckId === deck.id),
		notes,
		noteTypes: imported.noteTypes,
		media: imported.media.filter((file) => file.deckId === deck.id).map((file) => ({ name: file.name, data: file.data })),
		settings: exportSettings,
		deckOptions: {}
	};
}
