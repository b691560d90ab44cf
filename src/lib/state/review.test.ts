// A long session on the review screen's state, over fake-indexeddb: more cards are due than are
// loaded at once (STUDY_PAGE), and the learner must still see every one, once, in queue order.
import 'fake-indexeddb/auto';
import { afterAll, expect, test } from 'vitest';
import { putCards, reviewCard } from '$lib/db/test-helpers';
import { STUDY_PAGE, studyDayAt } from '$lib/db/study';
import { defaultSettings } from '$lib/srs/types';
import { app } from './app.svelte';
import { ReviewSession } from './review.svelte';

afterAll(() => app.db?.close());

test('a session longer than one page shows every due card once, most overdue first, and says when more are waiting', async () => {
	const db = await app.ready();
	app.settings = { ...defaultSettings, reviewsPerDay: 9999 };
	const { today } = studyDayAt(Date.now(), app.settings);
	const total = 2 * STUDY_PAGE + 30;
	// Due from 1 to 23 days ago, with easiness varying, so the order is not the order of the ids.
	const cards = Array.from({ length: total }, (_, i) =>
		reviewCard('long', `c${String(i).padStart(3, '0')}`, today - 1 - (i % 23), {
			state: { repetitions: 2, interval: 6, easiness: 1.3 + ((i * 7) % 13) / 10, repeatToday: false }
		})
	);
	await putCards(db, 'long', cards);
	const queueOrder = [...cards]
		.sort((a, b) => a.dueDay - b.dueDay || a.state.easiness - b.state.easiness || (a.id < b.id ? -1 : 1))
		.map((card) => card.id);

	const session = new ReviewSession(['long']);
	await session.start();
	expect(session.left).toBe(STUDY_PAGE);
	expect(session.leftMore).toBe(true);
	const seen: string[] = [];
	while (session.card) {
		seen.push(session.card.id);
		// Once the rest fits in what is loaded, the count is exact.
		if (!session.leftMore) expect(session.left).toBe(total - seen.length + 1);
		session.reveal();
		await session.answer(4);
		expect(session.error).toBe('');
	}
	expect(seen).toEqual(queueOrder);
	expect(session.done).toBe(true);
	expect(session.answered).toBe(total);
	expect(session.leftMore).toBe(false);
}, 60_000);
