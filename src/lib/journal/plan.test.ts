import { describe, expect, test } from 'vitest';
import { cardRecord, NOW, TODAY } from '$lib/db/test-helpers';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { newCardSnapshot } from '$lib/srs/replay';
import type { LogEntry, ReviewEntry, UndoEntry } from '$lib/srs/types';
import { journalKey, type JournalEntry } from './entries';
import { answersIn, coverageOf, EVENT_MARGIN_MS, keptAfterBackup, planRestore } from './plan';

const rules = { leechThreshold: LEECH_THRESHOLD, leechAction: 'suspend' as const };

function answer(cardId: string, time: number, extra: Partial<ReviewEntry> = {}): ReviewEntry {
	const after = {
		...newCardSnapshot(),
		status: 'review' as const,
		state: { repetitions: 1, interval: 1, easiness: 2.6, repeatToday: false },
		dueDay: TODAY + 1,
		lastAnsweredAt: time
	};
	return {
		cardId,
		deckId: 'd',
		time,
		studyDay: TODAY,
		grade: 5,
		wasNew: true,
		before: newCardSnapshot(),
		after,
		tookMs: 1000,
		sessionId: 's',
		device: 'phone',
		...extra
	};
}

function undo(of: ReviewEntry, time: number): UndoEntry {
	return {
		kind: 'undo',
		cardId: of.cardId,
		deckId: 'd',
		time,
		studyDay: of.studyDay,
		sessionId: 's',
		device: 'phone',
		answerTime: of.time,
		before: of.after,
		after: of.before
	};
}

const log = (entry: LogEntry): JournalEntry => ({ type: 'log', entry });

/** The cards the database held when the backup read it. */
const held = [{ id: 'd:a' }, { id: 'd:b' }];

describe('what the journal keeps once a backup is written', () => {
	const a1 = answer('d:a', NOW);
	const a2 = answer('d:b', NOW + 1000);

	test('answers the backup holds go; an answer it lacks (saved after it, or in flight) stays', () => {
		const kept = keptAfterBackup([log(a1), log(a2)], coverageOf({ exportedAt: NOW + 500, reviews: [a1], cards: held }));
		expect(kept).toEqual([log(a2)]);
	});

	test('an undo stays while the backup still holds its answer, and goes with its answer otherwise', () => {
		const u = undo(a1, NOW + 2000);
		expect(keptAfterBackup([log(a1), log(u)], coverageOf({ exportedAt: NOW + 1500, reviews: [a1], cards: held }))).toEqual([log(u)]);
		// The undo was saved before the backup: the backup lacks the answer, and the pair means nothing.
		expect(keptAfterBackup([log(a1), log(u)], coverageOf({ exportedAt: NOW + 3000, reviews: [], cards: held }))).toEqual([]);
	});

	test('a reset stays while an answer before it is in the backup or in the journal', () => {
		const reset: LogEntry = {
			kind: 'reset',
			cardId: 'd:a',
			deckId: 'd',
			time: NOW + 5000,
			studyDay: TODAY,
			sessionId: '',
			device: 'phone',
			before: a1.after,
			after: newCardSnapshot()
		};
		expect(keptAfterBackup([log(reset)], coverageOf({ exportedAt: NOW + 6000, reviews: [a1], cards: held }))).toEqual([log(reset)]);
		expect(keptAfterBackup([log(reset)], coverageOf({ exportedAt: NOW + 6000, reviews: [a2], cards: held }))).toEqual([]);
		const later = answer('d:a', NOW + 9000);
		expect(keptAfterBackup([log(reset), log(later)], coverageOf({ exportedAt: NOW + 6000, reviews: [], cards: held }))).toEqual([
			log(later)
		]);
	});

	test('suspensions and edits stay for ten minutes after the backup; burials while they are of the latest day', () => {
		const suspended: JournalEntry = { type: 'suspend', cardId: 'd:a', time: NOW, suspended: true };
		const coverage = (exportedAt: number) => coverageOf({ exportedAt, reviews: [], cards: held });
		expect(keptAfterBackup([suspended], coverage(NOW + EVENT_MARGIN_MS))).toEqual([suspended]);
		expect(keptAfterBackup([suspended], coverage(NOW + EVENT_MARGIN_MS + 1))).toEqual([]);
		const yesterday: JournalEntry = { type: 'bury', cardId: 'd:a', time: NOW - 86_400_000, studyDay: TODAY - 1, buried: true };
		const today: JournalEntry = { type: 'bury', cardId: 'd:b', time: NOW, studyDay: TODAY, buried: true };
		expect(keptAfterBackup([yesterday, today], coverage(NOW + 86_400_000))).toEqual([today]);
	});

	test('changes to cards the backup does not have go: their deck was deleted, answers and all', () => {
		const gone = answer('gone:x', NOW + 3000, { deckId: 'gone' });
		const text: JournalEntry = { type: 'text', cardId: 'gone:x', time: NOW + 3000, front: 'F', back: 'B' };
		expect(keptAfterBackup([log(gone), text, log(a2)], coverageOf({ exportedAt: NOW + 4000, reviews: [], cards: held }))).toEqual([
			log(a2)
		]);
	});

	test('a withdrawn entry goes with its withdrawal', () => {
		const withdrawn: JournalEntry = { type: 'withdrawn', key: journalKey(log(a2)), time: NOW + 2000 };
		expect(keptAfterBackup([log(a1), log(a2), withdrawn], coverageOf({ exportedAt: NOW, reviews: [], cards: held }))).toEqual([log(a1)]);
	});
});

