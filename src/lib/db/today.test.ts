// Today's summaries (today.ts): kept by every write in its own transaction, forgotten by one that
// does not say what it did, made again on another day; and always what the cards themselves say.
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { buildQueue, buriedToday, countStudiedToday, type Buried, type DeckOptions, type StudyMore } from '$lib/srs/queue';
import { defaultSettings, type Settings } from '$lib/srs/types';
import type { Grade } from '$lib/srs/sm2';
import { recordAnswer, undoLastAnswer } from './answers';
import { exportBackup, importBackup, parseBackup } from './backup';
import { editCard, resetCard, setSuspended } from './cards';
import { askStudyMore, buryCard, saveDeckOptions } from './day-options';
import { deckRange } from './decks';
import { decodeDay } from './log-codec';
import { STREAK_KEY, type CardRecord, type DeckToday, type FlashcardsDb } from './schema';
import { getMeta, loadSettings, saveSettings, setMeta } from './settings';
import { studyDayAt } from './study';
import { applySync } from './sync';
import { cardRecord, closeDatabases, freshDatabase, NOW, putCards, reviewCard, TODAY, timeOn } from './test-helpers';
import { readDeckToday, readToday, todayOf, TODAY_STORES } from './today';
import { dayOptions, type ReadTx } from './study';
import { writeTransaction } from './write';

afterEach(closeDatabases);

/** A deck's today made afresh from the indexes, in a transaction of its own (nothing stored is read). */
async function madeAfresh(db: FlashcardsDb, deckId: string, now: number): Promise<DeckToday> {
	const settings = await loadSettings(db);
	const day = studyDayAt(now, settings);
	const tx = db.transaction([...TODAY_STORES], 'readonly');
	const deck = (await tx.objectStore('decks').get(deckId))!;
	return readDeckToday(tx, deck, day, settings, await dayOptions(tx as unknown as ReadTx, day.today));
}

/** What srs's queue makes of every card of the deck: the session a learner would get now. */
async function fromTheCards(db: FlashcardsDb, deckId: string, now: number) {
	const settings = await loadSettings(db);
	const { today, todayStartMs } = studyDayAt(now, settings);
	const cards = await db.getAllFromIndex('cards', 'byDeckStatusOrder', deckRange(deckId));
	const record = await db.get('log', [deckId, today]);
	const [options, more, buried] = await Promise.all([getMeta(db, 'deckOptions'), getMeta(db, 'studyMore'), getMeta(db, 'buried')]);
	const queue = buildQueue({
		cards,
		today,
		todayStartMs,
		settings,
		studied: countStudiedToday(record ? decodeDay(record) : [], todayStartMs),
		deckOptions: new Map(Object.entries((options ?? {}) as Record<string, DeckOptions>)),
		studyMore: new Map(Object.entries((more ?? {}) as Record<string, StudyMore>)),
		buried: buriedToday(buried as Buried | undefined, today),
		...(settings.buryRelated ? { bury: { answeredToday: cards.filter((card) => card.lastAnsweredAt >= todayStartMs) } } : {})
	});
	const later = cards.filter((card) => card.status === 'review' && card.dueDay > today).map((card) => card.dueDay);
	return {
		queue,
		counts: { new: queue.counts.new, again: queue.counts.repeats, due: queue.counts.due },
		first: queue.cards[0]?.id,
		answered: record ? record.answers : 0,
		nextDue: later.length > 0 ? Math.min(...later) : undefined
	};
}

const DECK = 'p';

/** The collection the property starts from: cards of every kind, list items with their reverses among them. */
const collection = fc.record({
	cards: fc.uniqueArray(
		fc.record({
			kind: fc.constantFrom('new', 'due', 'later', 'suspended'),
			days: fc.integer({ min: 0, max: 9 }),
			key: fc.constantFrom('item:a', 'item-reverse:a', 'item:b', 'item-reverse:b', 'list', 'v', 'w', 'x', 'y', 'z')
		}),
		{ selector: (card) => card.key, minLength: 1, maxLength: 10 }
	),
	newPerDay: fc.integer({ min: 0, max: 4 }),
	reviewsPerDay: fc.integer({ min: 0, max: 5 }),
	buryRelated: fc.boolean()
});

