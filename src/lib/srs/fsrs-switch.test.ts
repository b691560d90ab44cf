import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayStartTime, studyDay } from './days';
import { FsrsScheduler, fsrsDueDay, newFsrsState, studyClock } from './fsrs';
import {
	answerRuns,
	cardMemory,
	fsrsFold,
	fsrsFoldRun,
	lastRun,
	planSchedulerSwitch,
	sinceLastStart,
	type ScheduledCard
} from './fsrs-switch';
import { answerCard } from './answer';
import { initialState, type Grade } from './sm2';
import { newCardSnapshot, snapshotOf } from './replay';
import type { LogEntry, ReviewEntry } from './types';

const DAY_START = 4;
const FIRST_DAY = 20_400;
const fsrs = new FsrsScheduler();
const leech = { threshold: 8, action: 'tag' as const };

function newCard(id: string): ScheduledCard {
	return { id, deckId: 'd', status: 'new', state: initialState(), dueDay: 0, newOrder: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
}

interface Step {
	/** Study days after the previous answer. */
	days: number;
	/** Minutes into the study day. */
	minutes: number;
	grade: Grade;
	/** Reset the card to new (Browse) before this answer, as db/cards.ts resetCard does. */
	reset?: boolean;
	/** Undo the answer just given (the review screen's Undo), as db/study.ts undoLastAnswer does. */
	undo?: boolean;
}

const event = (card: ScheduledCard, time: number, studyDay: number) => ({
	cardId: card.id,
	deckId: card.deckId,
	time,
	studyDay,
	sessionId: 's',
	device: 'this-device'
});

/**
 * Answers a card as the app does (queue.ts answerCard, one after the other), with its resets and
 * undos: the stored card and its log of answers, undos and resets.
 */
function answerAll(card: ScheduledCard, steps: readonly Step[]): { card: ScheduledCard; log: LogEntry[] } {
	const log: LogEntry[] = [];
	let day = FIRST_DAY;
	let lastTime = 0;
	for (const step of steps) {
		if (step.reset) {
			const before = snapshotOf(card);
			card = { ...card, ...newCardSnapshot(), status: 'new' };
			lastTime += 1000;
			log.push({ kind: 'reset', ...event(card, lastTime, day), before, after: snapshotOf(card) });
		}
		day += step.days;
		// Later in the day than the entry before, as time goes.
		const time = Math.max(lastTime + 1000, dayStartTime(day, DAY_START) + step.minutes * 60_000);
		const today = studyDay(time, DAY_START);
		const outcome = answerCard(card, step.grade, time, today, leech);
		const entry: ReviewEntry = { ...outcome.entry, tookMs: 1000, sessionId: 's', device: 'this-device' };
		card = outcome.card;
		log.push(entry);
		lastTime = time;
		day = today;
		if (step.undo) {
			const after = snapshotOf(card);
			card = { ...card, ...entry.before };
			lastTime += 1000;
			log.push({
				kind: 'undo',
				...event(card, lastTime, entry.studyDay),
				answerTime: entry.time,
				before: after,
				after: snapshotOf(card)
			});
		}
	}
	return { card, log };
}

const steps = fc.array(
	fc.record({
		days: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
		minutes: fc.integer({ min: 0, max: 20 * 60 }),
		grade: fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5),
		reset: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
		undo: fc.integer({ min: 0, max: 5 }).map((n) => n === 0)
	}),
	{ minLength: 0, maxLength: 25 }
);

