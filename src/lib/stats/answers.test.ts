// Answers per day, retention windows and pace on a small hand-made log with known results.
import { describe, expect, it } from 'vitest';
import { answerSummary, answersPerDay, retention, type AnswerFact } from './answers';

const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const today = dayOf(2026, 4, 15);

function review(daysAgo: number, grade: number, tookMs = 1000): AnswerFact {
	return { studyDay: today - daysAgo, grade, wasNew: false, tookMs };
}
function firstAnswer(daysAgo: number, grade: number, tookMs = 1000): AnswerFact {
	return { studyDay: today - daysAgo, grade, wasNew: true, tookMs };
}

// Each window edge has one answer just inside and one just outside.
const log: AnswerFact[] = [
	review(0, 5, 2000),
	review(0, 4, 4000),
	review(0, 2, 6000),
	firstAnswer(0, 5, 8000),
	review(6, 3, 10_000), // oldest day of the 7-day window; grade 3 is the lowest "recalled"
	review(7, 1), // one day too old for the 7-day window
	firstAnswer(7, 0),
	review(29, 4), // oldest day of the 30-day window
	review(30, 0), // one day too old for it
	firstAnswer(100, 0),
	review(364, 5), // oldest day of the year window
	review(365, 5), // one day too old for it
	review(-1, 5) // tomorrow: a wrong clock, never counted
];

describe('answersPerDay', () => {
	it('counts every answer, new cards included, per study day', () => {
		const perDay = answersPerDay(log);
		expect([...perDay.entries()].sort((a, b) => a[0] - b[0])).toEqual([
			[today - 365, 1],
			[today - 364, 1],
			[today - 100, 1],
			[today - 30, 1],
			[today - 29, 1],
			[today - 7, 2],
			[today - 6, 1],
			[today, 4],
			[today + 1, 1]
		]);
	});

	it('is empty for an empty log', () => {
		expect(answersPerDay([]).size).toBe(0);
	});
});

describe('retention', () => {
	it('counts review answers per window with both boundary days exact', () => {
		expect(retention(log, today)).toEqual([
			{ days: 7, reviews: 4, recalled: 3, rate: 0.75 },
			{ days: 30, reviews: 6, recalled: 4, rate: 4 / 6 },
			{ days: 365, reviews: 8, recalled: 5, rate: 5 / 8 }
		]);
	});

	it('moves the window with today: a day later the oldest day drops out', () => {
		const [week] = retention(log, today + 1, [7]);
		// today-6 (grade 3) is now 7 days ago; the tomorrow answer comes in.
		expect(week).toEqual({ days: 7, reviews: 4, recalled: 3, rate: 0.75 });
		const [day] = retention(log, today + 1, [1]);
		expect(day).toEqual({ days: 1, reviews: 1, recalled: 1, rate: 1 });
	});

	it('leaves new-card answers out, whatever their grade', () => {
		const onlyNew = [firstAnswer(0, 5), firstAnswer(1, 0), firstAnswer(2, 4)];
		expect(retention(onlyNew, today, [7])).toEqual([{ days: 7, reviews: 0, recalled: 0, rate: null }]);
		const mixed = [...onlyNew, review(1, 1)];
		expect(retention(mixed, today, [7])).toEqual([{ days: 7, reviews: 1, recalled: 0, rate: 0 }]);
	});

	it('gives rate null with no reviews at all', () => {
		expect(retention([], today)).toEqual([
			{ days: 7, reviews: 0, recalled: 0, rate: null },
			{ days: 30, reviews: 0, recalled: 0, rate: null },
			{ days: 365, reviews: 0, recalled: 0, rate: null }
		]);
	});

	it('keeps the order of the windows asked for', () => {
		expect(retention(log, today, [365, 1]).map((r) => [r.days, r.reviews, r.recalled])).toEqual([
			[365, 8, 5],
			[1, 3, 2]
		]);
	});

	it('rejects a window that is not a whole positive number of days', () => {
		expect(() => retention(log, today, [0])).toThrow(RangeError);
		expect(() => retention(log, today, [7.5])).toThrow(RangeError);
	});
});

describe('answerSummary', () => {
	it('averages answers over the whole window and time over the answers', () => {
		// Last 7 days: four answers today (2, 4, 6, 8 s) and one 6 days ago (10 s).
		expect(answerSummary(log, today, 7)).toEqual({
			days: 7,
			answers: 5,
			perDay: 5 / 7,
			daysStudied: 2,
			averageMs: 6000
		});
	});

	it('counts new-card answers and respects the window edge', () => {
		// Adds today-7: one review and one first answer, 1 s each.
		expect(answerSummary(log, today, 8)).toEqual({
			days: 8,
			answers: 7,
			perDay: 7 / 8,
			daysStudied: 3,
			averageMs: 32_000 / 7
		});
	});

	it('has no average time without answers', () => {
		expect(answerSummary([], today, 30)).toEqual({ days: 30, answers: 0, perDay: 0, daysStudied: 0, averageMs: null });
	});

	it('counts an answer with a broken time but keeps it out of the average', () => {
		const broken = [review(0, 4, 3000), review(0, 4, Number.NaN), review(1, 4, -5)];
		expect(answerSummary(broken, today, 7)).toEqual({ days: 7, answers: 3, perDay: 3 / 7, daysStudied: 2, averageMs: 3000 });
	});
});
