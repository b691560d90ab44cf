// The review log's merge rule: a union of every device's entries, each once, in time order; whoever
// holds entries sends them, in the documents of the device that gave them, and copies join by union.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { LogEntry } from '$lib/srs/types';
import { entryKey, logDocId, type LogDoc } from './documents';
import { packParts, PART_BYTES, planLog, type LogDay, type LogPlan } from './plan-log';

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

/** What a device sends of its log: its documents, as a first sync writes them. */
const sent = (days: LogDay[]) => written(planLog({ localDays: days, localDecks: decks, docs: [] }));

/** The documents a plan writes (not the conflicting revisions it deletes). */
const written = (plan: LogPlan): LogDoc[] => plan.docs.filter((doc): doc is LogDoc => 'type' in doc);

/** The device's log once a plan's days are stored. */
function applied(days: LogDay[], plan: ReturnType<typeof planLog>): LogDay[] {
	const byKey = new Map(days.map((day) => [`${day.deckId}/${day.studyDay}`, day]));
	for (const day of plan.days) byKey.set(`${day.deckId}/${day.studyDay}`, day);
	return [...byKey.values()];
}

/** Two logs as one device holds them after importing the other's backup: each day's entries together, in time order. */
function together(a: LogDay[], b: LogDay[]): LogDay[] {
	const byKey = new Map<string, LogDay>();
	for (const day of [...a, ...b]) {
		const key = `${day.deckId}/${day.studyDay}`;
		const have = byKey.get(key);
		const entries = new Map([...(have?.entries ?? []), ...day.entries].map((entry) => [entryKey(entry), entry]));
		byKey.set(key, { deckId: day.deckId, studyDay: day.studyDay, entries: [...entries.values()].sort((x, y) => x.time - y.time) });
	}
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
				const theirs = sent(phone);
				const once = planLog({ localDays: laptop, localDecks: decks, docs: theirs });
				const again = planLog({ localDays: applied(laptop, once), localDecks: decks, docs: [...theirs, ...written(once)] });
				expect(again).toEqual({ days: [], docs: [], cards: new Set(), added: 0 });
			})
		);
	});

	test("the laptop taking the phone's log and the phone taking the laptop's give the same log, each entry once, in time order", () => {
		fc.assert(
			fc.property(logOf('laptop'), logOf('phone'), (laptop, phone) => {
				const onLaptop = planLog({ localDays: laptop, localDecks: decks, docs: sent(phone) });
				const onPhone = planLog({ localDays: phone, localDecks: decks, docs: sent(laptop) });
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
				const take = (days: LogDay[], from: LogDay[]) => applied(days, planLog({ localDays: days, localDecks: decks, docs: sent(from) }));
				const phoneFirst = take(take(laptop, phone), tablet);
				const tabletFirst = take(take(laptop, tablet), phone);
				expect(keys(phoneFirst)).toEqual(keys(tabletFirst));
			})
		);
	});

	test('a device sends every entry it holds, its own and those of other devices (an imported backup), each in the document of the device that gave it', () => {
		fc.assert(
			fc.property(logOf('laptop'), logOf('old-phone'), (laptop, imported) => {
				const docs = written(planLog({ localDays: together(laptop, imported), localDecks: decks, docs: [] }));
				expect(docs.flatMap((doc) => doc.entries.map(entryKey)).sort()).toEqual([...keys(laptop), ...keys(imported)].sort());
				for (const doc of docs) {
					expect(doc._id).toBe(logDocId(doc.deckId, doc.studyDay, doc.device));
					expect(
						doc.entries.every((entry) => entry.device === doc.device && entry.deckId === doc.deckId && entry.studyDay === doc.studyDay)
					).toBe(true);
				}
				// Sent already, it is not sent again.
				expect(planLog({ localDays: together(laptop, imported), localDecks: decks, docs }).docs).toEqual([]);
			})
		);
	});

	test('two devices that upload the same foreign answers never double them: the copies CouchDB keeps of a document join by union, each entry once', () => {
		fc.assert(
			fc.property(
				logOf('old-phone'),
				fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
				fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
				fc.boolean(),
				logOf('tablet'),
				(history, onLaptop, onTablet, laptopWins, tablet) => {
					// Each of two devices imported a backup holding some of the old phone's answers (maybe all).
					const part = (picks: boolean[]) =>
						history
							.map((day) => ({ ...day, entries: day.entries.filter((_, i) => picks[i % picks.length]) }))
							.filter((day) => day.entries.length > 0);
					const [laptopDocs, tabletDocs] = [sent(part(onLaptop)), sent(together(tablet, part(onTablet)))];
					// CouchDB keeps one revision of each id as the winner and the other as a conflicting revision.
					const winners = new Map<string, LogDoc>();
					const losers: LogDoc[] = [];
					const [first, second] = laptopWins ? [laptopDocs, tabletDocs] : [tabletDocs, laptopDocs];
					for (const doc of first) winners.set(doc._id, { ...doc, _rev: '1-a' });
					for (const doc of second) {
						if (winners.has(doc._id)) losers.push({ ...doc, _rev: '1-b' });
						else winners.set(doc._id, { ...doc, _rev: '1-b' });
					}
					// A third device with nothing of its own takes the server's documents.
					const plan = planLog({ localDays: [], localDecks: decks, docs: [...winners.values()], losers });
					const now = applied([], plan);
					const expected = [...new Set([...keys(part(onLaptop)), ...keys(together(tablet, part(onTablet)))])].sort();
					expect(keys(now)).toEqual(expected);
					// It writes each union over its winner and deletes every conflicting revision.
					const deleted = plan.docs.filter((doc) => !('type' in doc));
					expect(deleted).toEqual(expect.arrayContaining(losers.map((loser) => ({ _id: loser._id, _rev: '1-b', _deleted: true }))));
					expect(deleted).toHaveLength(losers.length);
					const server = new Map(winners);
					for (const doc of written(plan)) server.set(doc._id, doc);
					expect([...server.values()].flatMap((doc) => doc.entries.map(entryKey)).sort()).toEqual(expected);
					// And the server's documents are then what any device holding that log would write.
					expect(planLog({ localDays: now, localDecks: decks, docs: [...server.values()] }).docs).toEqual([]);
				}
			)
		);
	});

	test('a document that exists but was refused is never written over, so nothing of it is lost', () => {
		const laptop: LogDay[] = [
			{
				deckId: 'a',
				studyDay: 1,
				entries: [
					{
						kind: 'answer',
						cardId: 'a:x',
						deckId: 'a',
						time: 10,
						studyDay: 1,
						sessionId: 's',
						device: 'laptop',
						before: snapshot,
						after: snapshot,
						grade: 4,
						wasNew: false,
						tookMs: 1
					}
				]
			}
		];
		const plan = planLog({ localDays: laptop, localDecks: decks, docs: [], blocked: new Set([logDocId('a', 1, 'laptop')]) });
		expect(plan.docs).toEqual([]);
	});
});

