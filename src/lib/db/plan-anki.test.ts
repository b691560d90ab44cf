import { describe, expect, test } from 'vitest';
import type { AnkiImport, ImportedCard } from '$lib/anki/import-package';
import { newCardSnapshot, snapshotOf } from '$lib/srs/replay';
import type { ReviewEntry, StateEntry } from '$lib/srs/types';
import { dayKey, daysToRead, importedStates, planAnkiImport, type AnkiExisting } from './plan-anki';
import type { CardRecord } from './schema';

const NOW = 1_800_000_000_000;
const here = { device: 'laptop', dayStartHour: 4 };
const nothing: AnkiExisting = { decks: new Map(), cards: new Map(), notes: new Map(), media: new Map(), days: new Map(), here };

function importedCard(id: string, lastAnsweredAt = 0): ImportedCard {
	return {
		id,
		deckId: 'anki-new',
		front: `front ${id}`,
		back: `back ${id}`,
		anki: { note: 'guid-1', ord: 0, question: `<b>front ${id}</b>`, answer: `back ${id}` },
		schedule: { ...newCardSnapshot(), ...(lastAnsweredAt ? { status: 'review' as const, lastAnsweredAt, dueDay: 20_100 } : {}) },
		newOrder: 0
	};
}

function answer(cardId: string, time: number, studyDay = 20_000): ReviewEntry {
	const before = newCardSnapshot();
	return {
		cardId,
		deckId: 'anki-new',
		time,
		studyDay,
		grade: 4,
		wasNew: true,
		before,
		after: { ...before, status: 'review', lastAnsweredAt: time },
		tookMs: 1000,
		sessionId: 'anki-import',
		device: 'anki'
	};
}

function pkg(cards: ImportedCard[], log: ReviewEntry[] = []): AnkiImport {
	return {
		decks: [{ id: 'anki-new', title: 'A::B', cards: cards.length }],
		noteTypes: [],
		notes: [{ guid: 'guid-1', noteTypeId: 1, fields: ['f'], tags: [], modified: 1000, deckIds: ['anki-new'] }],
		cards,
		log,
		media: [],
		summary: {} as AnkiImport['summary']
	};
}

/** The state entry an import writes for a card whose history ends with `last`. */
function stateAfter(last: ReviewEntry, schedule: ImportedCard['schedule'], deckId = last.deckId): StateEntry {
	return {
		kind: 'state',
		cardId: last.cardId,
		deckId,
		time: last.time,
		studyDay: last.studyDay,
		sessionId: 'anki-import',
		device: 'anki',
		before: last.after,
		after: schedule
	};
}

