// The scheduler a learner picks and FSRS's options, as plain data: no ts-fsrs here, so Settings,
// validation and backups can name them without loading FSRS itself (srs/fsrs.ts does that).

import type { FsrsOptions } from './fsrs';
import type { DeckOptions } from './today';
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

/** FSRS-6 has 21 parameters (weights). */
export const FSRS_PARAMETER_COUNT = 21;

/**
 * Each FSRS-6 parameter's range, [lowest, highest], as FSRS's own clipper keeps them (ts-fsrs
 * CLAMP_PARAMETERS with short-term stability on, fsrs-rs parameter_clipper): a fitted set outside
 * them did not come from the optimizer. Written out so that validation does not load ts-fsrs;
 * fsrs-options.test.ts checks them against ts-fsrs.
 */
export const FSRS_PARAMETER_RANGES: readonly (readonly [number, number])[] = [
	[0.001, 100],
	[0.001, 100],
	[0.001, 100],
	[0.001, 100],
	[1, 10],
	[0.001, 4],
	[0.001, 4],
	[0.001, 0.75],
	[0, 4.5],
	[0, 0.8],
	[0.001, 3.5],
	[0.001, 5],
	[0.001, 0.25],
	[0.001, 0.9],
	[0, 4],
	[0, 1],
	[1, 6],
	[0, 2],
	[0, 2],
	[0.01, 0.8],
	[0.1, 0.8]
];

/**
 * FSRS's parameters fitted to a learner's own answers (Settings › Scheduler `Fit to my reviews`,
 * or a deck's own in Deck options), with what the fit found, so the screens can say it in words
 * after a reload and on another device.
 */
export interface FittedParameters {
	/** FSRS-6's 21 weights, to 4 decimals (as Anki shows them). */
	weights: number[];
	/** The answers they were fitted on. */
	answers: number;
	/** Of those, the reviews FSRS predicts (an answer on a later study day than the card's previous one). */
	reviews: number;
	/** Predicted recall error, RMSE (bins), on those reviews: the fitted weights' and the defaults'. */
	rmseBins: number;
	defaultRmseBins: number;
	/** Log loss on those reviews: the fitted weights' and the defaults'. */
	logLoss: number;
	defaultLogLoss: number;
	/** When they were fitted (epoch ms). */
	fittedAt: number;
}

/** The FSRS weights a deck is scheduled with: its own fitted ones, else those of Settings; empty for FSRS's defaults. */
export function fsrsParametersOf(
	settings: Pick<Settings, 'fsrsParameters'>,
	deckOptions?: Pick<DeckOptions, 'fsrsParameters'>
): readonly number[] {
	return deckOptions?.fsrsParameters?.weights ?? settings.fsrsParameters?.weights ?? [];
}

/**
 * The FSRS options a learner set in Settings, as srs/fsrs.ts FsrsScheduler takes them, with the
 * parameters of the deck they schedule (`deckOptions`: its own options; none, the Settings' ones).
 */
export function fsrsOptionsOf(
	settings: Pick<Settings, 'desiredRetention' | 'learningSteps' | 'relearningSteps' | 'maximumInterval' | 'fsrsParameters'>,
	deckOptions?: Pick<DeckOptions, 'fsrsParameters'>
): FsrsOptions {
	return {
		desiredRetention: settings.desiredRetention,
		learningSteps: [...settings.learningSteps],
		relearningSteps: [...settings.relearningSteps],
		maximumInterval: settings.maximumInterval,
		parameters: [...fsrsParametersOf(settings, deckOptions)]
	};
}

/**
 * FSRS's rating of an SM-2 grade, 1 Again to 4 Easy (fsrs.ts, choice 1): on the six-grade scale
 * 0, 1 and 2 are all Again, 3 Hard, 4 Good, 5 Easy. Here, without ts-fsrs, for the optimizer too.
 */
export function fsrsRatingOf(grade: number): 1 | 2 | 3 | 4 {
	return grade < 3 ? 1 : grade === 3 ? 2 : grade === 4 ? 3 : 4;
}
