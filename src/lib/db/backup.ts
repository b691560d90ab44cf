// Backups: one versioned JSON file with every deck, card, review and setting; checked whole before import.
import * as v from 'valibot';
import { defaultSettings, type LogEntry, type ReviewEntry, type StateEntry } from '$lib/srs/types';
import { unwrap } from 'idb';
import { storageError } from './database';
import { formatBytes } from '$lib/format/bytes';
import { setMeta } from './settings';
import { decodeDay, decodeEntries, decodeStates } from './log-codec';
import { encodeDay, encodeLog } from './log-write';
import { planMerge } from './plan-merge';
import type { DeckOptions } from '$lib/srs/today';
import { SCHEMA_VERSION, type CardRecord, type FlashcardsDb, type MetaRecords } from './schema';
import { keepToday } from './today';
import { stampSaves } from './clock';
import { writeTransaction } from './write';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	backupSchema,
	backupSchemaWithoutReviews,
	dayProblem,
	isValidReview,
	issuePath,
	type Backup
} from './backup-schema';

/** Larger than any real collection (100,000 cards with a million reviews is about 400 MB less). */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

/** Why a file cannot be imported, worded for the learner; the database is left untouched. */
export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

export async function exportBackup(db: FlashcardsDb, now: number): Promise<Backup> {
	try {
		const tx = db.transaction(['decks', 'cards', 'log', 'settings', 'meta', 'notes', 'noteTypes'], 'readonly');
		const [decks, cards, log, settings, deckOptions, notes, noteTypes] = await Promise.all([
			tx.objectStore('decks').getAll(),
			tx.objectStore('cards').getAll(),
			tx.objectStore('log').getAll(),
			tx.objectStore('settings').get('study'),
			tx.objectStore('meta').get('deckOptions') as Promise<Record<string, DeckOptions> | undefined>,
			tx.objectStore('notes').getAll(),
			tx.objectStore('noteTypes').getAll()
		]);
		// The file keeps one entry per answer (format 1, readable anywhere), oldest first, and the
		// states cards were imported with (a replay of an imported card starts from its state).
		const reviews = log.flatMap(decodeDay).sort((a, b) => a.time - b.time);
		const states = log.flatMap(decodeStates).sort((a, b) => a.time - b.time);
		// Only the options of decks in the file: a deck deleted before deleteDeck took its options
		// along left them behind, and the import refuses options for a deck it doesn't have.
		const deckIds = new Set(decks.map((deck) => deck.id));
		const options = Object.fromEntries(Object.entries(deckOptions ?? {}).filter(([deckId]) => deckIds.has(deckId)));
		return {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			exportedAt: now,
			schemaVersion: SCHEMA_VERSION,
			decks,
			cards,
			reviews,
			settings: settings ?? { ...defaultSettings },
			...(Object.keys(options).length > 0 ? { deckOptions: options } : {}),
			// Anki decks' notes and note types (their media stay out: see README, "Anki decks").
			...(notes.length > 0 ? { notes, noteTypes } : {}),
			...(states.length > 0 ? { states } : {})
		};
	} catch (error) {
		throw storageError(error, 'The backup');
	}
}

/** The learner saved the exported file: remember when, for the backup reminder. */
export function markBackedUp(db: FlashcardsDb, now: number): Promise<void> {
	return setMeta(db, 'lastBackupAt', now);
}

function firstDuplicate(values: Iterable<string | number>): string | number | undefined {
	const seen = new Set<string | number>();
	for (const value of values) {
		if (seen.has(value)) return value;
		seen.add(value);
	}
	return undefined;
}

export interface ParseOptions {
	/** The study day now: a file's days must lie within 100 years of it. */
	today: number;
	/** The largest file accepted, in characters (tests pass a small one). */
	limit?: number;
}

