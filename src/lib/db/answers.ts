// Recording and undoing answers: the writes of the review screen (apart from study.ts's reads, so
// that the home page's first load does not carry them). A card of a deck on FSRS is answered with
// FSRS too; ts-fsrs is loaded the first time that happens, never for a learner who stays on SM-2.
import { answerCard, answerCardOnFsrs, LEECH_THRESHOLD, snapshotOf, type LeechRules } from '$lib/srs/answer';
import { lastRun } from '$lib/srs/answer-runs';
import { studyDayAt } from '$lib/srs/days';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import type { FsrsScheduler, FsrsState } from '$lib/srs/fsrs';
import { newCardSnapshot, replay, sameSchedule } from '$lib/srs/replay';
import type { Grade } from '$lib/srs/sm2';
import type { DeckOptions } from '$lib/srs/today';
import { defaultSettings, type CardSchedule, type LogEntry, type ReviewEntry, type Settings, type UndoEntry } from '$lib/srs/types';
import { StorageError } from './database';
import { deckScheduler } from './deck-scheduler';
import type { CardRecord, DeckToday, FlashcardsDb } from './schema';
import { decodeDay, decodeEntries } from './log-codec';
import { encodeDay } from './log-write';
import { keepToday, TODAY_STORES } from './today';
import { RefusedWrite, writeTransaction, type WriteTx } from './write';

export interface AnswerRecord {
	card: CardRecord;
	entry: ReviewEntry;
	becameLeech: boolean;
	/** The deck's today after the answer (db/today.ts), written with it. */
	today: DeckToday | undefined;
}

/**
 * The card a screen answered is no longer the card stored: another tab (or device) answered,
 * edited, suspended, reset or retired it since the screen read it. Nothing was saved.
 */
export class CardChangedError extends RefusedWrite {
	constructor(readonly cardId: string) {
		super('This card was changed since it was shown (answered in another tab?): the answer was not saved.');
		this.name = 'CardChangedError';
	}
}

/** The screen showed `shown`: is that still what is stored, as far as an answer depends on it? */
export function stillShown(stored: CardRecord, shown: Pick<CardRecord, 'front' | 'back'> & CardSchedule): boolean {
	return sameSchedule(stored, shown) && stored.front === shown.front && stored.back === shown.back;
}

type FsrsKit = typeof import('$lib/srs/fsrs') & typeof import('$lib/srs/fsrs-switch');

/** ts-fsrs and the FSRS fold, once a deck on FSRS has been answered (or undone) in this page. */
let fsrsKit: FsrsKit | undefined;

/** Thrown inside a transaction that found a deck on FSRS before ts-fsrs was loaded: nothing was written. */
class NeedsFsrs extends RefusedWrite {}

/**
 * Runs a transaction; when it finds it needs FSRS, loads it and runs it once more. The import
 * cannot happen inside: a transaction ends at an await on anything but its own requests.
 */
async function withFsrs<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (!(error instanceof NeedsFsrs)) throw error;
		const [fsrs, fold] = await Promise.all([import('$lib/srs/fsrs'), import('$lib/srs/fsrs-switch')]);
		fsrsKit = { ...fsrs, ...fold };
		return run();
	}
}

/** The FSRS scheduler of these settings (srs/fsrs's one per options, shared with the captions), or NeedsFsrs. */
function fsrsWith(settings: Settings, options?: DeckOptions): { kit: FsrsKit; scheduler: FsrsScheduler } {
	const kit = fsrsKit;
	if (!kit) throw new NeedsFsrs('FSRS is not loaded yet');
	return { kit, scheduler: kit.fsrsSchedulerFor(fsrsOptionsOf(settings, options)) };
}

/** A deck's own options (its fitted FSRS parameters among them), read in the answer's transaction. */
async function optionsOf(
	tx: WriteTx<['meta', ...('cards' | 'decks' | 'log' | 'settings' | 'today')[]]>,
	deckId: string
): Promise<DeckOptions | undefined> {
	return ((await tx.objectStore('meta').get('deckOptions')) as Record<string, DeckOptions> | undefined)?.[deckId];
}

/** The install id every log entry of this device carries ('' before ensureInstall has run). */
async function deviceOf(tx: WriteTx<['meta', ...('cards' | 'decks' | 'log' | 'settings' | 'today')[]]>): Promise<string> {
	return ((await tx.objectStore('meta').get('installId')) as string | undefined) ?? '';
}

/** Adds `entries` at the end of their day's record (a day of one deck: a few hundred at most). */
async function appendToDay(
	tx: WriteTx<('cards' | 'decks' | 'log' | 'meta' | 'settings' | 'today')[]>,
	writes: Promise<unknown>[],
	deckId: string,
	studyDay: number,
	entries: LogEntry[]
): Promise<void> {
	const day = await tx.objectStore('log').get([deckId, studyDay]);
	writes.push(tx.objectStore('log').put(encodeDay(deckId, studyDay, [...(day ? decodeEntries(day) : []), ...entries])));
}

