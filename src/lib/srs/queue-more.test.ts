// Tests for related cards waiting (burying), Study more (custom study) and per-deck limits in the queue.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateDeck } from '$lib/glossary';
import { parseDay } from './days';
import { answerCard, LEECH_THRESHOLD } from './answer';
import { buildQueue, dayCounts, deckLimits, relatedGroup, type QueueInput } from './queue';
import { initialState, type Sm2State } from './sm2';
import type { CardSchedule } from './types';

const TODAY = parseDay('2026-06-10');
const TODAY_START = Date.parse('2026-06-10T04:00+02:00');
const HOUR = 3_600_000;
const NOON = TODAY_START + 8 * HOUR;
const LONG_AGO = TODAY_START - 30 * 24 * HOUR;
const LIMITS = { newPerDay: 20, reviewsPerDay: 200 };
const learned: Sm2State = { repetitions: 3, interval: 15, easiness: 2.5, repeatToday: false };

function card(id: string, overrides: Partial<CardSchedule> = {}): CardSchedule {
	return {
		id,
		deckId: 'd',
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		...overrides
	};
}
const review = (id: string, dueDay: number, overrides: Partial<CardSchedule> = {}) =>
	card(id, { status: 'review', state: { ...learned }, dueDay, lastAnsweredAt: LONG_AGO, ...overrides });

function input(cards: CardSchedule[], more: Partial<QueueInput> = {}): QueueInput {
	return { cards, today: TODAY, todayStartMs: TODAY_START, settings: LIMITS, studied: {}, ...more };
}
const ids = (cards: readonly CardSchedule[]) => cards.map((c) => c.id);
const BURY = { bury: { answeredToday: [] } };

describe('relatedGroup', () => {
	it('an item card and its reverse share a group; other cards have none', () => {
		expect(relatedGroup({ id: 'd:item:key-skills-communication', deckId: 'd' })).toBe('d:item:key-skills-communication');
		expect(relatedGroup({ id: 'd:item-reverse:key-skills-communication', deckId: 'd' })).toBe('d:item:key-skills-communication');
		expect(relatedGroup({ id: 'd:item-reverse:key-skills-communication~2', deckId: 'd' })).toBe('d:item:key-skills-communication~2');
		for (const id of ['d:definition', 'd:synonyms', 'd:list:key-skills', 'd:faq:why', 'd:explanation:item']) {
			expect(relatedGroup({ id, deckId: 'd' })).toBeUndefined();
		}
	});

	it("an Anki card's siblings are its note's other cards, in any deck, and only those", () => {
		const group = relatedGroup({ id: 'anki:cU1%25zNUzk1%3A:0', deckId: 'anki-a' });
		expect(group).toBe('anki:cU1%25zNUzk1%3A');
		expect(relatedGroup({ id: 'anki:cU1%25zNUzk1%3A:12', deckId: 'anki-b' })).toBe(group);
		expect(relatedGroup({ id: 'anki:cU1%25zNUzk1:0', deckId: 'anki-a' })).not.toBe(group);
	});

	it('groups exactly the item and reverse cards the glossary makes of one list item, and not the whole-list card', () => {
		const deck = generateDeck(readFileSync('src/lib/glossary/fixtures/soft-skills.txt', 'utf8'), { id: 'soft' });
		const groups = new Map<string, string[]>();
		for (const draft of deck.cards) {
			const group = relatedGroup(draft);
			if (group === undefined) {
				expect(['definition', 'synonyms', 'explanation', 'list', 'faq']).toContain(draft.kind);
				continue;
			}
			groups.set(group, [...(groups.get(group) ?? []), draft.kind]);
		}
		expect(groups.size).toBeGreaterThan(3);
		for (const kinds of groups.values()) expect(kinds).toEqual(['item', 'item-reverse']);
	});
});

