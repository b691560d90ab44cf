// The hand of sync: pull the server's documents into PouchDB's local database (the inbox), read
// what the rules need, ask them (sync/plan.ts: start there) what to write where, write the
// outbox, push, and give the store its changes in one transaction (db/sync.ts). It decides
// nothing itself. The idb store stays the truth the app reads; PouchDB only carries documents.
import { applySync, readForSync, type SyncLocal } from '$lib/db/sync';
import type { CardRecord, FlashcardsDb, SyncCheckpoint } from '$lib/db/schema';
import { studyDay } from '$lib/srs/days';
import type { Settings } from '$lib/srs/types';
import { checkDeckDoc, checkLogDoc, deckDocId, logDocId, logDocPrefix, SyncDocumentError, type DeckDoc, type LogDoc } from './documents';
import { checkDeckOptionsDoc, deckOptionsDocId } from './deck-options-doc';
import { afterWrite, feedToRead, wholePlan, type SyncResult } from './plan';
import { cardsToFold, foldCards, type FsrsKit } from './plan-cards';
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
import { checkSettingsDoc, SETTINGS_DOC_ID, type SettingsDoc } from './settings-doc';
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

/** Pull, reconcile, push. Throws SyncError; whatever step failed, nothing on the device is lost. */
export async function syncOnce(db: FlashcardsDb, local: Database, remote: Database, now = Date.now()): Promise<SyncResult> {
	try {
		await local.replicate.from(remote);
	} catch (error) {
		throw failure(error);
	}
	const result = await reconcile(db, local, now);
	try {
		await local.replicate.to(remote);
	} catch (error) {
		throw failure(error);
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

/**
 * This device's own documents for the given days (those that exist). Checked as any pulled one: a
 * refused one (written into the learner's database by someone else) is named and left as it is.
 */
async function ownDocs(
	local: Database,
	device: string,
	days: Iterable<Pick<LogDay, 'deckId' | 'studyDay'>>,
	rejected: string[] = []
): Promise<LogDoc[]> {
	const keys = [...days].map((day) => logDocId(day.deckId, day.studyDay, device));
	if (keys.length === 0) return [];
	const rows = await local.allDocs({ keys, include_docs: true });
	return rows.rows.flatMap((row) => {
		if (!row.doc || row.value?.deleted) return [];
		try {
			return [checkLogDoc(row.doc)];
		} catch (error) {
			if (!(error instanceof SyncDocumentError)) throw error;
			rejected.push(error.message);
			return [];
		}
	});
}

/** How many answers of this device have not reached its outbox yet. */
export async function countWaiting(db: FlashcardsDb, local: Database): Promise<number> {
	const mine = await readForSync(db);
	const changed = changedDays(mine.log, await startingPoint(local, mine));
	return answersWaiting({
		device: mine.device,
		localDays: [...changed.values()].map(syncDay),
		docs: await ownDocs(local, mine.device, changed.values())
	});
}

/**
 * The documents pulled, checked as they are read: a refused one is named in `rejected` and left
 * as it is (a refused settings document: this sync keeps the settings here and sends none).
 */
class Inbox {
	/** Other devices' log documents, by id. */
	readonly logs = new Map<string, LogDoc>();
	/** Deck documents, by deck id. */
	readonly decks = new Map<string, DeckDoc>();
	settings: (SettingsDoc & { full: Settings }) | undefined;
	settingsRefused = false;
	readonly rejected: string[] = [];

	constructor(
		private readonly mine: SyncLocal,
		private readonly today: number
	) {}

	async take(doc: PouchDoc): Promise<void> {
		// This device's own log documents come back in the feed after each push: what they hold came from here.
		if (doc._id.startsWith('log:') && doc.device === this.mine.device) return;
		try {
			if (doc._id.startsWith('log:')) this.logs.set(doc._id, checkLogDoc(doc));
			else if (doc._id.startsWith('deck:')) {
				const checked = await checkDeckDoc(doc, this.today);
				this.decks.set(checked.deck.id, checked);
			} else if (doc._id === SETTINGS_DOC_ID) this.settings = await checkSettingsDoc(doc, this.mine.settings.theme);
		} catch (error) {
			if (!(error instanceof SyncDocumentError)) throw error;
			if (doc._id === SETTINGS_DOC_ID) this.settingsRefused = true;
			this.rejected.push(error.message);
		}
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
async function readDeckOptions(local: Database, deckIds: readonly string[], rejected: string[]): Promise<Map<string, DeckOptionsRead>> {
	const read = new Map<string, DeckOptionsRead>();
	if (deckIds.length === 0) return read;
	const rows = await local.allDocs({ keys: deckIds.map(deckOptionsDocId), include_docs: true, conflicts: true });
	for (const [i, row] of rows.rows.entries()) {
		const deckId = deckIds[i]!;
		if (!row.doc || row.value?.deleted) {
			read.set(deckId, { conflicts: [] });
			continue;
		}
		try {
			const winner = await checkDeckOptionsDoc(row.doc);
			const conflicts: DeckOptionsRead['conflicts'] = [];
			for (const rev of row.doc._conflicts ?? [])
				conflicts.push({ rev, doc: await local.get(row.id, { rev }).then(checkDeckOptionsDoc, () => undefined) });
			read.set(deckId, { winner, conflicts });
		} catch (error) {
			if (!(error instanceof SyncDocumentError)) throw error;
			rejected.push(error.message);
		}
	}
	return read;
}

/** ts-fsrs and the FSRS fold, with the scheduler of these settings. */
async function fsrsKit(settings: Settings): Promise<FsrsKit> {
	const [{ FsrsScheduler, fsrsDueDay }, { fsrsFold }, { fsrsOptionsOf }] = await Promise.all([
		import('$lib/srs/fsrs'),
		import('$lib/srs/fsrs-switch'),
		import('$lib/srs/fsrs-options')
	]);
	return { scheduler: new FsrsScheduler(fsrsOptionsOf(settings)), fsrsFold, fsrsDueDay };
}

/** What every step of a sync reads from: the device's PouchDB, its store as read, and the documents taken so far. */
interface Reading {
	local: Database;
	mine: SyncLocal;
	start: Start;
	inbox: Inbox;
}

/**
 * The decks: those the changes feed brought (arrived or deleted), then those changed here since
 * the last sync (or synced and deleted here), read by id.
 */
async function decksStep({ local, mine, start, inbox }: Reading, feed: readonly PouchChange[]): Promise<DeckPlan> {
	const { arrived, gone } = feedToRead(feed, mine.device, mine.syncedDecks);
	for (const row of await readByIds(local, arrived)) if (row.doc) await inbox.take(row.doc);
	const localDecks: LocalDecks = { decks: mine.decks, cards: mine.cards, synced: mine.syncedDecks, fresh: start.fresh };
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
	return planEveryDeckOptions(
		mine,
		await readDeckOptions(local, [...decks.decksNow.keys()], inbox.rejected),
		removed.flatMap((row) => (row.doc && !row.value?.deleted ? [row.doc] : []))
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
 * that changed here or that others' documents reach, against this device's own documents.
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
	const own = await ownDocs(local, mine.device, days.days.values(), inbox.rejected);
	return {
		days,
		log: planLog({ device: mine.device, localDays: [...days.days.values()], localDecks: deckIds, docs: [...pulled, ...own] })
	};
}

/** The cards to fold again from the log, with ts-fsrs loaded only for a deck on FSRS. */
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
	return foldCards(toFold, toFold.onFsrs.size > 0 ? await fsrsKit(toFold.settings) : undefined);
}

/**
 * The inbox into the store, then the store into the outbox. Only what changed since the last
 * sync is read and compared: the documents in PouchDB's changes feed since its checkpoint, and
 * the local days and decks that differ from what the last sync left.
 */
export async function reconcile(db: FlashcardsDb, local: Database, now: number): Promise<SyncResult> {
	const mine = await readForSync(db);
	const start = await startingPoint(local, mine);
	const reading: Reading = { local, mine, start, inbox: new Inbox(mine, studyDay(now, mine.dayStartHour)) };
	// The feed without its documents: the days and decks that need them read them by id.
	const feed = await local.changes({ since: start.seq });
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
		days: log.days
	});
	const plan = wholePlan({ decks, deckOptions, settings, log, cards, checkpoint, rejected: reading.inbox.rejected });
	// The outbox first: a deck sent now is one this device has synced, so deleting it here later
	// leaves a tombstone. A conflict means the document changed in between: the next sync retries.
	const written = plan.outbox.length > 0 ? await local.bulkDocs(plan.outbox) : [];
	const done = afterWrite(plan, written);
	await applySync(db, done.changes);
	return done.result;
}
