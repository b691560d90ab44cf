/**
 * "Which fits you": how well SM-2, FSRS with its default parameters and FSRS with parameters fitted
 * to the learner would each have predicted the learner's own answers, measured the way the
 * open-spaced-repetition benchmark (github.com/open-spaced-repetition/srs-benchmark) measures every
 * scheduler. Pure; runs in a Worker (routes/stats/evaluation.worker.ts).
 *
 * As in the benchmark (features/base.py, other.py, utils.py):
 * - Each card's answers are taken in time order. An answer is predicted when it is not the
 *   card's first and comes on a later study day than the one before (delta_t > 0); same-day
 *   answers still move the memory models, but are not scored.
 * - The outcome is 1 when the card was recalled (grade 3 or better: Hard, Good, Easy), else 0.
 * - Log loss is the mean binary cross-entropy, predictions clipped away from 0 and 1 by the
 *   float64 epsilon as scikit-learn's log_loss does.
 * - RMSE (bins) groups the predictions by elapsed days, review number and lapses, each on a
 *   logarithmic scale (`rmse_matrix`), and takes the root of the count-weighted mean squared
 *   difference between each group's mean prediction and its mean outcome.
 * - Fitted parameters are scored only on reviews they were not fitted on: they are fitted on the
 *   answers before a moment and scored on the reviews from it on (the benchmark's time-ordered
 *   split), every scheduler on the same reviews; each card's earlier answers, before the moment
 *   too, still make its memory, as in the benchmark.
 * - How sure the verdict is: the share of resamplings of the scored cards (drawn with replacement,
 *   a card with all its reviews, since one card's reviews are not independent) in which the
 *   scheduler with the lowest log loss still has it.
 */
import { fsrsMemoryModel, type FsrsMemory } from '../srs/fsrs';
import { initialState, review, type Grade, type Sm2State } from '../srs/sm2';

/** The log's answers in columns (one index per answer), as the Worker receives them. */
export interface AnswerColumns {
	/** A number per card; answers of one card share it. */
	cards: ArrayLike<number>;
	studyDays: ArrayLike<number>;
	/** Epoch ms; orders a card's answers. */
	times: ArrayLike<number>;
	grades: ArrayLike<number>;
}

/** The schedulers compared: SM-2, FSRS with its default parameters, FSRS with fitted ones. */
export type SchedulerKey = 'sm2' | 'fsrs' | 'fitted';

/** One scored answer: what happened and what each scheduler predicted. */
export interface Prediction {
	card: number;
	/** Epoch ms of the answer. */
	time: number;
	/** 1 recalled, 0 forgotten. */
	recalled: 0 | 1;
	elapsedDays: number;
	/** The benchmark's `i`: 1 + the card's answers so far on a later day than the one before. */
	reviewNumber: number;
	/** The card's earlier forgotten answers, given on a later day than the one before. */
	lapses: number;
	fsrs: number;
	sm2: number;
	/** With fitted parameters only. */
	fitted?: number;
}

export interface SchedulerFit {
	logLoss: number;
	rmseBins: number;
	/** Cards whose answers this scheduler predicted with the lowest log loss. */
	closerCards: number;
}

export interface Evaluation {
	/** Answers scored (reviews on a later day than the card's previous answer). */
	reviews: number;
	/** Cards with at least one scored answer. */
	cards: number;
	fsrs: SchedulerFit;
	sm2: SchedulerFit;
	/** FSRS with parameters fitted on the answers before `split.from`, when they were given. */
	fitted?: SchedulerFit;
	/** Cards where two or more predicted equally best. */
	tiedCards: number;
	/** The scheduler with the lowest log loss; undefined when two share it. */
	best?: SchedulerKey;
	/** The share of resamplings of the cards in which `best` kept the lowest log loss (0 without a best). */
	sureness: number;
	/** Only reviews from this moment on were scored (the fitted parameters never saw them). */
	split?: { from: number };
}

/** Stats shows the comparison from this many scored reviews on; fewer say too little. */
export const MIN_EVALUATED_REVIEWS = 300;

/** How often the cards are resampled to say how sure the verdict is. */
export const RESAMPLINGS = 1000;

/**
 * SM-2's predicted recall, the benchmark's published formula (srs-benchmark, other.py,
 * `process_untrainable`: p = exp(ln(0.9) * delta_t / ivl)): SM-2's interval is read as the
 * time at which recall has fallen to 90%, with the interval at least one day as the
 * benchmark's models/sm2.py keeps it (`max(1, round(ivl + 0.01))`).
 */
export function sm2Recall(elapsedDays: number, interval: number): number {
	return Math.exp((Math.log(0.9) * elapsedDays) / Math.max(1, interval));
}

/** One card's answers in time order (indices into the columns), with the study days since the answer before. */
export interface CardHistory {
	card: number;
	answers: number[];
	/** Per answer: 0 for the first, else the study days since the card's latest earlier day (a clock set back counts as 0). */
	elapsedDays: number[];
}

