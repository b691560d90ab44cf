// The hand of sync: pull the server's documents into PouchDB's local database (the inbox), read
// what the rules need, ask them (sync/plan.ts: start there) what to write where, write the
// outbox, push, and give the store its changes in one transaction (db/sync.ts). It decides
// nothing itself. The idb store stays the truth the app reads; PouchDB only carries documents.
import { applySync, readForSync, type SyncLocal } from '$lib/db/sync';
import type { Hlc } from '$lib/db/clock';
import type { CardRecord, FlashcardsDb, SyncCheckpoint } from '$lib/db/schema';
import { studyDay } from '$lib/srs/days';
import type { Settings } from '$lib/srs/types';
import {
	checkDeckDoc,
	checkLogDoc,
	deckDocId,
	logDocPrefix,
	SyncDocumentError,
	type CheckTime,
	type DeckDoc,
	type LogDoc
} from './documents';
import { checkDeckOptionsDoc, deckOptionsDocId } from './deck-options-doc';
import type { HostileKeys } from './json-gate';
import { afterWrite, feedToRead, wholePlan, type SyncResult } from './plan';
import { cardsToFold, foldCards, needsFsrs, type FsrsKit } from './plan-cards';
import { decksToRead, planDecks, type DeckPlan, type LocalDecks } from './plan-decks';
import { planEveryDeckOptions, type DeckOptionsRead } from './plan-deck-options';
import {
	answersWaiting,
	changedDays,
	checkpointAfter,
	daysToCompare,
	planLog,
	syncDay,
	type DaysToCompare,
	type LogDay,
	type LogPlan
} from './plan-log';
import { planSettings, settingsToRead, type SettingsPlan } from './plan-settings';
import { checkSettingsDoc, SETTINGS_DOC_ID, type CheckedSettingsDoc } from './settings-doc';
import type { PouchChange, PouchDatabase, PouchDoc, PouchRow } from './pouch';
import { SyncError, UNREACHABLE } from './remote';

export type { SyncResult };

type Database = PouchDatabase;

function failure(error: unknown): SyncError {
	if (error instanceof SyncError) return error;
	const { status, name, message } = (typeof error === 'object' && error !== null ? error : {}) as {
		status?: number;
		name?: string;
		message?: string;
	};
	if (status === 401 || status === 403)
		return new SyncError('You are signed out of the sync server: sign in again.', 'signed-out', { cause: error });
	if (status === undefined || status === 0 || name === 'TypeError' || status >= 500)
		return new SyncError(UNREACHABLE, 'offline', { cause: error });
	return new SyncError(`The sync failed: ${message ?? status}.`, 'server', { cause: error });
}

export interface SyncOptions {
	/** Documents whose JSON carried a key no device writes, as the server sent them (sync/json-gate.ts). */
	hostile?: HostileKeys;
}

/** Pull, reconcile, push. Throws SyncError; whatever step failed, nothing on the device is lost. */
export async function syncOnce(
	db: FlashcardsDb,
	local: Database,
	remote: Database,
	now = Date.now(),
	options: SyncOptions = {}
): Promise<SyncResult> {
	try {
		await local.replicate.from(remote);
	} catch (error) {
		throw failure(error);
	}
	const result = await reconcile(db, local, now, options);
	try {
		await local.replicate.to(remote);
	} catch (error) {
		if ((error as { status?: number }).status !== 413) throw failure(error);
		// A batch of documents too large for the server or a proxy in front of it (each document is
		// well under CouchDB's limit: plan-log.ts PART_BYTES): again, one document a request.
		try {
			await local.replicate.to(remote, { batch_size: 1 });
		} catch (again) {
			throw failure(again);
		}
	}
	return result;
}

/**
 * Where this sync starts reading the local PouchDB's changes: the last sync's checkpoint, unless
 * the PouchDB is another (signed in as another learner) or new (the browser emptied it), then
 * from its beginning, with every day to send.
 */
type Start = SyncCheckpoint & { fresh: boolean };

async function startingPoint(local: Database, mine: SyncLocal): Promise<Start> {
	const info = await local.info();
	const saved = mine.checkpoint;
	const behind = typeof info.update_seq === 'number' && typeof saved?.seq === 'number' && info.update_seq < saved.seq;
	if (saved && saved.database === info.db_name && !behind) return { ...saved, fresh: false };
	return { database: info.db_name, seq: 0, days: {}, fresh: true };
}

