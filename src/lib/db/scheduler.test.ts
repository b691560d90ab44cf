// A deck's scheduler choice and the switch of its cards, in one transaction.
import { afterEach, describe, expect, test } from 'vitest';
import { FsrsScheduler, fsrsDueDay } from '$lib/srs/fsrs';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import { fsrsFold } from '$lib/srs/fsrs-switch';
import type { Grade } from '$lib/srs/sm2';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { recordAnswer, saveDeck } from './index';
import { NoSuchDeckError, readDeckOptions, saveDeckOptions } from './day-options';
import { deckScheduler, saveFsrsParameters, saveSettingsSwitching, setDeckScheduler } from './scheduler';
import { loadSettings } from './settings';
import type { FlashcardsDb } from './schema';
import { closeDatabases, dump, fitted, freshDatabase, logEntries, makeDeck, NOW, timeOn, TODAY } from './test-helpers';
import { SettingsError } from './validate';

afterEach(closeDatabases);

const settings: Settings = { ...defaultSettings, desiredRetention: 0.85 };

/** Deck 'd' with three cards: a answered over three days, b forgotten once, c never answered. */
async function studied(): Promise<FlashcardsDb> {
	const db = await freshDatabase();
	const specs: [string, string, string][] = [
		['a', 'Front a', 'Back a'],
		['b', 'Front b', 'Back b'],
		['c', 'Front c', 'Back c']
	];
	await saveDeck(db, makeDeck('d', specs), 'page', { now: timeOn(TODAY - 10, 8) });
	await saveDeck(db, makeDeck('other', specs), 'page', { now: timeOn(TODAY - 10, 8) });
	const answers: [string, Grade, number][] = [
		['d:a', 4, timeOn(TODAY - 9, 9)],
		['d:b', 4, timeOn(TODAY - 9, 9, 5)],
		['other:a', 4, timeOn(TODAY - 9, 9, 6)],
		['d:a', 5, timeOn(TODAY - 8, 9)],
		['d:b', 1, timeOn(TODAY - 8, 9, 1)],
		['d:b', 4, timeOn(TODAY - 8, 9, 20)],
		['d:a', 4, timeOn(TODAY - 2, 9)]
	];
	for (const [cardId, grade, now] of answers) await recordAnswer(db, { cardId, grade, now, tookMs: 1000, sessionId: 's', settings });
	return db;
}

describe('setDeckScheduler', () => {
	test('switching a deck to FSRS gives each answered card the state FSRS folds from its log, and changes nothing else', async () => {
		const db = await studied();
		const before = await dump(db);
		const deck = await setDeckScheduler(db, 'd', 'fsrs', settings);
		expect(deck.scheduler).toBe('fsrs');
		const after = await dump(db);
		const fsrs = new FsrsScheduler(fsrsOptionsOf(settings));
		const log = await logEntries(db);
		for (const id of ['d:a', 'd:b']) {
			const card = (await db.get('cards', id))!;
			const state = fsrsFold(
				log.filter((entry) => entry.cardId === id),
				fsrs,
				settings.dayStartHour
			);
			const old = before.cards.find((c) => (c as { id: string }).id === id) as object;
			expect(card).toEqual({ ...old, fsrs: state, dueDay: fsrsDueDay(state) });
			expect(card.fsrs?.reps).toBe(3);
			// b's Again and Good of one day keep it in its learning steps.
			expect(card.fsrs?.phase).toBe(id === 'd:a' ? 'review' : 'learning');
		}
		// The new card, the other deck and the log are as they were.
		expect(await db.get('cards', 'd:c')).toEqual(before.cards.find((c) => (c as { id: string }).id === 'd:c'));
		expect(after.cards.filter((c) => (c as { deckId: string }).deckId === 'other')).toEqual(
			before.cards.filter((c) => (c as { deckId: string }).deckId === 'other')
		);
		expect(after.log).toEqual(before.log);
		expect(after.settings).toEqual(before.settings);
	});

	test('switching back to SM-2 gives back exactly the cards there were', async () => {
		const db = await studied();
		const before = await dump(db);
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await setDeckScheduler(db, 'd', 'sm2', settings);
		const after = await dump(db);
		expect(after.cards).toEqual(before.cards);
		expect(after.log).toEqual(before.log);
		expect((await db.get('decks', 'd'))?.scheduler).toBe('sm2');
	});

	test('a choice that keeps the scheduler in use only stores the choice; following Settings again switches when they differ', async () => {
		const db = await studied();
		const before = await dump(db);
		await setDeckScheduler(db, 'd', 'sm2', settings);
		expect((await dump(db)).cards).toEqual(before.cards);
		await setDeckScheduler(db, 'd', undefined, { ...settings, scheduler: 'fsrs' });
		const deck = (await db.get('decks', 'd'))!;
		expect('scheduler' in deck).toBe(false);
		expect(deckScheduler(deck, { scheduler: 'fsrs' })).toBe('fsrs');
		expect((await db.get('cards', 'd:a'))?.fsrs?.phase).toBe('review');
	});

	test('an unknown deck is refused and nothing is written', async () => {
		const db = await studied();
		const before = await dump(db);
		await expect(setDeckScheduler(db, 'gone', 'fsrs', settings)).rejects.toThrow('This deck no longer exists.');
		expect(await dump(db)).toEqual(before);
	});
});