/** Reads and checks a whole backup file; throws a BackupError that names the first problem. */
export function parseBackup(text: string, { today, limit = MAX_BACKUP_BYTES }: ParseOptions): Backup {
	if (text.length > limit)
		throw new BackupError(`This file is too large to be a backup (${formatBytes(text.length)}; the limit is ${formatBytes(limit)}).`);
	if (text.trim() === '') throw new BackupError('This file is empty: it is not a backup.');
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new BackupError('This file is not a backup: it is not valid JSON. It may be cut off or damaged.');
	}
	if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
		throw new BackupError('This file is not a Glossary Flashcards backup (it has no "format": "glossary-flashcards-backup").');
	}
	const version = (data as { version?: unknown }).version;
	if (typeof version === 'number' && version > BACKUP_VERSION) {
		throw new BackupError(`This file is a backup from a newer version of the app (format ${version}); update the app first.`);
	}
	if (version !== BACKUP_VERSION) throw new BackupError(`This backup has an unknown format version (${JSON.stringify(version)}).`);
	// Reviews are most of a file: checked by hand when the rest passes, and by valibot (for the
	// message naming the first problem) when anything fails.
	const shell = v.safeParse(backupSchemaWithoutReviews(), data);
	const result =
		shell.success && shell.output.reviews.every(isValidReview)
			? (shell as v.SafeParseResult<ReturnType<typeof backupSchema>>)
			: v.safeParse(backupSchema(), data);
	if (!result.success) {
		const issue = result.issues[0];
		const where = issuePath(issue);
		throw new BackupError(`This backup is damaged${where ? ` at ${where}` : ''}: ${issue.message}.`);
	}
	const backup = result.output;
	const farDay = dayProblem(backup, today);
	if (farDay) throw new BackupError(`This backup is damaged at ${farDay}.`);
	const deckIds = new Set(backup.decks.map((deck) => deck.id));
	const cardDecks = new Map(backup.cards.map((card) => [card.id, card.deckId]));
	const duplicateDeck = firstDuplicate(backup.decks.map((deck) => deck.id));
	if (duplicateDeck !== undefined) throw new BackupError(`This backup is damaged: the deck id "${duplicateDeck}" appears twice.`);
	const duplicateCard = firstDuplicate(backup.cards.map((card) => card.id));
	if (duplicateCard !== undefined) throw new BackupError(`This backup is damaged: the card id "${duplicateCard}" appears twice.`);
	const duplicateReview = firstDuplicate(backup.reviews.flatMap((entry) => (entry.id === undefined ? [] : [entry.id])));
	if (duplicateReview !== undefined) throw new BackupError(`This backup is damaged: the review id ${duplicateReview} appears twice.`);
	// The same answer twice would count twice in the streak, the limits and the statistics.
	const answers = new Set<string>();
	for (const entry of backup.reviews) {
		const key = `${entry.cardId}@${entry.time}`;
		if (answers.has(key))
			throw new BackupError(
				`This backup is damaged: the answer to "${entry.cardId}" given at ${new Date(entry.time).toISOString().slice(0, 16).replace('T', ' ')} UTC appears twice.`
			);
		answers.add(key);
	}
	const states = new Set<string>();
	for (const [i, entry] of (backup.states ?? []).entries()) {
		const key = `${entry.cardId}@${entry.time}`;
		if (states.has(key))
			throw new BackupError(`This backup is damaged: the imported state states[${i}] of "${entry.cardId}" appears twice.`);
		states.add(key);
		const deckId = cardDecks.get(entry.cardId);
		if (deckId === undefined)
			throw new BackupError(`This backup is damaged: an imported state refers to a card that is not in the file ("${entry.cardId}").`);
		if (deckId !== entry.deckId)
			throw new BackupError(
				`This backup is damaged: the imported state of the card "${entry.cardId}" names the deck "${entry.deckId}", but the card is in "${deckId}".`
			);
	}
	const ankiProblem = ankiRecordsProblem(backup, deckIds);
	if (ankiProblem) throw new BackupError(`This backup is damaged: ${ankiProblem}.`);
	const orphanOptions = Object.keys(backup.deckOptions ?? {}).find((deckId) => !deckIds.has(deckId));
	if (orphanOptions !== undefined)
		throw new BackupError(`This backup is damaged: it has deck options for a deck that is not in the file ("${orphanOptions}").`);
	const orphanCard = backup.cards.find((card) => !deckIds.has(card.deckId));
	if (orphanCard)
		throw new BackupError(
			`This backup is damaged: the card "${orphanCard.id}" belongs to a deck that is not in the file ("${orphanCard.deckId}").`
		);
	const orphanReview = backup.reviews.find((entry) => cardDecks.get(entry.cardId) !== entry.deckId);
	if (orphanReview) {
		const deckId = cardDecks.get(orphanReview.cardId);
		throw new BackupError(
			deckId === undefined
				? `This backup is damaged: a review refers to a card that is not in the file ("${orphanReview.cardId}").`
				: `This backup is damaged: a review of the card "${orphanReview.cardId}" names the deck "${orphanReview.deckId}", but the card is in "${deckId}".`
		);
	}
	return backup;
}

/**
 * What is wrong with the Anki records of a checked file, or undefined: a card of kind 'anki' and
 * only such a card has its Anki face; notes, note types and cards name each other and the decks.
 * A file with cards from Anki notes but no notes (a synced deck document) is whole as it is.
 */