describe('switching a deck between SM-2 and FSRS', () => {
	it('SM-2 → FSRS → SM-2 gives back exactly the SM-2 cards, and the log never changes', () => {
		fc.assert(
			fc.property(fc.array(steps, { minLength: 1, maxLength: 4 }), (perCard) => {
				const answered = perCard.map((cardSteps, i) => answerAll(newCard(`d:${i}`), cardSteps));
				const cards = answered.map((a) => a.card);
				const log = answered.flatMap((a) => a.log);
				const logBefore = structuredClone(log);

				const onFsrs = planSchedulerSwitch(cards, log, 'fsrs', fsrs, DAY_START);
				const back = planSchedulerSwitch(onFsrs, log, 'sm2', fsrs, DAY_START);

				expect(back).toEqual(cards);
				expect(log).toEqual(logBefore);
				onFsrs.forEach((card, i) => {
					if (cards[i]!.status === 'new') expect(card).toBe(cards[i]);
					else expect(card.dueDay).toBe(fsrsDueDay(card.fsrs!));
				});
			}),
			{ numRuns: 200 }
		);
	});

	it('the FSRS fold of what schedules a card is the fold of its answers since the last reset, undone ones left out', () => {
		fc.assert(
			fc.property(steps, (cardSteps) => {
				const { log } = answerAll(newCard('d:x'), cardSteps);
				const standing = sinceLastStart(log);
				const lastReset = log.findLastIndex((entry) => entry.kind === 'reset');
				const undone = new Set(log.flatMap((entry) => (entry.kind === 'undo' ? [entry.answerTime] : [])));
				const expected = log.slice(lastReset + 1).filter((entry) => entry.kind !== 'undo' && !undone.has(entry.time));
				expect(standing.map((answer) => answer.time)).toEqual(expected.map((entry) => entry.time));
			}),
			{ numRuns: 300 }
		);
	});

	it('the FSRS fold answers on the study clock of the day each answer was recorded in', () => {
		const { log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 600, grade: 4 },
			{ days: 0, minutes: 610, grade: 4 },
			{ days: 3, minutes: 60, grade: 3 },
			{ days: 9, minutes: 1200, grade: 1 }
		]);
		let expected = newFsrsState();
		for (const [minutes, grade, day] of [
			[600, 4, FIRST_DAY],
			[610, 4, FIRST_DAY],
			[60, 3, FIRST_DAY + 3],
			[1200, 1, FIRST_DAY + 12]
		] as const) {
			expected = fsrs.review(expected, grade, studyClock(day, minutes * 60_000));
		}
		expect(fsrsFold(sinceLastStart(log), fsrs, DAY_START)).toEqual(expected);
		// In any order: the fold sorts by time.
		expect(fsrsFold(sinceLastStart(log).reverse(), fsrs, DAY_START)).toEqual(expected);
	});

	it('a switch to FSRS moves due days by FSRS and keeps status, lapses, leech and the SM-2 state', () => {
		const { card, log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 5 },
			{ days: 1, minutes: 60, grade: 5 },
			{ days: 6, minutes: 60, grade: 5 }
		]);
		const [onFsrs] = planSchedulerSwitch([card], log, 'fsrs', fsrs, DAY_START);
		const state = fsrsFold(sinceLastStart(log), fsrs, DAY_START);
		expect(onFsrs).toEqual({ ...card, fsrs: state, dueDay: fsrsDueDay(state) });
		expect(onFsrs!.dueDay).not.toBe(card.dueDay);
		// Answers of other decks' cards in the log are no business of this deck's switch.
		const other: LogEntry = { ...log[0]!, cardId: 'e:y', deckId: 'e' };
		expect(planSchedulerSwitch([card], [...log, other], 'fsrs', fsrs, DAY_START)).toEqual([onFsrs]);
	});
});