/** What a learner (or another device) does next: `pick` chooses among today's session's cards. */
const step = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({ does: fc.constant('answer' as const), pick: fc.nat(3), grade: fc.constantFrom<Grade>(0, 2, 3, 4, 5) })
	},
	{ weight: 2, arbitrary: fc.record({ does: fc.constant('undo' as const) }) },
	{ weight: 2, arbitrary: fc.record({ does: fc.constant('next day' as const), hours: fc.integer({ min: 6, max: 30 }) }) },
	{
		weight: 1,
		arbitrary: fc.record({ does: fc.constantFrom('bury' as const, 'suspend' as const, 'edit' as const, 'reset' as const), pick: fc.nat(3) })
	},
	{ weight: 1, arbitrary: fc.record({ does: fc.constant('study more' as const), extraNew: fc.integer({ min: 1, max: 2 }) }) },
	{ weight: 1, arbitrary: fc.record({ does: fc.constant('deck options' as const), newPerDay: fc.integer({ min: 0, max: 3 }) }) },
	{ weight: 1, arbitrary: fc.record({ does: fc.constant('import' as const), pick: fc.nat(9), days: fc.integer({ min: -3, max: 3 }) }) },
	{ weight: 1, arbitrary: fc.record({ does: fc.constant('sync' as const), pick: fc.nat(9), days: fc.integer({ min: -3, max: 3 }) }) }
);

/** A card of the deck moved to another due day (`days` from today), as another device's answers would. */
function moved(card: CardRecord, today: number, days: number): CardRecord {
	return { ...card, status: 'review', dueDay: today + days, state: { ...card.state, interval: Math.max(1, card.state.interval) } };
}

