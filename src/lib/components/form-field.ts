// What a field of a form that saves as it changes is made of (FormField.svelte, NumberField.svelte),
// and how its control is described to a screen reader (Settings' fieldsets use the same rule).
import type { Snippet } from 'svelte';

/**
 * The ids a control is described by: the message that refused its value first, then its hint, so
 * a screen reader says what is wrong before what is allowed.
 */
export function describedBy(id: string, error: string | undefined): string {
	return error ? `${id}-error ${id}-hint` : `${id}-hint`;
}

/** What the field gives its control to wire up. */
export interface Control {
	id: string;
	describedBy: string;
	invalid: 'true' | undefined;
}

/** A field's own parts, whatever its control. */
export interface FieldProps {
	id: string;
	label: string;
	hint: Snippet | string;
	/** Shows "Saved" under the field: it was the last one saved. */
	saved: boolean;
	/** Why its last value was refused. */
	error?: string;
}
