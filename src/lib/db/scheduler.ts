// A deck's scheduler choice, stored with the switch of its cards in one transaction (srs/fsrs-switch),
// and FSRS parameters fitted to the learner, stored with their decks' cards folded again the same way.
import type { SchedulerName } from '$lib/srs/fsrs-options';
import { fsrsOptionsOf, fsrsParametersOf, type FittedParameters } from '$lib/srs/fsrs-options';
import { planDeckParameters } from '$lib/srs/day-options';
import type { DeckOptions } from '$lib/srs/today';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { deckRange } from './decks';
import { StorageError } from './database';
import { decodeEntries } from './log-codec';
import type { CardRecord, DeckRecord, FlashcardsDb } from './schema';
import { keepToday, TODAY_STORES } from './today';
import { stampSaves, sharedSettingsDiffer } from './clock';
import { writeTransaction, type WriteTx } from './write';
import { deckScheduler } from './deck-scheduler';
import { NoSuchDeckError } from './day-options';

export { deckScheduler, deckSchedulers } from './deck-scheduler';

type SwitchKit = {
	fsrsSchedulerFor: (typeof import('$lib/srs/fsrs'))['fsrsSchedulerFor'];
	planSchedulerSwitch: (typeof import('$lib/srs/fsrs-switch'))['planSchedulerSwitch'];
};

/** ts-fsrs and the switch plan, loaded before a transaction opens (an await on anything but its requests would end it). */
async function switchKit(): Promise<SwitchKit> {
	const [{ fsrsSchedulerFor }, { planSchedulerSwitch }] = await Promise.all([import('$lib/srs/fsrs'), import('$lib/srs/fsrs-switch')]);
	return { fsrsSchedulerFor, planSchedulerSwitch };
}

type SwitchTx = WriteTx<('decks' | 'cards' | 'log' | 'settings' | 'meta' | 'today')[]>;

/** Every deck's own options, read in a transaction that has the meta store. */
async function deckOptionsIn(tx: SwitchTx): Promise<Record<string, DeckOptions>> {
	return ((await tx.objectStore('meta').get('deckOptions')) as Record<string, DeckOptions> | undefined) ?? {};
}

/**
 * Gives every answered card of a deck the state `to` folds from its log (srs/fsrs-switch), FSRS with
 * the options and parameters of `settings` and the deck's own `options`.
 */
async function switchCards(
	tx: SwitchTx,
	writes: Promise<unknown>[],
	deckId: string,
	to: SchedulerName,
	kit: SwitchKit,
	settings: Settings,
	options: DeckOptions | undefined
): Promise<void> {
	const [cards, records] = await Promise.all([
		tx.objectStore('cards').index('byDeckStatusOrder').getAll(deckRange(deckId)),
		tx.objectStore('log').getAll(IDBKeyRange.bound([deckId, -Infinity], [deckId, Infinity]))
	]);
	const log = records.flatMap(decodeEntries);
	const fsrs = kit.fsrsSchedulerFor(fsrsOptionsOf(settings, options));
	const planned = kit.planSchedulerSwitch(cards, log, to, fsrs, settings.dayStartHour) as CardRecord[];
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
	const kit = await switchKit();
	return writeTransaction(db, [...TODAY_STORES], 'The scheduler of this deck', async (tx, writes) => {
		const deck = await tx.objectStore('decks').get(deckId);
		if (!deck) throw new StorageError('This deck no longer exists.', 'unknown');
		const from = deckScheduler(deck, settings);
		const updated: DeckRecord = { ...deck };
		if (choice === undefined) delete updated.scheduler;
		else updated.scheduler = choice;
		const to = deckScheduler(updated, settings);
		if (to !== from) await switchCards(tx, writes, deckId, to, kit, settings, (await deckOptionsIn(tx))[deckId]);
		writes.push(tx.objectStore('decks').put(updated));
		// The deck's scheduler travels with the deck: a save of it.
		await stampSaves(tx.objectStore('meta'), writes, now, [{ deck: deckId }]);
		await keepToday(tx, writes, [updated], now);
		return updated;
	});
}

/**
 * Saves the settings (checked first: SettingsError names a wrong value) and, when their scheduler
 * is not the one stored, switches every deck that follows Settings to it, all in one transaction,
 * as setDeckScheduler switches one deck. The fitted FSRS parameters stay as stored: only
 * saveFsrsParameters changes them, with the cards they schedule. Resolves with the settings as saved.
 */