const checkTime = (mine: SyncLocal, now: number): CheckTime => ({ now, today: studyDay(now, mine.dayStartHour) });

/**
 * The documents pulled, checked as they are read: a refused one is named (every one, in
 * `rejected`) and left as it is. A refusal is kept in the checkpoint with the revision refused, so
 * the next syncs read it again and name it again until it changes (or, for one refused for the
 * time it gives, until its time has come).
 */
class Inbox {
	/** Log documents, by id (as read; each is the winning revision). */
	readonly logs = new Map<string, LogDoc>();
	/** Deck documents, by deck id. */
	readonly decks = new Map<string, DeckDoc>();
	settings: CheckedSettingsDoc | undefined;
	settingsRefused = false;
	readonly refused: NonNullable<SyncCheckpoint['refused']> = {};
	/** Save stamps read (db/clock.ts): the clock goes past each. */
	readonly seen: Hlc[] = [];

	constructor(
		private readonly mine: SyncLocal,
		readonly at: CheckTime,
		private readonly hostile: HostileKeys,
		private readonly before: SyncCheckpoint['refused']
	) {}

	/** Every refusal in words, in the order of the documents' ids: the same list at every sync. */
	get rejected(): string[] {
		return Object.entries(this.refused)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([id, refusal]) => new SyncDocumentError(id, refusal.problem).message);
	}

	/** Refuses `doc` (its id and revision) for `problem`, the sentence after "was not taken:". */
	refuse(doc: PouchDoc, problem: string, unseen = false): void {
		this.refused[doc._id] = { rev: doc._rev ?? '', problem, ...(unseen ? { unseen: true as const } : {}) };
	}

	/**
	 * The document's own refusal when its JSON, as the server sent it, carried a key no device
	 * writes (noted now, or at an earlier sync for this same revision).
	 */
	#unseenProblem(doc: PouchDoc): string | undefined {
		const key = this.hostile.get(doc._id);
		if (key !== undefined) return `it has a "${key}" field, which no device writes.`;
		const earlier = this.before?.[doc._id];
		return earlier?.unseen && earlier.rev === doc._rev ? earlier.problem : undefined;
	}

	/** Runs a check, refusing the document on a SyncDocumentError; the checked document, or undefined. */
	async check<T>(doc: PouchDoc, run: () => T | Promise<T>): Promise<T | undefined> {
		const unseen = this.#unseenProblem(doc);
		if (unseen) {
			this.refuse(doc, unseen, true);
			return undefined;
		}
		try {
			return await run();
		} catch (error) {
			if (!(error instanceof SyncDocumentError)) throw error;
			this.refuse(doc, error.problem);
			return undefined;
		}
	}

	checkLog(doc: PouchDoc): Promise<LogDoc | undefined> {
		return this.check(doc, () => checkLogDoc(doc, this.at));
	}

	async take(doc: PouchDoc): Promise<void> {
		if (doc._id.startsWith('log:')) {
			const log = await this.checkLog(doc);
			if (log) this.logs.set(doc._id, log);
		} else if (doc._id.startsWith('deck:')) {
			const deck = await this.check(doc, () => checkDeckDoc(doc, this.at));
			if (deck) {
				this.decks.set(deck.deck.id, deck);
				if (deck.stamp) this.seen.push(deck.stamp);
			}
		} else if (doc._id === SETTINGS_DOC_ID) {
			this.settings = await this.check(doc, () => checkSettingsDoc(doc, this.mine.settings.theme, this.at));
			if (this.settings) this.seen.push(this.settings.stamp);
			else this.settingsRefused = true;
		} else if (!doc._id.startsWith('options:')) this.refuse(doc, 'it is no document the app writes.');
	}
}

/** These documents by id, each with its conflicting revisions named (a row per id, in order). */
async function readByIds(local: Database, ids: readonly string[]): Promise<PouchRow[]> {
	if (ids.length === 0) return [];
	return (await local.allDocs({ keys: [...ids], include_docs: true, conflicts: true })).rows;
}

/**
 * Each deck's options document (every deck on the device is looked at, by id: one small read,
 * which also covers a fresh start and decks that arrive now), and each of its conflicting
 * revisions. A refused one is named and this deck's options stay as they are here.
 */
