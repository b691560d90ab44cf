import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { isValidReview, reviewSchema } from './backup-schema';

/** Any time a Date can hold. */
const time = fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true });

const snapshot = fc.record({
	status: fc.constantFrom('new', 'review', 'suspended', 'retired'),
	state: fc.record({
		repetitions: fc.nat(50),
		interval: fc.nat(36500),
		easiness: fc.integer({ min: 130, max: 10_000 }).map((hundredths) => hundredths / 100),
		repeatToday: fc.boolean()
	}),
	dueDay: fc.integer({ min: -5, max: 100_000 }),
	lapses: fc.nat(50),
	leech: fc.boolean(),
	lastAnsweredAt: time
});

const review = fc.record(
	{
		id: fc.integer({ min: 1, max: 1e9 }),
		cardId: fc.string(),
		deckId: fc.string(),
		time,
		studyDay: fc.integer(),
		grade: fc.constantFrom(0, 1, 2, 3, 4, 5),
		wasNew: fc.boolean(),
		before: snapshot,
		after: snapshot,
		tookMs: fc.nat(),
		sessionId: fc.string()
	},
	{ requiredKeys: ['cardId', 'deckId', 'time', 'studyDay', 'grade', 'wasNew', 'before', 'after', 'tookMs', 'sessionId'] }
);

/** Values that sit on or just past a rule's edge, or have the wrong type. */
const odd = fc.constantFrom<unknown>(
	undefined,
	null,
	-1,
	0,
	-0,
	1,
	1.5,
	1.29,
	1.3,
	6,
	100,
	100.01,
	100.5,
	2.505,
	8.64e15,
	8.64e15 + 1,
	1e300,
	36500,
	36501,
	NaN,
	Infinity,
	-Infinity,
	'',
	'x',
	'review',
	'forgotten',
	true,
	false,
	[],
	{},
	[1]
);

type Json = Record<string, unknown>;

/** A review with one thing changed: a value somewhere replaced, a key removed, or a key added. */
const damaged = fc
	.tuple(
		review,
		fc.constantFrom('', 'before', 'after', 'before.state', 'after.state'),
		fc.nat(20),
		odd,
		fc.constantFrom('replace', 'remove', 'add')
	)
	.map(([entry, where, pick, value, how]) => {
		const copy = structuredClone(entry) as Json;
		const target = where === '' ? copy : where.split('.').reduce<Json>((object, key) => object[key] as Json, copy);
		const keys = Object.keys(target);
		const key = keys[pick % keys.length]!;
		if (how === 'replace') target[key] = value;
		else if (how === 'remove') delete target[key];
		else target.extra = value;
		return copy;
	});

describe('isValidReview', () => {
	test('accepts exactly what the valibot schema accepts', () => {
		fc.assert(
			fc.property(fc.oneof(review, damaged, odd), (value) => {
				expect(isValidReview(value)).toBe(v.is(reviewSchema(), value));
			}),
			{ numRuns: 3000 }
		);
	});

	test('accepts a review with or without its old id, and refuses the edges', () => {
		const state = { repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false };
		const snap = { status: 'review', state, dueDay: 5, lapses: 0, leech: false, lastAnsweredAt: 10 };
		const entry = {
			cardId: 'd:a',
			deckId: 'd',
			time: 10,
			studyDay: 5,
			grade: 4,
			wasNew: false,
			before: snap,
			after: snap,
			tookMs: 0,
			sessionId: 's'
		};
		expect(isValidReview(entry)).toBe(true);
		expect(isValidReview({ ...entry, id: 1 })).toBe(true);
		expect(isValidReview({ ...entry, id: 0 })).toBe(false);
		expect(isValidReview({ ...entry, grade: 6 })).toBe(false);
		expect(isValidReview({ ...entry, tookMs: 1.5 })).toBe(false);
		expect(isValidReview({ ...entry, after: { ...snap, state: { ...state, easiness: 1.29 } } })).toBe(false);
		expect(isValidReview({ ...entry, after: { ...snap, state: { ...state, easiness: 100 } } })).toBe(true);
		expect(isValidReview({ ...entry, after: { ...snap, state: { ...state, easiness: 100.1 } } })).toBe(false);
		expect(isValidReview({ ...entry, after: { ...snap, state: { ...state, easiness: 2.505 } } })).toBe(false);
		expect(isValidReview({ ...entry, time: 1e300 })).toBe(false);
		expect(isValidReview({ ...entry, after: { ...snap, state: { ...state, interval: 36501 } } })).toBe(false);
		expect(isValidReview({ ...entry, before: { ...snap, extra: 1 } })).toBe(false);
		expect(isValidReview([entry])).toBe(false);
	});
});
