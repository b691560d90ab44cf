// The learner's settings as they travel between devices: one last-writer-wins document. The
// theme stays each device's own (a phone read at night may want dark, a laptop light), as the
// reminder (meta, never synced) and the sync account (this browser's storage) do.
import type { Settings } from '$lib/srs/types';
import { SyncDocumentError } from './documents';

export const SETTINGS_DOC_ID = 'settings';

/** The settings that stay on each device. */
export const DEVICE_SETTINGS = ['theme'] as const satisfies readonly (keyof Settings)[];

export type SharedSettings = Omit<Settings, (typeof DEVICE_SETTINGS)[number]>;

export interface SettingsDoc {
	_id: typeof SETTINGS_DOC_ID;
	_rev?: string;
	_conflicts?: string[];
	type: 'settings';
	settings: SharedSettings;
	/** When the device that wrote it saved them (its clock): the later save wins. */
	savedAt: number;
}

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

export function sharedSettings(settings: Settings): SharedSettings {
	const shared: Record<string, unknown> = { ...settings };
	for (const key of DEVICE_SETTINGS) delete shared[key];
	return shared as SharedSettings;
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
	const isObject = (value: unknown): value is Record<string, unknown> =>
		typeof value === 'object' && value !== null && !Array.isArray(value);
	if (!isObject(doc)) throw new SyncDocumentError(SETTINGS_DOC_ID, 'it is not an object.');
	const extra = Object.keys(doc).find((key) => !['_id', '_rev', '_revisions', '_conflicts', 'type', 'settings', 'savedAt'].includes(key));
	if (extra) throw new SyncDocumentError(SETTINGS_DOC_ID, `it has an unknown field "${extra}".`);
	if (doc.type !== 'settings' || !isObject(doc.settings) || typeof doc.savedAt !== 'number' || !Number.isFinite(doc.savedAt))
		throw new SyncDocumentError(SETTINGS_DOC_ID, 'it is not a settings document.');
	const device = DEVICE_SETTINGS.find((key) => key in (doc.settings as object));
	if (device) throw new SyncDocumentError(SETTINGS_DOC_ID, `it carries "${device}", which each device keeps for itself.`);
	const { validSettings } = await import('$lib/db/validate');
	try {
		const full = validSettings({ ...doc.settings, theme: localTheme });
		return { ...(doc as unknown as SettingsDoc), settings: sharedSettings(full), full };
	} catch (error) {
		throw new SyncDocumentError(SETTINGS_DOC_ID, `${(error as Error).message}.`);
	}
}