describe('saveSettingsSwitching', () => {
	test('a new scheduler in Settings switches the decks that follow Settings in the same save, not a deck with its own; switching back gives the cards back', async () => {
		const db = await studied();
		await setDeckScheduler(db, 'other', 'sm2', settings);
		const before = await dump(db);
		const saved = await saveSettingsSwitching(db, { ...settings, scheduler: 'fsrs' });
		expect(saved.scheduler).toBe('fsrs');
		expect(await loadSettings(db)).toEqual(saved);
		const fsrs = new FsrsScheduler(fsrsOptionsOf(settings));
		const log = await logEntries(db);
		const a = (await db.get('cards', 'd:a'))!;
		const state = fsrsFold(
			log.filter((entry) => entry.cardId === 'd:a'),
			fsrs,
			settings.dayStartHour
		);
		expect(a.fsrs).toEqual(state);
		expect(a.dueDay).toBe(fsrsDueDay(state));
		expect(await db.get('cards', 'other:a')).toEqual(before.cards.find((c) => (c as { id: string }).id === 'other:a'));
		await saveSettingsSwitching(db, { ...settings, scheduler: 'sm2' });
		const after = await dump(db);
		expect(after.cards).toEqual(before.cards);
		expect(after.log).toEqual(before.log);
	});

	test('other settings changes switch nothing; a wrong value is refused and nothing is written', async () => {
		const db = await studied();
		const before = await dump(db);
		await saveSettingsSwitching(db, { ...settings, newPerDay: 5 });
		expect((await dump(db)).cards).toEqual(before.cards);
		const now = await dump(db);
		await expect(saveSettingsSwitching(db, { ...settings, scheduler: 'fsrs', desiredRetention: 0.99 })).rejects.toThrow(
			/Desired retention/
		);
		expect(await dump(db)).toEqual(now);
	});
});

