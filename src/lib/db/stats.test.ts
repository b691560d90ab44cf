// The stats page's log reads, against a hand-made log with answers on and around every edge.
import { afterEach, describe, expect, test } from 'vitest';
import type { Grade } from '$lib/srs/sm2';
import type { LogEntry, ReviewEntry } from '$lib/srs/types';
import { answerCountsByDay, recentAnswerFacts } from './index';
import { encodeLog } from './log-write';
import { logAnswerColumns } from './stats';
import { addAnswers, cardRecord, closeDatabases, freshDatabase, timeOn, TODAY } from './test-helpers';

afterEach(closeDatabases);

const snapshot = (({ status, state, dueDay, lapses, leech, lastAnsweredAt }) => ({ status, state, dueDay, lapses, leech, lastAnsweredAt }))(
	cardRecord('d', 'x')
);

function entry(studyDay: number, grade: Grade, wasNew = false, tookMs = 1000): ReviewEntry {
	return {
		cardId: 'd:x',
		deckId: 'd',
		time: timeOn(studyDay, 10),
		studyDay,
		grade,
		wasNew,
		before: snapshot,
		after: snapshot,
		tookMs,
		sessionId: 's',
		device: 'here'
	};
}

describe('answerCountsByDay', () => {
	test('counts the answers of each day in the range, both ends included, and leaves empty days out', async () => {
		const db = await freshDatabase();
		await addAnswers(db, [
			entry(TODAY, 4),
			entry(TODAY, 1, true),
			entry(TODAY, 5),
			entry(TODAY - 2, 3),
			entry(TODAY - 10, 4),
			entry(TODAY - 11, 4),
			entry(TODAY + 1, 4)
		]);
		const perDay = await answerCountsByDay(db, TODAY - 10, TODAY);
		expect([...perDay.entries()]).toEqual([
			[TODAY - 10, 1],
			[TODAY - 2, 1],
			[TODAY, 3]
		]);
	});

	test('is empty for an empty log or an empty range', async () => {
		const db = await freshDatabase();
		expect((await answerCountsByDay(db, TODAY - 370, TODAY)).size).toBe(0);
		await addAnswers(db, [entry(TODAY, 4)]);
		expect((await answerCountsByDay(db, TODAY, TODAY - 1)).size).toBe(0);
	});
});

describe('recentAnswerFacts', () => {
	test('gives the facts of the window, across several month-long reads', async () => {
		const db = await freshDatabase();
		const log: ReviewEntry[] = [];
		for (let daysAgo = -1; daysAgo <= 400; daysAgo += 3)
			log.push(entry(TODAY - daysAgo, (((daysAgo % 6) + 6) % 6) as Grade, daysAgo % 5 === 0, daysAgo * 10));
		await addAnswers(db, log);
		const facts = await recentAnswerFacts(db, TODAY, 365);
		// Every third day from yesterday back to 365 days ago: 2, 5, ..., 362 days ago; tomorrow and older days left out.
		expect(facts).toHaveLength(121);
		expect(facts.map((f) => f.studyDay)).toEqual(
			log
				.filter((e) => e.studyDay <= TODAY && e.studyDay > TODAY - 365)
				.map((e) => e.studyDay)
				.reverse()
		);
		expect(facts.map((f) => f.grade)).toEqual(
			log
				.filter((e) => e.studyDay <= TODAY && e.studyDay > TODAY - 365)
				.map((e) => e.grade)
				.reverse()
		);
		expect(facts[0]).toEqual({ studyDay: TODAY - 362, grade: 2, wasNew: false, tookMs: 3620 });
	});

	test('reads a one-day window and an empty log', async () => {
		const db = await freshDatabase();
		expect(await recentAnswerFacts(db, TODAY, 7)).toEqual([]);
		await addAnswers(db, [entry(TODAY, 4, true, 1500), entry(TODAY - 1, 3)]);
		expect(await recentAnswerFacts(db, TODAY, 1)).toEqual([{ studyDay: TODAY, grade: 4, wasNew: true, tookMs: 1500 }]);
	});
});

describe('logAnswerColumns', () => {
	test("gives every answer's card, day, time and grade, one number per card", async () => {
		const db = await freshDatabase();
		const other = { ...entry(TODAY - 3, 1), cardId: 'd:y', time: timeOn(TODAY - 3, 11) };
		await addAnswers(db, [entry(TODAY - 3, 4), other, entry(TODAY, 5), { ...entry(TODAY, 3), deckId: 'e', cardId: 'e:z' }]);
		const columns = await logAnswerColumns(db);
		const rows = Array.from(columns.cards, (card, i) => [card, columns.studyDays[i], columns.times[i], columns.grades[i]]);
		rows.sort((a, b) => a[2]! - b[2]! || a[0]! - b[0]!);
		const [x, y, z] = [rows[0]![0], rows[1]![0], rows[3]![0]];
		expect(rows).toEqual([
			[x, TODAY - 3, timeOn(TODAY - 3, 10), 4],
			[y, TODAY - 3, timeOn(TODAY - 3, 11), 1],
			[x, TODAY, timeOn(TODAY, 10), 5],
			[z, TODAY, timeOn(TODAY, 10), 3]
		]);
		expect(new Set([x, y, z]).size).toBe(3);
		expect(columns.times).toBeInstanceOf(Float64Array);
	});

	test('of one deck: only its answers', async () => {
		const db = await freshDatabase();
		await addAnswers(db, [
			entry(TODAY - 3, 4),
			{ ...entry(TODAY, 3), deckId: 'e', cardId: 'e:z' },
			{ ...entry(TODAY - 1, 1), deckId: 'e', cardId: 'e:z' }
		]);
		const columns = await logAnswerColumns(db, 'e');
		expect(Array.from(columns.grades).sort()).toEqual([1, 3]);
		expect(new Set(columns.cards).size).toBe(1);
		expect((await logAnswerColumns(db, 'none')).cards.length).toBe(0);
	});

	test('is empty for an empty log', async () => {
		const db = await freshDatabase();
		expect((await logAnswerColumns(db)).cards.length).toBe(0);
	});

	test('leaves undone answers out and scores a reset card as a new one', async () => {
		const db = await freshDatabase();
		const first = entry(TODAY - 9, 4, true);
		const second = entry(TODAY - 5, 1);
		const undo: LogEntry = { ...second, kind: 'undo', time: second.time + 1000, answerTime: second.time };
		const reset: LogEntry = {
			kind: 'reset',
			cardId: 'd:x',
			deckId: 'd',
			time: timeOn(TODAY - 4, 10),
			studyDay: TODAY - 4,
			sessionId: 's',
			device: 'here',
			before: snapshot,
			after: snapshot
		};
		const afresh = entry(TODAY - 3, 4, true);
		const later = entry(TODAY, 3);
		const tx = db.transaction('log', 'readwrite');
		for (const record of encodeLog([first, second, undo, reset, afresh, later])) await tx.store.put(record);
		await tx.done;
		const columns = await logAnswerColumns(db);
		const rows = Array.from(columns.times, (time, i) => [columns.cards[i], time, columns.grades[i]]);
		const [before, after] = [rows[0]![0], rows[1]![0]];
		expect(rows).toEqual([
			[before, first.time, 4],
			[after, afresh.time, 4],
			[after, later.time, 3]
		]);
		expect(before).not.toBe(after);
	});
});
