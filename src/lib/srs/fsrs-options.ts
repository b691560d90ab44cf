// The scheduler a learner picks and FSRS's options, as plain data: no ts-fsrs here, so Settings,
// validation and backups can name them without loading FSRS itself (srs/fsrs.ts does that).

import type { FsrsOptions } from './fsrs';
import type { Settings } from './types';

export type SchedulerName = 'sm2' | 'fsrs';

export const MIN_DESIRED_RETENTION = 0.7;
export const MAX_DESIRED_RETENTION = 0.97;
/** A hundred years, as SM-2's MAX_INTERVAL. */
export const MAX_MAXIMUM_INTERVAL = 36_500;
/** A step may be at most a month; longer rests are FSRS's own intervals, not steps. */
export const MAX_STEP_DAYS = 30;
export const MAX_STEP_MINUTES = MAX_STEP_DAYS * 1440 + 1;

const STEP_UNITS: Record<string, number> = { m: 1, h: 60, d: 1440 };

/**
 * Anki's way of writing steps, '1m 10m' or '10m 1h 1d', as minutes. An empty text is no steps
 * (FSRS then schedules from the first answer). RangeError naming the part it cannot read.
 */
export function parseSteps(text: string): number[] {
	const parts = text
		.trim()
		.split(/[\s,]+/)
		.filter(Boolean);
	return parts.map((part) => {
		const match = /^(\d+)([mhd])$/.exec(part);
		const minutes = match ? Number(match[1]) * STEP_UNITS[match[2] as string]! : NaN;
		if (!(minutes >= 1 && minutes < MAX_STEP_MINUTES)) {
			throw new RangeError(`Steps are times like 1m 10m 1h 1d, each from 1m to ${MAX_STEP_DAYS}d; '${part}' is not one`);
		}
		return minutes;
	});
}

/** The minutes of `parseSteps` written back as Anki writes them: '1m 10m', '1h', '1d'. */
export function formatSteps(minutes: readonly number[]): string {
	return minutes.map((m) => (m % 1440 === 0 ? `${m / 1440}d` : m % 60 === 0 ? `${m / 60}h` : `${m}m`)).join(' ');
}

/** The FSRS options a learner set in Settings, as srs/fsrs.ts FsrsScheduler takes them. */
export function fsrsOptionsOf(
	settings: Pick<Settings, 'desiredRetention' | 'learningSteps' | 'relearningSteps' | 'maximumInterval'>
): FsrsOptions {
	return {
		desiredRetention: settings.desiredRetention,
		learningSteps: [...settings.learningSteps],
		relearningSteps: [...settings.relearningSteps],
		maximumInterval: settings.maximumInterval,
		parameters: []
	};
}
