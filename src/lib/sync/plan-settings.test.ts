// The settings' merge rule: last writer wins by when they were saved; the theme stays each device's.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { planSettings } from './plan-settings';
import { settingsContent, settingsDoc, sharedSettings, type SettingsDoc } from './settings-doc';

const synced = { rev: '1-base', content: settingsContent(sharedSettings(defaultSettings)) };

interface Side {
	settings: Settings;
	savedAt: number;
}

/** One device's settings since the last sync: some changed (or none), saved at `savedAt`, its own theme. */
const side = (savedAt: number): fc.Arbitrary<Side> =>
	fc
		.record({
			newPerDay: fc.constantFrom(20, 10, 30),
			buryRelated: fc.boolean(),
			theme: fc.constantFrom('light' as const, 'dark' as const)
		})
		.map((change) => ({ settings: { ...defaultSettings, ...change }, savedAt }));

const twoSides = fc
	.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
	.filter(([a, b]) => a !== b)
	.chain(([a, b]) => fc.tuple(side(a), side(b)));

const changed = (version: Side) => settingsContent(sharedSettings(version.settings)) !== synced.content;

/** The document a device's settings are on the server as (checked, with the reader's theme): its own revision once it changed them. */
function docOf(name: string, version: Side, readerTheme: Settings['theme']): SettingsDoc & { full: Settings } {
	const doc = settingsDoc(version.settings, version.savedAt);
	return { ...doc, _rev: changed(version) ? `2-${name}` : '1-base', full: { ...version.settings, theme: readerTheme } };
}

/** A device's sync of its settings against the server's document: the plan, and the settings it then has. */
function syncOf(here: Side, server: SettingsDoc & { full: Settings }, before = synced) {
	const mine = { settings: here.settings, settingsSavedAt: here.savedAt, syncedSettings: before };
	const plan = planSettings(mine, server);
	return { plan, after: plan.settings ? { settings: plan.settings.settings, savedAt: plan.settings.savedAt } : here };
}

describe('planSettings', () => {
	test('settings changed on two devices end the same on both, the later save, each device keeping its theme', () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				const onLaptop = syncOf(laptop, docOf('phone', phone, laptop.settings.theme));
				const onPhone = syncOf(phone, docOf('laptop', laptop, phone.settings.theme));
				expect(sharedSettings(onLaptop.after.settings)).toEqual(sharedSettings(onPhone.after.settings));
				expect([onLaptop.after.settings.theme, onPhone.after.settings.theme]).toEqual([laptop.settings.theme, phone.settings.theme]);
				const later = laptop.savedAt > phone.savedAt ? laptop : phone;
				if (changed(laptop) && changed(phone)) expect(sharedSettings(onLaptop.after.settings)).toEqual(sharedSettings(later.settings));
				// Told on each side when both changed them to different values.
				expect(onLaptop.plan.conflicts.length).toBe(onPhone.plan.conflicts.length);
			})
		);
	});

	test("a second sync against the server's copy changes nothing", () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				const first = syncOf(laptop, docOf('phone', phone, laptop.settings.theme));
				const sent = first.plan.outbox.find((doc): doc is SettingsDoc => doc.type === 'settings');
				const server = sent ? { ...sent, _rev: '3-laptop', full: first.after.settings } : docOf('phone', phone, laptop.settings.theme);
				const noted = sent ? { rev: '3-laptop', content: settingsContent(sent.settings) } : first.plan.syncedSettings!;
				const second = syncOf(first.after, server, noted);
				expect(second.plan).toEqual({ outbox: [], conflicts: [], syncedSettings: noted });
			})
		);
	});

	test('without a document on the server, this device sends its own, over a tombstone if there is one', () => {
		const mine = { settings: { ...defaultSettings, newPerDay: 5 }, settingsSavedAt: 7, syncedSettings: undefined };
		expect(planSettings(mine, undefined, '4-gone').outbox).toEqual([{ ...settingsDoc(mine.settings, 7), _rev: '4-gone' }]);
	});
});