describe('today’s summary of a deck', () => {
	test('equals what the cards say after any answers, undos, day changes, burials, edits, imports and syncs', async () => {
		const seen = { answers: 0, undone: 0, days: 0, imports: 0, syncs: 0, kept: 0 };
		await fc.assert(
			fc.asyncProperty(collection, fc.array(step, { minLength: 1, maxLength: 14 }), async (start, steps) => {
				const db = await freshDatabase();
				const settings: Settings = {
					...defaultSettings,
					newPerDay: start.newPerDay,
					reviewsPerDay: start.reviewsPerDay,
					buryRelated: start.buryRelated
				};
				await saveSettings(db, settings, NOW);
				await putCards(
					db,
					DECK,
					start.cards.map((card, i) =>
						card.kind === 'new'
							? cardRecord(DECK, card.key, { newOrder: i })
							: reviewCard(DECK, card.key, card.kind === 'later' ? TODAY + 1 + card.days : TODAY - card.days, {
									status: card.kind === 'suspended' ? 'suspended' : 'review'
								})
					)
				);
				let now = NOW;
				await todayOf(db, null, now);
				for (const next of steps) {
					now += 7 * 60_000;
					const before = await fromTheCards(db, DECK, now);
					const { today } = studyDayAt(now, settings);
					const chosen = (pick: number) => before.queue.cards[pick % Math.max(1, before.queue.cards.length)] as CardRecord | undefined;
					let keeps = true;
					if (next.does === 'answer') {
						const card = chosen(next.pick);
						if (!card) continue;
						const saved = await recordAnswer(db, {
							cardId: card.id,
							grade: next.grade,
							now,
							tookMs: 1000,
							sessionId: 's',
							settings,
							shown: card
						});
						// The answer's own transaction wrote the summary it returns.
						expect(await db.get('today', DECK)).toEqual(saved.today);
						seen.answers++;
					} else if (next.does === 'undo') {
						if (await undoLastAnswer(db, 's', now)) seen.undone++;
					} else if (next.does === 'next day') {
						now += next.hours * 3_600_000;
						keeps = false;
						seen.days++;
					} else if (next.does === 'study more') {
						await askStudyMore(db, DECK, now, settings, { extraNew: next.extraNew });
					} else if (next.does === 'deck options') {
						await saveDeckOptions(db, DECK, { newPerDay: next.newPerDay }, now);
					} else if (next.does === 'import' || next.does === 'sync') {
						const cards = await db.getAllFromIndex('cards', 'byDeckStatusOrder', deckRange(DECK));
						const card = cards[next.pick % cards.length]!;
						if (next.does === 'import') {
							// A backup of this device in which the card was answered elsewhere, replacing everything.
							const backup = await exportBackup(db, now);
							backup.cards = backup.cards.map((other) => (other.id === card.id ? moved(card, today, next.days) : other));
							await importBackup(db, parseBackup(JSON.stringify(backup), { today }), 'replace', undefined, now);
							seen.imports++;
						} else {
							await applySync(
								db,
								{
									decks: [],
									deletedDecks: [],
									cards: [moved(card, today, next.days)],
									days: [],
									syncedDecks: {},
									checkpoint: { database: 'p', seq: 1, days: {} },
									cardConflicts: []
								},
								now
							);
							seen.syncs++;
						}
					} else {
						const card = chosen(next.pick);
						if (!card) continue;
						if (next.does === 'bury') await buryCard(db, card.id, now, settings);
						else if (next.does === 'suspend') await setSuspended(db, card.id, true, now);
						else if (next.does === 'edit') await editCard(db, card.id, { front: `Edited at ${now}`, back: 'Back' }, now);
						else await resetCard(db, card.id, now);
					}
					const stored = (await db.get('today', DECK)) as DeckToday | undefined;
					if (keeps) {
						// Kept by the write itself, for today: what the worker reads without the app.
						expect(stored?.studyDay).toBe(studyDayAt(now, settings).today);
						seen.kept++;
					}
					const read = (await todayOf(db, null, now)).decks[0]!;
					const afresh = await madeAfresh(db, DECK, now);
					expect(read).toEqual(afresh);
					expect(await db.get('today', DECK)).toEqual(afresh);
					const cards = await fromTheCards(db, DECK, now);
					// Small decks: the whole session fits the review screen's first page.
					expect(afresh.leftMore).toBe(false);
					expect(afresh.counts).toEqual(cards.counts);
					expect(afresh.left).toBe(cards.queue.cards.length);
					expect(afresh.first?.id).toBe(cards.first);
					expect(afresh.answered).toBe(cards.answered);
					expect(afresh.nextDue).toBe(cards.nextDue);
				}
			}),
			{ numRuns: 40 }
		);
		// Each kind of change came up.
		for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
	}, 120_000);

	test('is read by the worker in one look when kept, and made from the indexes (not stored) on another day', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'a', TODAY - 1), cardRecord('d', 'b')], 'Deck d');
		await todayOf(db, null, NOW);
		const kept = await readToday(db, ['d'], NOW);
		expect(kept.made).toBe(false);
		expect(kept.decks.map((deck) => [deck.title, deck.left, deck.first?.id])).toEqual([['Deck d', 2, 'd:a']]);
		const tomorrow = timeOn(TODAY + 1, 10);
		const read = await readToday(db, ['d'], tomorrow);
		expect(read.made).toBe(true);
		expect(read.decks[0]?.studyDay).toBe(TODAY + 1);
		// The worker must not write: yesterday's record is still the one stored.
		expect(((await db.get('today', 'd')) as DeckToday).studyDay).toBe(TODAY);
		await todayOf(db, null, tomorrow);
		expect(((await db.get('today', 'd')) as DeckToday).studyDay).toBe(TODAY + 1);
	});

	test('a write that does not say what it did to today forgets every summary in its transaction; one that says unchanged keeps them', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'a', TODAY - 1)]);
		await todayOf(db, null, NOW);
		expect(await db.count('today')).toBe(2);
		await setMeta(db, 'safariWarned', true);
		expect(await db.count('today')).toBe(2);
		await writeTransaction(
			db,
			['cards'],
			'A test write',
			(tx, writes) => void writes.push(tx.objectStore('cards').put(reviewCard('d', 'b', TODAY)))
		);
		expect(await db.count('today')).toBe(0);
		await setMeta(db, 'buried', { studyDay: TODAY, cardIds: ['d:a'] });
		expect(await db.count('today')).toBe(0);
		expect((await todayOf(db, null, NOW)).decks[0]?.left).toBe(1);
	});

	test('counts the streak: days in a row with answers, today one more once it has one', async () => {
		const db = await freshDatabase();
		await putCards(db, 'd', [reviewCard('d', 'a', TODAY - 3), reviewCard('d', 'b', TODAY - 3), reviewCard('d', 'c', TODAY - 3)]);
		const answer = (cardId: string, now: number) =>
			recordAnswer(db, { cardId, grade: 4, now, tookMs: 1000, sessionId: 's', settings: { ...defaultSettings } });
		await answer('d:a', timeOn(TODAY - 2, 10));
		await answer('d:b', timeOn(TODAY - 1, 10));
		expect((await todayOf(db, null, NOW)).streak).toBe(2);
		expect(await db.get('today', STREAK_KEY)).toEqual({ studyDay: TODAY, before: 2 });
		await answer('d:c', NOW);
		expect((await readToday(db, null, NOW)).streak).toBe(3);
		await undoLastAnswer(db, 's', NOW + 1000);
		expect((await readToday(db, null, NOW)).streak).toBe(2);
	});
});
