// Tests for the session queue (queue.ts): order, daily limits, repeats, day boundaries, a leech leaving the queue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayStartTime, parseDay, studyDay } from './days';
import { LEECH_THRESHOLD, answerCard } from './answer';
import { buildQueue, countStudiedToday, dayCounts, nextCard, type QueueInput, type StudiedToday } from './queue';
import { initialState, type Grade, type Sm2State } from './sm2';
import type { CardSchedule, ReviewEntry } from './types';

const TODAY = parseDay('2026-06-10');
/** Today's study day began here; a plain number, so these tests do not depend on the zone. */
const TODAY_START = Date.parse('2026-06-10T04:00+02:00');
const HOUR = 3_600_000;
const YESTERDAY_EVENING = TODAY_START - 6 * HOUR;
const LIMITS = { newPerDay: 20, reviewsPerDay: 200 };
const SUSPEND = { threshold: LEECH_THRESHOLD, action: 'suspend' as const };

const learnedState: Sm2State = { repetitions: 2, interval: 6, easiness: 2.5, repeatToday: false };

/** A review card due today, last answered on an earlier day. */
function reviewCard(id: string, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return {
		id,
		deckId: 'deck',
		status: 'review',
		state: { ...learnedState },
		dueDay: TODAY,
		newOrder: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: YESTERDAY_EVENING - 5 * 24 * HOUR,
		...overrides
	};
}

function newCard(id: string, newOrder: number, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return {
		id,
		deckId: 'deck',
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		...overrides
	};
}

/** A card answered today that must come back today (forgotten: interval 0). */
function repeatCard(id: string, answeredAt: number, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return reviewCard(id, {
		state: { repetitions: 0, interval: 0, easiness: 2.5, repeatToday: false },
		lastAnsweredAt: answeredAt,
		...overrides
	});
}

function input(cards: CardSchedule[], studied: QueueInput['studied'] = {}, settings: QueueInput['settings'] = LIMITS): QueueInput {
	return { cards, today: TODAY, todayStartMs: TODAY_START, settings, studied };
}

const ids = (cards: readonly CardSchedule[]) => cards.map((card) => card.id);

/**
 * A stand-in for the database: stored cards and the review log, nothing else. Every queue is
 * built from these alone, exactly as after a reload.
 */
class Store {
	cards = new Map<string, CardSchedule>();
	log: Omit<ReviewEntry, 'sessionId' | 'tookMs' | 'device'>[] = [];
	constructor(
		cards: CardSchedule[],
		readonly dayStartHour = 4,
		readonly settings: QueueInput['settings'] = LIMITS
	) {
		for (const card of cards) this.cards.set(card.id, card);
	}
	input(now: number): QueueInput {
		const today = studyDay(now, this.dayStartHour);
		const todayStartMs = dayStartTime(today, this.dayStartHour);
		return {
			cards: [...this.cards.values()],
			today,
			todayStartMs,
			settings: this.settings,
			studied: countStudiedToday(this.log, todayStartMs)
		};
	}
	answer(id: string, grade: Grade, now: number): void {
		const card = this.cards.get(id);
		if (!card) throw new Error(`no card ${id}`);
		const outcome = answerCard(card, grade, now, studyDay(now, this.dayStartHour), SUSPEND);
		this.cards.set(id, outcome.card);
		this.log.push(outcome.entry);
	}
	/**
	 * Studies from `start`, one answer a minute, answering each shown card with `gradeOf` until
	 * the queue is empty; returns the ids in the order they were shown.
	 */
	study(start: number, gradeOf: (id: string, timesSeen: number) => Grade, maxAnswers = 500): string[] {
		const shown: string[] = [];
		let now = start;
		let last: string | undefined;
		for (let i = 0; i < maxAnswers; i++) {
			const card = nextCard(this.input(now), last);
			if (!card) return shown;
			shown.push(card.id);
			this.answer(card.id, gradeOf(card.id, shown.filter((id) => id === card.id).length), now);
			last = card.id;
			now += 60_000;
		}
		throw new Error('session did not end');
	}
}

