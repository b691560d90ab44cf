/**
 * "Which fits you": how well SM-2 and FSRS would each have predicted the learner's own answers,
 * measured the way the open-spaced-repetition benchmark (github.com/open-spaced-repetition/
 * srs-benchmark) measures every scheduler. Pure; runs in a Worker (routes/stats/evaluation.worker.ts).
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

/** One scored answer: what happened and what each scheduler predicted. */
export interface Prediction {
	card: number;
	/** 1 recalled, 0 forgotten. */
	recalled: 0 | 1;
	elapsedDays: number;
	/** The benchmark's `i`: 1 + the card's answers so far on a later day than the one before. */
	reviewNumber: number;
	/** The card's earlier forgotten answers, given on a later day than the one before. */
	lapses: number;
	fsrs: number;
	sm2: number;
}

export interface SchedulerFit {
	logLoss: number;
	rmseBins: number;
	/** Cards whose answers this scheduler predicted with the lower log loss. */
	closerCards: number;
}

export interface Evaluation {
	/** Answers scored (reviews on a later day than the card's previous answer). */
	reviews: number;
	/** Cards with at least one scored answer. */
	cards: number;
	fsrs: SchedulerFit;
	sm2: SchedulerFit;
	/** Cards where both predicted equally well. */
	tiedCards: number;
}

/** Stats shows the comparison from this many scored reviews on; fewer say too little. */
export const MIN_EVALUATED_REVIEWS = 300;

/**
 * SM-2's predicted recall, the benchmark's published formula (srs-benchmark, other.py,
 * `process_untrainable`: p = exp(ln(0.9) * delta_t / ivl)): SM-2's interval is read as the
 * time at which recall has fallen to 90%, with the interval at least one day as the
 * benchmark's models/sm2.py keeps it (`max(1, round(ivl + 0.01))`).
 */
export function sm2Recall(elapsedDays: number, interval: number): number {
	return Math.exp((Math.log(0.9) * elapsedDays) / Math.max(1, interval));
}

/** Each card's answers in time order, as indices into the columns. */
function answersByCard(columns: AnswerColumns): number[][] {
	const byCard = new Map<number, number[]>();
	for (let index = 0; index < columns.cards.length; index++) {
		const card = columns.cards[index]!;
		let list = byCard.get(card);
		if (!list) byCard.set(card, (list = []));
		list.push(index);
	}
	const lists = [...byCard.values()];
	for (const list of lists) list.sort((a, b) => columns.times[a]! - columns.times[b]! || a - b);
	return lists;
}

/** Throws a RangeError naming the first answer that can't be scored. */
function checkAnswer(columns: AnswerColumns, index: number): void {
	const grade = columns.grades[index]!;
	if (!Number.isInteger(grade) || grade < 0 || grade > 5) throw new RangeError(`Answer ${index} has grade ${grade}, not 0 to 5`);
	if (!Number.isInteger(columns.studyDays[index])) throw new RangeError(`Answer ${index} has no whole study day`);
}

/** Every scored answer with both predictions, card by card, each card in time order. */
export function predictions(columns: AnswerColumns, fsrsParameters: readonly number[] = []): Prediction[] {
	const model = fsrsMemoryModel(fsrsParameters);
	const out: Prediction[] = [];
	for (const answers of answersByCard(columns)) {
		let memory: FsrsMemory | null = null;
		let sm2: Sm2State = initialState();
		let previousDay = 0;
		let reviewNumber = 1;
		let lapses = 0;
		for (const [position, index] of answers.entries()) {
			checkAnswer(columns, index);
			const grade = columns.grades[index] as Grade;
			const day = columns.studyDays[index]!;
			// A clock set back can put an answer on an earlier day: it counts as the same day.
			const elapsedDays = position === 0 ? 0 : Math.max(0, day - previousDay);
			const recalled = grade >= 3 ? 1 : 0;
			if (position > 0 && elapsedDays > 0) {
				reviewNumber += 1;
				out.push({
					card: columns.cards[index]!,
					recalled,
					elapsedDays,
					reviewNumber,
					lapses,
					fsrs: model.recall(elapsedDays, memory!.stability),
					sm2: sm2Recall(elapsedDays, sm2.interval)
				});
				if (!recalled) lapses += 1;
			}
			memory = model.next(memory, elapsedDays, grade);
			sm2 = review(sm2, grade);
			previousDay = Math.max(previousDay, day);
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

function meanLogLoss(samples: readonly Prediction[], predicted: (sample: Prediction) => number): number {
	let sum = 0;
	for (const sample of samples) sum += answerLogLoss(sample.recalled, predicted(sample));
	return samples.length === 0 ? NaN : sum / samples.length;
}

const byFsrs = (sample: Prediction) => sample.fsrs;
const bySm2 = (sample: Prediction) => sample.sm2;

/** Both schedulers' figures on the scored answers, and on how many cards each was closer. */
export function evaluate(columns: AnswerColumns, fsrsParameters: readonly number[] = []): Evaluation {
	const samples = predictions(columns, fsrsParameters);
	const perCard = new Map<number, { fsrs: number; sm2: number }>();
	for (const sample of samples) {
		let card = perCard.get(sample.card);
		if (!card) perCard.set(sample.card, (card = { fsrs: 0, sm2: 0 }));
		card.fsrs += answerLogLoss(sample.recalled, sample.fsrs);
		card.sm2 += answerLogLoss(sample.recalled, sample.sm2);
	}
	let fsrsCloser = 0;
	let sm2Closer = 0;
	for (const card of perCard.values()) {
		if (card.fsrs < card.sm2) fsrsCloser += 1;
		else if (card.sm2 < card.fsrs) sm2Closer += 1;
	}
	return {
		reviews: samples.length,
		cards: perCard.size,
		fsrs: { logLoss: meanLogLoss(samples, byFsrs), rmseBins: rmseBins(samples, byFsrs), closerCards: fsrsCloser },
		sm2: { logLoss: meanLogLoss(samples, bySm2), rmseBins: rmseBins(samples, bySm2), closerCards: sm2Closer },
		tiedCards: perCard.size - fsrsCloser - sm2Closer
	};
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
