import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { generateDeck } from '$lib/glossary';
import { deckChanges, planDeckSave } from './plan-deck';
import type { CardRecord, DeckRecord } from './schema';
import { cardRecord, makeDeck, NOW, reviewCard, TODAY } from './test-helpers';

const previous: DeckRecord = { id: 'd', title: 'Old', question: 'What?', source: 'old page', bundled: true, createdAt: 1, updatedAt: 2 };

describe('planDeckSave', () => {
	test('a new deck: every card added as new, in page order', () => {
		const plan = planDeckSave(
			undefined,
			[],
			makeDeck('d', [
				['a', 'A', 'a'],
				['b', 'B', 'b']
			]),
			'page',
			{ now: NOW }
		);
		expect(plan.deck).toEqual({
			id: 'd',
			title: 'Deck d',
			question: 'What is Deck d?',
			source: 'page',
			bundled: false,
			createdAt: NOW,
			updatedAt: NOW
		});
		expect(plan.added.map((card) => [card.id, card.status, card.newOrder, card.addedAt])).toEqual([
			['d:a', 'new', 0, NOW],
			['d:b', 'new', 1, NOW]
		]);
		expect([plan.changed, plan.revived, plan.retired, plan.kept]).toEqual([[], [], [], []]);
		expect(plan.changes).toEqual({ added: 2, changed: 0, unchanged: 0, retired: 0 });
	});

	test('an update adds, changes, keeps, retires and revives, and keeps progress and edits', () => {
		const learned = reviewCard('d', 'a', TODAY + 3, { front: 'Front a', back: 'Back a', generated: { front: 'Front a', back: 'Back a' } });
		const edited = cardRecord('d', 'b', { front: 'Mine', edited: true, newOrder: 1 });
		const same = cardRecord('d', 'c', { newOrder: 2 });
		const gone = cardRecord('d', 'e', { newOrder: 3 });
		const retired = reviewCard('d', 'f', TODAY, { status: 'retired', newOrder: 4 });
		const deck = makeDeck('d', [
			['a', 'Front a', 'New back a'],
			['b', 'Front b', 'New back b'],
			['c', 'Front c', 'Back c'],
			['f', 'Front f', 'Back f'],
			['n', 'Front n', 'Back n']
		]);
		const plan = planDeckSave(previous, [learned, edited, same, gone, retired], deck, 'new page', { now: NOW });
		expect(plan.deck).toMatchObject({ title: 'Deck d', source: 'new page', bundled: true, createdAt: 1, updatedAt: NOW });
		const changed = new Map(plan.changed.map((card) => [card.id, card]));
		// Progress kept, text replaced; the learner's edit kept with the page's text offered.
		expect(changed.get('d:a')).toEqual({ ...learned, back: 'New back a', generated: { front: 'Front a', back: 'New back a' } });
		expect(changed.get('d:b')).toMatchObject({ front: 'Mine', edited: true, pageChanged: { front: 'Front b', back: 'New back b' } });
		expect(plan.kept).toEqual(['d:c']);
		expect(plan.retired).toEqual([{ ...gone, status: 'retired' }]);
		expect(plan.revived.map((card) => [card.id, card.status, card.newOrder])).toEqual([['d:f', 'review', 3]]);
		expect(plan.added.map((card) => card.id)).toEqual(['d:n']);
		expect(plan.changes).toEqual({ added: 1, changed: 3, unchanged: 1, retired: 1 });
		expect(plan.changes).toEqual(deckChanges([learned, edited, same, gone, retired], deck));
	});

	test('saving the planned deck again plans nothing but the deck record', () => {
		const spec = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('F1', 'F2'), fc.constantFrom('B1', 'B2')), {
			maxLength: 4
		});
		fc.assert(
			fc.property(spec, spec, (first, second) => {
				const unique = (s: typeof first) => [...new Map(s.map((c) => [c[0], c])).values()];
				const one = planDeckSave(undefined, [], makeDeck('d', unique(first)), 'p1', { now: 1 });
				const after = (plan: typeof one, before: CardRecord[]) => {
					const cards = new Map(before.map((card) => [card.id, card]));
					for (const card of [...plan.added, ...plan.changed, ...plan.revived, ...plan.retired]) cards.set(card.id, card);
					return [...cards.values()];
				};
				const cards = after(one, []);
				const update = makeDeck('d', unique(second));
				const two = planDeckSave(one.deck, cards, update, 'p2', { now: 2 });
				const again = planDeckSave(two.deck, after(two, cards), update, 'p2', { now: 3 });
				expect([again.added, again.changed, again.revived, again.retired]).toEqual([[], [], [], []]);
				// Nothing is ever deleted: every card made once is still there.
				expect(after(two, cards).length).toBe(new Set([...unique(first), ...unique(second)].map((c) => c[0])).size);
			})
		);
	});
});

