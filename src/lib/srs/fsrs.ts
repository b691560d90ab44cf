/**
 * FSRS-6 (the Free Spaced Repetition Scheduler) beside SM-2, through ts-fsrs with its default
 * parameters. Pure: plain data in, plain data out, time always an argument. ts-fsrs is about
 * 13 KB gzip, so screens import this module with `import()` only when a deck uses FSRS.
 *
 * Choices, and why:
 * 1. Grades: the app's SM-2 grades map onto FSRS's four ratings as the four buttons already do
 *    (Again = 1, Hard = 3, Good = 4, Easy = 5). On the six-grade scale 0, 1 and 2 are all Again
 *    (SM-2 step 6 calls every grade under 3 forgotten), 3 is Hard, 4 Good, 5 Easy. So "recalled"
 *    means the same to both schedulers: grade 3 or better.
 * 2. Days are study days (days.ts), not 24-hour spans: Anki counts FSRS's elapsed days the same
 *    way. ts-fsrs counts whole days between two Date values, so it is given a "study clock": each
 *    study day is exactly one UTC day long, `day * 86 400 000` plus the time since the day began.
 *    The last answer is placed at the start of its study day, which makes ts-fsrs's elapsed days
 *    exactly today minus the day of the last answer, whatever the hour, DST or time zone.
 * 3. Learning steps as Anki has them: 1m 10m for new cards, 10m after a lapse; while a card is in
 *    its steps it comes back the same day (the study clock keeps the minutes).
 * 4. No fuzz: a button's caption is exactly what the answer does, as with SM-2.
 */
import { fsrs, forgetting_curve, FSRSAlgorithm, State, type Card, type FSRS, type Grade as FsrsRating, type StepUnit } from 'ts-fsrs';
import { clockDay, type FsrsPhase, type FsrsState } from './fsrs-state';
import {
	FSRS_PARAMETER_COUNT,
	fsrsRatingOf,
	MAX_DESIRED_RETENTION,
	MAX_MAXIMUM_INTERVAL,
	MAX_STEP_DAYS,
	MAX_STEP_MINUTES,
	MIN_DESIRED_RETENTION
} from './fsrs-options';
import { assertGrade, type Grade } from './sm2';

const MS_PER_DAY = 86_400_000;

/** The options a learner sets in Settings, under Scheduler. */
export interface FsrsOptions {
	/** The recall probability at which a card is due again: 0.70 to 0.97. */
	desiredRetention: number;
	/** Minutes between the first answers of a new card (Anki: 1m 10m). */
	learningSteps: number[];
	/** Minutes between the answers after a lapse (Anki: 10m). */
	relearningSteps: number[];
	/** Longest rest in days. */
	maximumInterval: number;
	/** FSRS's 21 weights; empty for ts-fsrs's FSRS-6 defaults. Only fitted weights go here (fsrs-options.ts fsrsOptionsOf). */
	parameters: readonly number[];
}

export {
	answerClock,
	clockDay,
	describeFsrsInterval,
	fsrsDueDay,
	newFsrsState,
	studyClock,
	studyClockAt,
	type FsrsPhase,
	type FsrsState
} from './fsrs-state';
export { formatSteps, MAX_DESIRED_RETENTION, MAX_MAXIMUM_INTERVAL, MIN_DESIRED_RETENTION, parseSteps } from './fsrs-options';

export const defaultFsrsOptions: Readonly<FsrsOptions> = Object.freeze({
	desiredRetention: 0.9,
	learningSteps: [1, 10],
	relearningSteps: [10],
	maximumInterval: MAX_MAXIMUM_INTERVAL,
	parameters: []
});

