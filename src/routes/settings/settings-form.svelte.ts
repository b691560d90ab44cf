// What every settings form does: each value saved as soon as it changes and checked first, a
// wrong one shown by its field (and not saved, so the database keeps the last valid one), and
// "Saved" beside the control that was saved.
import { tick } from 'svelte';
import { describedBy } from '$lib/components/form-field';
import { app } from '$lib/state/app.svelte';
import type { Settings } from '$lib/srs/types';
import { SettingsError } from './study-settings';
import { errorMessage } from '$lib/format/error';
import { syncIsOn } from '$lib/platform/sync-account';

export class SettingsForm<Field extends keyof Settings> {
	errors = $state<Partial<Record<Field, string>>>({});
	/** The control last saved: its "Saved" shows beside it, not at the end of the section. */
	savedField = $state<Field | ''>('');
	failure = $state('');
	/** Saves run one after another, each on top of the last, so a quick second change loses nothing. */
	#queue = Promise.resolve();
	readonly #saver: (settings: Settings) => Promise<void>;

	/** `saver`: how the settings are written, when not app.updateSettings. */
	constructor(saver = (settings: Settings) => app.updateSettings(settings)) {
		this.#saver = saver;
	}

	save<K extends Field>(field: K, value: Settings[K]): Promise<void> {
		this.#queue = this.#queue.then(async () => {
			this.savedField = '';
			this.failure = '';
			try {
				await this.#saver({ ...$state.snapshot(app.settings), [field]: value });
				this.errors[field] = '';
				// A notice of settings this device lost to another's is out of date once they are saved again.
				if (syncIsOn()) void import('$lib/state/sync-notices.svelte').then(({ syncNotices }) => syncNotices.prune().catch(() => {}));
				await tick();
				this.savedField = field;
			} catch (error) {
				if (error instanceof SettingsError) this.errors[field] = error.message;
				else this.failure = errorMessage(error);
			}
		});
		return this.#queue;
	}

	/** A value that could not even be read (steps typed wrong): shown by its field, not saved. */
	refuse(field: Field, message: string): void {
		this.errors[field] = message;
		this.savedField = '';
	}

	/** For a control of this form that is not a FormField (a fieldset of choices). */
	describedBy(field: Field): string {
		return describedBy(field, this.errors[field]);
	}
}