describe('buildQueue: which cards', () => {
	it('takes review cards due today or earlier, and not those due later', () => {
		const queue = buildQueue(
			input([
				reviewCard('today', { dueDay: TODAY }),
				reviewCard('overdue', { dueDay: TODAY - 3 }),
				reviewCard('tomorrow', { dueDay: TODAY + 1 })
			])
		);
		expect(ids(queue.cards)).toEqual(['overdue', 'today']);
		expect(queue.counts).toEqual({ new: 0, due: 2, repeats: 0 });
	});

	it('never shows suspended or retired cards, however due', () => {
		const queue = buildQueue(
			input([
				reviewCard('suspended', { status: 'suspended', dueDay: TODAY - 10 }),
				reviewCard('retired', { status: 'retired', dueDay: TODAY - 10 }),
				repeatCard('suspended repeat', TODAY_START + HOUR, { status: 'suspended' }),
				reviewCard('due')
			])
		);
		expect(ids(queue.cards)).toEqual(['due']);
		expect(queue.counts).toEqual({ new: 0, due: 1, repeats: 0 });
	});

	it('is empty when nothing is due', () => {
		expect(buildQueue(input([]))).toEqual({ cards: [], counts: { new: 0, due: 0, repeats: 0 } });
		expect(nextCard(input([reviewCard('later', { dueDay: TODAY + 2 })]))).toBeUndefined();
	});
});

describe('buildQueue: order', () => {
	it('due reviews: most overdue first, then lower easiness, then id', () => {
		const cards = [
			reviewCard('b-easy', { dueDay: TODAY - 1, state: { ...learnedState, easiness: 2.8 } }),
			reviewCard('a-hard', { dueDay: TODAY - 1, state: { ...learnedState, easiness: 1.5 } }),
			reviewCard('c-hard', { dueDay: TODAY - 1, state: { ...learnedState, easiness: 1.5 } }),
			reviewCard('oldest', { dueDay: TODAY - 30, state: { ...learnedState, easiness: 3 } }),
			reviewCard('today', { dueDay: TODAY, state: { ...learnedState, easiness: 1.3 } })
		];
		expect(ids(buildQueue(input(cards)).cards)).toEqual(['oldest', 'a-hard', 'c-hard', 'b-easy', 'today']);
		// The order does not depend on the order the database returned them in.
		expect(ids(buildQueue(input([...cards].reverse())).cards)).toEqual(['oldest', 'a-hard', 'c-hard', 'b-easy', 'today']);
	});

	it('new cards in deck order (newOrder), then id', () => {
		const queue = buildQueue(input([newCard('c', 2), newCard('b', 1), newCard('a2', 0), newCard('a1', 0)]));
		expect(ids(queue.cards)).toEqual(['a1', 'a2', 'b', 'c']);
		expect(queue.counts).toEqual({ new: 4, due: 0, repeats: 0 });
	});

	it('spreads new cards evenly among the reviews: 10 reviews and 3 new give r r N r r r N r r r N r r', () => {
		const reviews = Array.from({ length: 10 }, (_, i) => reviewCard(`r${i}`, { dueDay: TODAY - 10 + i }));
		const fresh = [newCard('n0', 0), newCard('n1', 1), newCard('n2', 2)];
		expect(ids(buildQueue(input([...fresh, ...reviews])).cards)).toEqual([
			'r0',
			'r1',
			'n0',
			'r2',
			'r3',
			'r4',
			'n1',
			'r5',
			'r6',
			'r7',
			'n2',
			'r8',
			'r9'
		]);
	});

	it('spreads reviews among new cards when new cards outnumber them: 1 review and 3 new give N r N N', () => {
		const queue = buildQueue(input([reviewCard('r'), newCard('n0', 0), newCard('n1', 1), newCard('n2', 2)]));
		expect(ids(queue.cards)).toEqual(['n0', 'r', 'n1', 'n2']);
	});

	it('one review and one new card: the review first', () => {
		expect(ids(buildQueue(input([newCard('n', 0), reviewCard('r')])).cards)).toEqual(['r', 'n']);
	});

	it('repeats come after every fresh card, the one waiting longest first', () => {
		const queue = buildQueue(
			input([
				repeatCard('forgot-late', TODAY_START + 3 * HOUR),
				repeatCard('forgot-early', TODAY_START + 1 * HOUR),
				reviewCard('hard-today', {
					state: { repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true },
					lastAnsweredAt: TODAY_START + 2 * HOUR
				}),
				newCard('n', 0),
				reviewCard('due', { dueDay: TODAY - 2 })
			])
		);
		expect(ids(queue.cards)).toEqual(['due', 'n', 'forgot-early', 'hard-today', 'forgot-late']);
		expect(queue.counts).toEqual({ new: 1, due: 1, repeats: 3 });
	});

	it('new cards of several decks interleave by their position in each deck', () => {
		const queue = buildQueue(
			input([newCard('b0', 0, { deckId: 'B' }), newCard('a1', 1, { deckId: 'A' }), newCard('a0', 0, { deckId: 'A' })])
		);
		expect(ids(queue.cards)).toEqual(['a0', 'b0', 'a1']);
	});
});

