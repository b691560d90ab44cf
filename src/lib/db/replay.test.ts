// The cards store is a cache of the log: after any mix of answers, undos, edits and resets, each
// card is exactly what srs replay makes of its log entries.
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { newCardSnapshot, replay, snapshotOf } from '$lib/srs/replay';
import type { Grade } from '$lib/srs/sm2';
import { cardLog, editCard, getCard, recordAnswer, resetCard, undoLastAnswer } from './index';
import { cardRecord, closeDatabases, freshDatabase, NOW, putCards, reviewCard, settings, TODAY } from './test-helpers';

afterEach(closeDatabases);

type Step =
	| { op: 'answer'; card: number; grade: Grade; wait: number }
	| { op: 'undo'; wait: number }
	| { op: 'edit'; card: number; wait: number }
	| { op: 'reset'; card: number; wait: number }
	| { op: 'session'; wait: number };

const card = fc.nat(2);
// From a few seconds to a few days between steps, so answers fall on one day and on several.
const wait = fc.oneof(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 3_600_000, max: 4 * 86_400_000 }));
const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 6, arbitrary: fc.record({ op: fc.constant('answer' as const), card, grade: fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5), wait }) },
	{ weight: 3, arbitrary: fc.record({ op: fc.constant('undo' as const), wait }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('edit' as const), card, wait }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const), card, wait }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('session' as const), wait }) }
);

test('every card equals the replay of its log, after any sequence of answers, undos, edits and resets', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
			const db = await freshDatabase();
			await db.put('meta', 'phone', 'installId');
			// A new card, a learned one and one a lapse away from being a leech.
			const start = [cardRecord('d', 'a'), reviewCard('d', 'b', TODAY - 1), reviewCard('d', 'c', TODAY, { lapses: LEECH_THRESHOLD - 1 })];
			await putCards(db, 'd', start);
			const ids = start.map((c) => c.id);
			let now = NOW;
			let session = 0;
			for (const s of steps) {
				now += s.wait;
				if (s.op === 'answer') {
					const stored = await getCard(db, ids[s.card]!);
					if (stored?.status !== 'new' && stored?.status !== 'review') continue;
					await recordAnswer(db, { cardId: ids[s.card]!, grade: s.grade, now, tookMs: 1000, sessionId: `s${session}`, settings });
				} else if (s.op === 'undo') await undoLastAnswer(db, `s${session}`, now);
				else if (s.op === 'edit') await editCard(db, ids[s.card]!, { front: `Front ${now}`, back: 'Back' });
				else if (s.op === 'reset') await resetCard(db, ids[s.card]!, now);
				else session++;
			}
			for (const [i, id] of ids.entries()) {
				const stored = (await getCard(db, id))!;
				// Cards b and c were learned before the log began: their replay starts from that state.
				const initial = i === 0 ? newCardSnapshot() : snapshotOf(start[i]!);
				const replayed = replay(initial, await cardLog(db, id), { leechThreshold: LEECH_THRESHOLD, leechAction: settings.leechAction });
				expect(snapshotOf(stored)).toEqual(replayed);
			}
			closeDatabases();
		}),
		{ numRuns: 60 }
	);
});
