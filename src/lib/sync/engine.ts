// One sync: pull the server's documents into PouchDB's local database (the inbox), bring them
// into the device's own store, write the device's changes as documents (the outbox), push.
// The idb store stays the truth the app reads; PouchDB only carries documents.
import { applySync, readForSync, recordFingerprint, syncDay, syncDayKey, type SyncChanges, type SyncLocal } from '$lib/db/sync';
import type { LogDayRecord } from '$lib/db/log-codec';
import type { CardConflict, CardRecord, DeckRecord, FlashcardsDb } from '$lib/db/schema';
import type { LogEntry } from '$lib/srs/types';
import { LEECH_THRESHOLD } from '$lib/srs/queue';
import { newCardSnapshot, replay } from '$lib/srs/replay';
import { sinceLastStart } from '$lib/srs/answer-runs';
import { deckScheduler } from '$lib/db/deck-scheduler';
import { studyDay } from '$lib/srs/days';
import {
	checkDeckDoc,
	checkLogDoc,
	deckDoc,
	deckDocId,
	deckIdOf,
	logDocId,
	logDocPrefix,
	SyncDocumentError,
	type DeckDoc,
	type LogDoc
} from './documents';
import { answersWaiting, planLog, type LogDay } from './plan';
import { checkDeckOptionsDoc, deckOptionsDocId, planDeckOptionsSync, type DeckOptionsDoc } from './deck-options-doc';
import {
	checkSettingsDoc,
	SETTINGS_DOC_ID,
	settingsContent,
	settingsDifferences,
	settingsDoc,
	sharedSettings,
	type SettingsDoc
} from './settings-doc';
import type { Settings } from '$lib/srs/types';
import type { PouchDatabase, PouchDoc } from './pouch';
import { SyncError, UNREACHABLE } from './remote';

export interface SyncResult {
	/** Answers from other devices taken into this one. */
	added: number;
	/** Documents this device wrote for the server. */
	sent: number;
	decksAdded: string[];
	decksRemoved: string[];
	/** Documents refused by the checks (their messages); the rest synced. */
	rejected: string[];
	/** Decks changed on two devices: the one kept is named. */
	conflicts: string[];
}

type Database = PouchDatabase;

/** A deck's content as compared between syncs: its text and cards, not when it was saved. */
function deckContent(doc: Pick<DeckDoc, 'deck' | 'cards'>): string {
	const { createdAt: _created, updatedAt: _updated, ...deck } = doc.deck;
	return hash(JSON.stringify([deck, doc.cards]));
}

/** ts-fsrs and the FSRS fold, with the scheduler of these settings. */
async function fsrsKit(settings: Settings) {
	const [{ FsrsScheduler, fsrsDueDay }, { fsrsFold }, { fsrsOptionsOf }] = await Promise.all([
		import('$lib/srs/fsrs'),
		import('$lib/srs/fsrs-switch'),
		import('$lib/srs/fsrs-options')
	]);
	return { scheduler: new FsrsScheduler(fsrsOptionsOf(settings)), fsrsFold, fsrsDueDay };
}

/** A deck record's own content (its page and title), not when it was saved. */
function deckRecordContent(deck: DeckRecord): string {
	const { createdAt: _created, updatedAt: _updated, ...rest } = deck;
	return JSON.stringify(rest);
}

const cardText = (card: CardRecord) => hash(`${card.front}\u0000${card.back}`);

/** What a sync keeps of a deck's document: its revision, content, and each card's text. */
function syncedDeck(rev: string, doc: Pick<DeckDoc, 'deck' | 'cards'>) {
	return { rev, content: deckContent(doc), texts: Object.fromEntries(doc.cards.map((card) => [card.id, cardText(card)])) };
}

/** The text fields of a card, which travel together. */
function withTextOf(card: CardRecord, from: CardRecord): CardRecord {
	const { pageChanged: _dropped, editedAt: _at, ...rest } = card;
	return {
		...rest,
		front: from.front,
		back: from.back,
		edited: from.edited,
		...(from.pageChanged ? { pageChanged: from.pageChanged } : {}),
		...(from.editedAt !== undefined ? { editedAt: from.editedAt } : {})
	};
}

