import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayStartTime, studyDay } from './days';
import { FsrsScheduler, fsrsDueDay, newFsrsState, studyClock } from './fsrs';
import { cardMemory, fsrsFold, planSchedulerSwitch, sinceLastStart, sm2Fold, type ScheduledCard } from './fsrs-switch';
import { answerCard } from './queue';
import { initialState, type Grade } from './sm2';
import type { ReviewEntry } from './types';

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
}

/** Answers a card as the app does (queue.ts answerCard, one after the other): the stored card and the log. */
function answerAll(card: ScheduledCard, steps: readonly Step[]): { card: ScheduledCard; log: ReviewEntry[] } {
	const log: ReviewEntry[] = [];
	let day = FIRST_DAY;
	let lastTime = 0;
	for (const step of steps) {
		if (step.reset) card = { ...card, status: 'new', state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
		day += step.days;
		// Later in the day than the answer before, as time goes.
		const time = Math.max(lastTime + 1000, dayStartTime(day, DAY_START) + step.minutes * 60_000);
		const today = studyDay(time, DAY_START);
		const outcome = answerCard(card, step.grade, time, today, leech);
		card = outcome.card;
		log.push({ ...outcome.entry, tookMs: 1000, sessionId: 's', device: 'phone' });
		lastTime = time;
		day = today;
	}
	return { card, log };
}

const steps = fc.array(
	fc.record({
		days: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
		minutes: fc.integer({ min: 0, max: 20 * 60 }),
		grade: fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5),
		reset: fc.integer({ min: 0, max: 9 }).map((n) => n === 0)
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

	it('the SM-2 fold of a card’s answers since it was last new is the state answerCard stored', () => {
		fc.assert(
			fc.property(steps, (cardSteps) => {
				const { card, log } = answerAll(newCard('d:x'), cardSteps);
				expect(sm2Fold(sinceLastStart(log))).toEqual({ state: card.state, dueDay: card.dueDay });
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
		expect(fsrsFold(log, fsrs, DAY_START)).toEqual(expected);
		// In any order: the fold sorts by time.
		expect(fsrsFold([...log].reverse(), fsrs, DAY_START)).toEqual(expected);
	});

	it('a switch to FSRS moves due days by FSRS and keeps status, lapses, leech and the SM-2 state', () => {
		const { card, log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 5 },
			{ days: 1, minutes: 60, grade: 5 },
			{ days: 6, minutes: 60, grade: 5 }
		]);
		const [onFsrs] = planSchedulerSwitch([card], log, 'fsrs', fsrs, DAY_START);
		expect(onFsrs).toEqual({ ...card, fsrs: fsrsFold(log, fsrs, DAY_START), dueDay: fsrsDueDay(fsrsFold(log, fsrs, DAY_START)) });
		expect(onFsrs!.dueDay).not.toBe(card.dueDay);
		// Answers of other decks' cards in the log are no business of this deck's switch.
		const other = { ...log[0]!, cardId: 'e:y', deckId: 'e' };
		expect(planSchedulerSwitch([card], [...log, other], 'fsrs', fsrs, DAY_START)).toEqual([onFsrs]);
	});
});

describe('resets', () => {
	it('a card reset and not answered since is left alone; answers after a reset start from new', () => {
		const { card, log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 5 },
			{ days: 1, minutes: 60, grade: 5 }
		]);
		const reset: ScheduledCard = { ...card, status: 'new', state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
		expect(planSchedulerSwitch([reset], log, 'fsrs', fsrs, DAY_START)).toEqual([reset]);
		const again = answerAll(reset, [{ days: 3, minutes: 60, grade: 4 }]);
		const all = [...log, ...again.log];
		expect(sinceLastStart(all)).toEqual(again.log);
		const [onFsrs] = planSchedulerSwitch([again.card], all, 'fsrs', fsrs, DAY_START);
		expect(onFsrs!.fsrs).toEqual(fsrsFold(again.log, fsrs, DAY_START));
	});
});

describe('cardMemory', () => {
	it("is FSRS's stability, difficulty and today's chance of recall after the card's answers", () => {
		const { log } = answerAll(newCard('d:x'), [
			{ days: 0, minutes: 60, grade: 4 },
			{ days: 2, minutes: 60, grade: 4 }
		]);
		const state = fsrsFold(log, fsrs, DAY_START);
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
