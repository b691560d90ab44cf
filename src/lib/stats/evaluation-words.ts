// The "which fits you" figures and a fit's result in the learner's words, for Stats and Settings.
import type { FittedParameters } from '../srs/fsrs-options';
import { MIN_EVALUATED_REVIEWS, RESAMPLINGS, type Evaluation, type SchedulerKey } from './evaluation';

export interface FitWords {
	/** The verdict, with how sure it is, or how many more reviews are needed for one. */
	headline: string;
	/** The other figures, one sentence each; empty below MIN_EVALUATED_REVIEWS. */
	details: string[];
}

const count = (n: number) => n.toLocaleString('en');

/** The schedulers' names as the learner reads them. */
export const SCHEDULER_NAMES: Record<SchedulerKey, string> = {
	sm2: 'SM-2',
	fsrs: 'FSRS with its default parameters',
	fitted: 'FSRS fitted to you'
};

/** Two decimals, or three when two would show different figures as equal. */
function figures(values: readonly number[]): string[] {
	const two = values.map((value) => value.toFixed(2));
	const clash = values.some((a, i) => values.some((b, j) => i < j && a !== b && two[i] === two[j]));
	return clash ? values.map((value) => value.toFixed(3)) : two;
}

/** How sure a verdict is, in words, from the share of resamplings that kept it. */
export function surenessWords(sureness: number): string {
	if (sureness >= 0.99) return 'almost certain';
	if (sureness >= 0.95) return 'very likely';
	return 'likely, not certain';
}

/** Below this share of resamplings, no scheduler is called the best. */
export const CLEAR_WINNER = 0.8;

/** "A, B and C" */
function list(items: readonly string[]): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function fitWords(evaluation: Evaluation): FitWords {
	const { reviews, best, sureness } = evaluation;
	if (reviews < MIN_EVALUATED_REVIEWS) {
		const more = MIN_EVALUATED_REVIEWS - reviews;
		return {
			headline: `FSRS and SM-2 can be compared on your own answers from ${count(MIN_EVALUATED_REVIEWS)} reviews on. You have ${count(reviews)}: ${count(more)} more ${more === 1 ? 'is' : 'are'} needed.`,
			details: []
		};
	}
	const keys: SchedulerKey[] = evaluation.fitted ? ['fitted', 'fsrs', 'sm2'] : ['fsrs', 'sm2'];
	const fit = (key: SchedulerKey) => evaluation[key]!;
	const losses = Object.fromEntries(keys.map((key, i) => [key, figures(keys.map((k) => fit(k).logLoss))[i]])) as Record<
		SchedulerKey,
		string
	>;
	const which = evaluation.split ? `your latest ${count(reviews)} reviews` : `your ${count(reviews)} reviews`;
	const resamplings = `${count(Math.round(sureness * RESAMPLINGS))} of ${count(RESAMPLINGS)} resamplings of your cards`;
	let headline: string;
	if (!best) {
		const lowest = Math.min(...keys.map((key) => fit(key).logLoss));
		const equal = keys.filter((key) => fit(key).logLoss === lowest);
		headline = `On ${which}, ${list(equal.map((key) => SCHEDULER_NAMES[key]))} predicted your recall equally well (log loss ${losses[equal[0]!]}).`;
	} else {
		const others = keys.filter((key) => key !== best).map((key) => `${losses[key]} for ${SCHEDULER_NAMES[key]}`);
		const against = `${losses[best]}, against ${list(others)}`;
		headline =
			sureness >= CLEAR_WINNER
				? `On ${which}, ${SCHEDULER_NAMES[best]} predicted your recall best (log loss ${against}); that is ${surenessWords(sureness)}: it came out ahead in ${resamplings}.`
				: `On ${which}, no scheduler clearly predicted your recall best: ${SCHEDULER_NAMES[best]} had the lowest log loss (${against}), but came out ahead in only ${resamplings}.`;
	}
	const rmse = figures(keys.map((key) => fit(key).rmseBins));
	const share = (n: number) => `${count(n)} (${Math.round((n / evaluation.cards) * 100)}%)`;
	const even = evaluation.tiedCards ? `; ${count(evaluation.tiedCards)} came out even` : '';
	const details = [
		`RMSE (bins): ${list(keys.map((key, i) => `${SCHEDULER_NAMES[key]} ${rmse[i]}`))}.`,
		`Of your ${count(evaluation.cards)} cards, ${list(keys.map((key) => `${SCHEDULER_NAMES[key]} predicted ${share(fit(key).closerCards)} best`))}${even}.`
	];
	if (evaluation.split) {
		details.push(
			`The fitted parameters were fitted on your earlier answers only and scored on these ${count(reviews)} later reviews, which they never saw; every scheduler is scored on the same reviews.`
		);
	}
	return { headline, details };
}

/** Whether fitted parameters predict the reviews they were fitted on better than the defaults (by log loss, as Anki decides). */
export function fitsBetter(fitted: Pick<FittedParameters, 'logLoss' | 'defaultLogLoss'>): boolean {
	return fitted.logLoss < fitted.defaultLogLoss;
}

/**
 * A fit's result: "Fitted on 3,470 reviews: predicted recall error 0.079 (defaults: 0.078), log
 * loss 0.406 (defaults: 0.408)." When it predicts no better than the defaults, it says that the
 * defaults are kept.
 */
export function fittedWords(fitted: FittedParameters): string {
	const [error, defaultError] = figures([fitted.rmseBins, fitted.defaultRmseBins]);
	const [loss, defaultLoss] = figures([fitted.logLoss, fitted.defaultLogLoss]);
	const figuresNow = `predicted recall error ${error} (defaults: ${defaultError}), log loss ${loss} (defaults: ${defaultLoss})`;
	return fitsBetter(fitted)
		? `Fitted on ${count(fitted.answers)} reviews: ${figuresNow}.`
		: `Fitted on ${count(fitted.answers)} reviews, FSRS predicted them no better than with its default parameters (${figuresNow}), so the defaults are kept.`;
}
