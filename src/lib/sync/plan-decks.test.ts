// The decks' merge rule: last writer wins for the deck, card by card for the text each side changed.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { CardRecord, DeckRecord } from '$lib/db/schema';
import { cardRecord } from '$lib/db/test-helpers';
import { deckDoc, type DeckDoc } from './documents';
import { deckContent, planDecks, syncedDeck, type SyncedDecks } from './plan-decks';

const baseDeck: DeckRecord = { id: 'd', title: 'Deck', question: 'What?', source: 'page', bundled: false, createdAt: 1, updatedAt: 1 };
const baseCards = ['x', 'y', 'z'].map((key, i) => cardRecord('d', key, { newOrder: i }));
const synced: SyncedDecks = { d: syncedDeck('1-base', deckDoc(baseDeck, baseCards)) };

interface Side {
	deck: DeckRecord;
	cards: CardRecord[];
}

/** One device's version of the deck since the last sync: maybe a new title, some cards' text edited, saved at `updatedAt`. */
const side = (name: string, updatedAt: number): fc.Arbitrary<Side> =>
	fc
		.record({
			title: fc.constantFrom('Deck', `Deck of the ${name}`),
			edits: fc.array(fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }), { minLength: 3, maxLength: 3 })
		})
		.map(({ title, edits }) => ({
			deck: { ...baseDeck, title, updatedAt },
			cards: baseCards.map((card, i) => {
				const at = edits[i];
				return at === undefined ? card : { ...card, front: `${card.front} (${name})`, edited: true, editedAt: at };
			})
		}));

/** Two devices' versions, saved at different moments. */
const twoSides = fc
	.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 2, max: 9 }))
	.filter(([a, b]) => a !== b)
	.chain(([a, b]) => fc.tuple(side('laptop', a), side('phone', b)));

/** The document a side's deck is on the server as: its own revision once it changed it, else the last synced one. */
function docOf(name: string, version: Side): DeckDoc {
	const doc = deckDoc(version.deck, version.cards);
	return { ...doc, _rev: deckContent(doc) === synced.d!.content ? '1-base' : `2-${name}` };
}

/** A device's sync of the deck against the server's document: the plan, and the deck it then has. */
function syncOf(here: Side, server: DeckDoc, before = synced) {
	const plan = planDecks(
		{ decks: [here.deck], cards: here.cards, synced: before, fresh: false },
		new Map([['d', server]]),
		new Set(),
		new Set()
	);
	const deck = plan.decks.find((taken) => taken.id === 'd') ?? here.deck;
	const cards = here.cards.map((card) => plan.fromDocs.get(card.id) ?? card);
	return { plan, after: { deck, cards } };
}

const conflictsOf = (plan: ReturnType<typeof planDecks>) => plan.cardConflicts.map(({ cardId, kept }) => [cardId, kept.front]);

/** What a deck holds, as its document carries it, less when it was made and saved. */
const contentOf = ({ deck, cards }: Side) => ({ ...deckDoc(deck, cards), deck: { ...deck, createdAt: 0, updatedAt: 0 } });

describe('planDecks', () => {
	test('a deck changed on two devices ends the same on both, whichever of them syncs it', () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				const onLaptop = syncOf(laptop, docOf('phone', phone));
				const onPhone = syncOf(phone, docOf('laptop', laptop));
				expect(contentOf(onLaptop.after)).toEqual(contentOf(onPhone.after));
				// Changed on both, the later save's title is kept.
				const later = laptop.deck.updatedAt > phone.deck.updatedAt ? laptop : phone;
				if (docOf('laptop', laptop)._rev !== '1-base' && docOf('phone', phone)._rev !== '1-base')
					expect(onLaptop.after.deck.title).toBe(later.deck.title);
				// A card whose text both changed is the same conflict on both, the later edit kept.
				expect(conflictsOf(onLaptop.plan)).toEqual(conflictsOf(onPhone.plan));
			})
		);
	});

	test("a second sync against the server's copy changes nothing but, at most, when the deck was saved", () => {
		fc.assert(
			fc.property(twoSides, ([laptop, phone]) => {
				const first = syncOf(laptop, docOf('phone', phone));
				// What the server holds afterwards, at its new revision, and what the device noted of it.
				const sentDoc = first.plan.outbox.find((doc): doc is DeckDoc => doc.type === 'deck');
				const server = sentDoc ? { ...sentDoc, _rev: '3-laptop' } : docOf('phone', phone);
				const noted = sentDoc ? { ...first.plan.syncedDecks, d: syncedDeck('3-laptop', server) } : first.plan.syncedDecks;
				const second = syncOf(first.after, server, noted);
				expect(second.plan).toMatchObject({ outbox: [], cardConflicts: [], conflicts: [], deletedDecks: [] });
				expect(second.plan.syncedDecks).toEqual(noted);
				expect(contentOf(second.after)).toEqual(contentOf(first.after));
				// The same content saved at another moment: the device takes the server's record, so all agree.
				expect(second.plan.decks).toEqual(JSON.stringify(first.after.deck) === JSON.stringify(server.deck) ? [] : [server.deck]);
				expect(syncOf(second.after, server, second.plan.syncedDecks).plan.decks).toEqual([]);
			})
		);
	});

	test('a deck deleted on one device goes on the other, and one deleted here leaves a tombstone', () => {
		const doc = { ...deckDoc(baseDeck, baseCards), _rev: '1-base' };
		const here = { decks: [baseDeck], cards: baseCards, synced, fresh: false };
		expect(planDecks(here, new Map(), new Set(['d']), new Set())).toMatchObject({
			deletedDecks: ['d'],
			decksRemoved: ['Deck'],
			removed: new Set(['d']),
			syncedDecks: {},
			decksNow: new Map()
		});
		const gone = planDecks({ decks: [], cards: [], synced, fresh: false }, new Map([['d', doc]]), new Set(), new Set());
		expect(gone.outbox).toEqual([{ _id: 'deck:d', _rev: '1-base', _deleted: true }]);
		expect(gone).toMatchObject({ decks: [], removed: new Set(['d']), syncedDecks: {} });
	});
});