async function readDeckOptions(local: Database, deckIds: readonly string[], inbox: Inbox): Promise<Map<string, DeckOptionsRead>> {
	const read = new Map<string, DeckOptionsRead>();
	if (deckIds.length === 0) return read;
	const rows = await local.allDocs({ keys: deckIds.map(deckOptionsDocId), include_docs: true, conflicts: true });
	for (const [i, row] of rows.rows.entries()) {
		const deckId = deckIds[i]!;
		if (!row.doc || row.value?.deleted) {
			read.set(deckId, { conflicts: [] });
			continue;
		}
		const doc = row.doc;
		const winner = await inbox.check(doc, () => checkDeckOptionsDoc(doc, inbox.at));
		if (!winner) continue;
		inbox.seen.push(winner.stamp);
		const conflicts: DeckOptionsRead['conflicts'] = [];
		for (const rev of doc._conflicts ?? []) {
			const other = await local.get(row.id, { rev }).then(
				(found) => checkDeckOptionsDoc(found, inbox.at),
				() => undefined
			);
			if (other) inbox.seen.push(other.stamp);
			conflicts.push({ rev, ...(other ? { doc: other } : {}) });
		}
		read.set(deckId, { winner, conflicts });
	}
	return read;
}

/** ts-fsrs and the FSRS fold, with the scheduler of these settings. */
async function fsrsKit(settings: Settings): Promise<FsrsKit> {
	const [{ FsrsScheduler, fsrsDueDay }, { fsrsFoldRun }, { fsrsOptionsOf }] = await Promise.all([
		import('$lib/srs/fsrs'),
		import('$lib/srs/fsrs-switch'),
		import('$lib/srs/fsrs-options')
	]);
	return { scheduler: new FsrsScheduler(fsrsOptionsOf(settings)), fsrsFoldRun, fsrsDueDay };
}

/** A deck with more days than this to compare has its whole log read at once, not day by day. */
const DAYS_READ_ONE_BY_ONE = 20;

/** The documents of some days as the local PouchDB has them: each id's winner, its conflicting revisions, and the ids refused. */
interface DayDocs {
	docs: LogDoc[];
	losers: LogDoc[];
	blocked: Set<string>;
	/** Ids with conflicting revisions, to read. */
	conflicted: Map<string, readonly string[]>;
}

/**
 * Every log document of these days (of every device, every part), listed by range (ids and
 * revisions only): a deck's days one by one, or its whole log when many of its days are compared
 * (a first sync). Read and checked through the inbox, but for those it already took at the same
 * revision (a refused one is named, and `blocked`: never written over).
 */
async function readDayDocs(local: Database, days: Iterable<Pick<LogDay, 'deckId' | 'studyDay'>>, inbox: Inbox): Promise<DayDocs> {
	const byDeck = new Map<string, Set<number>>();
	for (const day of days) byDeck.set(day.deckId, (byDeck.get(day.deckId) ?? new Set()).add(day.studyDay));
	const listed: PouchRow[] = [];
	for (const [deckId, wanted] of byDeck) {
		const prefix = logDocPrefix(deckId);
		const ranges = wanted.size > DAYS_READ_ONE_BY_ONE ? [prefix] : [...wanted].map((day) => `${prefix}${day}:`);
		for (const start of ranges) listed.push(...(await local.allDocs({ startkey: start, endkey: `${start}\ufff0` })).rows);
	}
	const out: DayDocs = { docs: [], losers: [], blocked: new Set(), conflicted: new Map() };
	const toRead: string[] = [];
	for (const row of listed) {
		if (row.value?.deleted) continue;
		const known = inbox.logs.get(row.id);
		// Taken from the feed at this revision, with its conflicting revisions named: not read again.
		if (known && known._rev === row.value?.rev) collect(out, byDeck, known, known._conflicts ?? []);
		else toRead.push(row.id);
	}
	for (const row of await readByIds(local, toRead)) {
		const doc = row.doc;
		if (!doc || row.value?.deleted) continue;
		const checked = await inbox.checkLog(doc);
		if (checked) collect(out, byDeck, checked, doc._conflicts ?? []);
		else out.blocked.add(doc._id);
	}
	for (const [id, revs] of out.conflicted) {
		for (const rev of revs) {
			const loser = await local.get(id, { rev }).then(
				(found) => checkLogDoc(found, inbox.at),
				() => undefined
			);
			// A conflicting revision that fails the checks is left as it is: its entries are not taken.
			if (loser) out.losers.push(loser);
		}
	}
	return out;
}

