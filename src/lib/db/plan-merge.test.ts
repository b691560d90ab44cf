import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { LogEntry } from '$lib/srs/types';
import { entryKey, planMerge, type MergeData } from './plan-merge';
import type { CardRecord, DeckRecord } from './schema';
import { cardRecord } from './test-helpers';

const snapshot = {
	status: 'review' as const,
	state: { repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false },
	dueDay: 5,
	lapses: 0,
	leech: false,
	lastAnsweredAt: 0
};

const deck: fc.Arbitrary<DeckRecord> = fc.record({
	id: fc.constantFrom('a', 'b', 'c'),
	title: fc.constantFrom('Alpha', 'Beta'),
	question: fc.constant('What?'),
	source: fc.constantFrom('page 1', 'page 2'),
	bundled: fc.boolean(),
	createdAt: fc.constant(1),
	updatedAt: fc.integer({ min: 1, max: 3 })
});

// Few ids and few times, so that the same card, deck and answer turn up on both sides, with ties.
const card: fc.Arbitrary<CardRecord> = fc
	.record({
		deck: fc.constantFrom('a', 'b'),
		key: fc.constantFrom('x', 'y', 'z'),
		at: fc.integer({ min: 0, max: 3 }),
		front: fc.constantFrom('F1', 'F2'),
		lapses: fc.nat(2)
	})
	.map(({ deck, key, at, front, lapses }) =>
		cardRecord(deck, key, { front, lapses, lastAnsweredAt: at, status: at > 0 ? 'review' : 'new' })
	);

const entry: fc.Arbitrary<LogEntry> = fc
	.record({
		deck: fc.constantFrom('a', 'b'),
		key: fc.constantFrom('x', 'y'),
		time: fc.integer({ min: 1, max: 6 }),
		undo: fc.boolean(),
		device: fc.constantFrom('phone', 'laptop')
	})
	.map(({ deck, key, time, undo, device }): LogEntry => {
		const common = {
			cardId: `${deck}:${key}`,
			deckId: deck,
			time: time * 10 + (undo ? 1 : 0),
			studyDay: time > 3 ? 2 : 1,
			sessionId: 's',
			device,
			before: snapshot,
			after: snapshot
		};
		return undo ? { kind: 'undo', ...common, answerTime: time * 10 } : { kind: 'answer', ...common, grade: 4, wasNew: false, tookMs: 1000 };
	});

/** Each id once: a device holds one record per id (the first wins, as a map would keep). */
function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
	return [...new Map(items.map((item) => [key(item), item] as const)).values()];
}

const data: fc.Arbitrary<MergeData> = fc.record({
	decks: fc.array(deck, { maxLength: 4 }).map((decks) => uniqueBy(decks, (d) => d.id)),
	cards: fc.array(card, { maxLength: 8 }).map((cards) => uniqueBy(cards, (c) => c.id)),
	log: fc.array(entry, { maxLength: 12 }).map((log) => uniqueBy(log, entryKey).sort((a, b) => a.time - b.time))
});

/** The device's data after the plan is applied, as db applies it. */
function applied(device: MergeData, file: MergeData): MergeData {
	const plan = planMerge(device, file);
	const decks = new Map(device.decks.map((d) => [d.id, d]));
	for (const d of plan.decks) decks.set(d.id, d);
	const cards = new Map(device.cards.map((c) => [c.id, c]));
	for (const c of plan.cards) cards.set(c.id, c);
	const days = new Map<string, LogEntry[]>();
	for (const e of device.log) days.set(`${e.deckId}/${e.studyDay}`, [...(days.get(`${e.deckId}/${e.studyDay}`) ?? []), e]);
	for (const day of plan.days) days.set(`${day.deckId}/${day.studyDay}`, day.entries);
	return { decks: [...decks.values()], cards: [...cards.values()], log: [...days.values()].flat() };
}

const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
const entries = (log: readonly LogEntry[]) => log.map(entryKey).sort();

