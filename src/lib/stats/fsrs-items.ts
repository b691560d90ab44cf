/**
 * The learner's answers as FSRS's optimizer (fsrs-rs, through fsrs-browser) is trained on them,
 * the way Anki hands its review log to the same optimizer (fsrs-rs convertor.rs): for every review
 * (an answer on a later study day than the card's previous one, the answers the schedulers
 * predict: evaluation.ts), one item holding the card's answers up to and including it, each as a
 * rating (1 Again to 4 Easy) and the study days since the answer before (0 on the same day, whose
 * short-term memory FSRS-6 models too). Items come in the order their reviews were given: the
 * optimizer weighs recent reviews more, and expects them so. Pure.
 */
import { fsrsRatingOf } from '../srs/fsrs-options';
import { cardHistories, type AnswerColumns } from './evaluation';

/** fsrs-rs trains on histories of at most this many answers (TrainingConfig max_seq_len) and drops longer ones. */
export const MAX_HISTORY = 64;

/**
 * FSRS's optimizer fits all its parameters only from this many reviews on: with fewer, fsrs-rs
 * returns its defaults or fits only the first four (training.rs compute_parameters).
 */
export const MIN_FIT_REVIEWS = 64;

/** Items in fsrs-browser's `computeParameters` columns: item i is `lengths[i]` answers from the running offset. */
export interface TrainingItems {
	ratings: Uint32Array;
	deltaTs: Uint32Array;
	lengths: Uint32Array;
	/** Items: the reviews FSRS learns to predict. */
	reviews: number;
	/** The answers the items are made of (each card's, before `before`). */
	answers: number;
}

/** The items of the answers given before `before` (epoch ms; all of them by default). */
export function trainingItems(columns: AnswerColumns, before = Infinity): TrainingItems {
	const items: { time: number; order: number; card: number[]; gaps: number[]; length: number }[] = [];
	let answers = 0;
	let total = 0;
	for (const { answers: indices, elapsedDays } of cardHistories(columns)) {
		const earlier = indices.filter((index) => columns.times[index]! < before);
		answers += earlier.length;
		const ratings = earlier.map((index) => fsrsRatingOf(columns.grades[index]!));
		earlier.forEach((index, position) => {
			if (position === 0 || elapsedDays[position]! === 0 || position + 1 > MAX_HISTORY) return;
			items.push({ time: columns.times[index]!, order: index, card: ratings, gaps: elapsedDays, length: position + 1 });
			total += position + 1;
		});
	}
	items.sort((a, b) => a.time - b.time || a.order - b.order);
	const ratings = new Uint32Array(total);
	const deltaTs = new Uint32Array(total);
	const lengths = new Uint32Array(items.length);
	let at = 0;
	items.forEach((item, i) => {
		lengths[i] = item.length;
		ratings.set(item.card.slice(0, item.length), at);
		deltaTs.set(item.gaps.slice(0, item.length), at);
		at += item.length;
	});
	return { ratings, deltaTs, lengths, reviews: items.length, answers };
}