/** A document of the days wanted goes in `docs`, its conflicting revisions to be read. */
function collect(out: DayDocs, wanted: ReadonlyMap<string, ReadonlySet<number>>, doc: LogDoc, conflicts: readonly string[]): void {
	if (!wanted.get(doc.deckId)?.has(doc.studyDay)) return;
	out.docs.push(doc);
	if (conflicts.length > 0) out.conflicted.set(doc._id, conflicts);
}

/** How many answers (any device's) have not reached the server's documents yet. */
export async function countWaiting(db: FlashcardsDb, local: Database, now = Date.now()): Promise<number> {
	const mine = await readForSync(db);
	const start = await startingPoint(local, mine);
	const changed = [...changedDays(mine.log, start).values()];
	const inbox = new Inbox(mine, checkTime(mine, now), new Map(), start.refused);
	const { docs } = await readDayDocs(local, changed, inbox);
	return answersWaiting({ localDays: changed.map(syncDay), docs });
}

/** What every step of a sync reads from: the device's PouchDB, its store as read, and the documents taken so far. */
interface Reading {
	local: Database;
	mine: SyncLocal;
	start: Start;
	inbox: Inbox;
}

/**
 * The documents refused at earlier syncs that this sync's feed did not bring: read again, so each
 * is named again, or taken now that it passes (an answer whose time has come).
 */
async function refusedAgain({ local, start, inbox }: Reading, feed: readonly PouchChange[]): Promise<void> {
	const inFeed = new Set(feed.map((change) => change.id));
	const ids = Object.keys(start.refused ?? {}).filter((id) => !inFeed.has(id) && !id.startsWith('options:'));
	for (const row of await readByIds(local, ids)) if (row.doc && !row.value?.deleted) await inbox.take(row.doc);
}

/**
 * The decks: those the changes feed brought (arrived or deleted), then those changed here since
 * the last sync (or synced and deleted here), read by id.
 */
async function decksStep({ local, mine, start, inbox }: Reading, feed: readonly PouchChange[]): Promise<DeckPlan> {
	const { arrived, gone } = feedToRead(feed, mine.syncedDecks);
	for (const row of await readByIds(local, arrived)) if (row.doc) await inbox.take(row.doc);
	const localDecks: LocalDecks = {
		decks: mine.decks,
		cards: mine.cards,
		synced: mine.syncedDecks,
		fresh: start.fresh,
		stamps: mine.saveStamps.decks
	};
	const look = [...decksToRead(localDecks, new Set(inbox.decks.keys()), gone)];
	for (const [i, row] of (await readByIds(local, look.map(deckDocId))).entries()) {
		// Deleted on the server, of a deck synced before: gone here too.
		if (row.value?.deleted) {
			if (mine.syncedDecks[look[i]!]) gone.add(look[i]!);
		} else if (row.doc) await inbox.take(row.doc);
	}
	return planDecks(localDecks, inbox.decks, gone, new Set(look));
}

/** Every deck's options, and the options documents of decks deleted on either side. */
async function deckOptionsStep({ local, mine, inbox }: Reading, decks: DeckPlan) {
	const removed = await readByIds(local, [...decks.removed].map(deckOptionsDocId));
	const titles = new Map([...decks.decksNow].map(([id, deck]) => [id, deck.title]));
	return planEveryDeckOptions(
		mine,
		await readDeckOptions(local, [...decks.decksNow.keys()], inbox),
		removed.flatMap((row) => (row.doc && !row.value?.deleted ? [row.doc] : [])),
		titles
	);
}

/**
 * The settings: the document from the feed, or, when it did not come but they changed here since
 * the last sync (or on a fresh start), as the local PouchDB has it. Refused: nothing is planned.
 */