/** Throws a RangeError naming the first answer that can't be scored. */
function checkAnswer(columns: AnswerColumns, index: number): void {
	const grade = columns.grades[index]!;
	if (!Number.isInteger(grade) || grade < 0 || grade > 5) throw new RangeError(`Answer ${index} has grade ${grade}, not 0 to 5`);
	if (!Number.isInteger(columns.studyDays[index])) throw new RangeError(`Answer ${index} has no whole study day`);
}

/** Each card's answers in time order, as the schedulers and FSRS's optimizer read them. */
export function cardHistories(columns: AnswerColumns): CardHistory[] {
	const byCard = new Map<number, number[]>();
	for (let index = 0; index < columns.cards.length; index++) {
		checkAnswer(columns, index);
		const card = columns.cards[index]!;
		let list = byCard.get(card);
		if (!list) byCard.set(card, (list = []));
		list.push(index);
	}
	const histories: CardHistory[] = [];
	for (const [card, answers] of byCard) {
		answers.sort((a, b) => columns.times[a]! - columns.times[b]! || a - b);
		const elapsedDays: number[] = [];
		let previousDay = 0;
		for (const [position, index] of answers.entries()) {
			const day = columns.studyDays[index]!;
			elapsedDays.push(position === 0 ? 0 : Math.max(0, day - previousDay));
			previousDay = position === 0 ? day : Math.max(previousDay, day);
		}
		histories.push({ card, answers, elapsedDays });
	}
	return histories;
}

/**
 * Every scored answer with each scheduler's prediction, card by card, each card in time order.
 * `fitted`: FSRS parameters fitted to the learner, predicted beside the defaults.
 */
export function predictions(columns: AnswerColumns, fitted?: readonly number[]): Prediction[] {
	const defaults = fsrsMemoryModel();
	const own = fitted && fsrsMemoryModel(fitted);
	const out: Prediction[] = [];
	for (const { card, answers, elapsedDays: gaps } of cardHistories(columns)) {
		let memory: FsrsMemory | null = null;
		let fittedMemory: FsrsMemory | null = null;
		let sm2: Sm2State = initialState();
		let reviewNumber = 1;
		let lapses = 0;
		for (const [position, index] of answers.entries()) {
			const grade = columns.grades[index] as Grade;
			const elapsedDays = gaps[position]!;
			const recalled = grade >= 3 ? 1 : 0;
			if (position > 0 && elapsedDays > 0) {
				reviewNumber += 1;
				const sample: Prediction = {
					card,
					time: columns.times[index]!,
					recalled,
					elapsedDays,
					reviewNumber,
					lapses,
					fsrs: defaults.recall(elapsedDays, memory!.stability),
					sm2: sm2Recall(elapsedDays, sm2.interval)
				};
				if (own) sample.fitted = own.recall(elapsedDays, fittedMemory!.stability);
				out.push(sample);
				if (!recalled) lapses += 1;
			}
			memory = defaults.next(memory, elapsedDays, grade);
			if (own) fittedMemory = own.next(fittedMemory, elapsedDays, grade);
			sm2 = review(sm2, grade);
		}
	}
	return out;
}

const EPSILON = Number.EPSILON;

/** Binary cross-entropy of one prediction, clipped as scikit-learn's log_loss clips. */
export function answerLogLoss(recalled: 0 | 1, predicted: number): number {
	const p = Math.min(1 - EPSILON, Math.max(EPSILON, predicted));
	return recalled ? -Math.log(p) : -Math.log(1 - p);
}

/** The benchmark's bin of a value on a logarithmic scale of `base` (the exponent is the bin). */
function logBin(value: number, base: number): number {
	return Math.floor(Math.log(value) / Math.log(base));
}

/**
 * RMSE (bins), srs-benchmark's `rmse_matrix`: elapsed days binned on powers of 3.62, the review
 * number on powers of 1.89, lapses on powers of 1.73 (none being a bin of its own).
 */
export function rmseBins(samples: readonly Prediction[], predicted: (sample: Prediction) => number): number {
	const bins = new Map<string, { count: number; recalled: number; predicted: number }>();
	for (const sample of samples) {
		const key = `${logBin(Math.max(sample.elapsedDays, 1e-6), 3.62)} ${logBin(sample.reviewNumber, 1.89)} ${sample.lapses === 0 ? '-' : logBin(sample.lapses, 1.73)}`;
		let bin = bins.get(key);
		if (!bin) bins.set(key, (bin = { count: 0, recalled: 0, predicted: 0 }));
		bin.count += 1;
		bin.recalled += sample.recalled;
		bin.predicted += predicted(sample);
	}
	let weighted = 0;
	for (const bin of bins.values()) weighted += ((bin.recalled - bin.predicted) / bin.count) ** 2 * bin.count;
	return samples.length === 0 ? NaN : Math.sqrt(weighted / samples.length);
}

const predicted: Record<SchedulerKey, (sample: Prediction) => number> = {
	sm2: (sample) => sample.sm2,
	fsrs: (sample) => sample.fsrs,
	fitted: (sample) => sample.fitted!
};

