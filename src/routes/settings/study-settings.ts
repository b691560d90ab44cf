// What the settings forms need besides app.updateSettings: the error that names a wrong value, and
// the save that switches the decks following Settings to a new scheduler.
import { saveSettingsSwitching } from '$lib/db/scheduler';
import { app } from '$lib/state/app.svelte';
import type { Settings } from '$lib/srs/types';

export { SettingsError } from '$lib/db/validate';

/** app.updateSettings, where a new scheduler also switches the decks that follow Settings, in the same transaction. */
export async function updateSchedulerSettings(settings: Settings): Promise<void> {
	app.settings = await saveSettingsSwitching(await app.ready(), settings);
	await app.refresh();
}