describe('buildQueue: repeats versus overdue cards', () => {
	it('a card forgotten today is a repeat; one forgotten on an earlier day and not seen since is an overdue review', () => {
		const forgottenToday = repeatCard('today', TODAY_START + HOUR);
		const forgottenYesterday = repeatCard('yesterday', YESTERDAY_EVENING, { dueDay: TODAY - 1 });
		const queue = buildQueue(input([forgottenToday, forgottenYesterday]));
		expect(ids(queue.cards)).toEqual(['yesterday', 'today']);
		expect(queue.counts).toEqual({ new: 0, due: 1, repeats: 1 });
	});

	it('a card answered at the very start of today is answered today', () => {
		expect(buildQueue(input([repeatCard('x', TODAY_START)])).counts).toEqual({ new: 0, due: 0, repeats: 1 });
		expect(buildQueue(input([repeatCard('x', TODAY_START - 1)])).counts).toEqual({ new: 0, due: 1, repeats: 0 });
	});

	it('a card left in its same-day repetition on an earlier day is an overdue review today', () => {
		const left = reviewCard('left', {
			state: { repetitions: 1, interval: 1, easiness: 2.36, repeatToday: true },
			dueDay: TODAY - 2,
			lastAnsweredAt: YESTERDAY_EVENING - 24 * HOUR
		});
		expect(buildQueue(input([left])).counts).toEqual({ new: 0, due: 1, repeats: 0 });
	});

	it('repeats are not limited: with the review limit used up they still come', () => {
		const queue = buildQueue(
			input([repeatCard('again', TODAY_START + HOUR), reviewCard('due')], { deck: { newCount: 0, reviewCount: 200 } })
		);
		expect(ids(queue.cards)).toEqual(['again']);
		expect(queue.counts).toEqual({ new: 0, due: 0, repeats: 1 });
	});
});