describe('planMerge', () => {
	test('merging the same file twice changes nothing the second time', () => {
		fc.assert(
			fc.property(data, data, (device, file) => {
				const once = applied(device, file);
				expect(planMerge(once, file)).toEqual({
					decks: [],
					cards: [],
					days: [],
					added: 0,
					report: { newDecks: 0, newCards: 0, newAnswers: 0, updatedCards: 0 }
				});
			})
		);
	});

	test('merging A into B and B into A gives the same decks, cards and log', () => {
		fc.assert(
			fc.property(data, data, (a, b) => {
				const intoB = applied(b, a);
				const intoA = applied(a, b);
				expect(byId(intoB.cards)).toEqual(byId(intoA.cards));
				expect(byId(intoB.decks)).toEqual(byId(intoA.decks));
				expect(entries(intoB.log)).toEqual(entries(intoA.log));
			})
		);
	});

	test('keeps the more recently answered card, adds what the device lacks, and each answer once', () => {
		const mine = cardRecord('a', 'x', { lastAnsweredAt: 5, front: 'mine' });
		const theirsOlder = cardRecord('a', 'x', { lastAnsweredAt: 4, front: 'theirs' });
		const theirsNewer = cardRecord('a', 'x', { lastAnsweredAt: 6, front: 'theirs' });
		const only = cardRecord('a', 'y');
		const answer = (time: number): LogEntry => ({
			cardId: 'a:x',
			deckId: 'a',
			time,
			studyDay: 1,
			grade: 4,
			wasNew: false,
			tookMs: 0,
			sessionId: 's',
			device: 'phone',
			before: snapshot,
			after: snapshot
		});
		const device: MergeData = { decks: [], cards: [mine], log: [{ kind: 'answer', ...answer(10) }] };
		expect(planMerge(device, { decks: [], cards: [theirsOlder, only], log: [answer(10), answer(5)] })).toEqual({
			decks: [],
			cards: [only],
			days: [{ deckId: 'a', studyDay: 1, entries: [answer(5), { kind: 'answer', ...answer(10) }] }],
			added: 1,
			// The file holds 2 cards and 2 answers; one of each is new here.
			report: { newDecks: 0, newCards: 1, newAnswers: 1, updatedCards: 0 }
		});
		const newer = planMerge(device, { decks: [], cards: [theirsNewer], log: [] });
		expect(newer.cards).toEqual([theirsNewer]);
		expect(newer.report).toEqual({ newDecks: 0, newCards: 0, newAnswers: 0, updatedCards: 1 });
	});

	test('the report counts answers only, not the undos and resets the file adds', () => {
		const base = { cardId: 'a:x', deckId: 'a', studyDay: 1, sessionId: 's', device: 'phone', before: snapshot, after: snapshot };
		const log: LogEntry[] = [
			{ ...base, time: 1, grade: 4, wasNew: true, tookMs: 0 },
			{ ...base, kind: 'undo', time: 2, answerTime: 1 },
			{ ...base, kind: 'reset', time: 3 }
		];
		const deck = { id: 'a', title: 'A', question: 'Q', source: 's', bundled: false, createdAt: 1, updatedAt: 1 };
		const plan = planMerge({ decks: [], cards: [], log: [] }, { decks: [deck], cards: [cardRecord('a', 'x')], log });
		expect(plan.added).toBe(3);
		expect(plan.report).toEqual({ newDecks: 1, newCards: 1, newAnswers: 1, updatedCards: 0 });
	});

	test('an answer undone on the device stays undone when the file still has it', () => {
		const answer: LogEntry = {
			kind: 'answer',
			cardId: 'a:x',
			deckId: 'a',
			time: 10,
			studyDay: 1,
			grade: 4,
			wasNew: false,
			tookMs: 0,
			sessionId: 's',
			device: 'phone',
			before: snapshot,
			after: snapshot
		};
		const undo: LogEntry = { ...answer, kind: 'undo', time: 11, answerTime: 10 };
		const { kind: _kind, ...exported } = answer;
		expect(planMerge({ decks: [], cards: [], log: [answer, undo] }, { decks: [], cards: [], log: [exported] }).days).toEqual([]);
	});
});
