// What sync sends and what it takes: start here. A sync pulls the server's documents into the
// device's PouchDB (its inbox and outbox), reads them, and asks these pure rules what to write
// where: into the device's store (`changes`, applied in one transaction by db/sync.ts applySync)
// and into PouchDB (`outbox`, pushed to the server). sync/engine.ts is the hand that reads and
// moves documents; it decides nothing.
//
// What travels, one kind of document each (sync/documents.ts, settings-doc.ts, deck-options-doc.ts):
// - `log:<deck>:<day>:<device>`  one device's answers, undos and resets to one deck on one study
//   day, written by that device alone; joined by union everywhere.          (plan-log.ts)
// - `deck:<deck>`                a deck's page, title and cards' text; last writer wins, merged
//   card by card; a deleted deck leaves a tombstone.                        (plan-decks.ts)
// - `settings`                   the shared settings (not the theme); last writer wins. (plan-settings.ts)
// - `options:<deck>`             a deck's own daily limits; last writer wins. (plan-deck-options.ts)
// Cards' schedules never travel: each device folds them from the log.      (plan-cards.ts)
// Every pulled document is checked like a backup before any rule sees it; the refused are named.
import type { SyncChanges } from '$lib/db/sync';
import { deckIdOf, type DeckDoc, type LogDoc } from './documents';
import type { DeckOptionsDoc } from './deck-options-doc';
import type { DeckPlan, SyncedDecks } from './plan-decks';
import { syncedDeck } from './plan-decks';
import type { LogPlan } from './plan-log';
import { syncDayKey } from './plan-log';
import type { SettingsPlan } from './plan-settings';
import { settingsContent, type SettingsDoc } from './settings-doc';
import type { CardRecord } from '$lib/db/schema';
import type { DeckOptions } from '$lib/srs/today';

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

/** A document deleted: CouchDB keeps its id and a revision, so that every device hears of it. */
export interface Tombstone {
	_id: string;
	_rev?: string;
	_deleted: true;
	type?: undefined;
}

/** What this device writes into its PouchDB for the server. */
export type OutboxDoc = LogDoc | DeckDoc | SettingsDoc | DeckOptionsDoc | Tombstone;

export interface SyncPlan {
	/** What the device's store takes, in one transaction. */
	changes: SyncChanges;
	/** What this device sends: new revisions and tombstones. */
	outbox: OutboxDoc[];
	/** What the learner is told. */
	result: SyncResult;
}

/**
 * What to read of the changes feed since the last sync: the documents that arrived (not this
 * device's own log documents coming back after a push, whose content came from here, nor decks'
 * options, read for every deck by id), and the decks deleted elsewhere that this device had
 * synced (not its own tombstone coming back, which forgot the deck, nor a deck made here again).
 */
export function feedToRead(
	feed: readonly { id: string; deleted?: boolean }[],
	device: string,
	synced: SyncedDecks
): { arrived: string[]; gone: Set<string> } {
	const ownSuffix = `:${encodeURIComponent(device)}`;
	const arrived: string[] = [];
	const gone = new Set<string>();
	for (const change of feed) {
		if (change.deleted) {
			if (change.id.startsWith('deck:') && synced[deckIdOf(change.id)]) gone.add(deckIdOf(change.id));
		} else if (!(change.id.startsWith('log:') && change.id.endsWith(ownSuffix)) && !change.id.startsWith('options:'))
			arrived.push(change.id);
	}
	return { arrived, gone };
}

/** The plan of each kind of document, as one plan: the outbox in the order the rules ran. */
export function wholePlan(parts: {
	decks: DeckPlan;
	deckOptions: { taken: Record<string, { options: DeckOptions; savedAt: number }>; outbox: OutboxDoc[] };
	settings: SettingsPlan | undefined;
	log: LogPlan;
	cards: CardRecord[];
	checkpoint: SyncChanges['checkpoint'];
	rejected: string[];
}): SyncPlan {
	const { decks, deckOptions, settings, log } = parts;
	return {
		changes: {
			decks: decks.decks,
			deletedDecks: decks.deletedDecks,
			cards: parts.cards,
			days: log.days,
			syncedDecks: decks.syncedDecks,
			checkpoint: parts.checkpoint,
			cardConflicts: decks.cardConflicts,
			deckOptions: deckOptions.taken,
			...(settings?.settings ? { settings: settings.settings } : {}),
			...(settings?.syncedSettings ? { syncedSettings: settings.syncedSettings } : {})
		},
		outbox: [...decks.outbox, ...deckOptions.outbox, ...(settings?.outbox ?? []), ...log.docs],
		result: {
			added: log.added,
			sent: 0,
			decksAdded: decks.decksAdded,
			decksRemoved: decks.decksRemoved,
			rejected: parts.rejected,
			conflicts: [...decks.conflicts, ...(settings?.conflicts ?? [])]
		}
	};
}

/**
 * The plan once PouchDB has answered each outbox write (in order): what was written counts as sent
 * and synced at its new revision. A write refused (the document changed in between) is retried by
 * the next sync; for a log document, its day is left out of the checkpoint so that it is sent.
 */
export function afterWrite(plan: SyncPlan, outcomes: readonly { ok?: boolean; rev: string }[]): SyncPlan {
	const syncedDecks = { ...plan.changes.syncedDecks };
	const days = { ...plan.changes.checkpoint.days };
	let { syncedSettings } = plan.changes;
	let sent = 0;
	outcomes.forEach((outcome, i) => {
		const doc = plan.outbox[i]!;
		if (!outcome.ok) {
			if (doc.type === 'log') delete days[syncDayKey(doc.deckId, doc.studyDay)];
			return;
		}
		sent++;
		if (doc.type === 'deck' && !doc._deleted) syncedDecks[doc.deck.id] = syncedDeck(outcome.rev, doc);
		if (doc.type === 'settings') syncedSettings = { rev: outcome.rev, content: settingsContent(doc.settings) };
	});
	return {
		...plan,
		changes: {
			...plan.changes,
			syncedDecks,
			checkpoint: { ...plan.changes.checkpoint, days },
			...(syncedSettings ? { syncedSettings } : {})
		},
		result: { ...plan.result, sent }
	};
}
