import { describe, expect, it } from 'vitest';
import type { Evaluation } from './evaluation';
import { fitWords } from './evaluation-words';

function evaluation(reviews: number, fsrsLoss: number, sm2Loss: number): Evaluation {
	return {
		reviews,
		cards: 1020,
		fsrs: { logLoss: fsrsLoss, rmseBins: 0.0512, closerCards: 812 },
		sm2: { logLoss: sm2Loss, rmseBins: 0.1249, closerCards: 190 },
		tiedCards: 18
	};
}

describe('fitWords', () => {
	it('names the better scheduler with both log losses', () => {
		expect(fitWords(evaluation(2340, 0.3412, 0.5208))).toEqual({
			headline: 'On your 2,340 reviews, FSRS predicted your recall better (log loss 0.34 against 0.52).',
			details: ['RMSE (bins): FSRS 0.05, SM-2 0.12.', 'FSRS was closer on 812 of your 1,020 cards, SM-2 on 190, and 18 came out even.']
		});
		expect(fitWords(evaluation(300, 0.5208, 0.3412)).headline).toBe(
			'On your 300 reviews, SM-2 predicted your recall better (log loss 0.34 against 0.52).'
		);
	});

	it('shows a third decimal when two would make different figures look equal', () => {
		expect(fitWords(evaluation(500, 0.3412, 0.3437)).headline).toBe(
			'On your 500 reviews, FSRS predicted your recall better (log loss 0.341 against 0.344).'
		);
		expect(fitWords(evaluation(500, 0.34, 0.34)).headline).toBe(
			'On your 500 reviews, FSRS and SM-2 predicted your recall equally well (log loss 0.34).'
		);
	});

	it('below 300 reviews says how many more are needed', () => {
		expect(fitWords(evaluation(120, 0.3, 0.5))).toEqual({
			headline: 'FSRS and SM-2 can be compared on your own answers from 300 reviews on. You have 120: 180 more are needed.',
			details: []
		});
		expect(fitWords(evaluation(299, 0.3, 0.5)).headline).toMatch(/You have 299: 1 more is needed\.$/);
	});
});
