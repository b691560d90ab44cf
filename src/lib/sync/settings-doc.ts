// The learner's settings as they travel between devices: one last-writer-wins document. The
// theme stays each device's own (a phone read at night may want dark, a laptop light), as the
// reminder (meta, never synced) and the sync account (this browser's storage) do.
import * as v from 'valibot';
import type { Settings } from '$lib/srs/types';
import { errorMessage } from '$lib/format/error';
import { anObject, couchFields, SyncDocumentError, withKnownFields } from './documents';

export const SETTINGS_DOC_ID = 'settings';

/** The settings that stay on each device. */
export const DEVICE_SETTINGS = ['theme'] as const satisfies readonly (keyof Settings)[];

export type SharedSettings = Omit<Settings, (typeof DEVICE_SETTINGS)[number]>;

/** The settings document's fields; its settings are checked as a backup's (checkSettingsDoc). */
const settingsDocHead = v.object({
	...couchFields,
	_id: v.literal(SETTINGS_DOC_ID),
	type: v.literal('settings'),
	settings: anObject,
	/** When the device that wrote it saved them (its clock): the later save wins. */
	savedAt: v.pipe(v.number(), v.finite())
});

export type SettingsDoc = Omit<v.InferOutput<typeof settingsDocHead>, 'settings'> & { settings: SharedSettings };

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

export function settingsDoc(settings: Settings, savedAt: number): SettingsDoc {
	return { _id: SETTINGS_DOC_ID, type: 'settings', settings: sharedSettings(settings), savedAt };
}

const show = (key: keyof SharedSettings, value: unknown) => {
	if (key === 'fsrsParameters') {
		const fitted = value as SharedSettings['fsrsParameters'];
		return fitted ? `fitted on ${fitted.answers.toLocaleString('en')} reviews` : 'the defaults';
	}
	return Array.isArray(value) ? value.join(' ') || 'none' : typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
};

/** "New cards per day 30 (the other device had 20)": where the kept settings differ, in Settings' words. */
export function settingsDifferences(kept: SharedSettings, other: SharedSettings): string[] {
	return (Object.keys(LABELS) as (keyof SharedSettings)[])
		.filter((key) => JSON.stringify(kept[key]) !== JSON.stringify(other[key]))
		.map((key) => `${LABELS[key]} ${show(key, kept[key])} (the other device had ${show(key, other[key])})`);
}

/**
 * Checks a pulled settings document with the same rules as the settings of a backup import
 * (db/validate.ts), which it loads only when one arrives; gives the settings it carries.
 */
export async function checkSettingsDoc(doc: unknown, localTheme: Settings['theme']): Promise<SettingsDoc & { full: Settings }> {
	const fields = withKnownFields(doc, ['type', 'settings', 'savedAt'], {
		id: SETTINGS_DOC_ID,
		couch: ['_id', '_rev', '_revisions', '_conflicts']
	});
	const head = v.safeParse(settingsDocHead, fields);
	if (!head.success) throw new SyncDocumentError(SETTINGS_DOC_ID, 'it is not a settings document.');
	const device = DEVICE_SETTINGS.find((key) => key in head.output.settings);
	if (device) throw new SyncDocumentError(SETTINGS_DOC_ID, `it carries "${device}", which each device keeps for itself.`);
	const { validSettings } = await import('$lib/db/validate');
	try {
		const full = validSettings({ ...head.output.settings, theme: localTheme });
		return { ...head.output, settings: sharedSettings(full), full };
	} catch (error) {
		throw new SyncDocumentError(SETTINGS_DOC_ID, `${errorMessage(error)}.`);
	}
}
