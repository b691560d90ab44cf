// A long session on the review screen's state, over fake-indexeddb: more cards are due than are
// loaded at once (STUDY_PAGE), and the learner must still see every one, once, in queue order.
import 'fake-indexeddb/auto';
import { afterAll, expect, test } from 'vitest';
import { cardRecord, fitted, putCards, reviewCard } from '$lib/db/test-helpers';
import { saveFsrsParameters, setDeckScheduler } from '$lib/db/scheduler';
import { answerCaptions } from '$lib/srs/answer';
import { fsrsSchedulerFor } from '$lib/srs/fsrs';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import { studyDayAt } from '$lib/db/study';
import { STUDY_PAGE } from '$lib/db/study-session';
import { cardHistory, getCard } from '$lib/db/cards';
import { saveSettings } from '$lib/db/settings';
import { defaultSettings } from '$lib/srs/types';
import { app } from './app.svelte';
import { ANSWERED_ELSEWHERE, ReviewSession } from './review.svelte';

afterAll(() => app.db?.close());

test('a session longer than one page shows every due card once, most overdue first, and says when more are waiting', async () => {
	const db = await app.ready();
	app.settings = await saveSettings(db, { ...defaultSettings, reviewsPerDay: 9999 });
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

test("an answer tapped while the screen reads today's cards again (another tab, the app back in front) is kept, not dropped", async () => {
	const db = await app.ready();
	app.settings = await saveSettings(db, { ...defaultSettings });
	const { today } = studyDayAt(Date.now(), app.settings);
	await putCards(db, 'tap', [reviewCard('tap', 'x', today - 3), reviewCard('tap', 'y', today - 2)]);
	const session = new ReviewSession(['tap']);
	await session.start();
	expect(session.card?.id).toBe('tap:x');
	session.reveal();
	// The refresh is in flight when the tap comes: both run to the end, the answer after it.
	const refreshed = session.refresh();
	const answered = session.answer(4);
	await Promise.all([refreshed, answered]);
	expect(session.error).toBe('');
	expect(session.answered).toBe(1);
	expect(session.card?.id).toBe('tap:y');
	expect((await cardHistory(db, 'tap:x')).map((entry) => entry.grade)).toEqual([4]);
});

test('two tabs on one deck: the second answer to a card is not applied, and that tab moves on saying so', async () => {
	const db = await app.ready();
	app.settings = await saveSettings(db, { ...defaultSettings });
	const { today } = studyDayAt(Date.now(), app.settings);
	await putCards(db, 'two', [reviewCard('two', 'x', today - 3), reviewCard('two', 'y', today - 2)]);
	const tabA = new ReviewSession(['two']);
	const tabB = new ReviewSession(['two']);
	await Promise.all([tabA.start(), tabB.start()]);
	expect([tabA.card?.id, tabB.card?.id]).toEqual(['two:x', 'two:x']);
	tabA.reveal();
	tabB.reveal();
	await tabA.answer(4);
	const stored = await getCard(db, 'two:x');
	await tabB.answer(5);
	expect(tabB.error).toBe('');
	expect(tabB.notice).toBe(ANSWERED_ELSEWHERE);
	expect(tabB.notice).toBe('Answered in another tab');
	expect(tabB.answered).toBe(0);
	expect(tabB.card?.id).toBe('two:y');
	expect(tabB.revealed).toBe(false);
	expect(await getCard(db, 'two:x')).toEqual(stored);
	expect((await cardHistory(db, 'two:x')).map((entry) => entry.grade)).toEqual([4]);
});

test('Undo takes back a burial, a suspension and an answer, newest first, each card shown again', async () => {
	const db = await app.ready();
	app.settings = await saveSettings(db, { ...defaultSettings });
	const { today } = studyDayAt(Date.now(), app.settings);
	await putCards(db, 'undo', [reviewCard('undo', 'x', today - 3), reviewCard('undo', 'y', today - 2), reviewCard('undo', 'z', today - 1)]);
	const session = new ReviewSession(['undo']);
	await session.start();
	expect(session.canUndo).toBe(false);
	expect(session.card?.id).toBe('undo:x');
	session.reveal();
	await session.answer(4);
	expect(session.card?.id).toBe('undo:y');
	await session.bury();
	expect(session.card?.id).toBe('undo:z');
	await session.suspend();
	expect(session.done).toBe(true);
	expect((await getCard(db, 'undo:z'))?.status).toBe('suspended');

	await session.undo();
	expect(session.error).toBe('');
	expect(session.notice).toBe('Suspension undone.');
	expect(session.card?.id).toBe('undo:z');
	expect((await getCard(db, 'undo:z'))?.status).toBe('review');
	expect(session.left).toBe(1);

	await session.undo();
	expect(session.notice).toBe('Burial undone.');
	expect(session.card?.id).toBe('undo:y');
	expect(session.left).toBe(2);
	// Back in today's sessions for good: a new session sees it too.
	const later = new ReviewSession(['undo']);
	await later.start();
	expect(later.card?.id).toBe('undo:y');

	await session.undo();
	expect(session.notice).toBe('Answer undone.');
	expect(session.card?.id).toBe('undo:x');
	expect(session.answered).toBe(0);
	expect(await cardHistory(db, 'undo:x')).toEqual([]);
	expect(session.canUndo).toBe(false);
	await session.undo();
	expect(session.notice).toBe('Nothing to undo in this session.');
});

test('Show answer tapped while an undo is saved is not taken: the card undone comes back with its answer hidden', async () => {
	const db = await app.ready();
	app.settings = await saveSettings(db, { ...defaultSettings });
	const { today } = studyDayAt(Date.now(), app.settings);
	await putCards(db, 'undo', [reviewCard('undo', 'x', today - 3), reviewCard('undo', 'y', today - 2)]);
	const session = new ReviewSession(['undo']);
	await session.start();
	session.reveal();
	await session.answer(4);
	expect(session.card?.id).toBe('undo:y');
	// The tap lands while the undo is saved, on the card that is about to give way.
	const undone = session.undo();
	expect(session.saving).toBe(true);
	session.reveal();
	expect(session.revealed).toBe(false);
	await undone;
	expect(session.card?.id).toBe('undo:x');
	expect(session.revealed).toBe(false);
	session.reveal();
	expect(session.revealed).toBe(true);
});

test('a deck on FSRS with its own fitted parameters: its buttons say what its own parameters give, not Settings’', async () => {
	const db = await app.ready();
	app.settings = await saveSettings(db, { ...defaultSettings });
	await putCards(db, 'own', [cardRecord('own', 'x')]);
	await setDeckScheduler(db, 'own', 'fsrs', app.settings);
	// A learner who remembers far longer than FSRS's defaults assume: Easy on a new card reaches weeks further.
	const own = { ...fitted, weights: fitted.weights.map((w, i) => (i === 3 ? 60 : w)) };
	await saveFsrsParameters(db, { deckId: 'own' }, own);
	const session = new ReviewSession(['own']);
	await session.start();
	session.reveal();
	await expect.poll(() => session.buttons.every((button) => button.interval !== '')).toBe(true);
	const card = session.card!;
	const now = Date.now();
	const { today } = studyDayAt(now, app.settings);
	const grades = session.buttons.map((button) => button.grade);
	const captionsWith = (deckOptions?: { fsrsParameters: typeof own }) =>
		answerCaptions(card, grades, now, today, {
			scheduler: fsrsSchedulerFor(fsrsOptionsOf(app.settings, deckOptions)),
			dayStartHour: app.settings.dayStartHour
		}).map((caption) => caption.interval);
	expect(captionsWith({ fsrsParameters: own })).not.toEqual(captionsWith());
	expect(session.buttons.map((button) => button.interval)).toEqual(captionsWith({ fsrsParameters: own }));
});
