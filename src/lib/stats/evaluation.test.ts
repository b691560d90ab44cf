import { describe, expect, it } from 'vitest';
import { default_w, FSRSAlgorithm, type FSRSState } from 'ts-fsrs';
import { initialState, review, type Grade } from '../srs/sm2';
import {
	answerColumns,
	answerLogLoss,
	evaluate,
	predictions,
	RESAMPLINGS,
	rmseBins,
	sm2Recall,
	splitTime,
	sureness,
	type AnswerColumns
} from './evaluation';

const DAY = 86_400_000;

function log(answers: [card: string, day: number, grade: Grade][]): AnswerColumns {
	return answerColumns(answers.map(([cardId, studyDay, grade], index) => ({ cardId, studyDay, grade, time: studyDay * DAY + index })));
}

/** FSRS-6's forgetting curve written out from its weights: R = (1 + FACTOR * t / S) ^ -w20. */
function fsrsCurve(t: number, stability: number): number {
	const decay = -default_w[20]!;
	const factor = 0.9 ** (1 / decay) - 1;
	return (1 + (factor * t) / stability) ** decay;
}

describe('the evaluation on a small log, by hand', () => {
	// Card a: Good on day 0, Good on day 1, forgotten on day 7, Good on day 8; card b: Good on
	// day 0, Hard on day 3. The first answers and nothing else are left out.
	const small = log([
		['a', 0, 4],
		['b', 0, 4],
		['a', 1, 4],
		['b', 3, 3],
		['a', 7, 1],
		['a', 8, 4]
	]);

	it('scores every answer after the first, with the benchmark bins and both predictions', () => {
		const scored = predictions(small);
		expect(
			scored.map(({ card, recalled, elapsedDays, reviewNumber, lapses }) => [card, recalled, elapsedDays, reviewNumber, lapses])
		).toEqual([
			[0, 1, 1, 2, 0],
			[0, 0, 6, 3, 0],
			[0, 1, 1, 4, 1],
			[1, 1, 3, 2, 0]
		]);
		// SM-2: intervals 1 and 6 after two Goods, 0 (read as 1) after the lapse; the answer on day 3
		// came two days after b's 1-day interval.
		expect(scored.map((s) => s.sm2)).toEqual([0.9, 0.9 ** (6 / 6), 0.9, 0.9 ** 3].map((p) => expect.closeTo(p, 12)));
		// FSRS: after a first Good the stability is w2 days (ts-fsrs rounds R to 8 decimals).
		expect(scored[0]!.fsrs).toBeCloseTo(fsrsCurve(1, default_w[2]!), 7);
		expect(scored[3]!.fsrs).toBeCloseTo(fsrsCurve(3, default_w[2]!), 7);
	});

	it('log loss and RMSE (bins) are the hand-computed figures', () => {
		const result = evaluate(small);
		const p = predictions(small).map((s) => s.fsrs);
		const sm2LogLoss = -(Math.log(0.9) + Math.log(0.1) + Math.log(0.9) + Math.log(0.729)) / 4;
		const fsrsLogLoss = -(Math.log(p[0]!) + Math.log(1 - p[1]!) + Math.log(p[2]!) + Math.log(p[3]!)) / 4;
		expect(result.sm2.logLoss).toBeCloseTo(sm2LogLoss, 12);
		expect(result.fsrs.logLoss).toBeCloseTo(fsrsLogLoss, 12);
		// Bins (elapsed on 3.62^k, review number on 1.89^k, lapses on 1.73^k): a's day-1 answer
		// (t 1, i 2) and b's day-3 answer (t 3, i 2) share one; a's day-7 and day-8 answers are alone.
		const sm2Rmse = Math.sqrt((2 * (1 - (0.9 + 0.729) / 2) ** 2 + (0 - 0.9) ** 2 + (1 - 0.9) ** 2) / 4);
		const fsrsRmse = Math.sqrt((2 * (1 - (p[0]! + p[3]!) / 2) ** 2 + (0 - p[1]!) ** 2 + (1 - p[2]!) ** 2) / 4);
		expect(result.sm2.rmseBins).toBeCloseTo(sm2Rmse, 12);
		expect(result.fsrs.rmseBins).toBeCloseTo(fsrsRmse, 12);
		expect(result.reviews).toBe(4);
		expect(result.cards).toBe(2);
	});

	it('counts on how many cards each had the lower log loss', () => {
		const result = evaluate(small);
		const scored = predictions(small);
		const perCard = (card: number, key: 'fsrs' | 'sm2') =>
			scored.filter((s) => s.card === card).reduce((sum, s) => sum + answerLogLoss(s.recalled, s[key]), 0);
		const fsrsWins = [0, 1].filter((card) => perCard(card, 'fsrs') < perCard(card, 'sm2')).length;
		expect(result.fsrs.closerCards).toBe(fsrsWins);
		expect(result.sm2.closerCards).toBe(2 - fsrsWins);
		expect(result.tiedCards).toBe(0);
	});

	it('answers in any order of the columns are taken in time order per card', () => {
		const shuffled: AnswerColumns = {
			cards: Array.from(small.cards).reverse(),
			studyDays: Array.from(small.studyDays).reverse(),
			times: Array.from(small.times).reverse(),
			grades: Array.from(small.grades).reverse()
		};
		expect(evaluate(shuffled)).toEqual(evaluate(small));
	});

	it('same-day answers move the models but are not scored', () => {
		const withRepeat = log([
			['a', 0, 1],
			['a', 0, 4],
			['a', 2, 4]
		]);
		const scored = predictions(withRepeat);
		expect(scored).toHaveLength(1);
		expect(scored[0]!.elapsedDays).toBe(2);
		// SM-2 after Again then Good on a new card: interval 1.
		expect(scored[0]!.sm2).toBeCloseTo(0.9 ** 2, 12);
	});

	it('sklearn clips a prediction of 0 or 1 instead of an infinite loss', () => {
		expect(answerLogLoss(1, 0)).toBeCloseTo(-Math.log(Number.EPSILON), 9);
		expect(answerLogLoss(0, 1)).toBeCloseTo(-Math.log(Number.EPSILON), 3);
		expect(rmseBins([], (s) => s.fsrs)).toBeNaN();
		expect(sm2Recall(10, 0)).toBeCloseTo(0.9 ** 10, 12);
	});

	it('says which answer it cannot score', () => {
		expect(() => evaluate({ cards: [0], studyDays: [0], times: [0], grades: [7] })).toThrow('Answer 0 has grade 7, not 0 to 5');
		expect(() => evaluate({ cards: [0], studyDays: [0.5], times: [0], grades: [4] })).toThrow('Answer 0 has no whole study day');
	});
});