/**
 * Records one answer: the card's new state (srs/answer.ts, the one rule) and the review log
 * entry are written in ONE strict transaction, and this resolves only once the browser has
 * committed it. The screen shows the next card only after that, so an answer it showed as given
 * is never lost. With `shown` (the card as the screen showed it) the transaction first checks
 * that the stored card is still that one, a compare-and-set: if another tab answered, edited,
 * suspended or reset it meanwhile, nothing is written and it rejects with CardChangedError.
 */
export async function recordAnswer(
	db: FlashcardsDb,
	answer: {
		cardId: string;
		grade: Grade;
		now: number;
		tookMs: number;
		sessionId: string;
		settings: Settings;
		shown?: Pick<CardRecord, 'front' | 'back'> & CardSchedule;
		/** Told the log entry as soon as it is made, before the commit: the journal starts its copy then. */
		onEntry?: (entry: ReviewEntry) => void;
	}
): Promise<AnswerRecord> {
	const { today } = studyDayAt(answer.now, answer.settings);
	return withFsrs(() =>
		writeTransaction(db, [...TODAY_STORES], 'Your last answer', async (tx, writes) => {
			// With the card as shown, its deck and its day's log record are asked for with it (a card
			// never changes deck): one round trip to the database before the writes instead of three.
			const shownDeck = answer.shown?.deckId;
			const [card, device, deckOfShown, recordOfShown] = await Promise.all([
				tx.objectStore('cards').get(answer.cardId),
				deviceOf(tx),
				shownDeck === undefined ? undefined : tx.objectStore('decks').get(shownDeck),
				shownDeck === undefined ? undefined : tx.objectStore('log').get([shownDeck, today])
			]);
			if (!card) throw new StorageError('Your answer was not saved: this card no longer exists.', 'unknown');
			if (answer.shown && !stillShown(card, answer.shown)) throw new CardChangedError(card.id);
			const readWithIt = shownDeck === card.deckId;
			const deck = readWithIt ? deckOfShown : await tx.objectStore('decks').get(card.deckId);
			const fsrs =
				deck && deckScheduler(deck, answer.settings) === 'fsrs' ? fsrsWith(answer.settings, await optionsOf(tx, card.deckId)) : undefined;
			const record = readWithIt ? recordOfShown : await tx.objectStore('log').get([card.deckId, today]);
			const dayEntries = record ? decodeEntries(record) : [];
			// A card's answer is named by its time (an undo names it so): two in the same millisecond
			// (an answer, its undo, the answer again) are kept a millisecond apart.
			let time = answer.now;
			for (const entry of dayEntries) if (entry.cardId === card.id && entry.time >= time) time = entry.time + 1;
			// A card on FSRS answered before without FSRS's state (from an older backup) gets what FSRS
			// folds from its log; a new or reset card starts afresh (srs/answer.ts).
			const fromLog = fsrs && card.status !== 'new' && !card.fsrs ? await foldFsrs(tx, card, fsrs, answer.settings) : undefined;
			const leech: LeechRules = { threshold: LEECH_THRESHOLD, action: answer.settings.leechAction };
			let outcome;
			try {
				outcome = fsrs
					? answerCardOnFsrs(card, answer.grade, time, today, leech, {
							scheduler: fsrs.scheduler,
							dayStartHour: answer.settings.dayStartHour,
							fromLog
						})
					: answerCard(card, answer.grade, time, today, leech);
			} catch (error) {
				throw new StorageError(`Your answer was not saved: ${(error as Error).message}.`, 'unknown', { cause: error });
			}
			const updated: CardRecord = outcome.card;
			// NaN or Infinity would be stored as is and exported as null, which no backup accepts.
			const tookMs = Number.isFinite(answer.tookMs) ? Math.max(0, Math.round(answer.tookMs)) : 0;
			const entry: ReviewEntry = { ...outcome.entry, tookMs, sessionId: answer.sessionId, device };
			writes.push(tx.objectStore('cards').put(updated));
			writes.push(tx.objectStore('log').put(encodeDay(card.deckId, today, [...dayEntries, entry])));
			const summary = await keepToday(tx, writes, [deck ?? card.deckId], answer.now);
			answer.onEntry?.(entry);
			return { card: updated, entry, becameLeech: outcome.becameLeech, today: summary.get(card.deckId) };
		})
	);
}

/** FSRS's state of a card from its log since it last started (none: a new card; an imported card's memory: see lastRun). */
async function foldFsrs(
	tx: WriteTx<('cards' | 'decks' | 'log' | 'meta' | 'settings' | 'today')[]>,
	card: CardRecord,
	fsrs: { kit: FsrsKit; scheduler: FsrsScheduler },
	settings: Pick<Settings, 'dayStartHour'>,
	extra: LogEntry[] = []
): Promise<FsrsState | undefined> {
	return fsrs.kit.fsrsFoldRun(lastRun([...(await entriesOfCard(tx, card)), ...extra]), fsrs.scheduler, settings.dayStartHour);
}

