// Merging a backup into the device's data, as a pure plan of plain records (no IndexedDB here,
// tested in Node); backup.ts importBackup applies it in one transaction. Order-free by design, so
// that merging A into B and B into A give the same cards and log, and a second merge of the same
// file changes nothing: every choice is the larger of two under one total order.
import type { LogEntry } from '$lib/srs/types';
import type { DeckOptions } from '$lib/srs/today';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from './schema';

export interface MergeData {
	decks: readonly DeckRecord[];
	cards: readonly CardRecord[];
	/** Every log entry: answers, undos and resets. */
	log: readonly LogEntry[];
	/** Each deck's own limits (meta deckOptions); none when missing. */
	deckOptions?: Readonly<Record<string, DeckOptions>>;
	/** Anki notes and note types (of imported Anki decks). */
	notes?: readonly NoteRecord[];
	noteTypes?: readonly NoteTypeRecord[];
}

export interface MergePlan {
	/** Deck and card records to write (the device lacks them, or the file's version wins). */
	decks: DeckRecord[];
	cards: CardRecord[];
	/** Each log record (deck and study day) that gains entries, with all its entries in order. */
	days: { deckId: string; studyDay: number; entries: LogEntry[] }[];
	/** Entries the file adds to the log. */
	added: number;
	/** What the merge really adds, for the learner: decks and cards the device did not have, and answers (undos and resets left out). */
	report: { newDecks: number; newCards: number; newAnswers: number; updatedCards: number };
	/** The device's deck options with the file's filled in, when that changes them. */
	deckOptions?: Record<string, DeckOptions>;
	/** Anki notes the device lacks, or whose file version Anki changed later (their decks joined); note types it lacks. Absent when none. */
	notes?: NoteRecord[];
	noteTypes?: NoteTypeRecord[];
}

/** Plain code-unit order of two strings: the same on every device. */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with keys sorted: equal records give equal text, whatever order their keys were set in. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compare(a, b)))
			: v
	);
}

/**
 * Whether the file's version of a record replaces the device's: when it is the more recent by
 * `at` (a card's last answer, a deck's last update); on a tie, when it is the larger record (a
 * copy of the same record never is, so nothing is written twice).
 */
function replaces<T>(mine: T, theirs: T, at: (record: T) => number): boolean {
	if (at(mine) !== at(theirs)) return at(theirs) > at(mine);
	return compare(canonical(theirs), canonical(mine)) > 0;
}

/** What makes an entry the same entry on two devices: the card, the moment and what it was. */
export function entryKey(entry: LogEntry): string {
	return `${entry.cardId}@${entry.time}#${entry.kind ?? 'answer'}`;
}

/** Log order within a day: by time, then by key, so both devices order a day alike. */
function byTimeThenKey(a: LogEntry, b: LogEntry): number {
	return a.time - b.time || compare(entryKey(a), entryKey(b));
}

const dayKey = (deckId: string, studyDay: number) => `${studyDay}\u0000${deckId}`;

/**
 * What merging `file` into `device` writes: the decks and cards the device lacks or whose file
 * version wins (`replaces`), and every log entry the device lacks, each once, added to
 * its day. An answer undone on the device stays undone: its undo is an entry of the log.
 */
export function planMerge(device: MergeData, file: MergeData): MergePlan {
	const plan: MergePlan = {
		decks: [],
		cards: [],
		days: [],
		added: 0,
		report: { newDecks: 0, newCards: 0, newAnswers: 0, updatedCards: 0 }
	};
	const notes = new Map((device.notes ?? []).map((note) => [note.guid, note]));
	const newNotes: NoteRecord[] = [];
	for (const note of file.notes ?? []) {
		const mine = notes.get(note.guid);
		const deckIds = [...new Set([...(mine?.deckIds ?? []), ...note.deckIds])].sort(compare);
		const newer = !mine || replaces(mine, note, (n) => n.modified);
		const kept = newer ? note : mine;
		if (newer || deckIds.length !== mine.deckIds.length) newNotes.push({ ...kept, deckIds });
	}
	const noteTypes = new Set((device.noteTypes ?? []).map((type) => type.id));
	const newTypes = (file.noteTypes ?? []).filter((type) => !noteTypes.has(type.id));
	if (newNotes.length > 0) plan.notes = newNotes;
	if (newTypes.length > 0) plan.noteTypes = newTypes;
	const decks = new Map(device.decks.map((deck) => [deck.id, deck]));
	for (const deck of file.decks) {
		const mine = decks.get(deck.id);
		if (!mine) plan.report.newDecks++;
		if (!mine || replaces(mine, deck, (d) => d.updatedAt)) plan.decks.push(deck);
	}
	const cards = new Map(device.cards.map((card) => [card.id, card]));
	for (const card of file.cards) {
		const mine = cards.get(card.id);
		if (!mine) plan.report.newCards++;
		else if (replaces(mine, card, (c) => c.lastAnsweredAt)) plan.report.updatedCards++;
		if (!mine || replaces(mine, card, (c) => c.lastAnsweredAt)) plan.cards.push(card);
	}
	const have = new Set(device.log.map(entryKey));
	const days = new Map<string, LogEntry[]>();
	for (const entry of device.log) {
		const key = dayKey(entry.deckId, entry.studyDay);
		const day = days.get(key);
		if (day) day.push(entry);
		else days.set(key, [entry]);
	}
	const changed = new Set<string>();
	for (const entry of file.log) {
		const key = entryKey(entry);
		if (have.has(key)) continue;
		have.add(key);
		plan.added++;
		if (entry.kind === undefined || entry.kind === 'answer') plan.report.newAnswers++;
		const day = dayKey(entry.deckId, entry.studyDay);
		const entries = days.get(day);
		if (entries) entries.push(entry);
		else days.set(day, [entry]);
		changed.add(day);
	}
	const options = mergeDeckOptions(device.deckOptions ?? {}, file.deckOptions ?? {});
	if (options) plan.deckOptions = options;
	for (const key of changed) {
		const entries = days.get(key)!.sort(byTimeThenKey);
		plan.days.push({ deckId: entries[0]!.deckId, studyDay: entries[0]!.studyDay, entries });
	}
	return plan;
}

/**
 * The device's deck options with the file's where the device has none: a limit the learner set
 * here stays as it is (these carry no time to say which is newer, and a merge adds what is
 * missing). Undefined when nothing changes. Fitted FSRS parameters stay the device's: taking the
 * file's would change how this device's cards are scheduled, which a merge never does.
 */
function mergeDeckOptions(
	device: Readonly<Record<string, DeckOptions>>,
	file: Readonly<Record<string, DeckOptions>>
): Record<string, DeckOptions> | undefined {
	let changed = false;
	const merged: Record<string, DeckOptions> = { ...device };
	for (const [deckId, theirs] of Object.entries(file)) {
		const mine = device[deckId] ?? {};
		const { fsrsParameters: _theirs, ...limits } = theirs;
		void _theirs;
		const both: DeckOptions = { ...limits, ...mine };
		if (both.newPerDay !== mine.newPerDay || both.reviewsPerDay !== mine.reviewsPerDay) {
			merged[deckId] = both;
			changed = true;
		}
	}
	return changed ? merged : undefined;
}
