// The settings' merge rule: last writer wins by the saves' stamps; the theme stays each device's;
// the device whose save lost is told.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareHlc, type Hlc } from '$lib/db/clock';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { planSettings } from './plan-settings';
import { settingsContent, settingsDoc, sharedSettings, type CheckedSettingsDoc, type SettingsDoc } from './settings-doc';

const synced = { rev: '1-base', content: settingsContent(sharedSettings(defaultSettings)) };

interface Side {
	settings: Settings;
	savedAt: number;
	stamp: Hlc;
}

/**
 * One device's settings since the last sync: some changed (or none), saved at `savedAt` by its own
 * clock, stamped `stamp` (a clock may run far ahead: the stamp orders, not the clock), its own theme.
 */
const side = (device: string, stamp: Omit<Hlc, 'device'>): fc.Arbitrary<Side> =>
	fc
		.record({
			newPerDay: fc.constantFrom(20, 10, 30),
			buryRelated: fc.boolean(),
			theme: fc.constantFrom('light' as const, 'dark' as const),
			savedAt: fc.integer({ min: 1, max: 9 })
		})
		.map(({ savedAt, ...change }) => ({ settings: { ...defaultSettings, ...change }, savedAt, stamp: { ...stamp, device } }));

const stampArb = fc.record({ time: fc.integer({ min: 1, max: 5 }), count: fc.integer({ min: 0, max: 2 }) });
const twoSides = fc.tuple(stampArb, stampArb).chain(([a, b]) => fc.tuple(side('laptop', a), side('phone', b)));

const changed = (version: Side) => settingsContent(sharedSettings(version.settings)) !== synced.content;

/** The document a device's settings are on the server as (checked, with the reader's theme): its own revision once it changed them. */
function docOf(name: string, version: Side, readerTheme: Settings['theme']): CheckedSettingsDoc {
	const doc = settingsDoc(version.settings, version.savedAt, version.stamp);
	return {
		...doc,
		stamp: version.stamp,
		_rev: changed(version) ? `2-${name}` : '1-base',
		full: { ...version.settings, theme: readerTheme }
	};
}

const mineOf = (here: Side, before: typeof synced | undefined) => ({
	settings: here.settings,
	settingsSavedAt: here.savedAt,
	syncedSettings: before,
	saveStamps: { settings: here.stamp, deckOptions: {}, decks: {} }
});

/** A device's sync of its settings against the server's document: the plan, and the settings it then has. */
function syncOf(here: Side, server: CheckedSettingsDoc, before = synced) {
	const plan = planSettings(mineOf(here, before), server);
	return {
		plan,
		after: plan.settings ? { settings: plan.settings.settings, savedAt: plan.settings.savedAt, stamp: plan.settings.stamp } : here
	};
}

describe('planSettings', () => {
	test('settings changed on two devices end the same on both, the later save, each device keeping its theme', () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				const onLaptop = syncOf(laptop, docOf('phone', phone, laptop.settings.theme));
				const onPhone = syncOf(phone, docOf('laptop', laptop, phone.settings.theme));
				expect(sharedSettings(onLaptop.after.settings)).toEqual(sharedSettings(onPhone.after.settings));
				expect([onLaptop.after.settings.theme, onPhone.after.settings.theme]).toEqual([laptop.settings.theme, phone.settings.theme]);
				// The later save by its stamp, whatever the clocks said (`savedAt`).
				const later = compareHlc(laptop.stamp, phone.stamp) > 0 ? laptop : phone;
				const bothChanged =
					changed(laptop) &&
					changed(phone) &&
					settingsContent(sharedSettings(laptop.settings)) !== settingsContent(sharedSettings(phone.settings));
				if (bothChanged) expect(sharedSettings(onLaptop.after.settings)).toEqual(sharedSettings(later.settings));
				// Told only on the device whose save lost, naming what it had.
				const earlier = later === laptop ? onPhone : onLaptop;
				expect(earlier.plan.notices.length).toBe(bothChanged ? 1 : 0);
				expect((later === laptop ? onLaptop : onPhone).plan.notices).toEqual([]);
				if (bothChanged)
					expect(earlier.plan.notices[0]!.text).toMatch(
						/^Your settings from this device \(saved .+\) were overruled by a later save on another device \(saved .+\): .*\(this device had .+\)\.$/
					);
			})
		);
	});

	test('the device whose save lost on the other device is told when it takes the document that overruled it', () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				fc.pre(
					changed(laptop) &&
						changed(phone) &&
						settingsContent(sharedSettings(laptop.settings)) !== settingsContent(sharedSettings(phone.settings))
				);
				// The laptop sent its settings first; the phone finds them, and its own later save wins or loses.
				const laptopDoc = docOf('laptop', laptop, phone.settings.theme);
				const onPhone = syncOf(phone, laptopDoc);
				const phoneSent = onPhone.plan.outbox.find((doc): doc is SettingsDoc => doc.type === 'settings');
				if (!phoneSent) return; // The laptop's won: the phone was told itself.
				expect(phoneSent.overruled).toEqual(laptop.stamp);
				// The laptop, which had not changed them since it sent them, takes the phone's and is told.
				const sentByLaptop = { rev: laptopDoc._rev!, content: settingsContent(sharedSettings(laptop.settings)) };
				const server = { ...phoneSent, _rev: '3-phone', stamp: phone.stamp, full: { ...phone.settings, theme: laptop.settings.theme } };
				const onLaptop = syncOf(laptop, server, sentByLaptop);
				expect(sharedSettings(onLaptop.after.settings)).toEqual(sharedSettings(phone.settings));
				expect(onLaptop.plan.notices.map((notice) => notice.kept)).toEqual([phone.stamp]);
			})
		);
	});

	test("a second sync against the server's copy changes nothing", () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				const first = syncOf(laptop, docOf('phone', phone, laptop.settings.theme));
				const sent = first.plan.outbox.find((doc): doc is SettingsDoc => doc.type === 'settings');
				const server = sent
					? { ...sent, stamp: sent.stamp!, _rev: '3-laptop', full: first.after.settings }
					: docOf('phone', phone, laptop.settings.theme);
				const noted = sent ? { rev: '3-laptop', content: settingsContent(sent.settings) } : first.plan.syncedSettings!;
				const second = syncOf(first.after, server, noted);
				expect(second.plan).toEqual({ outbox: [], notices: [], syncedSettings: noted });
			})
		);
	});

	test('without a document on the server, this device sends its own, over a tombstone if there is one', () => {
		const stamp = { time: 7, count: 0, device: 'laptop' };
		const mine = {
			settings: { ...defaultSettings, newPerDay: 5 },
			settingsSavedAt: 7,
			syncedSettings: undefined,
			saveStamps: { settings: stamp, deckOptions: {}, decks: {} }
		};
		expect(planSettings(mine, undefined, '4-gone').outbox).toEqual([{ ...settingsDoc(mine.settings, 7, stamp), _rev: '4-gone' }]);
	});
});