describe('saveFsrsParameters', () => {
	const byId = (cards: unknown[], id: string) => cards.find((c) => (c as { id: string }).id === id);

	/** The state FSRS folds for `id` from the log with the options of `settings` and deck `options`. */
	async function folded(db: FlashcardsDb, id: string, options: Parameters<typeof fsrsOptionsOf>) {
		const log = await logEntries(db);
		return fsrsFold(
			log.filter((entry) => entry.cardId === id),
			new FsrsScheduler(fsrsOptionsOf(...options)),
			settings.dayStartHour
		);
	}

	test('fitted for every deck: the decks on FSRS fold their cards with them in the same save; decks on SM-2 keep theirs', async () => {
		const db = await studied();
		await saveSettingsSwitching(db, { ...settings, scheduler: 'fsrs' });
		await setDeckScheduler(db, 'other', 'sm2', settings);
		const before = await dump(db);
		await saveFsrsParameters(db, {}, fitted, NOW);
		const stored = await loadSettings(db);
		expect(stored.fsrsParameters).toEqual(fitted);
		for (const id of ['d:a', 'd:b']) {
			const state = await folded(db, id, [stored]);
			expect(state).not.toEqual(await folded(db, id, [settings]));
			expect(await db.get('cards', id)).toEqual({ ...(byId(before.cards, id) as object), fsrs: state, dueDay: fsrsDueDay(state) });
		}
		const after = await dump(db);
		expect(byId(after.cards, 'd:c')).toEqual(byId(before.cards, 'd:c'));
		expect(after.cards.filter((c) => (c as { deckId: string }).deckId === 'other')).toEqual(
			before.cards.filter((c) => (c as { deckId: string }).deckId === 'other')
		);
		expect(after.log).toEqual(before.log);
		expect(await db.get('meta', 'settingsSavedAt')).toBe(NOW);

		// `Use default parameters`: the cards are exactly as before the fit.
		await saveFsrsParameters(db, {}, null, NOW + 1);
		expect((await loadSettings(db)).fsrsParameters).toBeNull();
		expect((await dump(db)).cards).toEqual(before.cards);
	});

	test('fitted for one deck: its options keep its limits and gain the parameters, only its cards fold with them, and the save travels', async () => {
		const db = await studied();
		// The fit folds with the stored settings (their desired retention among them).
		await saveSettingsSwitching(db, settings);
		await setDeckScheduler(db, 'd', 'fsrs', settings);
		await setDeckScheduler(db, 'other', 'fsrs', settings);
		await saveDeckOptions(db, 'd', { newPerDay: 3 }, NOW - 1);
		const before = await dump(db);
		await saveFsrsParameters(db, { deckId: 'd' }, fitted, NOW);
		expect(await readDeckOptions(db)).toEqual({ d: { newPerDay: 3, fsrsParameters: fitted } });
		expect(await db.get('meta', 'deckOptionsSavedAt')).toEqual({ d: NOW });
		const state = await folded(db, 'd:a', [settings, { fsrsParameters: fitted }]);
		expect((await db.get('cards', 'd:a'))?.fsrs).toEqual(state);
		expect(await db.get('cards', 'other:a')).toEqual(byId(before.cards, 'other:a'));
		expect((await loadSettings(db)).fsrsParameters).toBeNull();

		// A change of limits keeps the parameters; taking them back keeps the limits and the cards come back.
		await saveDeckOptions(db, 'd', { newPerDay: 4 }, NOW + 1);
		expect((await readDeckOptions(db)).d).toEqual({ newPerDay: 4, fsrsParameters: fitted });
		await saveFsrsParameters(db, { deckId: 'd' }, null, NOW + 2);
		expect(await readDeckOptions(db)).toEqual({ d: { newPerDay: 4 } });
		expect((await dump(db)).cards).toEqual(before.cards);
	});

	test('a deck with parameters of its own keeps them, and its cards, when Settings get others', async () => {
		const db = await studied();
		await saveSettingsSwitching(db, { ...settings, scheduler: 'fsrs' });
		const own = { ...fitted, weights: fitted.weights.map((w, i) => (i === 0 ? 0.5 : w)) };
		await saveFsrsParameters(db, { deckId: 'd' }, own, NOW);
		const mine = (await db.get('cards', 'd:a'))!;
		await saveFsrsParameters(db, {}, fitted, NOW + 1);
		expect(await db.get('cards', 'd:a')).toEqual(mine);
		expect((await db.get('cards', 'other:a'))?.fsrs).toEqual(await folded(db, 'other:a', [{ ...settings, fsrsParameters: fitted }]));
	});

	test('parameters that are not FSRS-6’s, or a deck that is gone, are refused and nothing is written', async () => {
		const db = await studied();
		await saveSettingsSwitching(db, { ...settings, scheduler: 'fsrs' });
		const before = await dump(db);
		await expect(saveFsrsParameters(db, {}, { ...fitted, weights: fitted.weights.slice(2) })).rejects.toThrow(
			new SettingsError('FSRS-6 has 21 parameters')
		);
		await expect(saveFsrsParameters(db, { deckId: 'gone' }, fitted)).rejects.toBeInstanceOf(NoSuchDeckError);
		expect(await dump(db)).toEqual(before);
	});
});
