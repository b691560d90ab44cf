import { describe, expect, test } from 'vitest';
import { CLAMP_PARAMETERS, default_w, W17_W18_Ceiling } from 'ts-fsrs';
import { fsrsRating } from './fsrs';
import {
	FSRS_PARAMETER_COUNT,
	FSRS_PARAMETER_RANGES,
	fsrsOptionsOf,
	fsrsParametersOf,
	fsrsRatingOf,
	type FittedParameters
} from './fsrs-options';
import type { DeckOptions } from './today';
import { defaultSettings } from './types';

const fittedWith = (first: number): FittedParameters => ({
	weights: [first, ...default_w.slice(1)],
	answers: 500,
	reviews: 300,
	rmseBins: 0.05,
	defaultRmseBins: 0.06,
	logLoss: 0.3,
	defaultLogLoss: 0.31,
	fittedAt: 0
});

describe('FSRS parameters', () => {
	test('the ranges are FSRS-6’s own clipping ranges, and the defaults are inside them', () => {
		expect(FSRS_PARAMETER_RANGES).toEqual(CLAMP_PARAMETERS(W17_W18_Ceiling, true));
		expect(FSRS_PARAMETER_RANGES).toHaveLength(FSRS_PARAMETER_COUNT);
		expect(default_w.every((w, i) => w >= FSRS_PARAMETER_RANGES[i]![0] && w <= FSRS_PARAMETER_RANGES[i]![1])).toBe(true);
	});

	test('a deck uses its own fitted parameters, else those of Settings, else FSRS’s defaults', () => {
		const global = fittedWith(0.5);
		const own = fittedWith(0.7);
		expect(fsrsParametersOf(defaultSettings)).toEqual([]);
		expect(fsrsParametersOf({ fsrsParameters: global })).toEqual(global.weights);
		expect(fsrsParametersOf({ fsrsParameters: global }, {})).toEqual(global.weights);
		expect(fsrsParametersOf({ fsrsParameters: global }, { fsrsParameters: own })).toEqual(own.weights);
		expect(fsrsParametersOf(defaultSettings, { fsrsParameters: own })).toEqual(own.weights);
		const limitsOnly: DeckOptions = { newPerDay: 3 };
		expect(fsrsOptionsOf({ ...defaultSettings, fsrsParameters: global }, limitsOnly).parameters).toEqual(global.weights);
	});

	test('the rating of every grade is the one ts-fsrs is given', () => {
		for (const grade of [0, 1, 2, 3, 4, 5] as const) expect(fsrsRatingOf(grade)).toBe(fsrsRating(grade));
		expect([0, 1, 2, 3, 4, 5].map(fsrsRatingOf)).toEqual([1, 1, 1, 2, 3, 4]);
	});
});