describe('buildQueue: daily limits', () => {
	const manyNew = Array.from({ length: 30 }, (_, i) => newCard(`n${String(i).padStart(2, '0')}`, i));

	it('offers at most newPerDay new cards, the first in deck order', () => {
		const queue = buildQueue(input(manyNew));
		expect(queue.counts.new).toBe(20);
		expect(ids(queue.cards)).toEqual(ids(manyNew.slice(0, 20)));
	});

	it('new cards already introduced today (after a reload) reduce what is offered', () => {
		expect(buildQueue(input(manyNew, { deck: { newCount: 15, reviewCount: 0 } })).counts.new).toBe(5);
		expect(buildQueue(input(manyNew, new Map([['deck', { newCount: 15, reviewCount: 0 }]]))).counts.new).toBe(5);
		expect(buildQueue(input(manyNew, { deck: { newCount: 20, reviewCount: 0 } })).counts.new).toBe(0);
	});

	it('a limit lowered below what was already studied offers nothing, never a negative number', () => {
		const queue = buildQueue(input(manyNew, { deck: { newCount: 25, reviewCount: 0 } }));
		expect(queue.counts).toEqual({ new: 0, due: 0, repeats: 0 });
		expect(dayCounts(input(manyNew, { deck: { newCount: 25, reviewCount: 0 } })).get('deck')).toEqual({ new: 0, due: 0 });
	});

	it('the review limit keeps the most overdue; the rest come tomorrow, most overdue first', () => {
		const due = Array.from({ length: 250 }, (_, i) => reviewCard(`r${String(i).padStart(3, '0')}`, { dueDay: TODAY - i }));
		const today = buildQueue(input(due));
		expect(today.counts.due).toBe(200);
		// r249 (due 249 days ago) down to r050.
		expect(ids(today.cards)).toEqual(Array.from({ length: 200 }, (_, i) => `r${String(249 - i).padStart(3, '0')}`));
		expect(today.cards[0]?.id).toBe('r249');
		expect(today.cards.at(-1)?.id).toBe('r050');

		// Tomorrow, if nothing was studied: the 50 left over lead (they are now the most overdue of the rest).
		const leftOver = due.filter((card) => !today.cards.includes(card));
		const tomorrow = buildQueue({ ...input(leftOver), today: TODAY + 1, todayStartMs: TODAY_START + 24 * HOUR });
		expect(ids(tomorrow.cards).slice(0, 2)).toEqual(['r049', 'r048']);
		expect(tomorrow.counts.due).toBe(50);
	});

	it('reviews already answered today reduce the reviews offered', () => {
		const due = Array.from({ length: 10 }, (_, i) => reviewCard(`r${i}`, { dueDay: TODAY - i }));
		const queue = buildQueue(input(due, { deck: { newCount: 0, reviewCount: 197 } }));
		expect(ids(queue.cards)).toEqual(['r9', 'r8', 'r7']);
	});

	it('limits are per deck: each deck gets its own allowance, and one deck’s answers do not use another’s', () => {
		const cards = [
			...Array.from({ length: 5 }, (_, i) => newCard(`a${i}`, i, { deckId: 'A' })),
			...Array.from({ length: 5 }, (_, i) => newCard(`b${i}`, i, { deckId: 'B' })),
			...Array.from({ length: 5 }, (_, i) => reviewCard(`ra${i}`, { deckId: 'A', dueDay: TODAY - i })),
			...Array.from({ length: 5 }, (_, i) => reviewCard(`rb${i}`, { deckId: 'B', dueDay: TODAY - i }))
		];
		const studied: Record<string, StudiedToday> = { A: { newCount: 2, reviewCount: 1 } };
		const settings = { newPerDay: 3, reviewsPerDay: 3 };
		const queue = buildQueue(input(cards, studied, settings));
		const inDeck = (deck: string) => queue.cards.filter((card) => card.deckId === deck);
		expect(ids(inDeck('A')).sort()).toEqual(['a0', 'ra3', 'ra4']);
		expect(ids(inDeck('B')).sort()).toEqual(['b0', 'b1', 'b2', 'rb2', 'rb3', 'rb4']);
		expect(queue.counts).toEqual({ new: 4, due: 5, repeats: 0 });
		expect(dayCounts(input(cards, studied, settings))).toEqual(
			new Map([
				['A', { new: 1, due: 2 }],
				['B', { new: 3, due: 3 }]
			])
		);
	});

	it('a studied record for another deck, or an inherited key, changes nothing', () => {
		const studied = Object.create({ deck: { newCount: 20, reviewCount: 200 } }) as Record<string, StudiedToday>;
		studied.other = { newCount: 20, reviewCount: 200 };
		expect(buildQueue(input([newCard('n', 0), reviewCard('r')], studied)).counts).toEqual({ new: 1, due: 1, repeats: 0 });
	});
});

describe('dayCounts', () => {
	it('per deck: new still allowed today, and due = reviews still allowed + repeats', () => {
		const cards = [
			newCard('n0', 0),
			newCard('n1', 1),
			reviewCard('r0'),
			reviewCard('r1', { dueDay: TODAY - 4 }),
			reviewCard('later', { dueDay: TODAY + 1 }),
			repeatCard('again', TODAY_START + HOUR),
			newCard('other-new', 0, { deckId: 'other' }),
			reviewCard('parked', { deckId: 'parked', status: 'suspended' })
		];
		expect(dayCounts(input(cards, { deck: { newCount: 19, reviewCount: 199 } }))).toEqual(
			new Map([
				['deck', { new: 1, due: 2, again: 1 }],
				['other', { new: 1, due: 0 }],
				['parked', { new: 0, due: 0 }]
			])
		);
	});

	it('agrees with buildQueue', () => {
		const cards = [newCard('n0', 0), reviewCard('r0'), repeatCard('again', TODAY_START + HOUR)];
		const queue = buildQueue(input(cards));
		expect(dayCounts(input(cards)).get('deck')).toEqual({
			new: queue.counts.new,
			due: queue.counts.due + queue.counts.repeats,
			again: queue.counts.repeats
		});
	});
});