/** mulberry32: a small seeded generator, so the synthetic logs are the same on every run. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/**
 * A synthetic learner whose memory follows `world`: each card is answered Good on day 0, then
 * after random gaps of 1..40 days, recalled with the world's probability (Good) or not (Again).
 */
function syntheticLog(world: 'fsrs' | 'sm2', seed: number, cards = 300, answersPerCard = 8): AnswerColumns {
	const next = random(seed);
	const fsrs = new FSRSAlgorithm({ enable_short_term: true });
	const answers: { cardId: string; studyDay: number; time: number; grade: number }[] = [];
	for (let card = 0; card < cards; card++) {
		let day = 0;
		let memory: FSRSState = fsrs.next_state(null, 0, 3);
		let sm2 = review(initialState(), 4);
		answers.push({ cardId: `c${card}`, studyDay: 0, time: 0, grade: 4 });
		for (let n = 1; n < answersPerCard; n++) {
			const gap = 1 + Math.floor(next() * 40);
			day += gap;
			const recallChance = world === 'fsrs' ? fsrs.forgetting_curve(gap, memory.stability) : 0.9 ** (gap / Math.max(1, sm2.interval));
			const grade: Grade = next() < recallChance ? 4 : 1;
			answers.push({ cardId: `c${card}`, studyDay: day, time: day * DAY, grade });
			memory = fsrs.next_state(memory, gap, grade === 4 ? 3 : 1);
			sm2 = review(sm2, grade);
		}
	}
	return answerColumns(answers);
}

describe('the evaluation on synthetic learners', () => {
	it('a learner whose memory follows FSRS: FSRS gets the lower log loss and RMSE', () => {
		const result = evaluate(syntheticLog('fsrs', 1));
		expect(result.reviews).toBe(300 * 7);
		expect(result.fsrs.logLoss).toBeLessThan(result.sm2.logLoss);
		expect(result.fsrs.rmseBins).toBeLessThan(result.sm2.rmseBins);
		expect(result.fsrs.closerCards).toBeGreaterThan(result.sm2.closerCards);
	});

	it('a learner whose memory follows SM-2: SM-2 gets the lower log loss and RMSE', () => {
		const result = evaluate(syntheticLog('sm2', 2));
		expect(result.sm2.logLoss).toBeLessThan(result.fsrs.logLoss);
		expect(result.sm2.rmseBins).toBeLessThan(result.fsrs.rmseBins);
		expect(result.sm2.closerCards).toBeGreaterThan(result.fsrs.closerCards);
	});
});

