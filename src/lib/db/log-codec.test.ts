import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { CardSnapshot, LogEntry, ReviewEntry } from '$lib/srs/types';
import { answerCount, decodeDay, decodeEntries, lastAnswerTime, LogRecordError, NUMBERS_PER_ANSWER, type LogDayRecord } from './log-codec';
import { upgradeRecord, encodeDay, encodeLog } from './log-write';

const snapshot = fc.record({
	status: fc.constantFrom('new' as const, 'review' as const, 'suspended' as const, 'retired' as const),
	state: fc.record({
		repetitions: fc.nat(1000),
		interval: fc.nat(36500),
		easiness: fc.integer({ min: 130, max: 1000 }).map((hundredths) => hundredths / 100),
		repeatToday: fc.boolean()
	}),
	dueDay: fc.nat(100_000),
	lapses: fc.nat(500),
	leech: fc.boolean(),
	lastAnsweredAt: fc.nat(4_000_000_000_000)
}) satisfies fc.Arbitrary<CardSnapshot>;

const answer = (deckId: string, studyDay: number) =>
	fc.record({
		cardId: fc.string({ minLength: 1, maxLength: 40 }),
		deckId: fc.constant(deckId),
		time: fc.nat(4_000_000_000_000),
		studyDay: fc.constant(studyDay),
		grade: fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<ReviewEntry['grade']>,
		wasNew: fc.boolean(),
		before: snapshot,
		after: snapshot,
		tookMs: fc.nat(3_600_000),
		sessionId: fc.constantFrom('morning', 'evening', 'ünïcode ✓', ''),
		device: fc.constantFrom('phone', 'laptop', '')
	}) satisfies fc.Arbitrary<ReviewEntry>;

function entry(time: number, extra: Partial<ReviewEntry> = {}): ReviewEntry {
	const card: CardSnapshot = {
		status: 'review',
		state: { repetitions: 2, interval: 6, easiness: 2.36, repeatToday: false },
		dueDay: 20_500,
		lapses: 1,
		leech: false,
		lastAnsweredAt: time - 1
	};
	return {
		cardId: 'd:a',
		deckId: 'd',
		time,
		studyDay: 20_510,
		grade: 4,
		wasNew: false,
		before: card,
		after: { ...card, dueDay: 20_524 },
		tookMs: 2500,
		sessionId: 's',
		device: 'phone',
		...extra
	};
}

describe('encodeDay and decodeDay', () => {
	test('give back exactly the answers stored, in their order', () => {
		fc.assert(
			fc.property(fc.array(answer('deck:ü', 20_000), { maxLength: 60 }), (entries) => {
				const record = encodeDay('deck:ü', 20_000, entries);
				expect(decodeDay(structuredClone(record))).toEqual(entries);
				expect(answerCount(record)).toBe(entries.length);
			})
		);
	});

	test('store each session once, for the session index, and 8 bytes per number', () => {
		const record = encodeDay('d', 20_510, [entry(1, { sessionId: 'a' }), entry(2, { sessionId: 'b' }), entry(3, { sessionId: 'a' })]);
		expect(record.sessionIds).toEqual(['a', 'b']);
		expect(record.cardIds).toEqual(['d:a', 'd:a', 'd:a']);
		expect(record.devices).toEqual(['phone']);
		expect(NUMBERS_PER_ANSWER).toBe(26);
		expect(record.numbers.byteLength).toBe(3 * 26 * 8);
	});

	test('refuse an answer of another deck or day, and a status they cannot store', () => {
		expect(() => encodeDay('d', 20_511, [entry(1)])).toThrow('An answer of d on day 20510 cannot be stored with d on day 20511');
		expect(() => encodeDay('e', 20_510, [entry(1)])).toThrow(RangeError);
		const odd = entry(1);
		(odd.after as { status: string }).status = 'forgotten';
		expect(() => encodeDay('d', 20_510, [odd])).toThrow('Unknown card status "forgotten"');
	});

	test('a damaged record is refused with what is wrong, never read as other answers', () => {
		const good = encodeDay('d', 20_510, [entry(1), entry(2)]);
		const damaged = (change: (record: LogDayRecord) => void) => {
			const record = structuredClone(good);
			change(record);
			return () => decodeDay(record);
		};
		expect(damaged((r) => ((r as { format: number }).format = 3))).toThrow(new LogRecordError('unknown format 3.'));
		expect(damaged((r) => r.cardIds.pop())).toThrow(new LogRecordError('d on day 20510 has columns of different lengths.'));
		const names = new LogRecordError('d on day 20510 names a session, device or kind it does not hold.');
		expect(damaged((r) => (r.numbers[4] = 7))).toThrow(names);
		expect(damaged((r) => (r.numbers[5] = 4))).toThrow(names);
		expect(damaged((r) => (r.numbers[6] = 1))).toThrow(names);
		expect(damaged((r) => (r.numbers[8] = 9))).toThrow(new LogRecordError('unknown card status code 9.'));
		expect(damaged((r) => ((r as { numbers: unknown }).numbers = [...r.numbers]))).toThrow(LogRecordError);
	});
});

