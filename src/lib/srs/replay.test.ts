import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { answerCard } from './answer';
import { matchesLog, newCardSnapshot, replay, snapshotOf, type ReplayRules } from './replay';
import type { Grade } from './sm2';
import type { CardSnapshot, LogEntry, ReviewEntry } from './types';

const rules: ReplayRules = { leechThreshold: 8, leechAction: 'suspend' };
const DAY_MS = 86_400_000;
const START = 20_000 * DAY_MS;

/** The card after answering `grades` one a day, by answerCard itself, and the log entries it made. */
function answered(grades: Grade[], leech = rules): { card: CardSnapshot; entries: ReviewEntry[] } {
	let card = { ...newCardSnapshot(), id: 'd:a', deckId: 'd', newOrder: 0 };
	const entries: ReviewEntry[] = [];
	grades.forEach((grade, day) => {
		const outcome = answerCard(card, grade, START + day * DAY_MS, 20_000 + day, {
			threshold: leech.leechThreshold,
			action: leech.leechAction
		});
		card = outcome.card;
		entries.push({ ...outcome.entry, tookMs: 1000, sessionId: 's', device: 'phone' });
	});
	return { card: snapshotOf(card), entries };
}

function undo(answer: ReviewEntry, time: number): LogEntry {
	return { kind: 'undo', ...answer, time, answerTime: answer.time, before: answer.after, after: answer.before };
}