/**
 * The winner's cards, each with the text the other side changed when only it did; changed on both
 * (since the texts of the last sync, `base`), the later edit, and the conflict to show.
 */
function mergeCards(winner: DeckDoc, other: DeckDoc, base: Record<string, string> | undefined, winnerIsHere: boolean) {
	const others = new Map(other.cards.map((card) => [card.id, card]));
	const conflicts: Omit<CardConflict, 'deckId' | 'deckTitle'>[] = [];
	const cards = winner.cards.map((card) => {
		const alt = others.get(card.id);
		if (!alt || (alt.front === card.front && alt.back === card.back)) return card;
		const before = base?.[card.id];
		if (before !== undefined && cardText(card) === before) return withTextOf(card, alt);
		if (before !== undefined && cardText(alt) === before) return card;
		const altLater = (alt.editedAt ?? 0) > (card.editedAt ?? 0);
		const [kept, lost] = altLater ? [alt, card] : [card, alt];
		const keptHere = altLater ? !winnerIsHere : winnerIsHere;
		const text = (from: CardRecord, here: boolean) => ({
			front: from.front,
			back: from.back,
			...(from.editedAt !== undefined ? { editedAt: from.editedAt } : {}),
			here
		});
		conflicts.push({ cardId: card.id, kept: text(kept, keptHere), other: text(lost, !keptHere) });
		return withTextOf(card, kept);
	});
	return { cards, conflicts };
}

/** FNV-1a, 32 bits twice: enough to tell whether a deck changed, and small to keep. */
function hash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193) >>> 0;
		b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
	}
	return `${a.toString(36)}.${b.toString(36)}.${text.length}`;
}

