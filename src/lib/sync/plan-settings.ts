// What a sync does to the learner's settings (sync/settings-doc.ts), as a pure plan: last writer
// wins by the save's stamp (db/clock.ts), never earlier than anything the saving device had seen.
// Changed on one side since the last sync, that side's travel; changed on both, the later save is
// kept on both, and the device whose save lost is told what it had: here at once, or there when it
// takes the document, which names the save it overruled.
import { compareHlc, sameHlc, stampOf, type Hlc } from '$lib/db/clock';
import type { SyncChanges, SyncLocal } from '$lib/db/sync';
import { savedWhen } from '$lib/format/synced';
import type { OutboxDoc, SyncNotice } from './plan';
import {
	SETTINGS_DOC_ID,
	settingsContent,
	settingsDifferences,
	settingsDoc,
	sharedSettings,
	type CheckedSettingsDoc
} from './settings-doc';

type LocalSettings = Pick<SyncLocal, 'settings' | 'settingsSavedAt' | 'syncedSettings' | 'saveStamps'>;

/** The stamp of the settings as saved here (from when they were saved, for a save from before stamps). */
export const settingsStamp = (mine: Pick<SyncLocal, 'settingsSavedAt' | 'saveStamps'>): Hlc =>
	mine.saveStamps.settings ?? stampOf(mine.settingsSavedAt);

/**
 * Whether to read the settings document by id when the changes feed did not bring it: they
 * changed here since the last sync, or this is a fresh start.
 */
export function settingsToRead(mine: Pick<SyncLocal, 'settings' | 'syncedSettings'>, fresh: boolean): boolean {
	return fresh || mine.syncedSettings?.content !== settingsContent(sharedSettings(mine.settings));
}

export interface SettingsPlan {
	/** Settings taken from another device, with when they were saved there and the save's stamp. */
	settings?: SyncChanges['settings'];
	syncedSettings?: SyncChanges['syncedSettings'];
	outbox: OutboxDoc[];
	/** What this device lost, in words ("Your settings from this device … were overruled: …"). */
	notices: SyncNotice[];
}

/** The notice of this device's save that lost to `kept` (the settings now on both). */
function lostHere(kept: CheckedSettingsDoc, mine: LocalSettings): SyncNotice {
	const differences = settingsDifferences(kept.settings, sharedSettings(mine.settings)).join('; ');
	return {
		text: `Your settings from this device (saved ${savedWhen(mine.settingsSavedAt)}) were overruled by a later save on another device (saved ${savedWhen(kept.savedAt)}): ${differences}.`,
		subject: { settings: true },
		kept: kept.stamp
	};
}

/**
 * The settings here against their document (checked; `full` with this device's theme). Without
 * one (none yet), this device's are sent, over `rev` (a tombstone's revision, if any).
 */
export function planSettings(mine: LocalSettings, theirs: CheckedSettingsDoc | undefined, rev?: string): SettingsPlan {
	const plan: SettingsPlan = { outbox: [], notices: [] };
	const ours = sharedSettings(mine.settings);
	const ourContent = settingsContent(ours);
	const ourStamp = settingsStamp(mine);
	const before = mine.syncedSettings;
	const send = (replacing?: string, overruled?: Hlc) =>
		plan.outbox.push({
			...settingsDoc(mine.settings, mine.settingsSavedAt, ourStamp, overruled),
			...(replacing ? { _rev: replacing } : {})
		});
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
		if (changedThere && (!both || compareHlc(theirs.stamp, ourStamp) >= 0)) {
			plan.settings = { settings: theirs.full, savedAt: theirs.savedAt, stamp: theirs.stamp };
			synced(theirContent);
			// Lost here now, or lost on the device that wrote this (it names the save it overruled).
			if (both || (theirs.overruled && sameHlc(theirs.overruled, ourStamp) && mine.settingsSavedAt > 0))
				plan.notices.push(lostHere(theirs, mine));
		} else send(theirs._rev, both ? theirs.stamp : undefined);
	}
	for (const loser of theirs._conflicts ?? []) plan.outbox.push({ _id: SETTINGS_DOC_ID, _rev: loser, _deleted: true });
	return plan;
}