/** Throws a RangeError saying what is wrong with the options; returns them when they are sound. */
export function checkFsrsOptions(options: FsrsOptions): FsrsOptions {
	const { desiredRetention, maximumInterval } = options;
	if (typeof desiredRetention !== 'number' || !(desiredRetention >= MIN_DESIRED_RETENTION && desiredRetention <= MAX_DESIRED_RETENTION)) {
		throw new RangeError(
			`Desired retention must be from ${MIN_DESIRED_RETENTION} to ${MAX_DESIRED_RETENTION}, got ${String(desiredRetention)}`
		);
	}
	if (!Number.isInteger(maximumInterval) || maximumInterval < 1 || maximumInterval > MAX_MAXIMUM_INTERVAL) {
		throw new RangeError(
			`The maximum interval must be a whole number of days from 1 to ${MAX_MAXIMUM_INTERVAL}, got ${String(maximumInterval)}`
		);
	}
	for (const [name, steps] of [
		['Learning steps', options.learningSteps],
		['Relearning steps', options.relearningSteps]
	] as const) {
		if (!Array.isArray(steps) || steps.some((minutes) => !Number.isInteger(minutes) || minutes < 1 || minutes >= MAX_STEP_MINUTES)) {
			throw new RangeError(`${name} must be whole minutes from 1m up to ${MAX_STEP_DAYS}d, got ${String(steps)}`);
		}
	}
	if (options.parameters.length !== 0 && options.parameters.length !== FSRS_PARAMETER_COUNT) {
		throw new RangeError(`FSRS-6 has ${FSRS_PARAMETER_COUNT} parameters, got ${options.parameters.length}`);
	}
	if (options.parameters.some((weight) => !Number.isFinite(weight))) throw new RangeError('Every FSRS parameter must be a finite number');
	return options;
}

/** The FSRS rating of an SM-2 grade (see choice 1 above). */
export function fsrsRating(grade: Grade): FsrsRating {
	assertGrade(grade);
	return fsrsRatingOf(grade) as FsrsRating;
}

const PHASE_OF: Record<State, FsrsPhase> = {
	[State.New]: 'new',
	[State.Learning]: 'learning',
	[State.Review]: 'review',
	[State.Relearning]: 'relearning'
};
const STATE_OF: Record<FsrsPhase, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

function toCard(state: FsrsState): Card {
	return {
		due: new Date(state.due),
		stability: state.stability,
		difficulty: state.difficulty,
		elapsed_days: 0,
		scheduled_days: state.scheduledDays,
		learning_steps: state.step,
		reps: state.reps,
		lapses: state.lapses,
		state: STATE_OF[state.phase],
		// Choice 2: the start of the answer's study day, so elapsed days are whole study days.
		last_review: state.lastDay === null ? undefined : new Date(state.lastDay * MS_PER_DAY)
	};
}

function fromCard(card: Card, at: number, maximumInterval: number): FsrsState {
	const phase = PHASE_OF[card.state];
	// ts-fsrs lets Good be one day past Hard even beyond the maximum; the learner's cap wins. A
	// review card is due from the start of its day: its state depends on days only (choice 2).
	const scheduledDays = Math.min(card.scheduled_days, maximumInterval);
	const due = phase === 'review' ? (clockDay(at) + scheduledDays) * MS_PER_DAY : card.due.getTime();
	return {
		phase,
		stability: card.stability,
		difficulty: card.difficulty,
		step: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		scheduledDays,
		lastDay: clockDay(at),
		due
	};
}

const minutesAsSteps = (minutes: readonly number[]): StepUnit[] => minutes.map((m) => `${m}m` as StepUnit);

/** Schedules with one set of options; make one per options and keep it (ts-fsrs precomputes). */
export class FsrsScheduler {
	readonly options: FsrsOptions;
	readonly #fsrs: FSRS;