describe('packParts', () => {
	/** Entries of one device, deck and day, each about `size` bytes as a document carries it. */
	const bulky = (count: number, size: number): LogEntry[] =>
		Array.from({ length: count }, (_, i) => ({
			kind: 'answer' as const,
			cardId: `a:${i}`,
			deckId: 'a',
			time: 1000 + (i % 7),
			studyDay: 1,
			sessionId: 's'.repeat(size),
			device: 'laptop',
			before: snapshot,
			after: snapshot,
			grade: 4 as const,
			wasNew: false,
			tookMs: 1
		}));

	test('a day too big for one document is split in parts, each under the size CouchDB takes, the same parts whatever the order', () => {
		const entries = bulky(40, 90_000);
		const parts = packParts(entries);
		expect(parts.length).toBe(4);
		for (const part of parts) expect(new TextEncoder().encode(JSON.stringify(part)).length).toBeLessThanOrEqual(PART_BYTES);
		expect(parts.flat().map(entryKey).sort()).toEqual(entries.map(entryKey).sort());
		expect(packParts([...entries].reverse())).toEqual(parts);
		// Each part is a document of its own, the first with the day's id, the others numbered.
		const docs = written(planLog({ localDays: [{ deckId: 'a', studyDay: 1, entries }], localDecks: decks, docs: [] }));
		expect(docs.map((doc) => [doc._id, doc.part, doc.entries.length])).toEqual([
			['log:a:1:laptop', undefined, parts[0]!.length],
			['log:a:1:laptop:1', 1, parts[1]!.length],
			['log:a:1:laptop:2', 2, parts[2]!.length],
			['log:a:1:laptop:3', 3, parts[3]!.length]
		]);
		for (const doc of docs) expect(new TextEncoder().encode(JSON.stringify(doc)).length).toBeLessThan(PART_BYTES + 1000);
	});

	test('a small day is one document', () => {
		expect(packParts(bulky(50, 10))).toHaveLength(1);
	});
});
