import { describe, expect, test } from 'vitest';
import type { AnkiImport, ImportedCard } from '$lib/anki/import-package';
import { newCardSnapshot } from '$lib/srs/replay';
import type { ReviewEntry } from '$lib/srs/types';
import { dayKey, daysToRead, planAnkiImport, type AnkiExisting } from './plan-anki';
import type { CardRecord } from './schema';

const NOW = 1_800_000_000_000;
const nothing: AnkiExisting = { decks: new Map(), cards: new Map(), notes: new Map(), media: new Map(), days: new Map() };

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

describe('planAnkiImport', () => {
	test('a new deck and new cards, as the package has them', () => {
		const plan = planAnkiImport(pkg([importedCard('c1')], [answer('c1', 5)]), nothing, NOW);
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
		expect(plan.days).toEqual([{ deckId: 'anki-new', studyDay: 20_000, entries: [answer('c1', 5)] }]);
		expect(plan.report).toMatchObject({ newCards: 1, newAnswers: 1, decks: [{ id: 'anki-new', title: 'A::B', isNew: true, cards: 1 }] });
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
		expect(daysToRead(imported, existing.cards)).toEqual([dayKey('moved', 20_000)]);
		const plan = planAnkiImport(imported, existing, NOW);
		expect(plan.cards[0]).toMatchObject({ deckId: 'moved', newOrder: 7, lastAnsweredAt: 5, status: 'review' });
		expect(plan.days).toEqual([{ deckId: 'moved', studyDay: 20_000, entries: [{ ...answer('c1', 5), deckId: 'moved' }] }]);
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
		expect(plan.days).toEqual([{ deckId: 'anki-new', studyDay: 20_000, entries: [answer('other', 3), answer('c1', 5), answer('c1', 9)] }]);
		expect(plan.report.newAnswers).toBe(1);
	});
});