describe('replay', () => {
	test('no entries: the card as it started', () => {
		expect(replay(newCardSnapshot(), [], rules)).toEqual(newCardSnapshot());
	});

	test("answers give exactly the state answerCard gave, the last answer's after", () => {
		const { card, entries } = answered([4, 4, 1, 3, 5, 4]);
		expect(replay(newCardSnapshot(), entries, rules)).toEqual(card);
		expect(card).toEqual(entries.at(-1)!.after);
	});

	test('an undone answer is as if never given, wherever the undo comes', () => {
		const { entries } = answered([4, 4, 1, 4]);
		const without = answered([4, 4, 4]).card;
		// The forgotten answer (day 2) is taken back after the last answer: the Good of day 3 now
		// follows the two Goods directly, on its own study day.
		const expected = replay(newCardSnapshot(), [entries[0]!, entries[1]!, entries[3]!], rules);
		expect(replay(newCardSnapshot(), [...entries, undo(entries[2]!, START + 10 * DAY_MS)], rules)).toEqual(expected);
		expect(expected.lapses).toBe(0);
		expect(expected.state.repetitions).toBe(without.state.repetitions);
		// Undoing the last answer gives the card before it.
		expect(replay(newCardSnapshot(), [...entries, undo(entries[3]!, START + 3 * DAY_MS + 5)], rules)).toEqual(entries[3]!.before);
	});

	test('a reset forgets everything before it; later answers start from a new card', () => {
		const { entries } = answered([4, 4, 4]);
		const reset: LogEntry = {
			kind: 'reset',
			cardId: 'd:a',
			deckId: 'd',
			time: START + 2 * DAY_MS - 1,
			studyDay: 20_002,
			sessionId: '',
			device: 'phone',
			before: entries[2]!.after,
			after: newCardSnapshot()
		};
		expect(replay(newCardSnapshot(), [entries[0]!, entries[1]!, reset], rules)).toEqual(newCardSnapshot());
		const after = replay(newCardSnapshot(), [entries[0]!, entries[1]!, reset, entries[2]!], rules);
		expect(after.state).toEqual({ repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false });
		expect(after.dueDay).toBe(20_003);
	});

	test('a card forgotten to the leech threshold is suspended, and a reset keeps it suspended', () => {
		const leechy = { leechThreshold: 2, leechAction: 'suspend' as const };
		const { card, entries } = answered([4, 1, 4, 1], leechy);
		expect(card).toMatchObject({ status: 'suspended', leech: true, lapses: 2 });
		expect(replay(newCardSnapshot(), entries, leechy)).toEqual(card);
		const reset: LogEntry = { kind: 'reset', ...entries[3]!, time: entries[3]!.time + 1, before: card, after: newCardSnapshot() };
		expect(replay(newCardSnapshot(), [...entries, reset], leechy)).toEqual({ ...newCardSnapshot(), status: 'suspended' });
		// Tagged instead of suspended, the same answers leave it a review card.
		expect(replay(newCardSnapshot(), entries, { ...leechy, leechAction: 'tag' })).toMatchObject({ status: 'review', leech: true });
	});

	test('an answer to a card the log left suspended is the answer to it unsuspended', () => {
		const leechy = { leechThreshold: 1, leechAction: 'suspend' as const };
		const { entries } = answered([4, 1], leechy);
		const unsuspended = { ...entries[1]!.after, status: 'review' as const };
		const later = answerCard({ ...unsuspended, id: 'd:a', deckId: 'd', newOrder: 0 }, 4, START + 5 * DAY_MS, 20_005, {
			threshold: 1,
			action: 'suspend'
		});
		const entry: ReviewEntry = { ...later.entry, tookMs: 0, sessionId: 's', device: 'phone' };
		expect(replay(newCardSnapshot(), [...entries, entry], leechy)).toEqual(snapshotOf(later.card));
	});

	test('an imported state is where the card starts again: what came before is summed up in it, answers after fold on', () => {
		const { entries } = answered([4, 4, 4]);
		// Anki's state after the second answer, which SM-2 would never give (its easiness and interval).
		const imported: CardSnapshot = {
			status: 'review',
			state: { repetitions: 2, interval: 17, easiness: 2.1, repeatToday: false },
			dueDay: 20_001 + 17,
			lapses: 3,
			leech: false,
			lastAnsweredAt: entries[1]!.time
		};
		const state: LogEntry = {
			kind: 'state',
			cardId: 'd:a',
			deckId: 'd',
			time: entries[1]!.time,
			studyDay: 20_001,
			sessionId: 'anki-import',
			device: 'anki',
			before: entries[1]!.after,
			after: imported
		};
		// At its own moment it comes after the answer it sums up, in any order of arrival.
		expect(replay(newCardSnapshot(), [state, entries[1]!, entries[0]!], rules)).toEqual(imported);
		const later = answerCard({ ...imported, id: 'd:a', deckId: 'd', newOrder: 0 }, 4, entries[2]!.time, 20_002, {
			threshold: rules.leechThreshold,
			action: rules.leechAction
		});
		const next: ReviewEntry = { ...later.entry, tookMs: 0, sessionId: 's', device: 'phone' };
		expect(replay(newCardSnapshot(), [...entries.slice(0, 2), state, next], rules)).toEqual(snapshotOf(later.card));
		expect(later.card.state).toEqual({ repetitions: 3, interval: 36, easiness: 2.1, repeatToday: false });
		// A reset after it forgets it, as it forgets answers; an undo of a later answer leaves the imported state.
		const { kind: _state, fsrs: _memory, ...event } = state as Extract<LogEntry, { kind: 'state' }>;
		const reset: LogEntry = { kind: 'reset', ...event, time: state.time + 5, before: imported, after: newCardSnapshot() };
		expect(replay(newCardSnapshot(), [state, reset], rules)).toEqual(newCardSnapshot());
		expect(replay(newCardSnapshot(), [state, next, undo(next, next.time + 1)], rules)).toEqual(imported);
	});

	test('answers given in two orders that end in the same time order give the same state', () => {
		const grade = fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5);
		fc.assert(
			fc.property(fc.array(grade, { minLength: 1, maxLength: 25 }), fc.boolean(), fc.nat(), (grades, undoOne, seed) => {
				const { entries } = answered(grades);
				const log: LogEntry[] = [...entries];
				if (undoOne) log.push(undo(entries[seed % entries.length]!, START + 100 * DAY_MS));
				// Another arrival order: a deterministic shuffle (as two devices' logs merge in any order).
				const shuffled = log
					.map((entry, i) => ({ entry, key: (i * 7919 + seed) % 104_729 }))
					.sort((a, b) => a.key - b.key)
					.map(({ entry }) => entry);
				expect(replay(newCardSnapshot(), shuffled, rules)).toEqual(replay(newCardSnapshot(), log, rules));
				expect(replay(newCardSnapshot(), [...log].reverse(), rules)).toEqual(replay(newCardSnapshot(), log, rules));
			})
		);
	});
});

describe('matchesLog', () => {
	test("a suspension or retirement on the card stands over the log's status, nothing else does", () => {
		const { card } = answered([4, 4]);
		expect(matchesLog(card, card)).toBe(true);
		expect(matchesLog({ ...card, status: 'suspended' }, card)).toBe(true);
		expect(matchesLog({ ...card, status: 'retired' }, card)).toBe(true);
		expect(matchesLog({ ...card, status: 'new' }, card)).toBe(false);
		expect(matchesLog({ ...card, dueDay: card.dueDay + 1 }, card)).toBe(false);
		expect(matchesLog({ ...card, state: { ...card.state, easiness: 2.4 } }, card)).toBe(false);
	});
});
