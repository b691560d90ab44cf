// What the review log says about the learner's answers: answers per day, retention, pace.
// Every function is a single pass over a compact AnswerFact stream, so 100,000 answers stay cheap
// and the db layer can feed them straight from an index without building full ReviewEntry objects.

/**
 * The few fields of a review-log entry the statistics need. A full ReviewEntry fits this shape too.
 * Days are study days (see srs/days.ts), never timestamps, so DST and the day-start hour are already settled.
 */
export interface AnswerFact {
	studyDay: number;
	grade: number;
	/** The card's first answer ever: it says nothing about remembering, so retention leaves it out. */
	wasNew: boolean;
	tookMs: number;
}

/** Lowest grade that counts as "remembered", as in SM-2 (below it the card is relearned). */
export const RECALLED_GRADE = 3;

/** The retention windows shown on the stats page: last week, last month, last year. */
export const RETENTION_WINDOWS: readonly number[] = [7, 30, 365];

/** Answers (new cards included) given on each study day that had any. */
export function answersPerDay(answers: Iterable<AnswerFact>): Map<number, number> {
	const perDay = new Map<number, number>();
	for (const answer of answers) {
		perDay.set(answer.studyDay, (perDay.get(answer.studyDay) ?? 0) + 1);
	}
	return perDay;
}

/** Retention over one window of days. */
export interface Retention {
	/** Window length: the days today-days+1 .. today, today included. */
	days: number;
	/** Answers to cards seen before (wasNew false) in the window. */
	reviews: number;
	/** Of those, answers graded RECALLED_GRADE or better. */
	recalled: number;
	/** recalled / reviews, or null when there were no reviews (0% would be a lie). */
	rate: number | null;
}

/**
 * Share of review answers remembered over each window, in the order the windows are given.
 * Answers dated after today (a clock that was set wrong) are left out of every window.
 */
export function retention(answers: Iterable<AnswerFact>, today: number, windows: readonly number[] = RETENTION_WINDOWS): Retention[] {
	for (const days of windows) checkWindow(days);
	const reviews = windows.map(() => 0);
	const recalled = windows.map(() => 0);
	for (const answer of answers) {
		if (answer.wasNew) continue;
		const age = today - answer.studyDay;
		if (age < 0) continue;
		const remembered = answer.grade >= RECALLED_GRADE;
		// A handful of windows: checking each one is still one pass over the log.
		for (let w = 0; w < windows.length; w++) {
			if (age < (windows[w] as number)) {
				reviews[w]! += 1;
				if (remembered) recalled[w]! += 1;
			}
		}
	}
	return windows.map((days, w) => {
		const r = reviews[w]!;
		const ok = recalled[w]!;
		return { days, reviews: r, recalled: ok, rate: r === 0 ? null : ok / r };
	});
}

/** How much and how fast the learner answered over one window of days. */
export interface AnswerSummary {
	/** Window length: the days today-days+1 .. today, today included. */
	days: number;
	/** All answers in the window, new cards included. */
	answers: number;
	/** answers / days: days without study count, so a lazy week shows as one. */
	perDay: number;
	/** Days in the window with at least one answer. */
	daysStudied: number;
	/** Mean tookMs per answer, or null with no timed answers. */
	averageMs: number | null;
}

/**
 * Answers per day and average time per answer over the last `windowDays` days.
 * An answer whose tookMs is not a finite non-negative number still counts as an answer,
 * but not in the average time, so one broken entry cannot turn it into NaN.
 */
export function answerSummary(answers: Iterable<AnswerFact>, today: number, windowDays: number): AnswerSummary {
	checkWindow(windowDays);
	let count = 0;
	let timed = 0;
	let totalMs = 0;
	const studied = new Set<number>();
	for (const answer of answers) {
		const age = today - answer.studyDay;
		if (age < 0 || age >= windowDays) continue;
		count += 1;
		studied.add(answer.studyDay);
		if (Number.isFinite(answer.tookMs) && answer.tookMs >= 0) {
			timed += 1;
			totalMs += answer.tookMs;
		}
	}
	return {
		days: windowDays,
		answers: count,
		perDay: count / windowDays,
		daysStudied: studied.size,
		averageMs: timed === 0 ? null : totalMs / timed
	};
}

function checkWindow(days: number): void {
	if (!Number.isInteger(days) || days < 1) throw new RangeError(`A window is a whole number of days, at least 1: ${days}`);
}
