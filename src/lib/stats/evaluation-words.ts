// The "which fits you" figures in the learner's words, for the stats screen.
import { MIN_EVALUATED_REVIEWS, type Evaluation } from './evaluation';

export interface FitWords {
	/** The verdict, or how many more reviews are needed for one. */
	headline: string;
	/** The other figures, one sentence each; empty below MIN_EVALUATED_REVIEWS. */
	details: string[];
}

const count = (n: number) => n.toLocaleString('en');

/** Two decimals, or three when two would show different figures as equal. */
function figures(a: number, b: number): [string, string] {
	const two: [string, string] = [a.toFixed(2), b.toFixed(2)];
	return two[0] === two[1] && a !== b ? [a.toFixed(3), b.toFixed(3)] : two;
}

export function fitWords(evaluation: Evaluation): FitWords {
	const { reviews, fsrs, sm2 } = evaluation;
	if (reviews < MIN_EVALUATED_REVIEWS) {
		const more = MIN_EVALUATED_REVIEWS - reviews;
		return {
			headline: `FSRS and SM-2 can be compared on your own answers from ${count(MIN_EVALUATED_REVIEWS)} reviews on. You have ${count(reviews)}: ${count(more)} more ${more === 1 ? 'is' : 'are'} needed.`,
			details: []
		};
	}
	const [fsrsLoss, sm2Loss] = figures(fsrs.logLoss, sm2.logLoss);
	const headline =
		fsrs.logLoss === sm2.logLoss
			? `On your ${count(reviews)} reviews, FSRS and SM-2 predicted your recall equally well (log loss ${fsrsLoss}).`
			: fsrs.logLoss < sm2.logLoss
				? `On your ${count(reviews)} reviews, FSRS predicted your recall better (log loss ${fsrsLoss} against ${sm2Loss}).`
				: `On your ${count(reviews)} reviews, SM-2 predicted your recall better (log loss ${sm2Loss} against ${fsrsLoss}).`;
	const [fsrsRmse, sm2Rmse] = figures(fsrs.rmseBins, sm2.rmseBins);
	const even = evaluation.tiedCards ? `, and ${count(evaluation.tiedCards)} came out even` : '';
	return {
		headline,
		details: [
			`RMSE (bins): FSRS ${fsrsRmse}, SM-2 ${sm2Rmse}.`,
			`FSRS was closer on ${count(fsrs.closerCards)} of your ${count(evaluation.cards)} cards, SM-2 on ${count(sm2.closerCards)}${even}.`
		]
	};
}
