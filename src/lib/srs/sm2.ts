/**
 * SuperMemo 2 (SM-2): works out, from one answer, how long a card may rest before it is
 * shown again. Pure functions only: the answer buttons and their previews use the same
 * `review` that records an answer, so a button never promises something the answer won't do.
 *
 * Source: P. Wozniak, "Application of a computer to improve the results obtained in working
 * with the SuperMemo method" (1990), the SM-2 algorithm steps 1 to 7. Published implementations
 * disagree on a few points; these are the rules this app follows:
 *
 * 1. A card in its extra same-day repetition (`repeatToday`, SuperMemo step 7) leaves it on a
 *    4 or 5 and stays in it on anything lower. Nothing else changes during that repetition:
 *    easiness, interval and repetitions stay (step 7 repeats "until all of these items score
 *    at least four", it is not a new review).
 * 2. A recalled card (grade 3 to 5) first gets its new easiness (step 5), then the next
 *    interval from that NEW easiness (step 3): 1 day, then 6 days, then the last interval times
 *    easiness, rounded up. A 3 also sends it through the same-day repetition (step 7).
 * 3. A forgotten card (grade 0 to 2) starts the repetitions again "without changing the
 *    E-Factor" (step 6); its interval becomes 0, so it is due again today.
 * 4. Intervals are whole days, at most 36500 (a hundred years).
 * 5. Easiness moves in steps of hundredths, so it is kept as whole hundredths inside. Floating
 *    point would turn 50 days × 3.0 into 151 days; here it stays 150.
 * 6. A grade that is not a whole number 0 to 5 is a RangeError.
 * 7. Easiness stops at 100 (SuperMemo sets no ceiling; each 5 adds 0.1). Past a few, intervals
 *    reach the 100-year cap anyway; the ceiling is what lets a backup check what the app writes.
 */

/** SuperMemo's six-point answer scale: 0 blackout … 5 perfect. */
export type Grade = 0 | 1 | 2 | 3 | 4 | 5;

/** What SM-2 remembers about one card. */
export interface Sm2State {
	/** Successful reviews in a row since the card was new or last forgotten. */
	repetitions: number;
	/** Days until the next review after the last answer; 0 means again today. */
	interval: number;
	/** SuperMemo's E-Factor: how fast intervals grow; never under 1.3. */
	easiness: number;
	/** In the extra same-day repetition of SuperMemo step 7 (answered 3, or lower inside it). */
	repeatToday: boolean;
}

/** SuperMemo step 2: every new card starts with an E-Factor of 2.5. */
const START_EASINESS_HUNDREDTHS = 250;
/** SuperMemo step 5: "If EF is less than 1.3 then let EF be 1.3." */
const MIN_EASINESS_HUNDREDTHS = 130;
/** Rule 7: the most easiness can grow to. */
const MAX_EASINESS_HUNDREDTHS = 10_000;
/** The range of easiness the app writes, in whole hundredths: what a backup may hold. */
export const MIN_EASINESS = MIN_EASINESS_HUNDREDTHS / 100;
export const MAX_EASINESS = MAX_EASINESS_HUNDREDTHS / 100;
/** A hundred years: beyond any learner's horizon, and keeps day numbers small. */
export const MAX_INTERVAL = 36_500;

export function initialState(): Sm2State {
	return { repetitions: 0, interval: 0, easiness: START_EASINESS_HUNDREDTHS / 100, repeatToday: false };
}

/** Throws unless `grade` is a whole number 0..5 (also guards against strings from forms). */
export function assertGrade(grade: unknown): asserts grade is Grade {
	if (typeof grade !== 'number' || !Number.isInteger(grade) || grade < 0 || grade > 5) {
		throw new RangeError(`A grade must be a whole number from 0 to 5, got ${String(grade)}`);
	}
}

/**
 * The card's state after one answer. Never mutates `state`; always returns a new object.
 */
export function review(state: Sm2State, grade: Grade): Sm2State {
	assertGrade(grade);

	// Rule 1 (SuperMemo step 7): the same-day repetition only decides whether the card may leave it.
	if (state.repeatToday) {
		return { ...state, repeatToday: grade < 4 };
	}

	// Rule 3 (SuperMemo step 6): forgotten, start the repetitions again without changing the E-Factor.
	if (grade < 3) {
		return { repetitions: 0, interval: 0, easiness: state.easiness, repeatToday: false };
	}

	// Rule 2, SuperMemo step 5: EF' = EF + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)), in hundredths:
	// +10, 0, -14 for q = 5, 4, 3.
	const miss = 5 - grade;
	const easiness100 = Math.min(
		MAX_EASINESS_HUNDREDTHS,
		Math.max(MIN_EASINESS_HUNDREDTHS, Math.round(state.easiness * 100) + 10 - miss * (8 + miss * 2))
	);

	// SuperMemo step 3: I(1) = 1, I(2) = 6, I(n) = I(n-1) * EF, here with the new EF and rounded up.
	let interval: number;
	if (state.repetitions === 0) interval = 1;
	else if (state.repetitions === 1) interval = 6;
	// ceil(interval * easiness100 / 100) in whole numbers, so 50 * 300 / 100 is exactly 150.
	else interval = Math.floor((state.interval * easiness100 + 99) / 100);

	return {
		repetitions: state.repetitions + 1,
		interval: Math.min(MAX_INTERVAL, interval),
		easiness: easiness100 / 100,
		// SuperMemo step 7: items that scored below four are repeated again the same day.
		repeatToday: grade === 3
	};
}