describe('a restore’s plan', () => {
	const cards = [cardRecord('d', 'a'), cardRecord('d', 'b')];

	test('each journal entry once, without the withdrawn, and entries of cards not in the collection counted and left out', () => {
		const a = answer('d:a', NOW);
		const b = answer('d:b', NOW + 1000);
		const stray = answer('gone:x', NOW + 2000, { deckId: 'gone' });
		const journal = [log(a), log(a), log(b), { type: 'withdrawn' as const, key: journalKey(log(b)), time: NOW + 1500 }, log(stray)];
		const plan = planRestore({ cards, log: [] }, journal, rules);
		expect(plan.added).toBe(1);
		expect(plan.skipped).toBe(1);
		expect(plan.days).toEqual([{ deckId: 'd', studyDay: TODAY, entries: [a] }]);
		expect(plan.cards.map((card) => [card.id, card.status, card.lastAnsweredAt])).toEqual([['d:a', 'review', NOW]]);
	});

	test('what the collection already holds is not added again', () => {
		const a = answer('d:a', NOW);
		const plan = planRestore({ cards: [{ ...cards[0]!, ...a.after }, cards[1]!], log: [a] }, [log(a)], rules);
		expect(plan).toEqual({ cards: [], days: [], added: 0, skipped: 0 });
	});

	test('an edit older than the card’s own (a later one came from the server) is not applied', () => {
		const edited = { ...cards[0]!, front: 'Newer', back: 'Text', edited: true, editedAt: NOW + 5000 };
		const older: JournalEntry = { type: 'text', cardId: 'd:a', time: NOW, front: 'Older', back: 'Text' };
		const newer: JournalEntry = { type: 'text', cardId: 'd:b', time: NOW, front: 'Mine', back: 'Text' };
		const plan = planRestore({ cards: [edited, cards[1]!], log: [] }, [older, newer], rules);
		expect(plan.cards).toEqual([{ ...cards[1]!, front: 'Mine', back: 'Text', edited: true, editedAt: NOW }]);
	});

	test('a card of a deck on FSRS gets the state FSRS folds from its answers', () => {
		const a = answer('d:a', NOW);
		const folded = {
			phase: 'review' as const,
			stability: 3,
			difficulty: 5,
			step: 0,
			reps: 1,
			lapses: 0,
			scheduledDays: 3,
			lastDay: TODAY,
			due: 0
		};
		const plan = planRestore({ cards, log: [] }, [log(a)], {
			...rules,
			onFsrs: () => true,
			fsrsFold: (answers) => {
				expect(answers.map((entry) => entry.time)).toEqual([NOW]);
				return { fsrs: folded, dueDay: TODAY + 3 };
			}
		});
		expect(plan.cards[0]).toMatchObject({ id: 'd:a', fsrs: folded, dueDay: TODAY + 3 });
	});

	test('answers counted are those standing, the latest given last', () => {
		const a = answer('d:a', NOW);
		const b = answer('d:b', NOW + 1000);
		expect(answersIn([a, b, undo(b, NOW + 2000)])).toEqual({ answers: 1, lastAnswerAt: NOW });
		expect(answersIn([])).toEqual({ answers: 0, lastAnswerAt: null });
	});
});
