// What the study settings form needs besides app.updateSettings: the error that names a wrong value.
export { SettingsError } from '$lib/db/validate';
