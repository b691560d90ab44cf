// The learner's settings as they travel between devices: one last-writer-wins document. The
// theme stays each device's own (a phone read at night may want dark, a laptop light), as the
// reminder (meta, never synced) and the sync account (this browser's storage) do.
import * as v from 'valibot';
import { DEVICE_SETTINGS, type Settings } from '$lib/srs/types';
import { errorMessage } from '$lib/format/error';
import { stampOf, type Hlc } from '$lib/db/clock';
import { anObject, couchFields, saveTimeProblem, stampFields, SyncDocumentError, withKnownFields, type CheckTime } from './documents';

export const SETTINGS_DOC_ID = 'settings';

export { DEVICE_SETTINGS };

export type SharedSettings = Omit<Settings, (typeof DEVICE_SETTINGS)[number]>;

/** The settings document's fields; its settings are checked as a backup's (checkSettingsDoc). */
const settingsDocHead = v.object({
	...couchFields,
	_id: v.literal(SETTINGS_DOC_ID),
	type: v.literal('settings'),
	settings: anObject,
	/** When the device that wrote it saved them, by its clock: what the learner is told. The save's `stamp` orders it. */
	savedAt: v.pipe(v.number(), v.finite()),
	...stampFields
});

export type SettingsDoc = Omit<v.InferOutput<typeof settingsDocHead>, 'settings'> & { settings: SharedSettings };

/** A settings document as checked: its save's stamp (from `savedAt` for a document from before stamps). */
export type CheckedSettingsDoc = SettingsDoc & { full: Settings; stamp: Hlc };

/** Their names as Settings shows them. */
const LABELS: Record<keyof SharedSettings, string> = {
	newPerDay: 'New cards per day',
	reviewsPerDay: 'Reviews per day',
	dayStartHour: 'Study day starts at',
	gradeScale: 'Answer buttons',
	leechAction: 'Leeches',
	scheduler: 'Scheduler',
	desiredRetention: 'Desired retention',
	learningSteps: 'Learning steps',
	relearningSteps: 'Relearning steps',
	maximumInterval: 'Maximum interval',
	fsrsParameters: 'FSRS parameters',
	buryRelated: 'Bury related cards'
};

export function sharedSettings({ theme: _theme, ...shared }: Settings): SharedSettings {
	return shared;
}

/** The shared settings in a fixed key order, to tell whether they changed. */
export function settingsContent(settings: SharedSettings): string {
	return JSON.stringify(settings, Object.keys(settings).sort());
}

export function settingsDoc(settings: Settings, savedAt: number, stamp: Hlc, overruled?: Hlc): SettingsDoc {
	return {
		_id: SETTINGS_DOC_ID,
		type: 'settings',
		settings: sharedSettings(settings),
		savedAt,
		stamp,
		...(overruled ? { overruled } : {})
	};
}

const show = (key: keyof SharedSettings, value: unknown) => {
	if (key === 'fsrsParameters') {
		const fitted = value as SharedSettings['fsrsParameters'];
		return fitted ? `fitted on ${fitted.answers.toLocaleString('en')} reviews` : 'the defaults';
	}
	return Array.isArray(value) ? value.join(' ') || 'none' : typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
};

/** "New cards per day 30 (this device had 20)": where the kept settings differ from those `where` had, in Settings' words. */
export function settingsDifferences(kept: SharedSettings, lost: SharedSettings, where = 'this device'): string[] {
	return (Object.keys(LABELS) as (keyof SharedSettings)[])
		.filter((key) => JSON.stringify(kept[key]) !== JSON.stringify(lost[key]))
		.map((key) => `${LABELS[key]} ${show(key, kept[key])} (${where} had ${show(key, lost[key])})`);
}

/**
 * Checks a pulled settings document with the same rules as the settings of a backup import
 * (db/validate.ts), which it loads only when one arrives; gives the settings it carries.
 */
export async function checkSettingsDoc(doc: unknown, localTheme: Settings['theme'], at: CheckTime): Promise<CheckedSettingsDoc> {
	const fields = withKnownFields(doc, ['type', 'settings', 'savedAt', 'stamp', 'overruled'], {
		id: SETTINGS_DOC_ID,
		couch: ['_id', '_rev', '_revisions', '_conflicts']
	});
	const head = v.safeParse(settingsDocHead, fields);
	if (!head.success) throw new SyncDocumentError(SETTINGS_DOC_ID, 'it is not a settings document.');
	const device = DEVICE_SETTINGS.find((key) => Object.hasOwn(head.output.settings, key));
	if (device) throw new SyncDocumentError(SETTINGS_DOC_ID, `it carries "${device}", which each device keeps for itself.`);
	const stamp = head.output.stamp ?? stampOf(head.output.savedAt);
	const late = saveTimeProblem(head.output.savedAt, at, 'its save') ?? saveTimeProblem(stamp.time, at, 'its stamp');
	if (late) throw new SyncDocumentError(SETTINGS_DOC_ID, `${late}.`);
	const { validSettings } = await import('$lib/db/validate');
	try {
		const full = validSettings({ ...head.output.settings, theme: localTheme });
		return { ...head.output, settings: sharedSettings(full), full, stamp };
	} catch (error) {
		throw new SyncDocumentError(SETTINGS_DOC_ID, `${errorMessage(error)}.`);
	}
}
