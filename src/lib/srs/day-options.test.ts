// The plans for Study more, a deck's own limits and burying by hand; their effect on the queue is queue-more.test.ts.
import { describe, expect, it } from 'vitest';
import { buriedToday, DayOptionsError, planBury, planDeckOptions, planStudyMore, planUnbury } from './day-options';

const TODAY = 20_000;

describe('planStudyMore', () => {
	it('records the extra new cards for today, adding up when asked again the same day', () => {
		const once = planStudyMore(undefined, 'd', TODAY, { extraNew: 10 });
		expect(once).toEqual({ d: { studyDay: TODAY, extraNew: 10, aheadDays: 0 } });
		expect(planStudyMore(once, 'd', TODAY, { extraNew: 5 })).toEqual({ d: { studyDay: TODAY, extraNew: 15, aheadDays: 0 } });
		// The record asked for is not changed.
		expect(once.d).toEqual({ studyDay: TODAY, extraNew: 10, aheadDays: 0 });
	});

	it('Review ahead replaces the days ahead and keeps the extra new cards', () => {
		const asked = planStudyMore({ d: { studyDay: TODAY, extraNew: 10, aheadDays: 7 } }, 'd', TODAY, { aheadDays: 3 });
		expect(asked).toEqual({ d: { studyDay: TODAY, extraNew: 10, aheadDays: 3 } });
	});

	it('drops what any deck asked on another day, and keeps other decks of today', () => {
		const current = { old: { studyDay: TODAY - 1, extraNew: 50, aheadDays: 2 }, other: { studyDay: TODAY, extraNew: 1, aheadDays: 0 } };
		expect(planStudyMore(current, 'old', TODAY, { aheadDays: 1 })).toEqual({
			old: { studyDay: TODAY, extraNew: 0, aheadDays: 1 },
			other: { studyDay: TODAY, extraNew: 1, aheadDays: 0 }
		});
	});

	it('refuses numbers that are not whole, below 1 or above 9999, saying which', () => {
		expect(() => planStudyMore(undefined, 'd', TODAY, { extraNew: 0 })).toThrow(
			new DayOptionsError('The number of extra new cards must be a whole number from 1 to 9999 (got 0).')
		);
		expect(() => planStudyMore(undefined, 'd', TODAY, { extraNew: 2.5 })).toThrow('(got 2.5)');
		expect(() => planStudyMore(undefined, 'd', TODAY, { extraNew: Number.NaN })).toThrow('(got nothing)');
		expect(() => planStudyMore(undefined, 'd', TODAY, { aheadDays: 10_000 })).toThrow(
			'The days to review ahead must be a whole number from 1 to 9999 (got 10000).'
		);
		// Adding up never goes past the most.
		expect(planStudyMore({ d: { studyDay: TODAY, extraNew: 9000, aheadDays: 0 } }, 'd', TODAY, { extraNew: 9000 }).d!.extraNew).toBe(9999);
	});
});

describe('planDeckOptions', () => {
	it('sets a deck’s own limits, and a limit left undefined follows the settings again', () => {
		const both = planDeckOptions(undefined, 'd', { newPerDay: 3, reviewsPerDay: 50 });
		expect(both).toEqual({ d: { newPerDay: 3, reviewsPerDay: 50 } });
		expect(planDeckOptions(both, 'd', { newPerDay: 3 })).toEqual({ d: { newPerDay: 3 } });
		expect(planDeckOptions({ ...both, e: { newPerDay: 0 } }, 'd', {})).toEqual({ e: { newPerDay: 0 } });
		expect(both).toEqual({ d: { newPerDay: 3, reviewsPerDay: 50 } });
	});

	it('refuses a limit out of the settings’ range', () => {
		expect(() => planDeckOptions(undefined, 'd', { newPerDay: -1 })).toThrow(
			new DayOptionsError('New cards per day must be a whole number from 0 to 9999 (got -1).')
		);
		expect(() => planDeckOptions(undefined, 'd', { reviewsPerDay: 100_000 })).toThrow(
			'Reviews per day must be a whole number from 0 to 99999 (got 100000).'
		);
	});
});

describe('planBury', () => {
	it('keeps today’s buried cards once each and forgets an earlier day’s', () => {
		const one = planBury(undefined, 'd:a', TODAY);
		expect(one).toEqual({ studyDay: TODAY, cardIds: ['d:a'] });
		expect(planBury(one, 'd:a', TODAY)).toEqual({ studyDay: TODAY, cardIds: ['d:a'] });
		expect(planBury(one, 'd:b', TODAY)).toEqual({ studyDay: TODAY, cardIds: ['d:a', 'd:b'] });
		expect(planBury(one, 'd:b', TODAY + 1)).toEqual({ studyDay: TODAY + 1, cardIds: ['d:b'] });
		expect([...buriedToday(one, TODAY)]).toEqual(['d:a']);
		expect([...buriedToday(one, TODAY + 1)]).toEqual([]);
	});
});

describe('planUnbury', () => {
	it('takes only that card out of today’s burials; another day’s record is over anyway', () => {
		const two = planBury(planBury(undefined, 'd:a', TODAY), 'd:b', TODAY);
		expect(planUnbury(two, 'd:a', TODAY)).toEqual({ studyDay: TODAY, cardIds: ['d:b'] });
		expect(planUnbury(two, 'd:c', TODAY)).toEqual({ studyDay: TODAY, cardIds: ['d:a', 'd:b'] });
		expect(planUnbury(undefined, 'd:a', TODAY)).toEqual({ studyDay: TODAY, cardIds: [] });
		expect(planUnbury(two, 'd:a', TODAY + 1)).toEqual({ studyDay: TODAY + 1, cardIds: [] });
		expect([...buriedToday(planUnbury(two, 'd:b', TODAY), TODAY)]).toEqual(['d:a']);
	});
});
