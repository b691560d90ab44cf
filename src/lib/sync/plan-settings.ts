// What a sync does to the learner's settings (sync/settings-doc.ts), as a pure plan: last writer
// wins by when they were saved. Changed on one side, that side's travel; changed on both, the
// later save is kept on both and the learner is told what the other had.
import type { SyncChanges, SyncLocal } from '$lib/db/sync';
import { savedWhen } from '$lib/format/synced';
import type { Settings } from '$lib/srs/types';
import type { OutboxDoc } from './plan';
import { SETTINGS_DOC_ID, settingsContent, settingsDifferences, settingsDoc, sharedSettings, type SettingsDoc } from './settings-doc';

type LocalSettings = Pick<SyncLocal, 'settings' | 'settingsSavedAt' | 'syncedSettings'>;

/**
 * Whether to read the settings document by id when the changes feed did not bring it: they
 * changed here since the last sync, or this is a fresh start.
 */
export function settingsToRead(mine: LocalSettings, fresh: boolean): boolean {
	return fresh || mine.syncedSettings?.content !== settingsContent(sharedSettings(mine.settings));
}

export interface SettingsPlan {
	/** Settings taken from another device, with when they were saved there. */
	settings?: SyncChanges['settings'];
	syncedSettings?: SyncChanges['syncedSettings'];
	outbox: OutboxDoc[];
	/** "Your settings from … were kept: …" */
	conflicts: string[];
}

/**
 * The settings here against their document (checked; `full` with this device's theme). Without
 * one (none yet), this device's are sent, over `rev` (a tombstone's revision, if any).
 */
export function planSettings(mine: LocalSettings, theirs: (SettingsDoc & { full: Settings }) | undefined, rev?: string): SettingsPlan {
	const plan: SettingsPlan = { outbox: [], conflicts: [] };
	const ours = sharedSettings(mine.settings);
	const ourContent = settingsContent(ours);
	const before = mine.syncedSettings;
	const send = (replacing?: string) =>
		plan.outbox.push({ ...settingsDoc(mine.settings, mine.settingsSavedAt), ...(replacing ? { _rev: replacing } : {}) });
	if (!theirs) {
		send(rev);
		return plan;
	}
	const theirContent = settingsContent(theirs.settings);
	const synced = (content: string) => (plan.syncedSettings = { rev: theirs._rev!, content });
	if (theirContent === ourContent) synced(ourContent);
	else {
		const changedHere = !before || before.content !== ourContent;
		const changedThere = !before || before.rev !== theirs._rev;
		// Never saved here (the defaults), this device has nothing to keep.
		const both = changedHere && changedThere && mine.settingsSavedAt > 0;
		if (changedThere && (!changedHere || mine.settingsSavedAt === 0 || theirs.savedAt >= mine.settingsSavedAt)) {
			plan.settings = { settings: theirs.full, savedAt: theirs.savedAt };
			synced(theirContent);
			if (both)
				plan.conflicts.push(
					`Your settings from another device (saved ${savedWhen(theirs.savedAt)}) were kept: ${settingsDifferences(theirs.settings, ours).join('; ')}.`
				);
		} else {
			if (both)
				plan.conflicts.push(
					`Your settings from this device (saved ${savedWhen(mine.settingsSavedAt)}) were kept: ${settingsDifferences(ours, theirs.settings).join('; ')}.`
				);
			send(theirs._rev);
		}
	}
	for (const loser of theirs._conflicts ?? []) plan.outbox.push({ _id: SETTINGS_DOC_ID, _rev: loser, _deleted: true });
	return plan;
}