function failure(error: unknown): SyncError {
	if (error instanceof SyncError) return error;
	const status = (error as { status?: number }).status;
	if (status === 401 || status === 403)
		return new SyncError('You are signed out of the sync server: sign in again.', 'signed-out', { cause: error });
	if (status === undefined || status === 0 || (error as { name?: string }).name === 'TypeError' || status >= 500)
		return new SyncError(UNREACHABLE, 'offline', { cause: error });
	return new SyncError(`The sync failed: ${(error as Error).message ?? status}.`, 'server', { cause: error });
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

type Checkpoint = SyncLocal['checkpoint'] & object;

/**
 * Where this sync starts reading the local PouchDB's changes: the last sync's checkpoint, unless
 * the PouchDB is another (signed in as another learner) or new (the browser emptied it), then
 * from its beginning, with every day to send.
 */
async function startingPoint(local: Database, mine: SyncLocal): Promise<Checkpoint & { fresh: boolean }> {
	const info = await local.info();
	const saved = mine.checkpoint;
	const behind = typeof info.update_seq === 'number' && typeof saved?.seq === 'number' && info.update_seq < saved.seq;
	if (saved && saved.database === info.db_name && !behind) return { ...saved, fresh: false };
	return { database: info.db_name, seq: 0, days: {}, fresh: true };
}

/** The days whose record changed since the last sync: the only ones that may hold entries to send. */
function changedDays(mine: SyncLocal, start: Checkpoint): Map<string, LogDayRecord> {
	const changed = new Map<string, LogDayRecord>();
	for (const record of mine.log) {
		const key = syncDayKey(record.deckId, record.studyDay);
		if (start.days[key] !== recordFingerprint(record)) changed.set(key, record);
	}
	return changed;
}

/** This device's own documents for the given days (those that exist). */
async function ownDocs(local: Database, device: string, days: Iterable<LogDayRecord | LogDay>): Promise<LogDoc[]> {
	const keys = [...days].map((day) => logDocId(day.deckId, day.studyDay, device));
	if (keys.length === 0) return [];
	const rows = await local.allDocs({ keys, include_docs: true });
	return rows.rows.flatMap((row) => (row.doc && !row.value?.deleted ? [row.doc as unknown as LogDoc] : []));
}

/** How many answers of this device have not reached its outbox yet. */
export async function countWaiting(db: FlashcardsDb, local: Database): Promise<number> {
	const mine = await readForSync(db);
	const changed = changedDays(mine, await startingPoint(local, mine));
	return answersWaiting({
		device: mine.device,
		localDays: [...changed.values()].map(syncDay),
		docs: await ownDocs(local, mine.device, changed.values())
	});
}

/**
 * The inbox into the store, then the store into the outbox. Only what changed since the last
 * sync is read and compared: the documents in PouchDB's changes feed since its checkpoint, and
 * the local days and decks that differ from what the last sync left.
 */
export async function reconcile(db: FlashcardsDb, local: Database, now: number): Promise<SyncResult> {
	const mine = await readForSync(db);
	const today = studyDay(now, mine.dayStartHour);
	const result: SyncResult = { added: 0, sent: 0, decksAdded: [], decksRemoved: [], rejected: [], conflicts: [] };
	const start = await startingPoint(local, mine);
	// The feed without its documents: this device's own come back in it after each push, and what
	// they hold came from here (the days that need them read them by id).
	const feed = await local.changes({ since: start.seq });
	const ownSuffix = `:${encodeURIComponent(mine.device)}`;
	const logDocs = new Map<string, LogDoc>();
	const deckDocs = new Map<string, DeckDoc>();
	const gone = new Set<string>();
	let theirSettings: Awaited<ReturnType<typeof checkSettingsDoc>> | undefined;
	/** A refused settings document is left as it is: this sync keeps the settings here and sends none. */
	let settingsRefused = false;
	const take = async (doc: PouchDoc) => {
		if (doc._id.startsWith('log:') && doc.device === mine.device) return;
		try {
			if (doc._id.startsWith('log:')) logDocs.set(doc._id, checkLogDoc(doc));
			else if (doc._id.startsWith('deck:')) {
				const checked = await checkDeckDoc(doc, today);
				deckDocs.set(checked.deck.id, checked);
			} else if (doc._id === SETTINGS_DOC_ID) theirSettings = await checkSettingsDoc(doc, mine.settings.theme);
		} catch (error) {
			if (!(error instanceof SyncDocumentError)) throw error;
			if (doc._id === SETTINGS_DOC_ID) settingsRefused = true;
			result.rejected.push(error.message);
		}
	};
	const arrived: string[] = [];
	for (const change of feed.results) {
		if (change.deleted) {
			// Deleted elsewhere, of a deck this device had synced: not its own tombstone coming back
			// (which forgot the deck), and not over a deck made here again since.
			if (change.id.startsWith('deck:') && mine.syncedDecks[deckIdOf(change.id)]) gone.add(deckIdOf(change.id));
		} else if (!(change.id.startsWith('log:') && change.id.endsWith(ownSuffix)) && !change.id.startsWith('options:'))
			// Decks' options are read below for every deck, by id.
			arrived.push(change.id);
	}
	if (arrived.length > 0) {
		const rows = await local.allDocs({ keys: arrived, include_docs: true, conflicts: true });
		for (const row of rows.rows) if (row.doc) await take(row.doc);
	}

	// Decks: new ones arrive, deleted ones go, and a deck changed since the last sync travels;
	// changed on both sides, the later save wins and the learner is told.
	const localDecks = new Map(mine.decks.map((deck) => [deck.id, deck]));
	const cardsByDeck = new Map<string, CardRecord[]>();
	for (const card of mine.cards) {
		const list = cardsByDeck.get(card.deckId);
		if (list) list.push(card);
		else cardsByDeck.set(card.deckId, [card]);
	}
	const synced = { ...mine.syncedDecks };
	// Decks not in the feed that may need a look: changed here since the last sync (or all of them,
	// on a fresh start), and decks synced before that are gone from here (a tombstone to write).
	const look = new Set<string>();
	for (const [id, deck] of localDecks)
		if (start.fresh || !synced[id] || synced[id].content !== deckContent(deckDoc(deck, cardsByDeck.get(id) ?? []))) look.add(id);
	for (const id of Object.keys(synced)) if (!localDecks.has(id)) look.add(id);
	for (const id of [...deckDocs.keys(), ...gone]) look.delete(id);
	if (look.size > 0) {
		const ids = [...look];
		const rows = await local.allDocs({ keys: ids.map(deckDocId), include_docs: true, conflicts: true });
		for (const [i, row] of rows.rows.entries()) {
			if (row.value?.deleted) {
				if (synced[ids[i]!]) gone.add(ids[i]!);
			} else if (row.doc) await take(row.doc);
		}
	}
	const checkpoint: Checkpoint = { database: start.database, seq: feed.last_seq, days: { ...start.days } };
	const changes: SyncChanges = {
		decks: [],
		deletedDecks: [],
		cards: [],
		days: [],
		syncedDecks: synced,
		checkpoint,
		unsent: [],
		cardConflicts: []
	};
	const outbox: PouchDoc[] = [];
	/** Cards whose text came from a document: their schedule is folded from the log below. */
	const fromDocs = new Map<string, CardRecord>();
	const takeDoc = (doc: DeckDoc) => {
		changes.decks.push(doc.deck);
		for (const card of doc.cards) fromDocs.set(card.id, card);
		synced[doc.deck.id] = syncedDeck(doc._rev!, doc);
	};
	/** Decks deleted on either side: their options documents go with them. */
	const removed = new Set(gone);
	for (const [id, doc] of deckDocs) {
		const deck = localDecks.get(id);
		const before = synced[id];
		if (!deck) {
			if (before) {
				// Deleted here since the last sync: the document becomes a tombstone.
				outbox.push({ _id: doc._id, _rev: doc._rev, _deleted: true });
				removed.add(id);
				delete synced[id];
			} else {
				takeDoc(doc);
				result.decksAdded.push(doc.deck.title);
			}
			continue;
		}
		const ours = deckDoc(deck, cardsByDeck.get(id) ?? []);
		const ourContent = deckContent(ours);
		const theirContent = deckContent(doc);
		const changedHere = !before || before.content !== ourContent;
		const changedThere = !before || before.rev !== doc._rev;
		if (ourContent === theirContent) {
			synced[id] = syncedDeck(doc._rev!, doc);
			// The same deck made on each device (a bundled one): the first one sent is kept by all.
			if (JSON.stringify(doc.deck) !== JSON.stringify(deck)) changes.decks.push(doc.deck);
		} else if (changedHere && changedThere && before) {
			// Changed on both: the deck saved last, and card by card the text each side changed (both:
			// the later edit, and the learner picks).
			const theirsWins = doc.deck.updatedAt >= deck.updatedAt;
			if (deckRecordContent(doc.deck) !== deckRecordContent(deck))
				result.conflicts.push(
					`"${deck.title}" was changed on two devices: the version saved last (on ${theirsWins ? 'another' : 'this'} device) was kept.`
				);
			const merged = mergeCards(theirsWins ? doc : ours, theirsWins ? ours : doc, before.texts, !theirsWins);
			for (const conflict of merged.conflicts) changes.cardConflicts.push({ ...conflict, deckId: id, deckTitle: deck.title });
			const mergedDoc: DeckDoc = { _id: doc._id, _rev: doc._rev, type: 'deck', deck: theirsWins ? doc.deck : deck, cards: merged.cards };
			if (deckContent(mergedDoc) !== ourContent) takeDoc(mergedDoc);
			if (deckContent(mergedDoc) !== theirContent) outbox.push({ ...mergedDoc, _rev: doc._rev } as unknown as PouchDoc);
			else synced[id] = syncedDeck(doc._rev!, doc);
		} else if (changedThere) takeDoc(doc);
		else outbox.push({ ...ours, _rev: doc._rev } as unknown as PouchDoc);
		// CouchDB keeps the losing side of a conflict: its winner is what was reconciled above.
		const losers = (doc as { _conflicts?: string[] })._conflicts ?? [];
		for (const rev of losers) outbox.push({ _id: doc._id, _rev: rev, _deleted: true });
	}
	for (const id of gone) {
		if (!localDecks.has(id)) {
			delete synced[id];
			continue;
		}
		changes.deletedDecks.push(id);
		result.decksRemoved.push(localDecks.get(id)!.title);
		delete synced[id];
		localDecks.delete(id);
	}
	for (const id of look) {
		const deck = localDecks.get(id);
		if (!deck || deckDocs.has(id) || gone.has(id)) continue;
		outbox.push(deckDoc(deck, cardsByDeck.get(id) ?? []) as unknown as PouchDoc);
	}
	const deckIds = new Set([...localDecks.keys(), ...changes.decks.map((deck) => deck.id)]);
	for (const id of changes.deletedDecks) deckIds.delete(id);

	await reconcileDeckOptions(local, mine, deckIds, changes, outbox, result);
	await removeDeckOptions(local, removed, outbox);

	// Settings: the document from the feed, or, when it did not come but they changed here since
	// the last sync (or on a fresh start), as the local PouchDB has it.
	let settingsRev: string | undefined;
	let lookSettings = theirSettings !== undefined;
	if (
		!theirSettings &&
		!settingsRefused &&
		(start.fresh || mine.syncedSettings?.content !== settingsContent(sharedSettings(mine.settings)))
	) {
		lookSettings = true;
		const row = (await local.allDocs({ keys: [SETTINGS_DOC_ID], include_docs: true, conflicts: true })).rows[0];
		if (row?.value && !row.value.deleted) settingsRev = row.value.rev;
		if (row?.doc) await take(row.doc);
	}
	if (lookSettings && !settingsRefused) reconcileSettings(mine, theirSettings, changes, outbox, result, settingsRev);

	// A deck that arrives brings its log, whichever sync pulled the documents.
	for (const deck of changes.decks) {
		if (localDecks.has(deck.id)) continue;
		const prefix = logDocPrefix(deck.id);
		const rows = await local.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
		for (const row of rows.rows) if (row.doc && !logDocs.has(row.id)) await take(row.doc);
	}

	// The log: only the days that changed here or that others' documents reach are decoded; each is
	// a union by device, and every card whose entries changed is replayed.
	const dirty = changedDays(mine, start);
	const records = new Map(mine.log.map((record) => [syncDayKey(record.deckId, record.studyDay), record]));
	const reached = new Set(dirty.keys());
	for (const doc of logDocs.values())
		if (doc.device !== mine.device && deckIds.has(doc.deckId)) reached.add(syncDayKey(doc.deckId, doc.studyDay));
	const decoded = new Map<string, LogDay>();
	for (const key of reached) {
		const record = records.get(key);
		if (record) decoded.set(key, syncDay(record));
	}
	const docs = [...logDocs.values()].filter((doc) => doc.device !== mine.device);
	const own = new Map<string, LogDoc>();
	for (const doc of logDocs.values()) if (doc.device === mine.device) own.set(syncDayKey(doc.deckId, doc.studyDay), doc);
	const ownMissing = [...decoded.entries()].filter(([key]) => !own.has(key)).map(([, day]) => day);
	for (const doc of await ownDocs(local, mine.device, ownMissing)) own.set(syncDayKey(doc.deckId, doc.studyDay), doc);
	const plan = planLog({ device: mine.device, localDays: [...decoded.values()], localDecks: deckIds, docs: [...docs, ...own.values()] });
	changes.days = plan.days;
	result.added = plan.added;
	const refold = new Set<string>([...fromDocs.keys(), ...plan.cards]);
	if (refold.size > 0) {
		const lists = new Map<string, LogEntry[]>();
		for (const day of plan.days) lists.set(syncDayKey(day.deckId, day.studyDay), day.entries);
		for (const [key, record] of records) {
			if (lists.has(key) || !record.cardIds.some((id) => refold.has(id))) continue;
			lists.set(key, (decoded.get(key) ?? syncDay(record)).entries);
		}
		const entries = new Map<string, LogEntry[]>();
		for (const list of lists.values())
			for (const entry of list) {
				if (!refold.has(entry.cardId)) continue;
				const found = entries.get(entry.cardId);
				if (found) found.push(entry);
				else entries.set(entry.cardId, [entry]);
			}
		const localCards = new Map(mine.cards.map((card) => [card.id, card]));
		const settings = changes.settings?.settings ?? mine.settings;
		const rules = { leechThreshold: LEECH_THRESHOLD, leechAction: settings.leechAction };
		const decksNow = new Map([...localDecks, ...changes.decks.map((deck) => [deck.id, deck] as const)]);
		// A deck on FSRS: its cards' FSRS state is folded from their answers too (ts-fsrs loaded only then).
		const onFsrs = (card: CardRecord) => {
			const deck = decksNow.get(card.deckId);
			return deck !== undefined && deckScheduler(deck, settings) === 'fsrs';
		};
		const cards = [...refold].flatMap((id) => {
			const base = fromDocs.get(id) ?? localCards.get(id);
			return base ? [base] : [];
		});
		const fsrs = cards.some(onFsrs) ? await fsrsKit(settings) : undefined;
		for (const base of cards) {
			// Days are kept in no order: the entries of a card, in time order (a stable sort).
			const list = (entries.get(base.id) ?? []).sort((a, b) => a.time - b.time);
			const schedule = replay(newCardSnapshot(), list, rules);
			// Suspended or retired on the card (by the learner, or a deck update) stays so, as in undo.
			const held = base.status === 'suspended' || base.status === 'retired';
			const { fsrs: _stale, ...card } = { ...base, ...schedule, status: held ? base.status : schedule.status };
			const answers = fsrs && onFsrs(base) ? sinceLastStart(list) : [];
			if (fsrs && answers.length > 0) {
				const state = fsrs.fsrsFold(answers, fsrs.scheduler, settings.dayStartHour);
				changes.cards.push({ ...card, fsrs: state, dueDay: fsrs.fsrsDueDay(state) });
			} else changes.cards.push(card);
		}
	}
	// The days read here are synced once their own entries are in the outbox (a failed write below
	// leaves them to the next sync).
	for (const key of reached) {
		const record = records.get(key);
		if (record) checkpoint.days[key] = recordFingerprint(record);
	}

	// The outbox first: a deck sent now is one this device has synced, so deleting it here later
	// leaves a tombstone. A conflict means the document changed in between: the next sync retries.
	outbox.push(...(plan.docs as unknown as PouchDoc[]));
	if (outbox.length > 0) {
		const written = await local.bulkDocs(outbox);
		written.forEach((outcome, i) => {
			const doc = outbox[i] as unknown as (DeckDoc | LogDoc | SettingsDoc) & { _deleted?: boolean };
			if (!outcome.ok) {
				if (doc.type === 'log') changes.unsent.push(syncDayKey(doc.deckId, doc.studyDay));
				return;
			}
			result.sent++;
			if (doc.type === 'deck' && !doc._deleted) synced[doc.deck.id] = syncedDeck(outcome.rev, doc);
			if (doc.type === 'settings' && !doc._deleted) changes.syncedSettings = { rev: outcome.rev, content: settingsContent(doc.settings) };
		});
	}
	await applySync(db, changes);
	return result;
}

export type { DeckRecord };

/**
 * Each deck's own options, last writer wins (sync/deck-options-doc.ts). Every deck on the device
 * is looked at, by id: one small read, which also covers a fresh start and decks that arrive now.
 * A refused document is left as it is and this deck's options stay as they are here.
 */
async function reconcileDeckOptions(
	local: Database,
	mine: SyncLocal,
	deckIds: ReadonlySet<string>,
	changes: SyncChanges,
	outbox: PouchDoc[],
	result: SyncResult
): Promise<void> {
	const ids = [...deckIds];
	if (ids.length === 0) return;
	const rows = await local.allDocs({ keys: ids.map(deckOptionsDocId), include_docs: true, conflicts: true });
	changes.deckOptions = {};
	for (const [i, row] of rows.rows.entries()) {
		const deckId = ids[i]!;
		let theirs: DeckOptionsDoc | undefined;
		const losers: string[] = [];
		if (row.doc && !row.value?.deleted) {
			try {
				const winner = await checkDeckOptionsDoc(row.doc);
				theirs = winner;
				// Saved on two devices between syncs, CouchDB keeps both: the later save counts, over the winner's revision.
				for (const rev of row.doc._conflicts ?? []) {
					losers.push(rev);
					const other = await checkDeckOptionsDoc(await local.get(row.id, { rev })).catch(() => undefined);
					if (other && other.savedAt > theirs.savedAt) theirs = { ...other, _rev: winner._rev };
				}
				if (theirs !== winner) outbox.push({ ...theirs } as unknown as PouchDoc);
			} catch (error) {
				if (!(error instanceof SyncDocumentError)) throw error;
				result.rejected.push(error.message);
				continue;
			}
		}
		const here = { options: mine.deckOptions[deckId], savedAt: mine.deckOptionsSavedAt[deckId] ?? 0 };
		const plan = planDeckOptionsSync(deckId, here, theirs);
		if (plan.take) changes.deckOptions[deckId] = { options: plan.take.options, savedAt: plan.take.savedAt };
		if (plan.send) {
			const at = outbox.findIndex((doc) => doc._id === plan.send!._id);
			if (at >= 0) outbox.splice(at, 1);
			outbox.push(plan.send as unknown as PouchDoc);
		}
		for (const rev of losers) outbox.push({ _id: row.id, _rev: rev, _deleted: true });
	}
}

/**
 * The options documents of decks deleted (here, or on the device this sync heard it from), every
 * revision of them, so that the server keeps no options of a deck no device has. A deck made
 * again later saves its options over the tombstone.
 */
async function removeDeckOptions(local: Database, deckIds: ReadonlySet<string>, outbox: PouchDoc[]): Promise<void> {
	if (deckIds.size === 0) return;
	const rows = await local.allDocs({ keys: [...deckIds].map(deckOptionsDocId), include_docs: true, conflicts: true });
	for (const row of rows.rows) {
		if (!row.doc || row.value?.deleted) continue;
		for (const rev of [row.doc._rev!, ...(row.doc._conflicts ?? [])]) outbox.push({ _id: row.id, _rev: rev, _deleted: true });
	}
}

/**
 * Settings, last writer wins: changed on one side, that side's travel; changed on both, the later
 * save is kept on both and the learner is told what the other had. Without their document (none
 * yet, or refused), this device's are sent, over `rev`.
 */
function reconcileSettings(
	mine: SyncLocal,
	theirs: (SettingsDoc & { full: Settings }) | undefined,
	changes: SyncChanges,
	outbox: PouchDoc[],
	result: SyncResult,
	rev?: string
): void {
	const ours = sharedSettings(mine.settings);
	const ourContent = settingsContent(ours);
	const before = mine.syncedSettings;
	const send = (replacing?: string) => {
		const savedAt = mine.settingsSavedAt;
		outbox.push({ ...settingsDoc(mine.settings, savedAt), ...(replacing ? { _rev: replacing } : {}) } as unknown as PouchDoc);
	};
	if (!theirs) return send(rev);
	const theirContent = settingsContent(theirs.settings);
	const synced = (content: string) => (changes.syncedSettings = { rev: theirs._rev!, content });
	if (theirContent === ourContent) synced(ourContent);
	else {
		const changedHere = !before || before.content !== ourContent;
		const changedThere = !before || before.rev !== theirs._rev;
		// Never saved here (the defaults), this device has nothing to keep.
		const both = changedHere && changedThere && mine.settingsSavedAt > 0;
		if (changedThere && (!changedHere || mine.settingsSavedAt === 0 || theirs.savedAt >= mine.settingsSavedAt)) {
			changes.settings = { settings: theirs.full, savedAt: theirs.savedAt };
			synced(theirContent);
			if (both)
				result.conflicts.push(
					`Your settings from another device (saved ${when(theirs.savedAt)}) were kept: ${settingsDifferences(theirs.settings, ours).join('; ')}.`
				);
		} else {
			if (both)
				result.conflicts.push(
					`Your settings from this device (saved ${when(mine.settingsSavedAt)}) were kept: ${settingsDifferences(ours, theirs.settings).join('; ')}.`
				);
			send(theirs._rev);
		}
	}
	for (const loser of theirs._conflicts ?? []) outbox.push({ _id: SETTINGS_DOC_ID, _rev: loser, _deleted: true });
}

const when = (time: number) => new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
