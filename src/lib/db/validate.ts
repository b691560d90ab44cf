// The schema for settings typed by the learner. Built on first use, so the home page's
// first load carries no validation code.
import * as v from 'valibot';
import {
	FSRS_PARAMETER_COUNT,
	FSRS_PARAMETER_RANGES,
	MAX_DESIRED_RETENTION,
	MAX_MAXIMUM_INTERVAL,
	MAX_STEP_DAYS,
	MAX_STEP_MINUTES,
	MIN_DESIRED_RETENTION,
	type FittedParameters
} from '$lib/srs/fsrs-options';
import { defaultSettings, type Settings } from '$lib/srs/types';

const wholeNumber = (min: number, max: number, what: string) =>
	v.pipe(
		v.number(`${what} must be a number`),
		v.integer(`${what} must be a whole number`),
		v.minValue(min, `${what} must be at least ${min}`),
		v.maxValue(max, `${what} must be at most ${max}`)
	);

const steps = (what: string) =>
	v.array(
		v.pipe(
			v.number(`${what} must be minutes`),
			v.integer(`${what} must be whole minutes`),
			v.minValue(1, `${what} must each be at least 1m`),
			v.maxValue(MAX_STEP_MINUTES - 1, `${what} must each be at most ${MAX_STEP_DAYS}d`)
		),
		`${what} must be a list of times`
	);

const measure = (what: string) =>
	v.pipe(v.number(`${what} must be a number`), v.finite(`${what} must be a number`), v.minValue(0, `${what} must be at least 0`));

/**
 * FSRS parameters fitted to the learner's answers (srs/fsrs-options.ts FittedParameters), in
 * Settings and in a deck's options: 21 weights, each in FSRS-6's range, and what the fit found.
 */
export const fittedParametersSchema = (): v.GenericSchema<FittedParameters> =>
	v.strictObject(
		{
			weights: v.pipe(
				v.array(
					v.pipe(v.number('FSRS parameters must be numbers'), v.finite('FSRS parameters must be numbers')),
					'FSRS parameters must be a list'
				),
				v.length(FSRS_PARAMETER_COUNT, `FSRS-6 has ${FSRS_PARAMETER_COUNT} parameters`),
				v.check(
					(weights) => weights.every((weight, i) => weight >= FSRS_PARAMETER_RANGES[i]![0] && weight <= FSRS_PARAMETER_RANGES[i]![1]),
					(issue) => {
						const weights = issue.input as number[];
						const i = weights.findIndex(
							(weight, at) => !(weight >= FSRS_PARAMETER_RANGES[at]![0] && weight <= FSRS_PARAMETER_RANGES[at]![1])
						);
						const [low, high] = FSRS_PARAMETER_RANGES[i]!;
						return `FSRS parameter w${i} must be from ${low} to ${high} (got ${weights[i]})`;
					}
				)
			),
			answers: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'The answers the FSRS parameters were fitted on'),
			reviews: wholeNumber(1, Number.MAX_SAFE_INTEGER, 'The reviews the FSRS parameters were fitted on'),
			rmseBins: measure('The fitted parameters’ recall error'),
			defaultRmseBins: measure('The default parameters’ recall error'),
			logLoss: measure('The fitted parameters’ log loss'),
			defaultLogLoss: measure('The default parameters’ log loss'),
			fittedAt: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'When the FSRS parameters were fitted')
		},
		'FSRS parameters must be a set of named values'
	);

// The scheduler's settings came later: settings and backups from before lack them and get the
// defaults, SM-2 among them, so nothing changes for a learner who never opens them.
const makeSettingsSchema = () =>
	v.strictObject(
		{
			newPerDay: wholeNumber(0, 9999, 'New cards per day'),
			reviewsPerDay: wholeNumber(0, 99999, 'Reviews per day'),
			dayStartHour: wholeNumber(0, 23, 'The hour a study day starts'),
			gradeScale: v.picklist(['four', 'six'], 'The answer buttons must be "four" or "six"'),
			theme: v.picklist(['system', 'light', 'dark'], 'The theme must be system, light or dark'),
			leechAction: v.picklist(['suspend', 'tag'], 'A leech must be suspended or tagged'),
			scheduler: v.optional(v.picklist(['sm2', 'fsrs'], 'The scheduler must be SM-2 or FSRS'), defaultSettings.scheduler),
			desiredRetention: v.optional(
				v.pipe(
					v.number('Desired retention must be a number'),
					v.minValue(MIN_DESIRED_RETENTION, `Desired retention must be at least ${MIN_DESIRED_RETENTION}`),
					v.maxValue(MAX_DESIRED_RETENTION, `Desired retention must be at most ${MAX_DESIRED_RETENTION}`)
				),
				defaultSettings.desiredRetention
			),
			learningSteps: v.optional(steps('Learning steps'), () => [...defaultSettings.learningSteps]),
			relearningSteps: v.optional(steps('Relearning steps'), () => [...defaultSettings.relearningSteps]),
			maximumInterval: v.optional(wholeNumber(1, MAX_MAXIMUM_INTERVAL, 'The maximum interval'), defaultSettings.maximumInterval),
			// Settings from before fitting, and a learner who never fitted: FSRS's defaults.
			fsrsParameters: v.optional(v.nullable(fittedParametersSchema()), null),
			// Optional: backups and settings from before the setting existed bury, as the default does.
			buryRelated: v.optional(v.boolean('Bury related cards must be on or off'), true)
		},
		'The settings must be a set of named values'
	);

let cachedSettingsSchema: ReturnType<typeof makeSettingsSchema> | undefined;

export function settingsSchema(): ReturnType<typeof makeSettingsSchema> {
	return (cachedSettingsSchema ??= makeSettingsSchema());
}

/** Validates settings; throws a SettingsError naming the first wrong value. */
export class SettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SettingsError';
	}
}

export function validSettings(input: unknown): Settings {
	const result = v.safeParse(settingsSchema(), input);
	if (!result.success) {
		const issue = result.issues[0];
		// valibot words an extra key as 'Invalid key: Expected never but received "x"'.
		const unknownKey =
			issue.type === 'strict_object' && issue.expected === 'never' && issue.path?.length ? issue.path.at(-1)?.key : undefined;
		throw new SettingsError(unknownKey === undefined ? issue.message : `Unknown setting "${String(unknownKey)}"`);
	}
	return result.output;
}

/** Validates fitted FSRS parameters before they are saved; throws a SettingsError naming what is wrong. */
export function validFittedParameters(input: unknown): FittedParameters {
	const result = v.safeParse(fittedParametersSchema(), input);
	if (!result.success) throw new SettingsError(result.issues[0].message);
	return result.output;
}