/** One answer button as the study screen shows it. */
export interface AnswerButton {
	grade: Grade;
	/** 'Again' | 'Hard' | 'Good' | 'Easy' on the four-button scale, '0'..'5' on the six-grade scale. */
	label: string;
	/** Keyboard key: '1'..'4' for four buttons, '0'..'5' (the grade itself) for six. */
	key: string;
	/** Six-grade scale only: SuperMemo's meaning of the grade in one or two words, shown on the button. */
	description?: string;
}

/**
 * The four buttons phone users know from Anki, mapped onto SM-2 grades: Again = 1 (forgotten),
 * Hard = 3 (recalled with serious difficulty), Good = 4 (after a hesitation), Easy = 5 (perfect).
 */
const FOUR_BUTTONS: readonly AnswerButton[] = [
	{ grade: 1, label: 'Again', key: '1' },
	{ grade: 3, label: 'Hard', key: '2' },
	{ grade: 4, label: 'Good', key: '3' },
	{ grade: 5, label: 'Easy', key: '4' }
];

/**
 * SuperMemo's full scale (SM-2 step 4), its wording shortened to a word or two that fit on a
 * button at 320 px: 0 complete blackout; 1 incorrect, but the answer remembered on seeing it;
 * 2 incorrect, but the answer seemed easy to recall; 3 correct with serious difficulty;
 * 4 correct after a hesitation; 5 perfect response.
 */
const SIX_BUTTONS: readonly AnswerButton[] = [
	{ grade: 0, label: '0', key: '0', description: 'Blackout' },
	{ grade: 1, label: '1', key: '1', description: 'Wrong, familiar' },
	{ grade: 2, label: '2', key: '2', description: 'Wrong, nearly' },
	{ grade: 3, label: '3', key: '3', description: 'Hard recall' },
	{ grade: 4, label: '4', key: '4', description: 'Hesitant' },
	{ grade: 5, label: '5', key: '5', description: 'Perfect' }
];

/** The answer buttons for the chosen scale, lowest grade first. Fresh copies each call. */
export function answerButtons(scale: 'four' | 'six'): AnswerButton[] {
	const buttons = scale === 'six' ? SIX_BUTTONS : FOUR_BUTTONS;
	return buttons.map((button) => ({ ...button }));
}

/**
 * A rest of `days` in a few characters: '1d' … '30d', then months of 30 days ('2mo', '1.5mo')
 * under a year, then years of 365 days ('1.2y'). One decimal, no trailing '.0'.
 */
export function formatInterval(days: number): string {
	if (days <= 30) return `${days}d`;
	if (days < 365) return `${oneDecimal(days / 30)}mo`;
	return `${oneDecimal(days / 365)}y`;
}

function oneDecimal(value: number): string {
	// Number() drops a trailing '.0'.
	return String(Number(value.toFixed(1)));
}

/** What a grade button says it will do: the card's real interval, and whether it also comes back today. */
export interface IntervalPreview {
	/** The interval the card gets ('1.1y'), or 'today' only when it is forgotten (interval 0). */
	interval: string;
	/** SuperMemo step 7 also brings it back today (a 3, or below 4 inside that repetition). */
	againToday: boolean;
}

/**
 * What answering `grade` would do to a card in state `before`, for the button caption
 * (`Good · 6d`, `Hard · 1.1y` with an "again today" mark). A card that keeps or gets a long
 * interval while step 7 repeats it today says both: it never reads only "today" when it just got
 * a year. Only a forgotten card (interval 0) says 'today'.
 */
export function describeInterval(before: Sm2State, grade: Grade): IntervalPreview {
	return describeSm2(review(before, grade));
}

/** The caption of the state `after` an answer: see describeInterval. */
export function describeSm2(after: Sm2State): IntervalPreview {
	if (after.interval === 0) return { interval: 'today', againToday: false };
	return { interval: formatInterval(after.interval), againToday: after.repeatToday };
}