async function settingsStep({ local, mine, start, inbox }: Reading): Promise<SettingsPlan | undefined> {
	let rev: string | undefined;
	let look = inbox.settings !== undefined;
	if (!inbox.settings && !inbox.settingsRefused && settingsToRead(mine, start.fresh)) {
		look = true;
		const [row] = await readByIds(local, [SETTINGS_DOC_ID]);
		if (row?.value && !row.value.deleted) rev = row.value.rev;
		if (row?.doc) await inbox.take(row.doc);
	}
	return look && !inbox.settingsRefused ? planSettings(mine, inbox.settings, rev) : undefined;
}

/**
 * The log: a deck that arrives brings its log, whichever sync pulled the documents; then the days
 * that changed here or that pulled documents reach, against the server's documents of those days
 * (every device's: any device sends what the server lacks).
 */
async function logStep({ local, mine, start, inbox }: Reading, decks: DeckPlan) {
	for (const deckId of decks.arriving) {
		const prefix = logDocPrefix(deckId);
		const rows = await local.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
		for (const row of rows.rows) if (row.doc && !inbox.logs.has(row.id)) await inbox.take(row.doc);
	}
	const deckIds = new Set(decks.decksNow.keys());
	const pulled = [...inbox.logs.values()];
	const days = daysToCompare(mine, start, pulled, deckIds);
	const dayKeys = new Set(days.reached);
	const toRead = [...dayKeys].map((key) => {
		const [day, deckId] = key.split('\u0000') as [string, string];
		return { deckId, studyDay: Number(day) };
	});
	const server = await readDayDocs(local, toRead, inbox);
	const docs = new Map(pulled.map((doc) => [doc._id, doc]));
	for (const doc of server.docs) docs.set(doc._id, doc);
	return {
		days,
		log: planLog({
			localDays: [...days.days.values()],
			localDecks: deckIds,
			docs: [...docs.values()],
			losers: server.losers,
			blocked: server.blocked
		})
	};
}

/** The cards to fold again from the log, with ts-fsrs loaded only for a card on FSRS with answers to fold. */
async function cardsStep(mine: SyncLocal, decks: DeckPlan, days: DaysToCompare, log: LogPlan, settings: Settings): Promise<CardRecord[]> {
	const toFold = cardsToFold({
		cards: mine.cards,
		log: mine.log,
		fromDocs: decks.fromDocs,
		gained: log.cards,
		days: log.days,
		decoded: days.days,
		settings,
		decksNow: decks.decksNow
	});
	if (!toFold) return [];
	return foldCards(toFold, needsFsrs(toFold) ? await fsrsKit(toFold.settings) : undefined);
}

/**
 * The inbox into the store, then the store into the outbox. Only what changed since the last
 * sync is read and compared: the documents in PouchDB's changes feed since its checkpoint, those
 * refused before, and the local days and decks that differ from what the last sync left.
 */
export async function reconcile(db: FlashcardsDb, local: Database, now: number, options: SyncOptions = {}): Promise<SyncResult> {
	const mine = await readForSync(db);
	const start = await startingPoint(local, mine);
	const inbox = new Inbox(mine, checkTime(mine, now), options.hostile ?? new Map(), start.refused);
	const reading: Reading = { local, mine, start, inbox };
	// The feed without its documents: the days and decks that need them read them by id.
	const feed = await local.changes({ since: start.seq });
	await refusedAgain(reading, feed.results);
	const decks = await decksStep(reading, feed.results);
	const deckOptions = await deckOptionsStep(reading, decks);
	const settings = await settingsStep(reading);
	const { days, log } = await logStep(reading, decks);
	const cards = await cardsStep(mine, decks, days, log, settings?.settings?.settings ?? mine.settings);
	const checkpoint = checkpointAfter({
		since: start,
		lastSeq: feed.last_seq,
		log: mine.log,
		reached: days.reached,
		deletedDecks: decks.deletedDecks,
		days: log.days,
		refused: inbox.refused
	});
	const plan = wholePlan({ decks, deckOptions, settings, log, cards, checkpoint, rejected: inbox.rejected, seen: inbox.seen });
	// The outbox first: a deck sent now is one this device has synced, so deleting it here later
	// leaves a tombstone. A conflict means the document changed in between: the next sync retries.
	const written = plan.outbox.length > 0 ? await local.bulkDocs(plan.outbox) : [];
	const done = afterWrite(plan, written);
	await applySync(db, done.changes);
	return done.result;
}