function ankiRecordsProblem(backup: Backup, deckIds: ReadonlySet<string>): string | undefined {
	const odd = backup.cards.find((card) => (card.kind === 'anki') !== (card.anki !== undefined));
	if (odd)
		return `the card "${odd.id}" ${odd.kind === 'anki' ? 'is an Anki card without its note' : 'has an Anki note but is no Anki card'}`;
	const duplicateNote = firstDuplicate((backup.notes ?? []).map((note) => note.guid));
	if (duplicateNote !== undefined) return `the Anki note "${duplicateNote}" appears twice`;
	const duplicateType = firstDuplicate((backup.noteTypes ?? []).map((type) => type.id));
	if (duplicateType !== undefined) return `the Anki note type ${duplicateType} appears twice`;
	const types = new Set((backup.noteTypes ?? []).map((type) => type.id));
	for (const note of backup.notes ?? []) {
		if (!types.has(note.noteTypeId)) return `the Anki note "${note.guid}" has a note type that is not in the file (${note.noteTypeId})`;
		const deck = note.deckIds.find((deckId) => !deckIds.has(deckId));
		if (deck !== undefined) return `the Anki note "${note.guid}" names a deck that is not in the file ("${deck}")`;
	}
	if (backup.notes === undefined) return undefined;
	const notes = new Set(backup.notes.map((note) => note.guid));
	const orphan = backup.cards.find((card) => card.anki && !notes.has(card.anki.note));
	return orphan ? `the card "${orphan.id}" belongs to an Anki note that is not in the file ("${orphan.anki!.note}")` : undefined;
}

/**
 * What an import did. A replace: the file's decks, cards and reviews, now all the device holds. A
 * merge: what it really added (decks and cards the device did not have, answers it lacked), and
 * how many cards the file's more recent version updated.
 */
export interface ImportResult {
	mode: 'replace' | 'merge';
	decks: number;
	cards: number;
	reviews: number;
	updatedCards: number;
}

/** Marks as saved at `savedAt` the decks whose own options differ between `before` and `after`. */
async function stampOptions(
	meta: {
		get(key: 'deckOptionsSavedAt' | 'clock' | 'saveStamps' | 'installId'): Promise<unknown>;
		put(value: Record<string, number>, key: 'deckOptionsSavedAt'): Promise<unknown>;
		put(value: MetaRecords['clock'], key: 'clock'): Promise<unknown>;
		put(value: MetaRecords['saveStamps'], key: 'saveStamps'): Promise<unknown>;
	},
	writes: Promise<unknown>[],
	before: Readonly<Record<string, DeckOptions>> | undefined,
	after: Readonly<Record<string, DeckOptions>> | undefined,
	savedAt: number | undefined
): Promise<void> {
	if (savedAt === undefined) return;
	const same = (deckId: string) => JSON.stringify(before?.[deckId] ?? {}) === JSON.stringify(after?.[deckId] ?? {});
	const changed = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((deckId) => !same(deckId));
	if (changed.length === 0) return;
	const stamps = { ...((await meta.get('deckOptionsSavedAt')) as Record<string, number> | undefined) };
	for (const deckId of changed) stamps[deckId] = savedAt;
	writes.push(meta.put(stamps, 'deckOptionsSavedAt'));
	await stampSaves(
		meta,
		writes,
		savedAt,
		changed.map((deckId) => ({ options: deckId }))
	);
}

/**
 * The decks the file's version replaced are as the file saved them: their stamps (db/clock.ts) go,
 * and sync orders them by their own `updatedAt`.
 */
async function forgetDeckStamps(
	meta: { get(key: 'saveStamps'): Promise<unknown>; put(value: MetaRecords['saveStamps'], key: 'saveStamps'): Promise<unknown> },
	writes: Promise<unknown>[],
	deckIds: readonly string[] | 'all'
): Promise<void> {
	const stamps = (await meta.get('saveStamps')) as MetaRecords['saveStamps'] | undefined;
	if (!stamps) return;
	const decks = deckIds === 'all' ? {} : Object.fromEntries(Object.entries(stamps.decks).filter(([deckId]) => !deckIds.includes(deckId)));
	writes.push(meta.put({ ...stamps, decks }, 'saveStamps'));
}

/**
 * Imports a checked backup in ONE transaction, so a failure leaves the database as it was.
 * 'replace' makes the device hold exactly the backup; 'merge' applies plan-merge.ts planMerge:
 * what the device lacks is added, the more recently answered version of a card found in both is
 * kept, and both logs are kept.
 *
 * `optionsSavedAt`: the decks whose own options the import changes count as saved then, so sync
 * takes the file's options to the other devices (last writer wins). Without it (a restore after
 * a lost database), another device's saved options win over the restored ones.
 */