/** mulberry32: a small seeded generator, so the same log always gets the same resamplings. */
function seeded(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/**
 * The share of `rounds` resamplings of the cards (with replacement, each card with its summed log
 * loss per scheduler) in which scheduler `best` has the lowest total, strictly.
 */
export function sureness(perCard: readonly (readonly number[])[], best: number, rounds = RESAMPLINGS, seed = 29): number {
	if (perCard.length === 0) return 0;
	const next = seeded(seed);
	const schedulers = perCard[0]!.length;
	let kept = 0;
	const totals = new Float64Array(schedulers);
	for (let round = 0; round < rounds; round++) {
		totals.fill(0);
		for (let draw = 0; draw < perCard.length; draw++) {
			const losses = perCard[Math.floor(next() * perCard.length)]!;
			for (let k = 0; k < schedulers; k++) totals[k]! += losses[k]!;
		}
		let ahead = true;
		for (let k = 0; k < schedulers; k++) if (k !== best && totals[k]! <= totals[best]!) ahead = false;
		if (ahead) kept += 1;
	}
	return kept / rounds;
}

/**
 * Each scheduler's figures on the scored answers, on how many cards each was closest, which has
 * the lowest log loss and how sure that is. With `fitted`, FSRS's fitted parameters are scored
 * too, and only the reviews from `fitted.from` on (the parameters' time-ordered split) are scored.
 */
export function evaluate(columns: AnswerColumns, fitted?: { parameters: readonly number[]; from: number }): Evaluation {
	const all = predictions(columns, fitted?.parameters);
	const samples = fitted ? all.filter((sample) => sample.time >= fitted.from) : all;
	const keys: SchedulerKey[] = fitted ? ['sm2', 'fsrs', 'fitted'] : ['sm2', 'fsrs'];
	const perCard = new Map<number, number[]>();
	for (const sample of samples) {
		let losses = perCard.get(sample.card);
		if (!losses) perCard.set(sample.card, (losses = keys.map(() => 0)));
		keys.forEach((key, k) => (losses[k]! += answerLogLoss(sample.recalled, predicted[key](sample))));
	}
	const closer = keys.map(() => 0);
	let tiedCards = 0;
	for (const losses of perCard.values()) {
		const lowest = Math.min(...losses);
		const at = losses.flatMap((loss, k) => (loss === lowest ? [k] : []));
		if (at.length === 1) closer[at[0]!]! += 1;
		else tiedCards += 1;
	}
	const fits = keys.map((key, k): SchedulerFit => {
		let sum = 0;
		for (const sample of samples) sum += answerLogLoss(sample.recalled, predicted[key](sample));
		return {
			logLoss: samples.length === 0 ? NaN : sum / samples.length,
			rmseBins: rmseBins(samples, predicted[key]),
			closerCards: closer[k]!
		};
	});
	const lowest = Math.min(...fits.map((fit) => fit.logLoss));
	const bests = keys.filter((_, k) => fits[k]!.logLoss === lowest);
	const best = bests.length === 1 ? bests[0] : undefined;
	const evaluation: Evaluation = {
		reviews: samples.length,
		cards: perCard.size,
		sm2: fits[0]!,
		fsrs: fits[1]!,
		tiedCards,
		// By card number, so the resamplings do not depend on the order the answers came in.
		sureness:
			best === undefined
				? 0
				: sureness(
						[...perCard.entries()].sort((a, b) => a[0] - b[0]).map(([, losses]) => losses),
						keys.indexOf(best)
					),
		...(best ? { best } : {})
	};
	if (fitted) Object.assign(evaluation, { fitted: fits[2]!, split: { from: fitted.from } });
	return evaluation;
}

/**
 * Where to split a log for an honest score of fitted parameters: the time of the first of its
 * latest `share` of reviews. The parameters are fitted on the answers before it and scored on
 * the reviews from it on. Undefined for a log without reviews.
 */
export function splitTime(columns: AnswerColumns, share = 0.25): number | undefined {
	const times: number[] = [];
	for (const { answers, elapsedDays } of cardHistories(columns))
		answers.forEach((index, position) => {
			if (position > 0 && elapsedDays[position]! > 0) times.push(columns.times[index]!);
		});
	if (times.length === 0) return undefined;
	times.sort((a, b) => a - b);
	return times[Math.min(times.length - 1, Math.floor(times.length * (1 - share)))];
}

/** Builds the columns from answers as the log holds them, numbering the cards. */
export function answerColumns(answers: Iterable<{ cardId: string; studyDay: number; time: number; grade: number }>): AnswerColumns {
	const numbers = new Map<string, number>();
	const cards: number[] = [];
	const studyDays: number[] = [];
	const times: number[] = [];
	const grades: number[] = [];
	for (const answer of answers) {
		let card = numbers.get(answer.cardId);
		if (card === undefined) numbers.set(answer.cardId, (card = numbers.size));
		cards.push(card);
		studyDays.push(answer.studyDay);
		times.push(answer.time);
		grades.push(answer.grade);
	}
	return {
		cards: Int32Array.from(cards),
		studyDays: Int32Array.from(studyDays),
		times: Float64Array.from(times),
		grades: Uint8Array.from(grades)
	};
}
