// The browser side of the app's start, before the router loads the first screen.
import type { ClientInit } from '@sveltejs/kit';
import { app } from '$lib/state/app.svelte';

export const init: ClientInit = () => {
	// Opening the database is a good part of a phone's cold start: it begins here, while the router
	// still fetches the screen's code, rather than once the screen is mounted. Not awaited, so the
	// router does not wait for it; a failure is shown by app.error.
	app.ready().then(
		() => app.applyTheme(),
		() => {}
	);
};
