import { describe, expect, it } from 'vitest';
import type { Evaluation } from './evaluation';
import { fittedWords, fitWords, surenessWords } from './evaluation-words';

function twoWay(reviews: number, fsrsLoss: number, sm2Loss: number, sureness = 1): Evaluation {
	return {
		reviews,
		cards: 1020,
		fsrs: { logLoss: fsrsLoss, rmseBins: 0.0512, closerCards: 812 },
		sm2: { logLoss: sm2Loss, rmseBins: 0.1249, closerCards: 190 },
		tiedCards: 18,
		best: fsrsLoss < sm2Loss ? 'fsrs' : sm2Loss < fsrsLoss ? 'sm2' : undefined,
		sureness: fsrsLoss === sm2Loss ? 0 : sureness
	};
}

function threeWay(sureness: number, fitted = 0.3012): Evaluation {
	return {
		reviews: 507,
		cards: 275,
		sm2: { logLoss: 0.5712, rmseBins: 0.1803, closerCards: 60 },
		fsrs: { logLoss: 0.3412, rmseBins: 0.1377, closerCards: 90 },
		fitted: { logLoss: fitted, rmseBins: 0.061, closerCards: 120 },
		tiedCards: 5,
		best: 'fitted',
		sureness,
		split: { from: 0 }
	};
}

describe('fitWords', () => {
	it('names the better of two with both log losses, and how sure that is', () => {
		expect(fitWords(twoWay(2340, 0.3412, 0.5208))).toEqual({
			headline:
				'On your 2,340 reviews, FSRS with its default parameters predicted your recall best (log loss 0.34, against 0.52 for SM-2); that is almost certain: it came out ahead in 1,000 of 1,000 resamplings of your cards.',
			details: [
				'RMSE (bins): FSRS with its default parameters 0.05 and SM-2 0.12.',
				'Of your 1,020 cards, FSRS with its default parameters predicted 812 (80%) best and SM-2 predicted 190 (19%) best; 18 came out even.'
			]
		});
		expect(fitWords(twoWay(300, 0.5208, 0.3412, 0.962)).headline).toBe(
			'On your 300 reviews, SM-2 predicted your recall best (log loss 0.34, against 0.52 for FSRS with its default parameters); that is very likely: it came out ahead in 962 of 1,000 resamplings of your cards.'
		);
	});

	it('three ways on the later reviews: the fitted parameters named, and that they never saw these reviews', () => {
		const words = fitWords(threeWay(0.87));
		expect(words.headline).toBe(
			'On your latest 507 reviews, FSRS fitted to you predicted your recall best (log loss 0.30, against 0.34 for FSRS with its default parameters and 0.57 for SM-2); that is likely, not certain: it came out ahead in 870 of 1,000 resamplings of your cards.'
		);
		expect(words.details).toEqual([
			'RMSE (bins): FSRS fitted to you 0.06, FSRS with its default parameters 0.14 and SM-2 0.18.',
			'Of your 275 cards, FSRS fitted to you predicted 120 (44%) best, FSRS with its default parameters predicted 90 (33%) best and SM-2 predicted 60 (22%) best; 5 came out even.',
			'The fitted parameters were fitted on your earlier answers only and scored on these 507 later reviews, which they never saw; every scheduler is scored on the same reviews.'
		]);
	});

	it('too close to call: the lowest log loss is named, but no scheduler is called the best', () => {
		expect(fitWords(threeWay(0.61, 0.3398)).headline).toBe(
			'On your latest 507 reviews, no scheduler clearly predicted your recall best: FSRS fitted to you had the lowest log loss (0.340, against 0.341 for FSRS with its default parameters and 0.571 for SM-2), but came out ahead in only 610 of 1,000 resamplings of your cards.'
		);
	});

	it('shows a third decimal when two would make different figures look equal, and says when they are equal', () => {
		expect(fitWords(twoWay(500, 0.3412, 0.3437)).headline).toMatch(
			/^On your 500 reviews, FSRS with its default parameters predicted your recall best \(log loss 0\.341, against 0\.344 for SM-2\)/
		);
		expect(fitWords(twoWay(500, 0.34, 0.34)).headline).toBe(
			'On your 500 reviews, FSRS with its default parameters and SM-2 predicted your recall equally well (log loss 0.34).'
		);
	});

	it('below 300 reviews says how many more are needed', () => {
		expect(fitWords(twoWay(120, 0.3, 0.5))).toEqual({
			headline: 'FSRS and SM-2 can be compared on your own answers from 300 reviews on. You have 120: 180 more are needed.',
			details: []
		});
		expect(fitWords(twoWay(299, 0.3, 0.5)).headline).toMatch(/You have 299: 1 more is needed\.$/);
	});

	it('sureness in words', () => {
		expect([1, 0.99, 0.989, 0.95, 0.8].map(surenessWords)).toEqual([
			'almost certain',
			'almost certain',
			'very likely',
			'very likely',
			'likely, not certain'
		]);
	});
});

describe('fittedWords', () => {
	const fitted = {
		weights: [],
		answers: 3470,
		reviews: 2025,
		rmseBins: 0.0431,
		defaultRmseBins: 0.0612,
		logLoss: 0.3921,
		defaultLogLoss: 0.4077,
		fittedAt: 0
	};

	it('the fit in words, as Settings shows it', () => {
		expect(fittedWords(fitted)).toBe(
			'Fitted on 3,470 reviews: predicted recall error 0.04 (defaults: 0.06), log loss 0.39 (defaults: 0.41).'
		);
	});

	it('a fit no better than the defaults says the defaults are kept', () => {
		expect(fittedWords({ ...fitted, logLoss: 0.4077, rmseBins: 0.0791, defaultRmseBins: 0.0782 })).toBe(
			'Fitted on 3,470 reviews, FSRS predicted them no better than with its default parameters (predicted recall error 0.079 (defaults: 0.078), log loss 0.41 (defaults: 0.41)), so the defaults are kept.'
		);
	});
});
