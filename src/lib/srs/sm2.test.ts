// Tests for SM-2 (sm2.ts): every pinned rule, the worked numbers, properties, and the answer buttons.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	MAX_EASINESS,
	MAX_INTERVAL,
	MIN_EASINESS,
	answerButtons,
	describeInterval,
	formatInterval,
	initialState,
	review,
	type Grade,
	type Sm2State
} from './sm2';

/** Answers `grades` in turn from `start`, returning every state after the first. */
function run(grades: Grade[], start: Sm2State = initialState()): Sm2State[] {
	const states: Sm2State[] = [];
	let state = start;
	for (const grade of grades) {
		state = review(state, grade);
		states.push(state);
	}
	return states;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

const gradeArb = fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5);
/** Any state SM-2 can reach or a database can hold: easiness in whole hundredths from the floor up. */
const stateArb: fc.Arbitrary<Sm2State> = fc.record({
	repetitions: fc.integer({ min: 0, max: 60 }),
	interval: fc.integer({ min: 0, max: MAX_INTERVAL }),
	easiness: fc.integer({ min: 130, max: 500 }).map((hundredths) => hundredths / 100),
	repeatToday: fc.boolean()
});
/**
 * States a card can actually reach, by answering from new. (In a made-up state such as
 * repetitions 0 with interval 30, SM-2 step 3 itself restarts at 1 day.)
 */
const reachableArb: fc.Arbitrary<Sm2State> = fc.array(gradeArb, { maxLength: 60 }).map((grades) => run(grades).at(-1) ?? initialState());

describe('initialState', () => {
	it('is a new card with easiness 2.5', () => {
		expect(initialState()).toEqual({ repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false });
	});

	it('returns a fresh object each time', () => {
		expect(initialState()).not.toBe(initialState());
	});
});

describe('review: worked numbers', () => {
	it('five 5s give 1, 6, 17, 50, 150 days (not 151 as floating point would)', () => {
		const states = run([5, 5, 5, 5, 5]);
		expect(states.map((s) => s.interval)).toEqual([1, 6, 17, 50, 150]);
		expect(states.map((s) => s.easiness)).toEqual([2.6, 2.7, 2.8, 2.9, 3]);
		expect(states.map((s) => s.repetitions)).toEqual([1, 2, 3, 4, 5]);
		expect(states.every((s) => !s.repeatToday)).toBe(true);
	});

	it('four 4s give 1, 6, 15, 38 days and keep easiness at 2.5', () => {
		const states = run([4, 4, 4, 4]);
		expect(states.map((s) => s.interval)).toEqual([1, 6, 15, 38]);
		expect(states.map((s) => s.easiness)).toEqual([2.5, 2.5, 2.5, 2.5]);
	});

	it('uses the NEW easiness for the interval: 6 days then a 5 at easiness 2.5 gives ceil(6 * 2.6) = 16', () => {
		const after = review({ repetitions: 2, interval: 6, easiness: 2.5, repeatToday: false }, 5);
		expect(after).toEqual({ repetitions: 3, interval: 16, easiness: 2.6, repeatToday: false });
	});

	it('rounds the interval up: 10 days at easiness 2.36 after a 4 gives ceil(23.6) = 24', () => {
		expect(review({ repetitions: 3, interval: 10, easiness: 2.36, repeatToday: false }, 4).interval).toBe(24);
	});

	it('an exact product is not rounded up: 25 days at easiness 2.0 after a 4 gives 50', () => {
		expect(review({ repetitions: 3, interval: 25, easiness: 2, repeatToday: false }, 4).interval).toBe(50);
	});
});

