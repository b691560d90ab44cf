// The colour theme on the page: the learner's setting, or the system's when it says 'system'.
import { browser } from '$app/environment';
import type { Theme } from '$lib/srs/types';

class ThemeState {
	current = $state<Theme>('system');

	apply(theme: Theme): void {
		this.current = theme;
		if (!browser) return;
		if (theme === 'system') document.documentElement.removeAttribute('data-theme');
		else document.documentElement.setAttribute('data-theme', theme);
	}
}

export const theme = new ThemeState();