describe('nextCard', () => {
	it('returns the head of the queue', () => {
		expect(nextCard(input([reviewCard('late', { dueDay: TODAY }), reviewCard('early', { dueDay: TODAY - 1 })]))?.id).toBe('early');
	});

	it('never returns the card just answered while another card waits', () => {
		const cards = [repeatCard('just', TODAY_START + HOUR), repeatCard('other', TODAY_START + 2 * HOUR)];
		// 'just' waited longest, so it heads the queue; still it must not come straight back.
		expect(ids(buildQueue(input(cards)).cards)).toEqual(['just', 'other']);
		expect(nextCard(input(cards), 'just')?.id).toBe('other');
		expect(nextCard(input(cards))?.id).toBe('just');
	});

	it('returns the card just answered when it is the last one', () => {
		expect(nextCard(input([repeatCard('only', TODAY_START + HOUR)]), 'only')?.id).toBe('only');
	});

	it('returns undefined when the session is done', () => {
		expect(nextCard(input([]), 'gone')).toBeUndefined();
	});
});

describe('a session, rebuilt from the stored cards and log after every answer', () => {
	const NOON = Date.parse('2026-06-10T12:00+02:00');
	let savedZone: string | undefined;
	beforeEach(() => {
		savedZone = process.env.TZ;
		process.env.TZ = 'Europe/Berlin';
	});
	afterEach(() => {
		if (savedZone === undefined) delete process.env.TZ;
		else process.env.TZ = savedZone;
	});

	it('a forgotten card comes back after the others, never straight away', () => {
		const store = new Store([reviewCard('a', { dueDay: TODAY - 2 }), reviewCard('b', { dueDay: TODAY - 1 }), reviewCard('c')]);
		const shown = store.study(NOON, (id, seen) => (id === 'a' && seen === 1 ? 1 : 4));
		expect(shown).toEqual(['a', 'b', 'c', 'a']);
		expect(store.cards.get('a')?.dueDay).toBe(TODAY + 1); // relearned: interval 1
		expect(store.cards.get('a')?.lapses).toBe(1);
	});

	it('two cards forgotten again and again alternate instead of repeating at once', () => {
		const store = new Store([reviewCard('a', { dueDay: TODAY - 1 }), reviewCard('b')]);
		const shown = store.study(NOON, (_id, seen) => (seen <= 3 ? 1 : 4));
		expect(shown).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
	});

	it('the only card left comes back at once', () => {
		const store = new Store([reviewCard('a')]);
		expect(store.study(NOON, (_id, seen) => (seen < 3 ? 1 : 5))).toEqual(['a', 'a', 'a']);
	});

	it('Hard on a new card repeats it today; Good then makes it due tomorrow', () => {
		const store = new Store([newCard('n', 0), reviewCard('r')]);
		const shown = store.study(NOON, (id, seen) => (id === 'n' && seen === 1 ? 3 : 4));
		expect(shown).toEqual(['r', 'n', 'n']);
		expect(store.cards.get('n')).toMatchObject({
			status: 'review',
			dueDay: TODAY + 1,
			state: { repetitions: 1, interval: 1, easiness: 2.36, repeatToday: false }
		});
	});

	it('the new-card limit holds across sessions and reloads the same study day, and renews the next', () => {
		const cards = Array.from({ length: 30 }, (_, i) => newCard(`n${String(i).padStart(2, '0')}`, i));
		const store = new Store(cards, 4, { newPerDay: 10, reviewsPerDay: 200 });
		// Morning: 6 new cards, then the app is closed.
		for (let i = 0; i < 6; i++) {
			const card = nextCard(store.input(NOON - 3 * HOUR));
			store.answer(card!.id, 5, NOON - 3 * HOUR + i * 60_000);
		}
		// Evening, after a reload: only 4 more new cards today.
		expect(buildQueue(store.input(NOON + 8 * HOUR)).counts.new).toBe(4);
		expect(store.study(NOON + 8 * HOUR, () => 5)).toEqual(['n06', 'n07', 'n08', 'n09']);
		// After midnight but before 04:00: still the same study day, nothing new.
		expect(buildQueue(store.input(Date.parse('2026-06-11T03:59+02:00'))).counts.new).toBe(0);
		// 04:00: a new study day, ten new cards again, and yesterday's cards are due (interval 1).
		const morning = buildQueue(store.input(Date.parse('2026-06-11T04:00+02:00')));
		expect(morning.counts).toEqual({ new: 10, due: 10, repeats: 0 });
	});

	it('the review limit counts due reviews, not their same-day repeats', () => {
		const cards = Array.from({ length: 5 }, (_, i) => reviewCard(`r${i}`, { dueDay: TODAY - i }));
		const store = new Store(cards, 4, { newPerDay: 20, reviewsPerDay: 3 });
		const shown = store.study(NOON, (id, seen) => (id === 'r4' && seen === 1 ? 1 : 4));
		expect(shown).toEqual(['r4', 'r3', 'r2', 'r4']);
		expect(countStudiedToday(store.log, TODAY_START).get('deck')).toEqual({ newCount: 0, reviewCount: 3 });
		expect(buildQueue(store.input(NOON + 2 * HOUR)).counts).toEqual({ new: 0, due: 0, repeats: 0 });
	});
});

