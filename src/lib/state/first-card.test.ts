// The service worker writes the first card into the review page before the app starts; the app
// then shows its own. Both must pick the same card and counts from the same stored collection.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { cardRecord, putCards, reviewCard } from '$lib/db/test-helpers';
import { readFirstCard } from '$lib/db/first-card';
import { saveSettings, setMeta } from '$lib/db/settings';
import { studyDayAt } from '$lib/db/study';
import { defaultSettings } from '$lib/srs/types';
import { app } from './app.svelte';
import { ReviewSession } from './review.svelte';

afterAll(() => app.db?.close());

/** A card of a random kind: new, due (some overdue, some forgotten today), not yet due, suspended. */
const cardSpec = fc.record({
	kind: fc.constantFrom('new', 'due', 'later', 'repeat', 'suspended'),
	days: fc.integer({ min: 0, max: 30 }),
	easiness: fc.integer({ min: 13, max: 30 }),
	order: fc.integer({ min: 0, max: 50 }),
	// Item cards and their reverses share a related group, so burying comes into play too.
	key: fc.constantFrom('item:a', 'item-reverse:a', 'item:b', 'item-reverse:b', 'list', 'x', 'y', 'z', 'w')
});

const collection = fc.record({
	cards: fc.uniqueArray(cardSpec, { selector: (spec) => spec.key, maxLength: 9 }),
	newPerDay: fc.integer({ min: 0, max: 4 }),
	reviewsPerDay: fc.integer({ min: 0, max: 4 }),
	buryRelated: fc.boolean(),
	deckNewPerDay: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
	extraNew: fc.integer({ min: 0, max: 2 }),
	aheadDays: fc.integer({ min: 0, max: 3 })
});

let run = 0;
const seen = { card: 0, none: 0 };

test('the worker and the review screen pick the same first card and header counts', async () => {
	const db = await app.ready();
	await fc.assert(
		fc.asyncProperty(collection, async (spec) => {
			const deckId = `first${run++}`;
			const now = Date.now();
			const settings = { ...defaultSettings, newPerDay: spec.newPerDay, reviewsPerDay: spec.reviewsPerDay, buryRelated: spec.buryRelated };
			const { today, todayStartMs } = studyDayAt(now, settings);
			const cards = spec.cards.map((card) => {
				const key = card.key;
				const state = { repetitions: 2, interval: 6, easiness: card.easiness / 10, repeatToday: false };
				if (card.kind === 'new') return cardRecord(deckId, key, { newOrder: card.order });
				if (card.kind === 'due') return reviewCard(deckId, key, today - card.days, { state });
				if (card.kind === 'later') return reviewCard(deckId, key, today + 1 + (card.days % 4), { state });
				if (card.kind === 'repeat')
					return reviewCard(deckId, key, today, {
						state: { ...state, interval: 0 },
						lastAnsweredAt: todayStartMs + 1000 * (card.days + 1)
					});
				return reviewCard(deckId, key, today - card.days, { state, status: 'suspended' });
			});
			await putCards(db, deckId, cards);
			await saveSettings(db, settings);
			await setMeta(db, 'deckOptions', spec.deckNewPerDay === undefined ? {} : { [deckId]: { newPerDay: spec.deckNewPerDay } });
			await setMeta(db, 'studyMore', { [deckId]: { studyDay: today, extraNew: spec.extraNew, aheadDays: spec.aheadDays } });
			app.settings = settings;

			const written = await readFirstCard(db, deckId, now);
			const session = new ReviewSession([deckId]);
			await session.start();

			expect(written?.card?.id).toBe(session.card?.id);
			expect(written?.card?.front).toBe(session.card?.front);
			expect(written?.counts).toEqual(session.counts);
			expect(written?.left).toBe(session.left);
			expect(written?.leftMore).toBe(session.leftMore);
			expect(written?.title).toBe(`Deck ${deckId}`);
			seen[session.card ? 'card' : 'none']++;
		}),
		{ numRuns: 60 }
	);
	// The property saw sessions with a first card and sessions with nothing due.
	expect(seen.card).toBeGreaterThan(10);
	expect(seen.none).toBeGreaterThan(0);
}, 60_000);

test('the worker finds no first card for a deck that does not exist', async () => {
	const db = await app.ready();
	expect(await readFirstCard(db, 'no-such-deck', Date.now())).toBeUndefined();
});