describe('resets and undos', () => {
	it('a card reset and not answered since is left alone; answers after a reset start from new', () => {
		const first = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 5 },
			{ days: 1, minutes: 60, grade: 5 }
		]);
		const reset = answerAll(first.card, [{ days: 3, minutes: 60, grade: 4, reset: true }]);
		const log = [...first.log, ...reset.log];
		const [resetEntry, after] = reset.log as [LogEntry, ReviewEntry];
		expect(resetEntry.kind).toBe('reset');
		expect(answerRuns(log)).toEqual([first.log, [after]]);
		const [onFsrs] = planSchedulerSwitch([reset.card], log, 'fsrs', fsrs, DAY_START);
		expect(onFsrs!.fsrs).toEqual(fsrsFold([after], fsrs, DAY_START));
		const resetOnly: ScheduledCard = { ...first.card, ...newCardSnapshot() };
		expect(planSchedulerSwitch([resetOnly], [...first.log, resetEntry], 'fsrs', fsrs, DAY_START)).toEqual([resetOnly]);
	});

	it('an undone answer counts for nothing', () => {
		const { card, log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 5 },
			{ days: 5, minutes: 60, grade: 1, undo: true },
			{ days: 0, minutes: 70, grade: 4 }
		]);
		const answers = log.filter((entry): entry is ReviewEntry => entry.kind === undefined);
		expect(sinceLastStart(log)).toEqual([answers[0], answers[2]]);
		const [onFsrs] = planSchedulerSwitch([card], log, 'fsrs', fsrs, DAY_START);
		expect(onFsrs!.fsrs).toEqual(fsrsFold([answers[0]!, answers[2]!], fsrs, DAY_START));
		expect(onFsrs!.fsrs!.lapses).toBe(0);
	});
});

describe('imported states', () => {
	const memory = {
		...newFsrsState(),
		phase: 'review' as const,
		stability: 40,
		difficulty: 6.5,
		reps: 9,
		scheduledDays: 30,
		lastDay: FIRST_DAY + 1
	};
	const imported = (log: LogEntry[], fsrsMemory?: typeof memory): LogEntry => {
		const last = log.at(-1)!;
		return {
			kind: 'state',
			...event(newCard('d:x'), last.time, last.studyDay),
			before: last.after,
			after: last.after,
			...(fsrsMemory ? { fsrs: { ...fsrsMemory, due: studyClock(FIRST_DAY + 31, 0) } } : {})
		};
	};

	it('FSRS folds from an imported memory, through the answers after it; the answers before it are summed up in it', () => {
		const before = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 4 },
			{ days: 1, minutes: 60, grade: 4 }
		]);
		const state = imported(before.log, memory);
		const after = answerAll(before.card, [{ days: 5, minutes: 60, grade: 3 }]);
		const log = [...before.log, state, ...after.log];
		expect(lastRun(log)).toEqual({ from: { ...memory, due: studyClock(FIRST_DAY + 31, 0) }, answers: after.log });
		expect(fsrsFoldRun(lastRun(log), fsrs, DAY_START)).toEqual(
			fsrsFold(after.log as ReviewEntry[], fsrs, DAY_START, state.kind === 'state' ? state.fsrs : undefined)
		);
		// No answer since: the memory as it came.
		expect(fsrsFoldRun(lastRun([...before.log, state]), fsrs, DAY_START)).toEqual({ ...memory, due: studyClock(FIRST_DAY + 31, 0) });
		// Evaluation's runs are the answers as given: the imported state splits nothing.
		expect(answerRuns(log)).toEqual([[...before.log, ...after.log]]);
	});

	it('an imported state without FSRS memory (a deck Anki scheduled with SM-2) is no start for FSRS', () => {
		const before = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 4 },
			{ days: 1, minutes: 60, grade: 4 }
		]);
		const log = [...before.log, imported(before.log)];
		expect(lastRun(log)).toEqual({ answers: before.log });
		expect(sinceLastStart(log)).toEqual(before.log);
	});
});

describe('cardMemory', () => {
	it("is FSRS's stability, difficulty and today's chance of recall after the card's answers", () => {
		const { log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 4 },
			{ days: 2, minutes: 60, grade: 4 }
		]);
		const state = fsrsFold(sinceLastStart(log), fsrs, DAY_START);
		expect(cardMemory(log, FIRST_DAY + 2, fsrs, DAY_START)).toEqual({
			stability: state.stability,
			difficulty: state.difficulty,
			retrievability: 1
		});
		const later = cardMemory(log, FIRST_DAY + 12, fsrs, DAY_START)!;
		expect(later.retrievability).toBeCloseTo(fsrs.retrievability(state, FIRST_DAY + 12)!, 12);
		expect(later.retrievability).toBeLessThan(1);
		expect(cardMemory([], FIRST_DAY, fsrs, DAY_START)).toBeNull();
	});
});