describe('buildQueue: related cards wait', () => {
	const item = (n: number, order: number, overrides: Partial<CardSchedule> = {}) => card(`d:item:k${n}`, { newOrder: order, ...overrides });
	const reverse = (n: number, order: number, overrides: Partial<CardSchedule> = {}) =>
		card(`d:item-reverse:k${n}`, { newOrder: order, ...overrides });

	it('of two new siblings only the first in deck order comes, and the next card fills the limit', () => {
		const cards = [item(1, 0), item(2, 1), reverse(1, 2), reverse(2, 3), card('d:list:k', { newOrder: 4 })];
		const queue = buildQueue(input(cards, { ...BURY, settings: { newPerDay: 3, reviewsPerDay: 200 } }));
		expect(ids(queue.cards)).toEqual(['d:item:k1', 'd:item:k2', 'd:list:k']);
		// Without burying, the reverses come the same day.
		expect(ids(buildQueue(input(cards, { settings: { newPerDay: 3, reviewsPerDay: 200 } })).cards)).toEqual([
			'd:item:k1',
			'd:item:k2',
			'd:item-reverse:k1'
		]);
	});

	it('a sibling answered today keeps the other out until the next study day', () => {
		const answered = review('d:item:k1', TODAY + 1, { lastAnsweredAt: NOON - HOUR });
		const cards = [answered, reverse(1, 5), review('d:item-reverse:k2', TODAY - 1)];
		expect(ids(buildQueue(input(cards, BURY)).cards)).toEqual(['d:item-reverse:k2']);
		// Tomorrow the reverse comes (the answered card is due then too: siblings are taken in session order).
		const tomorrow = input(cards, { ...BURY, today: TODAY + 1, todayStartMs: TODAY_START + 24 * HOUR });
		expect(ids(buildQueue(tomorrow).cards)).toEqual(['d:item-reverse:k2', 'd:item:k1']);
	});

	it('a sibling answered today that the cards do not hold (read from the log) counts too', () => {
		const cards = [reverse(1, 0), item(2, 1)];
		const queue = buildQueue(input(cards, { bury: { answeredToday: [{ id: 'd:item:k1', deckId: 'd' }] } }));
		expect(ids(queue.cards)).toEqual(['d:item:k2']);
	});

	it('a repeat keeps its place and its due sibling waits; a due review beats its new sibling', () => {
		const repeat = review('d:item:k1', TODAY, { state: { ...learned, repetitions: 0, interval: 0 }, lastAnsweredAt: NOON - HOUR });
		const cards = [repeat, review('d:item-reverse:k1', TODAY), reverse(2, 0), review('d:item:k2', TODAY - 3)];
		const queue = buildQueue(input(cards, BURY));
		expect(ids(queue.cards)).toEqual(['d:item:k2', 'd:item:k1']);
		expect(queue.counts).toEqual({ new: 0, due: 1, repeats: 1 });
		expect(dayCounts(input(cards, BURY)).get('d')).toEqual({ new: 0, due: 2, again: 1 });
	});

	it('siblings of another deck are not related', () => {
		const cards = [card('a:item:k', { deckId: 'a' }), card('b:item-reverse:k', { deckId: 'b' })];
		expect(ids(buildQueue(input(cards, BURY)).cards)).toEqual(['a:item:k', 'b:item-reverse:k']);
	});

	it('in a session rebuilt after every answer, no two siblings come on the same day', () => {
		let cards = [item(1, 0), item(2, 1), item(3, 2), reverse(1, 3), reverse(2, 4), reverse(3, 5)];
		const shown: string[] = [];
		let now = NOON;
		for (;;) {
			const next = buildQueue(input(cards, BURY)).cards.find((c) => c.id !== shown.at(-1));
			if (!next) break;
			shown.push(next.id);
			// Hard: the card itself comes back today (SM-2 step 7), its sibling still does not.
			const grade = shown.filter((id) => id === next.id).length === 1 ? 3 : 4;
			const answered = answerCard(next, grade, now, TODAY, { threshold: LEECH_THRESHOLD, action: 'suspend' }).card;
			cards = cards.map((c) => (c.id === next.id ? answered : c));
			now += 60_000;
		}
		expect(shown).toEqual(['d:item:k1', 'd:item:k2', 'd:item:k3', 'd:item:k1', 'd:item:k2', 'd:item:k3']);
	});
});

