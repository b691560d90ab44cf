// The review log's merge rule: a union of every device's entries, each once, in time order.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { LogEntry } from '$lib/srs/types';
import { entryKey } from './documents';
import { planLog, type LogDay } from './plan-log';

const snapshot = {
	status: 'review' as const,
	state: { repetitions: 1, interval: 1, easiness: 2.5, repeatToday: false },
	dueDay: 5,
	lapses: 0,
	leech: false,
	lastAnsweredAt: 0
};
const decks = new Set(['a', 'b']);

/** Few decks, cards and moments, so that days and cards are shared between devices, with ties. */
const entryOf = (device: string): fc.Arbitrary<LogEntry> =>
	fc
		.record({ deck: fc.constantFrom('a', 'b'), key: fc.constantFrom('x', 'y'), time: fc.integer({ min: 1, max: 6 }), undo: fc.boolean() })
		.map(({ deck, key, time, undo }): LogEntry => {
			const common = {
				cardId: `${deck}:${key}`,
				deckId: deck,
				time: time * 10 + (undo ? 1 : 0),
				studyDay: time > 3 ? 2 : 1,
				sessionId: `${device}-session`,
				device,
				before: snapshot,
				after: snapshot
			};
			return undo
				? { kind: 'undo', ...common, answerTime: time * 10 }
				: { kind: 'answer', ...common, grade: 4, wasNew: false, tookMs: 1000 };
		});

/** One device's log as the store keeps it: a day per deck and study day, each entry once, in time order. */
const logOf = (device: string) =>
	fc.array(entryOf(device), { maxLength: 12 }).map((entries) => {
		const days = new Map<string, LogDay>();
		for (const entry of new Map(entries.map((e) => [entryKey(e), e])).values()) {
			const key = `${entry.deckId}/${entry.studyDay}`;
			const day = days.get(key) ?? { deckId: entry.deckId, studyDay: entry.studyDay, entries: [] };
			day.entries.push(entry);
			days.set(key, day);
		}
		for (const day of days.values()) day.entries.sort((x, y) => x.time - y.time);
		return [...days.values()];
	});

/** What a device sends of its log: its own documents, as a first sync writes them. */
const sent = (device: string, days: LogDay[]) => planLog({ device, localDays: days, localDecks: decks, docs: [] }).docs;

/** The device's log once a plan's days are stored. */
function applied(days: LogDay[], plan: ReturnType<typeof planLog>): LogDay[] {
	const byKey = new Map(days.map((day) => [`${day.deckId}/${day.studyDay}`, day]));
	for (const day of plan.days) byKey.set(`${day.deckId}/${day.studyDay}`, day);
	return [...byKey.values()];
}

const keys = (days: LogDay[]) => days.flatMap((day) => day.entries.map(entryKey)).sort();
const inTimeOrder = (days: LogDay[]) =>
	days.every((day) => day.entries.every((entry, i) => i === 0 || day.entries[i - 1]!.time <= entry.time));
const answers = (days: LogDay[]) => days.flatMap((day) => day.entries).filter((entry) => entry.kind === 'answer').length;

describe('planLog', () => {
	test("taking another device's documents twice changes nothing the second time", () => {
		fc.assert(
			fc.property(logOf('laptop'), logOf('phone'), (laptop, phone) => {
				const theirs = sent('phone', phone);
				const once = planLog({ device: 'laptop', localDays: laptop, localDecks: decks, docs: theirs });
				const again = planLog({ device: 'laptop', localDays: applied(laptop, once), localDecks: decks, docs: [...theirs, ...once.docs] });
				expect(again).toEqual({ days: [], docs: [], cards: new Set(), added: 0 });
			})
		);
	});

	test("the laptop taking the phone's log and the phone taking the laptop's give the same log, each entry once, in time order", () => {
		fc.assert(
			fc.property(logOf('laptop'), logOf('phone'), (laptop, phone) => {
				const onLaptop = planLog({ device: 'laptop', localDays: laptop, localDecks: decks, docs: sent('phone', phone) });
				const onPhone = planLog({ device: 'phone', localDays: phone, localDecks: decks, docs: sent('laptop', laptop) });
				const [laptopAfter, phoneAfter] = [applied(laptop, onLaptop), applied(phone, onPhone)];
				expect(keys(laptopAfter)).toEqual(keys(phoneAfter));
				expect(keys(laptopAfter)).toEqual([...keys(laptop), ...keys(phone)].sort());
				expect(inTimeOrder(laptopAfter) && inTimeOrder(phoneAfter)).toBe(true);
				// Each device counts the other's answers, undos not counted.
				expect([onLaptop.added, onPhone.added]).toEqual([answers(phone), answers(laptop)]);
			})
		);
	});

	test('two other devices taken one after the other, in either order, give the same log', () => {
		fc.assert(
			fc.property(logOf('laptop'), logOf('phone'), logOf('tablet'), (laptop, phone, tablet) => {
				const take = (days: LogDay[], device: string, from: LogDay[]) =>
					applied(days, planLog({ device: 'laptop', localDays: days, localDecks: decks, docs: sent(device, from) }));
				const phoneFirst = take(take(laptop, 'phone', phone), 'tablet', tablet);
				const tabletFirst = take(take(laptop, 'tablet', tablet), 'phone', phone);
				expect(keys(phoneFirst)).toEqual(keys(tabletFirst));
			})
		);
	});

	test("a device's own documents hold every entry it made, whatever it took from others", () => {
		fc.assert(
			fc.property(logOf('laptop'), logOf('phone'), (laptop, phone) => {
				const plan = planLog({ device: 'laptop', localDays: laptop, localDecks: decks, docs: sent('phone', phone) });
				expect(plan.docs.flatMap((doc) => doc.entries.map(entryKey)).sort()).toEqual(keys(laptop));
				expect(plan.docs.every((doc) => doc.device === 'laptop' && doc.entries.every((entry) => entry.device === 'laptop'))).toBe(true);
			})
		);
	});
});