export async function saveSettingsSwitching(db: FlashcardsDb, settings: Settings, now = Date.now()): Promise<Settings> {
	const { validSettings } = await import('./validate');
	const checked = validSettings(settings);
	// ts-fsrs only when the scheduler changes, not for every other FSRS option.
	const schedulerOf = (stored: Partial<Settings> | undefined) => ({ ...defaultSettings, ...stored }).scheduler;
	const kit = schedulerOf(await db.get('settings', 'study')) !== checked.scheduler ? await switchKit() : undefined;
	return writeTransaction(db, [...TODAY_STORES], 'Your settings', async (tx, writes) => {
		const stored = await tx.objectStore('settings').get('study');
		const valid: Settings = { ...checked, fsrsParameters: { ...defaultSettings, ...stored }.fsrsParameters };
		if (schedulerOf(stored) !== valid.scheduler) {
			if (!kit) throw new StorageError('The scheduler was changed in another tab meanwhile: choose again.', 'unknown');
			const options = await deckOptionsIn(tx);
			for (const deck of await tx.objectStore('decks').getAll()) {
				if (deck.scheduler === undefined) await switchCards(tx, writes, deck.id, valid.scheduler, kit, valid, options[deck.id]);
			}
		}
		writes.push(tx.objectStore('settings').put(valid, 'study'));
		// A save sync takes to the other devices (as db/settings.ts saveSettings).
		if (sharedSettingsDiffer(stored && { ...defaultSettings, ...stored }, valid)) {
			writes.push(tx.objectStore('meta').put(now, 'settingsSavedAt'));
			await stampSaves(tx.objectStore('meta'), writes, now, [{ settings: true }]);
		}
		await keepToday(tx, writes, 'all', now);
		return valid;
	});
}

const sameWeights = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((weight, i) => weight === b[i]);

/**
 * Saves FSRS parameters fitted to the learner (`null`: FSRS's defaults again), for every deck
 * (Settings) or, with `deckId`, for that deck alone (its options; `null` there: the deck uses those
 * of Settings again). Every deck on FSRS whose parameters this changes has its answered cards
 * folded again with them, in the same transaction, as a switch of scheduler does: a card is never
 * scheduled with parameters other than its deck's. The save is stamped for sync's last writer wins.
 */
export async function saveFsrsParameters(
	db: FlashcardsDb,
	target: { deckId?: string },
	fitted: FittedParameters | null,
	now = Date.now()
): Promise<void> {
	// Checked first (SettingsError names what is wrong): nothing is written for parameters that are not FSRS-6's.
	if (fitted) fitted = (await import('./validate')).validFittedParameters(fitted);
	const kit = await switchKit();
	const { deckId } = target;
	return writeTransaction(db, ['settings', 'decks', 'cards', 'log', 'meta'], 'The FSRS parameters', async (tx, writes) => {
		const meta = tx.objectStore('meta');
		const [stored, options, savedAt, decks] = await Promise.all([
			tx.objectStore('settings').get('study'),
			deckOptionsIn(tx),
			meta.get('deckOptionsSavedAt') as Promise<Record<string, number> | undefined>,
			tx.objectStore('decks').getAll()
		]);
		const settings: Settings = { ...defaultSettings, ...stored };
		if (deckId !== undefined && !decks.some((deck) => deck.id === deckId)) throw new NoSuchDeckError(deckId);
		const nextSettings: Settings = deckId === undefined ? { ...settings, fsrsParameters: fitted } : settings;
		const nextOptions = deckId === undefined ? options : planDeckParameters(options, deckId, fitted ?? undefined);
		for (const deck of decks) {
			if (deckScheduler(deck, settings) !== 'fsrs') continue;
			if (sameWeights(fsrsParametersOf(settings, options[deck.id]), fsrsParametersOf(nextSettings, nextOptions[deck.id]))) continue;
			await switchCards(tx, writes, deck.id, 'fsrs', kit, nextSettings, nextOptions[deck.id]);
		}
		if (deckId === undefined) {
			writes.push(tx.objectStore('settings').put(nextSettings, 'study'));
			writes.push(meta.put(now, 'settingsSavedAt'));
		} else {
			writes.push(meta.put(nextOptions, 'deckOptions'));
			writes.push(meta.put({ ...savedAt, [deckId]: now }, 'deckOptionsSavedAt'));
		}
		// Sync orders saves by their stamps (db/clock.ts): a fit is a save like any other.
		await stampSaves(meta, writes, now, [deckId === undefined ? { settings: true } : { options: deckId }]);
	});
}