describe('review: rule 2, recalled (grade 3 to 5)', () => {
	it('changes easiness by +0.10, 0, -0.14 for 5, 4, 3', () => {
		const start: Sm2State = { repetitions: 2, interval: 6, easiness: 2.5, repeatToday: false };
		expect(review(start, 5).easiness).toBe(2.6);
		expect(review(start, 4).easiness).toBe(2.5);
		expect(review(start, 3).easiness).toBe(2.36);
	});

	it('a 3 sets repeatToday and still gives the new interval', () => {
		expect(review(initialState(), 3)).toEqual({ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true });
	});

	it('a 4 or 5 leaves repeatToday unset', () => {
		expect(review(initialState(), 4).repeatToday).toBe(false);
		expect(review(initialState(), 5).repeatToday).toBe(false);
	});

	it('a run of 3s (each repetition then cleared with a 4) walks easiness down to the 1.3 floor and no lower', () => {
		let state = initialState();
		const easiness: number[] = [];
		for (let i = 0; i < 10; i++) {
			state = review(state, 3);
			easiness.push(state.easiness);
			state = review(state, 4); // ends SuperMemo step 7's repetition without changing anything else
		}
		expect(easiness).toEqual([2.36, 2.22, 2.08, 1.94, 1.8, 1.66, 1.52, 1.38, 1.3, 1.3]);
		expect(state.repetitions).toBe(10);
		expect(state.repeatToday).toBe(false);
	});

	it('intervals keep growing at the floor: 10 days at 1.3 gives 13', () => {
		expect(review({ repetitions: 5, interval: 10, easiness: 1.3, repeatToday: false }, 3)).toEqual({
			repetitions: 6,
			interval: 13,
			easiness: 1.3,
			repeatToday: true
		});
	});

	it('an Easy at the 100 ceiling stays at 100 (rule 7), so the app never writes what a backup refuses', () => {
		expect([MIN_EASINESS, MAX_EASINESS]).toEqual([1.3, 100]);
		expect(review({ repetitions: 4, interval: 300, easiness: 99.95, repeatToday: false }, 5).easiness).toBe(100);
		expect(review({ repetitions: 4, interval: 300, easiness: 100, repeatToday: false }, 5)).toEqual({
			repetitions: 5,
			interval: 30_000,
			easiness: 100,
			repeatToday: false
		});
	});

	it('any run of answers keeps easiness in whole hundredths from 1.3 to 100', () => {
		fc.assert(
			fc.property(stateArb, fc.integer({ min: 130, max: 10_000 }), fc.array(gradeArb, { maxLength: 40 }), (start, hundredths, grades) => {
				let state = { ...start, easiness: hundredths / 100 };
				for (const grade of grades) {
					state = review(state, grade);
					expect(state.easiness).toBeGreaterThanOrEqual(MIN_EASINESS);
					expect(state.easiness).toBeLessThanOrEqual(MAX_EASINESS);
					expect(Math.round(state.easiness * 100) / 100).toBe(state.easiness);
				}
			})
		);
	});

	it('reads an easiness with floating-point noise as its hundredths', () => {
		// 2.36 may be stored as 2.3599999999999999 after a JSON round trip elsewhere.
		const after = review({ repetitions: 2, interval: 6, easiness: 2.3599999999999999, repeatToday: false }, 5);
		expect(after.easiness).toBe(2.46);
		expect(after.interval).toBe(15); // ceil(6 * 2.46) = ceil(14.76)
	});
});

describe('review: rule 1, the same-day repetition (SuperMemo step 7)', () => {
	const repeating: Sm2State = { repetitions: 3, interval: 15, easiness: 2.22, repeatToday: true };

	it('a 4 or a 5 ends it and changes nothing else', () => {
		expect(review(repeating, 4)).toEqual({ ...repeating, repeatToday: false });
		expect(review(repeating, 5)).toEqual({ ...repeating, repeatToday: false });
	});

	it('a lower grade keeps it and changes nothing else, even a blackout', () => {
		for (const grade of [0, 1, 2, 3] as const) {
			expect(review(repeating, grade)).toEqual(repeating);
		}
	});

	it('a new card: Hard, Hard, Good ends with interval 1 and easiness 2.36', () => {
		expect(run([3, 3, 4])).toEqual([
			{ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true },
			{ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true },
			{ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: false }
		]);
	});
});

describe('review: rule 3, forgotten (grade 0 to 2)', () => {
	it('starts the repetitions again, due today, easiness unchanged', () => {
		const learned: Sm2State = { repetitions: 4, interval: 38, easiness: 2.22, repeatToday: false };
		for (const grade of [0, 1, 2] as const) {
			expect(review(learned, grade)).toEqual({ repetitions: 0, interval: 0, easiness: 2.22, repeatToday: false });
		}
	});

	it('a lapse and relearning: 5, 5, 5, then 1, then 4, 4 gives 1, 6, 17, 0, 1, 6', () => {
		const states = run([5, 5, 5, 1, 4, 4]);
		expect(states.map((s) => s.interval)).toEqual([1, 6, 17, 0, 1, 6]);
		expect(states.map((s) => s.repetitions)).toEqual([1, 2, 3, 0, 1, 2]);
		expect(states.map((s) => s.easiness)).toEqual([2.6, 2.7, 2.8, 2.8, 2.8, 2.8]);
	});
});