describe('buildQueue: Study more and per-deck limits', () => {
	const fresh = Array.from({ length: 30 }, (_, i) => card(`n${String(i).padStart(2, '0')}`, { newOrder: i }));

	it('Increase today’s new card limit: that many more new cards today, after the ones already introduced', () => {
		const studied = { d: { newCount: 20, reviewCount: 0 } };
		expect(buildQueue(input(fresh, { studied })).cards).toEqual([]);
		const more = new Map([['d', { studyDay: TODAY, extraNew: 5, aheadDays: 0 }]]);
		expect(ids(buildQueue(input(fresh, { studied, studyMore: more })).cards)).toEqual(['n00', 'n01', 'n02', 'n03', 'n04']);
	});

	it('Study more asked on another day means nothing today', () => {
		const more = new Map([['d', { studyDay: TODAY - 1, extraNew: 5, aheadDays: 3 }]]);
		expect(deckLimits(input([], { studyMore: more }), 'd')).toEqual({ newPerDay: 20, reviewsPerDay: 200, aheadDays: 0 });
	});

	it('Review ahead: reviews due in the next N days come after the due ones, the soonest first; later ones and today’s answers do not', () => {
		const cards = [
			review('due', TODAY),
			review('in1', TODAY + 1),
			review('in3', TODAY + 3),
			review('in4', TODAY + 4),
			review('answered', TODAY + 1, { lastAnsweredAt: NOON - HOUR }),
			card('s', { status: 'suspended', state: { ...learned }, dueDay: TODAY + 1 })
		];
		const more = new Map([['d', { studyDay: TODAY, extraNew: 0, aheadDays: 3 }]]);
		const queue = buildQueue(input(cards, { studyMore: more }));
		expect(ids(queue.cards)).toEqual(['due', 'in1', 'in3']);
		expect(queue.counts).toEqual({ new: 0, due: 3, repeats: 0 });
		expect(ids(buildQueue(input(cards)).cards)).toEqual(['due']);
	});

	it('a deck’s own limits override the settings, for that deck only', () => {
		const other = fresh.slice(0, 10).map((c) => ({ ...c, id: `o${c.id}`, deckId: 'o' }));
		const options = new Map([['d', { newPerDay: 2, reviewsPerDay: 0 }]]);
		const queue = buildQueue(
			input([...fresh, ...other, review('r', TODAY)], { deckOptions: options, settings: { newPerDay: 4, reviewsPerDay: 9 } })
		);
		expect(ids(queue.cards)).toEqual(['n00', 'on00', 'n01', 'on01', 'on02', 'on03']);
		// An option left out falls back to the setting; Study more adds to the deck's own limit.
		const partial = new Map([['d', { newPerDay: 2 }]]);
		const more = new Map([['d', { studyDay: TODAY, extraNew: 10, aheadDays: 0 }]]);
		expect(deckLimits(input([], { deckOptions: partial, studyMore: more }), 'd')).toEqual({
			newPerDay: 12,
			reviewsPerDay: 200,
			aheadDays: 0
		});
	});
});

describe('buildQueue: cards buried by hand', () => {
	it('a buried card comes in no session today, its sibling still does, and the next card fills the limit', () => {
		const cards = [
			card('d:item:k1', { newOrder: 0 }),
			card('d:item-reverse:k1', { newOrder: 1 }),
			card('d:x', { newOrder: 2 }),
			review('r', TODAY)
		];
		const settings = { newPerDay: 1, reviewsPerDay: 200 };
		const queue = buildQueue(input(cards, { settings, buried: new Set(['d:item:k1', 'r']) }));
		expect(ids(queue.cards)).toEqual(['d:item-reverse:k1']);
		expect(queue.counts).toEqual({ new: 1, due: 0, repeats: 0 });
		expect(dayCounts(input(cards, { settings, buried: new Set(['d:item:k1', 'r']) })).get('d')).toEqual({ new: 1, due: 0 });
		expect(ids(buildQueue(input(cards, { settings })).cards)).toEqual(['r', 'd:item:k1']);
	});
});