/** The session's last answer still standing: the latest on the last day it has one. */
async function lastAnswerOf(
	tx: WriteTx<('cards' | 'decks' | 'log' | 'meta' | 'settings' | 'today')[]>,
	sessionId: string
): Promise<ReviewEntry | undefined> {
	const log = tx.objectStore('log');
	const keys = await log.index('bySession').getAllKeys(sessionId);
	// A later answer never has an earlier study day, so a tab open for weeks reads one day, or a
	// few more when the last ones were all undone.
	const days = [...new Set(keys.map(([, studyDay]) => studyDay))].sort((a, b) => b - a);
	for (const day of days) {
		const records = await Promise.all(keys.filter(([, studyDay]) => studyDay === day).map((key) => log.get(key)));
		let last: ReviewEntry | undefined;
		for (const record of records) {
			if (!record) continue;
			for (const entry of decodeDay(record)) if (entry.sessionId === sessionId && (!last || entry.time >= last.time)) last = entry;
		}
		if (last) return last;
	}
	return undefined;
}

/** Every log entry of a card, from its deck's records (a card id never changes deck). */
async function entriesOfCard(
	tx: WriteTx<('cards' | 'decks' | 'log' | 'meta' | 'settings' | 'today')[]>,
	card: CardRecord
): Promise<LogEntry[]> {
	const records = await tx.objectStore('log').getAll(IDBKeyRange.bound([card.deckId, -Infinity], [card.deckId, Infinity]));
	return records.flatMap((record) =>
		record.cardIds.includes(card.id) ? decodeEntries(record).filter((entry) => entry.cardId === card.id) : []
	);
}

/**
 * Takes back the last answer of this session, in one transaction: the card gets back its state
 * from before the answer, and the log gains an undo entry naming the answer (the answer itself
 * stays, so the undo can travel to other devices; every read of answers leaves it out). Resolves
 * to the card, or undefined when the session has nothing left to undo. Calling it again walks
 * further back. When the card was changed after the answer (answered in another tab, reset), it
 * gets what its log now says (srs replay) instead of the state from before the answer.
 */
export async function undoLastAnswer(
	db: FlashcardsDb,
	sessionId: string,
	now = Date.now(),
	onEntry?: (entry: UndoEntry) => void
): Promise<CardRecord | undefined> {
	return withFsrs(() =>
		writeTransaction(db, [...TODAY_STORES], 'Undo', async (tx, writes) => {
			const entry = await lastAnswerOf(tx, sessionId);
			// Nothing to undo: nothing changes, today's summaries included.
			if (!entry) return void (await keepToday(tx, writes, [], now));
			const [card, device] = await Promise.all([tx.objectStore('cards').get(entry.cardId), deviceOf(tx)]);
			const undo: UndoEntry = {
				kind: 'undo',
				cardId: entry.cardId,
				deckId: entry.deckId,
				time: Math.max(now, entry.time),
				studyDay: entry.studyDay,
				sessionId,
				device,
				answerTime: entry.time,
				before: card ? snapshotOf(card) : entry.after,
				after: entry.before
			};
			let restored: CardRecord | undefined;
			if (card) {
				// Suspended or retired since the answer (by the learner or a deck update): it stays so.
				const held = card.status !== entry.after.status;
				const [stored, deck] = await Promise.all([tx.objectStore('settings').get('study'), tx.objectStore('decks').get(card.deckId)]);
				const settings: Settings = { ...defaultSettings, ...stored };
				const fsrs = deck && deckScheduler(deck, settings) === 'fsrs' ? fsrsWith(settings, await optionsOf(tx, card.deckId)) : undefined;
				let schedule = entry.before;
				if (!sameSchedule({ ...card, status: entry.after.status }, entry.after)) {
					schedule = replay(newCardSnapshot(), [...(await entriesOfCard(tx, card)), undo], {
						leechThreshold: LEECH_THRESHOLD,
						leechAction: settings.leechAction
					});
				}
				restored = { ...card, ...snapshotOf(schedule) };
				if (held) restored.status = card.status;
				if (fsrs) {
					// FSRS's state is not in the log's snapshots: it is folded again from the answers left.
					const state = await foldFsrs(tx, card, fsrs, settings, [undo]);
					delete restored.fsrs;
					if (state) {
						restored.fsrs = state;
						restored.dueDay = fsrs.kit.fsrsDueDay(state);
					}
				}
				undo.after = snapshotOf(restored);
				writes.push(tx.objectStore('cards').put(restored));
			}
			await appendToDay(tx, writes, entry.deckId, entry.studyDay, [undo]);
			await keepToday(tx, writes, [entry.deckId], now);
			onEntry?.(undo);
			return restored;
		})
	);
}