export function importBackup(
	db: FlashcardsDb,
	backup: Backup,
	mode: 'replace' | 'merge',
	optionsSavedAt?: number,
	now = Date.now()
): Promise<ImportResult> {
	return writeTransaction(
		db,
		['decks', 'cards', 'log', 'settings', 'meta', 'notes', 'noteTypes', 'media', 'today'],
		'The import',
		async (tx, writes) => {
			// Tens of thousands of writes go straight to the raw stores: a promise per request (idb's
			// wrapper) costs more than the write here. A failed request aborts the transaction, and
			// tx.done (awaited by writeTransaction) rejects with its error.
			const decks = unwrap(tx.objectStore('decks'));
			const cards = unwrap(tx.objectStore('cards'));
			const log = unwrap(tx.objectStore('log'));
			// Entries of older files may carry an `id`, which the log's columns simply do not keep, and
			// no device: theirs is this device.
			const device = ((await tx.objectStore('meta').get('installId')) as string | undefined) ?? '';
			const answers: readonly ReviewEntry[] = backup.reviews.map((entry) =>
				entry.device === undefined ? { ...entry, device } : (entry as ReviewEntry)
			);
			const entries: readonly LogEntry[] = [...answers, ...((backup.states ?? []) as StateEntry[])];
			if (mode === 'replace') {
				// The media of the decks the file keeps stay (a backup holds no media); the others go with their decks.
				const fileDecks = new Set(backup.decks.map((deck) => deck.id));
				const mediaKeys = await tx.objectStore('media').getAllKeys();
				writes.push(
					tx.objectStore('decks').clear(),
					tx.objectStore('cards').clear(),
					tx.objectStore('log').clear(),
					tx.objectStore('notes').clear(),
					tx.objectStore('noteTypes').clear()
				);
				for (const key of mediaKeys) if (!fileDecks.has(key[0])) writes.push(tx.objectStore('media').delete(key));
				await Promise.all(writes);
				for (const note of backup.notes ?? []) writes.push(tx.objectStore('notes').put(note));
				for (const type of backup.noteTypes ?? []) writes.push(tx.objectStore('noteTypes').put(type));
				for (const deck of backup.decks) decks.put(deck);
				await forgetDeckStamps(tx.objectStore('meta'), writes, 'all');
				for (const card of backup.cards) cards.put(card);
				for (const record of encodeLog(entries)) log.put(record);
				writes.push(tx.objectStore('settings').put(backup.settings, 'study'));
				const before = (await tx.objectStore('meta').get('deckOptions')) as Record<string, DeckOptions> | undefined;
				writes.push(
					backup.deckOptions ? tx.objectStore('meta').put(backup.deckOptions, 'deckOptions') : tx.objectStore('meta').delete('deckOptions')
				);
				await stampOptions(tx.objectStore('meta'), writes, before, backup.deckOptions, optionsSavedAt);
				await keepToday(tx, writes, 'all', now);
			} else {
				const [localDecks, localCards, localLog, localOptions, localNotes, localNoteTypes] = await Promise.all([
					tx.objectStore('decks').getAll(),
					tx.objectStore('cards').getAll(),
					tx.objectStore('log').getAll(),
					tx.objectStore('meta').get('deckOptions') as Promise<Record<string, DeckOptions> | undefined>,
					tx.objectStore('notes').getAll(),
					tx.objectStore('noteTypes').getAll()
				]);
				const plan = planMerge(
					{
						decks: localDecks,
						cards: localCards,
						log: localLog.flatMap(decodeEntries),
						deckOptions: localOptions ?? {},
						notes: localNotes,
						noteTypes: localNoteTypes
					},
					{
						decks: backup.decks,
						cards: backup.cards as CardRecord[],
						log: entries,
						deckOptions: backup.deckOptions ?? {},
						notes: backup.notes ?? [],
						noteTypes: backup.noteTypes ?? []
					}
				);
				for (const note of plan.notes ?? []) writes.push(tx.objectStore('notes').put(note));
				for (const type of plan.noteTypes ?? []) writes.push(tx.objectStore('noteTypes').put(type));
				for (const deck of plan.decks) decks.put(deck);
				await forgetDeckStamps(
					tx.objectStore('meta'),
					writes,
					plan.decks.map((deck) => deck.id)
				);
				for (const card of plan.cards) cards.put(card);
				for (const day of plan.days) log.put(encodeDay(day.deckId, day.studyDay, day.entries));
				if (plan.deckOptions) {
					writes.push(tx.objectStore('meta').put(plan.deckOptions, 'deckOptions'));
					await stampOptions(tx.objectStore('meta'), writes, localOptions, plan.deckOptions, optionsSavedAt);
				}
				await keepToday(tx, writes, 'all', now);
				const { newDecks, newCards, newAnswers, updatedCards } = plan.report;
				return { mode, decks: newDecks, cards: newCards, reviews: newAnswers, updatedCards };
			}
			return { mode, decks: backup.decks.length, cards: backup.cards.length, reviews: backup.reviews.length, updatedCards: 0 };
		}
	);
}
