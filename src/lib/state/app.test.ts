// The app's shared state over fake-indexeddb: what a reload (the end of every sync) does to the settings.
import 'fake-indexeddb/auto';
import { afterAll, expect, test } from 'vitest';
import { loadSettings, saveSettings } from '$lib/db/settings';
import { defaultSettings } from '$lib/srs/types';
import { app } from './app.svelte';

afterAll(() => app.db?.close());

test('a reload that finds the settings unchanged leaves them as they are; one that finds a change takes it', async () => {
	const db = await app.ready();
	await saveSettings(db, { ...defaultSettings, newPerDay: 12 });
	app.settings = await loadSettings(db);
	const shown = app.settings;
	// A sync that brought nothing: the form's fields keep their values (and what is typed in them).
	await app.reload();
	expect(app.settings).toBe(shown);
	// Another device's save came in: it is shown.
	await saveSettings(db, { ...defaultSettings, newPerDay: 30 });
	await app.reload();
	expect(app.settings).not.toBe(shown);
	expect(app.settings.newPerDay).toBe(30);
});