describe('the study day boundary in the queue', () => {
	let savedZone: string | undefined;
	afterEach(() => {
		if (savedZone === undefined) delete process.env.TZ;
		else process.env.TZ = savedZone;
	});
	beforeEach(() => {
		savedZone = process.env.TZ;
		process.env.TZ = 'Europe/Berlin';
	});

	it('a card answered Hard at 23:00 is still a repeat at 03:59, and an overdue review from 04:00', () => {
		const store = new Store([newCard('n', 0)]);
		store.answer('n', 3, Date.parse('2026-06-10T23:00+02:00'));
		expect(buildQueue(store.input(Date.parse('2026-06-11T03:59+02:00'))).counts).toEqual({ new: 0, due: 0, repeats: 1 });
		expect(buildQueue(store.input(Date.parse('2026-06-11T04:00+02:00'))).counts).toEqual({ new: 0, due: 1, repeats: 0 });
	});

	it('a card due on the spring-forward day shows from 04:00 CEST, not at 03:59', () => {
		const store = new Store([newCard('n', 0)]);
		store.answer('n', 4, Date.parse('2026-03-28T22:00+01:00')); // due the next calendar day
		expect(store.cards.get('n')?.dueDay).toBe(parseDay('2026-03-29'));
		expect(nextCard(store.input(Date.parse('2026-03-29T03:59+02:00')))).toBeUndefined();
		expect(nextCard(store.input(Date.parse('2026-03-29T04:00+02:00')))?.id).toBe('n');
	});

	it('a card due on the fall-back day shows from 04:00 CET, after a 25-hour study day', () => {
		const store = new Store([newCard('n', 0)]);
		store.answer('n', 4, Date.parse('2026-10-24T12:00+02:00'));
		expect(nextCard(store.input(Date.parse('2026-10-25T03:59+01:00')))).toBeUndefined();
		expect(nextCard(store.input(Date.parse('2026-10-25T04:00+01:00')))?.id).toBe('n');
	});
});

describe('countStudiedToday', () => {
	it('counts first answers of new cards and of due reviews per deck, not repeats, not earlier days', () => {
		const at = (h: number) => TODAY_START + h * HOUR;
		const log: Pick<ReviewEntry, 'deckId' | 'time' | 'wasNew' | 'before'>[] = [];
		const push = (card: CardSchedule, grade: Grade, now: number) => {
			const outcome = answerCard(card, grade, now, TODAY, SUSPEND);
			log.push(outcome.entry);
			return outcome.card;
		};
		// Yesterday: ignored.
		log.push({ ...answerCard(newCard('old', 0), 4, TODAY_START - HOUR, TODAY - 1, SUSPEND).entry });
		// A new card, Hard then Good: one new.
		push(push(newCard('n', 0), 3, at(1)), 4, at(2));
		// A due review forgotten, then relearned: one review.
		push(push(reviewCard('r'), 1, at(1)), 4, at(3));
		// A review in another deck.
		push(reviewCard('x', { deckId: 'other' }), 5, at(1));
		expect(countStudiedToday(log, TODAY_START)).toEqual(
			new Map([
				['deck', { newCount: 1, reviewCount: 1 }],
				['other', { newCount: 0, reviewCount: 1 }]
			])
		);
	});
});