describe('review: rule 4, the 36500-day cap', () => {
	it('caps a long interval at 36500 days', () => {
		expect(review({ repetitions: 20, interval: 20_000, easiness: 2.5, repeatToday: false }, 5)).toEqual({
			repetitions: 21,
			interval: MAX_INTERVAL,
			easiness: 2.6,
			repeatToday: false
		});
		expect(MAX_INTERVAL).toBe(36_500);
	});

	it('a card at the cap stays there', () => {
		expect(review({ repetitions: 30, interval: 36_500, easiness: 3, repeatToday: false }, 4).interval).toBe(36_500);
	});

	it('a run of 5s reaches the cap and stays', () => {
		const intervals = run(Array.from({ length: 12 }, () => 5 as const)).map((s) => s.interval);
		// 1488 = 465 * 3.2 exactly; 4911 = ceil(1488 * 3.3); 16698 = ceil(4911 * 3.4); then 16698 * 3.5 is over the cap.
		expect(intervals.slice(0, 8)).toEqual([1, 6, 17, 50, 150, 465, 1488, 4911]);
		expect(intervals.slice(8)).toEqual([16_698, 36_500, 36_500, 36_500]);
	});
});

describe('review: rule 6, invalid grades', () => {
	const bad: unknown[] = [6, -1, 2.5, Number.NaN, '4', Infinity, null, undefined];
	for (const grade of bad) {
		it(`throws a RangeError for ${typeof grade === 'string' ? `'${grade}'` : String(grade)}`, () => {
			expect(() => review(initialState(), grade as Grade)).toThrow(RangeError);
		});
	}

	it('throws even in the same-day repetition', () => {
		expect(() => review({ repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true }, 6 as Grade)).toThrow(RangeError);
	});
});

describe('review: properties', () => {
	it('easiness never goes under 1.3', () => {
		fc.assert(
			fc.property(fc.array(gradeArb, { maxLength: 80 }), (grades) => {
				for (const state of run(grades)) expect(state.easiness).toBeGreaterThanOrEqual(1.3);
			})
		);
	});

	it('easiness always stays a whole number of hundredths', () => {
		fc.assert(
			fc.property(fc.array(gradeArb, { maxLength: 80 }), (grades) => {
				for (const state of run(grades)) {
					expect(Number.isInteger(Math.round(state.easiness * 100))).toBe(true);
					expect(Math.abs(state.easiness * 100 - Math.round(state.easiness * 100))).toBeLessThan(1e-9);
				}
			})
		);
	});

	it('a 4 or 5 never shortens the interval', () => {
		fc.assert(
			fc.property(reachableArb, fc.constantFrom<Grade>(4, 5), (state, grade) => {
				expect(review(state, grade).interval).toBeGreaterThanOrEqual(state.interval);
			})
		);
	});

	it('never mutates its input', () => {
		fc.assert(
			fc.property(stateArb, gradeArb, (state, grade) => {
				const copy = { ...state };
				const frozen = deepFreeze(state);
				const after = review(frozen, grade);
				expect(frozen).toEqual(copy);
				expect(after).not.toBe(frozen);
			})
		);
	});

	it('intervals are always whole days from 0 to 36500', () => {
		fc.assert(
			fc.property(stateArb, fc.array(gradeArb, { minLength: 1, maxLength: 40 }), (start, grades) => {
				for (const state of run(grades, start)) {
					expect(Number.isInteger(state.interval)).toBe(true);
					expect(state.interval).toBeGreaterThanOrEqual(0);
					expect(state.interval).toBeLessThanOrEqual(MAX_INTERVAL);
				}
			})
		);
	});

	it('a grade under 3 outside the same-day repetition always means due today', () => {
		fc.assert(
			fc.property(stateArb, fc.constantFrom<Grade>(0, 1, 2), (state, grade) => {
				const after = review({ ...state, repeatToday: false }, grade);
				expect(after.interval).toBe(0);
				expect(after.repetitions).toBe(0);
				expect(after.easiness).toBe(state.easiness);
			})
		);
	});
});

