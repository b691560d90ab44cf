// A deck's scheduler choice, stored with the switch of its cards in one transaction (srs/fsrs-switch).
import type { SchedulerName } from '$lib/srs/fsrs-options';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { deckRange } from './decks';
import { StorageError } from './database';
import { decodeEntries } from './log-codec';
import type { CardRecord, DeckRecord, FlashcardsDb } from './schema';
import { stampSaves, sharedSettingsDiffer } from './clock';
import { writeTransaction, type WriteTx } from './write';
import { deckScheduler } from './deck-scheduler';

export { deckScheduler, deckSchedulers } from './deck-scheduler';

type SwitchKit = {
	fsrs: import('$lib/srs/fsrs').FsrsScheduler;
	planSchedulerSwitch: (typeof import('$lib/srs/fsrs-switch'))['planSchedulerSwitch'];
};

/** ts-fsrs and the switch plan, loaded before a transaction opens (an await on anything but its requests would end it). */
async function switchKit(settings: Settings): Promise<SwitchKit> {
	const [{ fsrsSchedulerFor }, { planSchedulerSwitch }] = await Promise.all([import('$lib/srs/fsrs'), import('$lib/srs/fsrs-switch')]);
	return { fsrs: fsrsSchedulerFor(fsrsOptionsOf(settings)), planSchedulerSwitch };
}

/** Gives every answered card of a deck the state `to` folds from its log (srs/fsrs-switch). */
async function switchCards(
	tx: WriteTx<('decks' | 'cards' | 'log' | 'settings' | 'meta')[]>,
	writes: Promise<unknown>[],
	deckId: string,
	to: SchedulerName,
	kit: SwitchKit,
	dayStartHour: number
): Promise<void> {
	const [cards, records] = await Promise.all([
		tx.objectStore('cards').index('byDeckStatusOrder').getAll(deckRange(deckId)),
		tx.objectStore('log').getAll(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity]))
	]);
	const log = records.flatMap(decodeEntries);
	const planned = kit.planSchedulerSwitch(cards, log, to, kit.fsrs, dayStartHour) as CardRecord[];
	for (const [i, card] of planned.entries()) if (card !== cards[i]) writes.push(tx.objectStore('cards').put(card));
}

/**
 * Gives a deck its own scheduler (`undefined`: follow Settings again). When that changes the
 * scheduler it uses, every answered card gets the state the other scheduler would have given it
 * from its log, in the same transaction as the choice, so a deck is never half switched. The log
 * is not touched. Resolves with the deck as stored.
 */
export async function setDeckScheduler(
	db: FlashcardsDb,
	deckId: string,
	choice: SchedulerName | undefined,
	settings: Settings,
	now = Date.now()
): Promise<DeckRecord> {
	const kit = await switchKit(settings);
	return writeTransaction(db, ['decks', 'cards', 'log', 'meta'], 'The scheduler of this deck', async (tx, writes) => {
		const deck = await tx.objectStore('decks').get(deckId);
		if (!deck) throw new StorageError('This deck no longer exists.', 'unknown');
		const from = deckScheduler(deck, settings);
		const updated: DeckRecord = { ...deck };
		if (choice === undefined) delete updated.scheduler;
		else updated.scheduler = choice;
		const to = deckScheduler(updated, settings);
		if (to !== from) await switchCards(tx, writes, deckId, to, kit, settings.dayStartHour);
		writes.push(tx.objectStore('decks').put(updated));
		// The deck's scheduler travels with the deck: a save of it.
		await stampSaves(tx.objectStore('meta'), writes, now, [{ deck: deckId }]);
		return updated;
	});
}

/**
 * Saves the settings (checked first: SettingsError names a wrong value) and, when their scheduler
 * is not the one stored, switches every deck that follows Settings to it, all in one transaction,
 * as setDeckScheduler switches one deck. Resolves with the settings as saved.
 */
export async function saveSettingsSwitching(db: FlashcardsDb, settings: Settings, now = Date.now()): Promise<Settings> {
	const { validSettings } = await import('./validate');
	const valid = validSettings(settings);
	// ts-fsrs only when the scheduler changes, not for every other FSRS option.
	const schedulerOf = (stored: Partial<Settings> | undefined) => ({ ...defaultSettings, ...stored }).scheduler;
	const kit = schedulerOf(await db.get('settings', 'study')) !== valid.scheduler ? await switchKit(valid) : undefined;
	return writeTransaction(db, ['settings', 'decks', 'cards', 'log', 'meta'], 'Your settings', async (tx, writes) => {
		const stored = await tx.objectStore('settings').get('study');
		if (schedulerOf(stored) !== valid.scheduler) {
			if (!kit) throw new StorageError('The scheduler was changed in another tab meanwhile: choose again.', 'unknown');
			for (const deck of await tx.objectStore('decks').getAll()) {
				if (deck.scheduler === undefined) await switchCards(tx, writes, deck.id, valid.scheduler, kit, valid.dayStartHour);
			}
		}
		writes.push(tx.objectStore('settings').put(valid, 'study'));
		// A save sync takes to the other devices (as db/settings.ts saveSettings).
		if (sharedSettingsDiffer(stored && { ...defaultSettings, ...stored }, valid)) {
			writes.push(tx.objectStore('meta').put(now, 'settingsSavedAt'));
			await stampSaves(tx.objectStore('meta'), writes, now, [{ settings: true }]);
		}
		return valid;
	});
}