	constructor(options: FsrsOptions = defaultFsrsOptions) {
		this.options = checkFsrsOptions({ ...options });
		this.#fsrs = fsrs({
			request_retention: options.desiredRetention,
			maximum_interval: options.maximumInterval,
			enable_fuzz: false,
			enable_short_term: true,
			learning_steps: minutesAsSteps(options.learningSteps),
			relearning_steps: minutesAsSteps(options.relearningSteps),
			...(options.parameters.length ? { w: [...options.parameters] } : {})
		});
	}

	/** FSRS's weights in use (the FSRS-6 defaults unless fitted ones were given). */
	get parameters(): readonly number[] {
		return this.#fsrs.parameters.w;
	}

	/** The card's state after answering `grade` at study-clock time `at`. Never mutates `state`. */
	review(state: FsrsState, grade: Grade, at: number): FsrsState {
		this.#checkTime(state, at);
		return fromCard(this.#fsrs.next(toCard(state), new Date(at), fsrsRating(grade)).card, at, this.options.maximumInterval);
	}

	/**
	 * What each grade would do, lowest grade first, for the buttons' captions. Grades that share
	 * a rating (0, 1, 2 on the six-grade scale) share the outcome.
	 */
	preview(state: FsrsState, at: number, grades: readonly Grade[]): FsrsState[] {
		this.#checkTime(state, at);
		const outcomes = this.#fsrs.repeat(toCard(state), new Date(at));
		return grades.map((grade) => fromCard(outcomes[fsrsRating(grade)].card, at, this.options.maximumInterval));
	}

	/** The predicted chance of recall on study day `day`; null for a card never answered. */
	retrievability(state: FsrsState, day: number): number | null {
		if (state.lastDay === null || state.phase === 'new') return null;
		return forgetting_curve(this.parameters, Math.max(0, day - state.lastDay), state.stability);
	}

	#checkTime(state: FsrsState, at: number): void {
		if (!Number.isFinite(at)) throw new RangeError('An FSRS answer needs a valid time');
		if (state.lastDay !== null && clockDay(at) < state.lastDay) {
			throw new RangeError(`An answer on study day ${clockDay(at)} cannot come before the card's last answer, on day ${state.lastDay}`);
		}
	}
}

/** Schedulers made so far, by their options: a handful at most (one per set of options tried). */
const schedulers = new Map<string, FsrsScheduler>();

/**
 * The scheduler of these options, made once and shared (ts-fsrs precomputes): recording an
 * answer and the buttons' captions use the same one, so a caption is the answer's own outcome.
 * The same result for the same options, as a pure function's; only the making is saved.
 */
export function fsrsSchedulerFor(options: FsrsOptions = defaultFsrsOptions): FsrsScheduler {
	const key = JSON.stringify([
		options.desiredRetention,
		options.learningSteps,
		options.relearningSteps,
		options.maximumInterval,
		options.parameters
	]);
	let scheduler = schedulers.get(key);
	if (!scheduler) {
		// Options are changed by hand, a few times at most; past that, start the shelf again.
		if (schedulers.size >= 8) schedulers.clear();
		schedulers.set(key, (scheduler = new FsrsScheduler(options)));
	}
	return scheduler;
}

/** FSRS's memory of a card, without the scheduling around it. */
export interface FsrsMemory {
	stability: number;
	difficulty: number;
}

/**
 * FSRS's memory model alone, as the open-spaced-repetition benchmark runs it: the memory after
 * an answer given `elapsedDays` study days after the previous one (0 for a same-day answer, whose
 * short-term formula FSRS-6 has), and the chance of recall after `elapsedDays`.
 */
export function fsrsMemoryModel(parameters: readonly number[] = []): {
	next(memory: FsrsMemory | null, elapsedDays: number, grade: Grade): FsrsMemory;
	recall(elapsedDays: number, stability: number): number;
} {
	const algorithm = new FSRSAlgorithm({ enable_short_term: true, ...(parameters.length ? { w: [...parameters] } : {}) });
	return {
		next: (memory, elapsedDays, grade) => algorithm.next_state(memory, elapsedDays, fsrsRating(grade)),
		recall: (elapsedDays, stability) => algorithm.forgetting_curve(elapsedDays, stability)
	};
}