describe('undos and resets', () => {
	const event = (deckId: string, studyDay: number) =>
		fc.record({
			cardId: fc.string({ minLength: 1, maxLength: 40 }),
			deckId: fc.constant(deckId),
			time: fc.nat(4_000_000_000_000),
			studyDay: fc.constant(studyDay),
			sessionId: fc.constantFrom('morning', ''),
			device: fc.constantFrom('phone', 'laptop'),
			before: snapshot,
			after: snapshot
		});
	const logEntry: fc.Arbitrary<LogEntry> = fc.oneof(
		answer('d', 7).map((entry) => ({ kind: 'answer' as const, ...entry })),
		event('d', 7).chain((common) => fc.nat(4_000_000_000_000).map((answerTime) => ({ kind: 'undo' as const, ...common, answerTime }))),
		event('d', 7).map((common) => ({ kind: 'reset' as const, ...common }))
	);

	test('every entry reads back with its kind, in the order written', () => {
		fc.assert(
			fc.property(fc.array(logEntry, { maxLength: 40 }), (entries) => {
				expect(decodeEntries(structuredClone(encodeDay('d', 7, entries)))).toEqual(entries);
			})
		);
	});

	test('an undone answer is no longer an answer of the day, and a day of no answers left is not an answered day', () => {
		const first = entry(10, { cardId: 'd:a' });
		const second = entry(20, { cardId: 'd:b' });
		const undo: LogEntry = { kind: 'undo', ...first, time: 30, answerTime: 10, before: first.after, after: first.before };
		const both = encodeDay('d', 20_510, [first, second, undo]);
		expect(decodeDay(both)).toEqual([second]);
		expect(answerCount(both)).toBe(1);
		expect(both.answeredDay).toBe(20_510);
		const undoSecond: LogEntry = { ...undo, cardId: 'd:b', time: 40, answerTime: 20 };
		const none = encodeDay('d', 20_510, [first, second, undo, undoSecond]);
		expect(decodeDay(none)).toEqual([]);
		expect(answerCount(none)).toBe(0);
		expect('answeredDay' in none).toBe(false);
		// An undo names its answer by card and time: the same time on another card is not taken back.
		expect(decodeDay(encodeDay('d', 20_510, [first, { ...undo, cardId: 'd:other' }]))).toEqual([first]);
		const reset: LogEntry = { kind: 'reset', ...first, time: 50 };
		expect(decodeDay(encodeDay('d', 20_510, [reset]))).toEqual([]);
		expect(lastAnswerTime(encodeDay('d', 20_510, [first, reset]))).toBe(50);
		expect(lastAnswerTime(encodeDay('d', 20_510, [first, second, undoSecond]))).toBe(40);
	});

	test('a format 1 record (schema 3) becomes answers of the given device, each as it was', () => {
		const answers = [entry(10, { sessionId: 'x', wasNew: true, grade: 3, tookMs: 700 }), entry(20, { sessionId: 'y' })];
		// Format 1 layout: time, grade, wasNew, tookMs, session, then the two snapshots.
		const current = encodeDay('d', 20_510, answers);
		const numbers = new Float64Array(2 * 23);
		for (let i = 0; i < 2; i++) {
			numbers.set(current.numbers.subarray(i * 26, i * 26 + 5), i * 23);
			numbers.set(current.numbers.subarray(i * 26 + 8, i * 26 + 26), i * 23 + 5);
		}
		const old = { format: 1, deckId: 'd', studyDay: 20_510, sessionIds: ['x', 'y'], cardIds: ['d:a', 'd:a'], numbers };
		const upgraded = upgradeRecord(old, 'phone');
		expect(upgraded).toEqual(current);
		expect(upgradeRecord(upgraded, 'laptop')).toBe(upgraded);
		expect(() => upgradeRecord({ ...old, format: 7 }, 'phone')).toThrow(new LogRecordError('unknown format 7.'));
	});
});

describe('encodeLog', () => {
	test('makes one record per deck and day, each in time order, keeping equal times in the order given', () => {
		const records = encodeLog([
			entry(30),
			entry(10, { deckId: 'e', cardId: 'e:x' }),
			entry(20, { cardId: 'd:first' }),
			entry(20, { cardId: 'd:second' }),
			entry(5, { studyDay: 20_509 })
		]);
		expect(records.map((record) => [record.deckId, record.studyDay, decodeDay(record).map((e) => `${e.cardId}@${e.time}`)])).toEqual([
			['d', 20_510, ['d:first@20', 'd:second@20', 'd:a@30']],
			['e', 20_510, ['e:x@10']],
			['d', 20_509, ['d:a@5']]
		]);
	});

	test('keeps every answer', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 1, max: 4 })).chain(([deck, day]) => answer(deck, day)),
					{ maxLength: 80 }
				),
				(entries) => {
					const back = encodeLog(entries).flatMap(decodeDay);
					const key = (e: ReviewEntry) => JSON.stringify(e);
					expect(back.map(key).sort()).toEqual(entries.map(key).sort());
				}
			)
		);
	});
});

test('lastAnswerTime is the latest time in the record, whatever the order', () => {
	expect(lastAnswerTime(encodeDay('d', 20_510, [entry(50), entry(90), entry(70)]))).toBe(90);
	expect(lastAnswerTime(encodeDay('d', 20_510, []))).toBe(0);
});