describe('how sure a verdict is', () => {
	it('a scheduler closer on every card stays ahead in every resampling', () => {
		expect(
			sureness(
				[
					[0.1, 0.5],
					[0.2, 0.3],
					[0.3, 0.4]
				],
				0
			)
		).toBe(1);
		expect(
			sureness(
				[
					[0.1, 0.5],
					[0.2, 0.3],
					[0.3, 0.4]
				],
				1
			)
		).toBe(0);
	});

	it('a tie is no win, and no cards say nothing', () => {
		expect(sureness([[0.2, 0.2]], 0)).toBe(0);
		expect(sureness([], 0)).toBe(0);
	});

	it('one card of two deciding it is far from sure, and the same cards always give the same answer', () => {
		// Card 1 favours A by 1, card 2 favours B by 0.5: A stays ahead unless card 2 is drawn twice,
		// which a resampling of two cards does one time in four.
		const cards = [
			[0, 1],
			[1, 0.5]
		];
		const share = sureness(cards, 0);
		expect(share).toBeGreaterThan(0.6);
		expect(share).toBeLessThan(0.9);
		expect(sureness(cards, 0)).toBe(share);
		expect(sureness(cards, 0, RESAMPLINGS, 7)).not.toBe(share);
	});
});

describe('three schedulers on the later reviews', () => {
	// Card a: Good on day 0, then answers on days 2, 5, 20 and 40; card b on days 1, 3 and 30.
	const answers: [card: string, day: number, grade: Grade][] = [
		['a', 0, 4],
		['b', 1, 4],
		['a', 2, 4],
		['b', 3, 1],
		['a', 5, 3],
		['a', 20, 4],
		['b', 30, 4],
		['a', 40, 1]
	];
	const columns = log(answers);

	it('scores only the reviews from the split on, every scheduler on the same ones', () => {
		const from = 20 * DAY;
		const weights = default_w.map((w, i) => (i < 4 ? w * 2 : w));
		const result = evaluate(columns, { parameters: weights, from });
		const later = predictions(columns, weights).filter((sample) => sample.time >= from);
		expect(later.map((sample) => sample.elapsedDays)).toEqual([15, 20, 27]);
		expect(result.reviews).toBe(3);
		expect(result.split).toEqual({ from });
		const mean = (key: 'fsrs' | 'sm2' | 'fitted') => later.reduce((sum, s) => sum + answerLogLoss(s.recalled, s[key]!), 0) / later.length;
		expect(result.sm2.logLoss).toBeCloseTo(mean('sm2'), 12);
		expect(result.fsrs.logLoss).toBeCloseTo(mean('fsrs'), 12);
		expect(result.fitted!.logLoss).toBeCloseTo(mean('fitted'), 12);
		expect(result.fitted!.rmseBins).toBeCloseTo(
			rmseBins(later, (s) => s.fitted!),
			12
		);
		// The fitted memory is its own: longer first stabilities predict more recall after a gap.
		expect(later[0]!.fitted).toBeGreaterThan(later[0]!.fsrs);
		const losses = { sm2: mean('sm2'), fsrs: mean('fsrs'), fitted: mean('fitted') };
		const best = (Object.keys(losses) as (keyof typeof losses)[]).sort((x, y) => losses[x] - losses[y])[0];
		expect(result.best).toBe(best);
		expect(result.cards).toBe(2);
		expect(result.sm2.closerCards + result.fsrs.closerCards + result.fitted!.closerCards + result.tiedCards).toBe(2);
	});

	it('parameters equal to the defaults predict exactly as the defaults: no best, nothing sure', () => {
		const result = evaluate(columns, { parameters: [...default_w], from: 0 });
		expect(result.fitted).toEqual({ ...result.fsrs, closerCards: 0 });
		expect(result.fsrs.logLoss).toBeLessThan(result.sm2.logLoss);
		expect(result.best).toBeUndefined();
		expect(result.sureness).toBe(0);
	});

	it('the split falls on the first of the latest quarter of reviews', () => {
		// Reviews (later days than the card's answer before): days 2, 3, 5, 20, 30, 40; the latest quarter is 30 and 40.
		expect(splitTime(columns)).toBe(log(answers).times[6]);
		expect(splitTime(columns, 0.5)).toBe(log(answers).times[5]);
		expect(splitTime(log([['a', 0, 4]]))).toBeUndefined();
	});
});