describe('planAnkiImport', () => {
	test('a new deck and new cards, as the package has them, each state after its history', () => {
		const imported = importedCard('c1', 5);
		const plan = planAnkiImport(pkg([imported], [answer('c1', 5)]), nothing, NOW);
		expect(plan.decks).toEqual([
			{ id: 'anki-new', title: 'A::B', question: '', source: '', bundled: false, createdAt: NOW, updatedAt: NOW }
		]);
		expect(plan.cards[0]).toMatchObject({
			id: 'c1',
			kind: 'anki',
			front: 'front c1',
			generated: { front: 'front c1', back: 'back c1' },
			edited: false,
			addedAt: NOW
		});
		expect(plan.days).toEqual([
			{ deckId: 'anki-new', studyDay: 20_000, entries: [answer('c1', 5), stateAfter(answer('c1', 5), imported.schedule)] }
		]);
		expect(plan.report).toMatchObject({ newCards: 1, newAnswers: 1, decks: [{ id: 'anki-new', title: 'A::B', isNew: true, cards: 1 }] });
	});

	test('a card never answered gets a state only when it is not exactly a new card; FSRS memory travels with it', () => {
		const plain = importedCard('c1');
		const easier = { ...importedCard('c2'), schedule: { ...newCardSnapshot(), state: { ...newCardSnapshot().state, easiness: 2.3 } } };
		const suspended = { ...importedCard('c3'), schedule: { ...newCardSnapshot(), status: 'suspended' as const } };
		const withMemory = {
			...importedCard('c4', 7),
			fsrs: {
				phase: 'review' as const,
				stability: 12,
				difficulty: 5,
				step: 0,
				reps: 3,
				lapses: 0,
				scheduledDays: 10,
				lastDay: 19_990,
				due: 1e12
			}
		};
		const states = importedStates(pkg([plain, easier, suspended, withMemory]), new Map(), here);
		expect(states.map((state) => state.cardId)).toEqual(['c2', 'c4']);
		// Filed at the moment it sums up: never answered, the beginning of time.
		expect(states[0]).toMatchObject({ time: 0, studyDay: -1, device: 'anki', after: easier.schedule, before: newCardSnapshot() });
		expect(states[1]).toMatchObject({ time: 7, fsrs: withMemory.fsrs, after: withMemory.schedule });
		// A suspension is the learner's (Anki's) word, not the log's: the state under it.
		const answeredSuspended = { ...importedCard('c5', 9), schedule: { ...importedCard('c5', 9).schedule, status: 'suspended' as const } };
		expect(importedStates(pkg([answeredSuspended], [answer('c5', 9)]), new Map(), here)[0]!.after.status).toBe('review');
	});

	test('a card already here stays in its deck: the package’s answers go to that deck’s days', () => {
		const mine = {
			...importedCard('c1'),
			deckId: 'moved',
			kind: 'anki',
			generated: { front: 'front c1', back: 'back c1' },
			edited: false,
			addedAt: 1,
			newOrder: 7,
			...newCardSnapshot()
		} as unknown as CardRecord;
		const imported = pkg([importedCard('c1', 5)], [answer('c1', 5)]);
		const existing = { ...nothing, cards: new Map([['c1', mine]]) };
		expect(daysToRead(imported, existing.cards, here)).toEqual([dayKey('moved', 20_000)]);
		const plan = planAnkiImport(imported, existing, NOW);
		expect(plan.cards[0]).toMatchObject({ deckId: 'moved', newOrder: 7, lastAnsweredAt: 5, status: 'review' });
		const moved = { ...answer('c1', 5), deckId: 'moved' };
		expect(plan.days).toEqual([{ deckId: 'moved', studyDay: 20_000, entries: [moved, stateAfter(moved, importedCard('c1', 5).schedule)] }]);
		expect(plan.notes[0]!.deckIds).toEqual(['moved']);
	});

	test('taking the package’s later progress keeps a suspension made here', () => {
		const mine = {
			...importedCard('c1'),
			kind: 'anki',
			generated: { front: 'front c1', back: 'back c1' },
			edited: false,
			addedAt: 1,
			...newCardSnapshot(),
			status: 'suspended'
		} as unknown as CardRecord;
		const plan = planAnkiImport(pkg([importedCard('c1', 5)]), { ...nothing, cards: new Map([['c1', mine]]) }, NOW);
		expect(plan.cards[0]).toMatchObject({ status: 'suspended', lastAnsweredAt: 5 });
		expect(plan.report.progressTaken).toBe(1);
	});

	test('answers the device has are not added again; the day keeps its other entries in time order', () => {
		const here = [answer('other', 3), answer('c1', 5)];
		const existing = { ...nothing, days: new Map([[dayKey('anki-new', 20_000), here]]) };
		const plan = planAnkiImport(pkg([importedCard('c1', 9)], [answer('c1', 5), answer('c1', 9)]), existing, NOW);
		expect(plan.days).toEqual([
			{
				deckId: 'anki-new',
				studyDay: 20_000,
				entries: [answer('other', 3), answer('c1', 5), answer('c1', 9), stateAfter(answer('c1', 9), importedCard('c1', 9).schedule)]
			}
		]);
		expect(plan.report.newAnswers).toBe(1);
	});

	test('a card whose progress here is later keeps it: its state is written at its last answer here, by this device', () => {
		const mine = {
			...importedCard('c1'),
			kind: 'anki',
			generated: { front: 'front c1', back: 'back c1' },
			edited: false,
			addedAt: 1,
			...newCardSnapshot(),
			status: 'review',
			state: { repetitions: 2, interval: 6, easiness: 2.6, repeatToday: false },
			dueDay: 20_010,
			lastAnsweredAt: 86_400_000 * 20_004 + 3_600_000 * 10
		} as unknown as CardRecord;
		const existing = { ...nothing, cards: new Map([['c1', mine]]) };
		const plan = planAnkiImport(pkg([importedCard('c1', 5)], [answer('c1', 5)]), existing, NOW);
		expect(plan.report.progressTaken).toBe(0);
		expect(plan.days.flatMap((day) => day.entries).find((entry) => entry.kind === 'state')).toEqual({
			kind: 'state',
			cardId: 'c1',
			deckId: 'anki-new',
			time: mine.lastAnsweredAt,
			studyDay: 20_004,
			sessionId: 'anki-import',
			device: 'laptop',
			before: newCardSnapshot(),
			after: snapshotOf(mine)
		});
	});
});