describe('a deck made by an older generator, updated by the newer one', () => {
	// The cards the generator made of this real page before issue #27: two of them asked a section's
	// question and answered with the sentence after its list. The newer generator shows those sentences
	// under the lists, keeps every id it still makes, and leaves the copy's cut-off answer finished.
	const page = readFileSync(new URL('../glossary/fixtures/real-pages/customer-feedback.txt', import.meta.url), 'utf8');
	const deck = generateDeck(page);
	const before = [
		'definition',
		'synonyms',
		'explanation:why-customer-feedback-is-important',
		'explanation:how-to-collect-customer-feedback',
		'list:how-to-collect-customer-feedback',
		'explanation:using-customer-feedback-in-product-development',
		'item:using-customer-feedback-in-product-idea-generation-1ioyfxe',
		'item:using-customer-feedback-in-product-prioritization-iostpo',
		'item:using-customer-feedback-in-product-development-iteration',
		'item:using-customer-feedback-in-product-development-validation',
		'item:using-customer-feedback-in-customer-retention-12i6fst',
		'item-reverse:using-customer-feedback-in-product-idea-generation-1ioyfxe',
		'item-reverse:using-customer-feedback-in-product-prioritization-iostpo',
		'item-reverse:using-customer-feedback-in-product-development-iteration',
		'item-reverse:using-customer-feedback-in-product-development-validation',
		'item-reverse:using-customer-feedback-in-customer-retention-12i6fst',
		'list:using-customer-feedback-in-product-development',
		'faq:why-is-customer-feedback-important-for-product-managers'
	];
	const wrong = [
		'customer-feedback:explanation:how-to-collect-customer-feedback',
		'customer-feedback:explanation:using-customer-feedback-in-product-development'
	];
	const made = new Map(deck.cards.map((card, order) => [card.id, { card, order }]));
	// Every card learned; the ones the newer generator still makes hold its text, except the lists and the cut answer, which it changed.
	const existing = before.map((key) => {
		const now = made.get(`customer-feedback:${key}`);
		const text =
			now && !/^(?:list|faq):/.test(key)
				? { front: now.card.front, back: now.card.back }
				: { front: `Old front of ${key}`, back: `Old back of ${key}` };
		return reviewCard('customer-feedback', key, TODAY + 5, {
			...text,
			generated: text,
			kind: now?.card.kind ?? 'explanation',
			newOrder: now?.order ?? 99
		});
	});

	test('retires only the two wrong cards and keeps the progress of every other card, changed or not', () => {
		const plan = planDeckSave(undefined, existing, deck, page, { now: NOW });
		expect(plan.added).toEqual([]);
		expect(plan.retired.map((card) => card.id)).toEqual(wrong);
		expect(plan.changed.map((card) => card.id)).toEqual([
			'customer-feedback:list:how-to-collect-customer-feedback',
			'customer-feedback:list:using-customer-feedback-in-product-development',
			'customer-feedback:faq:why-is-customer-feedback-important-for-product-managers'
		]);
		expect(plan.kept).toHaveLength(deck.cards.length - 3);
		for (const card of plan.changed) {
			const learned = existing.find((old) => old.id === card.id) as CardRecord;
			expect([card.status, card.dueDay, card.state, card.lastAnsweredAt]).toEqual([
				learned.status,
				learned.dueDay,
				learned.state,
				learned.lastAnsweredAt
			]);
			expect(card.back).toBe(made.get(card.id)?.card.back);
		}
		expect(plan.changes).toEqual({ added: 0, changed: 3, unchanged: deck.cards.length - 3, retired: 2 });
	});
});