describe('answerButtons', () => {
	it('four buttons: Again 1, Hard 3, Good 4, Easy 5 on keys 1 to 4', () => {
		expect(answerButtons('four')).toEqual([
			{ grade: 1, label: 'Again', key: '1' },
			{ grade: 3, label: 'Hard', key: '2' },
			{ grade: 4, label: 'Good', key: '3' },
			{ grade: 5, label: 'Easy', key: '4' }
		]);
	});

	it('six grades 0 to 5, each on its own digit key, with a short meaning', () => {
		const buttons = answerButtons('six');
		expect(buttons.map((b) => [b.grade, b.label, b.key])).toEqual([
			[0, '0', '0'],
			[1, '1', '1'],
			[2, '2', '2'],
			[3, '3', '3'],
			[4, '4', '4'],
			[5, '5', '5']
		]);
		expect(buttons[0]?.description).toBe('Blackout');
		expect(buttons[5]?.description).toBe('Perfect');
		expect(buttons.every((b) => typeof b.description === 'string' && b.description.length > 0)).toBe(true);
	});

	it('returns copies, so a caller cannot change the next call', () => {
		const first = answerButtons('four');
		first[0]!.label = 'changed';
		expect(answerButtons('four')[0]?.label).toBe('Again');
	});
});

describe('formatInterval', () => {
	it.each([
		[1, '1d'],
		[6, '6d'],
		[30, '30d'],
		[31, '1mo'],
		[45, '1.5mo'],
		[60, '2mo'],
		[150, '5mo'],
		[364, '12.1mo'],
		[365, '1y'],
		[438, '1.2y'],
		[36_500, '100y']
	])('%i days is %s', (days, text) => {
		expect(formatInterval(days)).toBe(text);
	});
});

describe('describeInterval', () => {
	const fresh = initialState();
	const afterOneGood = review(fresh, 4); // interval 1, repetitions 1
	const learned: Sm2State = { repetitions: 4, interval: 50, easiness: 2.9, repeatToday: false };
	const repeating: Sm2State = { repetitions: 2, interval: 6, easiness: 2.36, repeatToday: true };
	const say = (interval: string, againToday = false) => ({ interval, againToday });

	it('a new card: Again today, Hard 1d and again today (SuperMemo step 7), Good 1d, Easy 1d', () => {
		expect(describeInterval(fresh, 1)).toEqual(say('today'));
		expect(describeInterval(fresh, 3)).toEqual(say('1d', true));
		expect(describeInterval(fresh, 4)).toEqual(say('1d'));
		expect(describeInterval(fresh, 5)).toEqual(say('1d'));
	});

	it('the second review: Good 6d', () => {
		expect(describeInterval(afterOneGood, 4)).toEqual(say('6d'));
	});

	it('a learned card: Good 145d is 4.8mo, Easy 150d is 5mo, Again today', () => {
		expect(describeInterval(learned, 4)).toEqual(say('4.8mo')); // ceil(50 * 2.9) = 145
		expect(describeInterval(learned, 5)).toEqual(say('5mo')); // ceil(50 * 3.0) = 150
		expect(describeInterval(learned, 0)).toEqual(say('today'));
	});

	it('a mature card graded Hard shows the year it gets, and that it also comes back today', () => {
		// ceil(150 * 2.36) = 354 days would be 11.8mo; from 170 days: ceil(170 * 2.36) = 402 = 1.1y.
		const mature: Sm2State = { repetitions: 6, interval: 170, easiness: 2.5, repeatToday: false };
		expect(describeInterval(mature, 3)).toEqual(say('1.1y', true));
	});

	it('in the same-day repetition: a 3 or lower keeps the interval it has and again today, a 4 or 5 the interval alone', () => {
		expect(describeInterval(repeating, 3)).toEqual(say('6d', true));
		expect(describeInterval(repeating, 1)).toEqual(say('6d', true));
		expect(describeInterval(repeating, 4)).toEqual(say('6d'));
		expect(describeInterval(repeating, 5)).toEqual(say('6d'));
	});

	it('long intervals in years', () => {
		expect(describeInterval({ repetitions: 6, interval: 465, easiness: 3.1, repeatToday: false }, 5)).toEqual(say('4.1y'));
	});
});
