// A card imported from Anki keeps the state Anki gave it, and stays a fold of its log: after any
// answers and undos here, replaying its log (as a sync or an undo does) gives exactly the card.
import { readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import { importPackage } from '$lib/anki/import-package';
import { readPackage } from '$lib/anki/package';
import { loadSqlite } from '$lib/anki/sqlite';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { lastRun } from '$lib/srs/answer-runs';
import { FsrsScheduler, fsrsDueDay } from '$lib/srs/fsrs';
import { fsrsOptionsOf } from '$lib/srs/fsrs-options';
import { fsrsFoldRun } from '$lib/srs/fsrs-switch';
import { matchesLog, newCardSnapshot, replay, snapshotOf } from '$lib/srs/replay';
import type { Grade } from '$lib/srs/sm2';
import { saveAnkiImport } from './anki';
import { cardLog, getCard, recordAnswer, undoLastAnswer } from './index';
import { closeDatabases, freshDatabase, NOW, settings, TODAY } from './test-helpers';

afterEach(closeDatabases);

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });
const packageOf = (file: string) =>
	importPackage(readPackage(new Uint8Array(readFileSync(new URL(`../anki/fixtures/${file}`, import.meta.url))), sqlite), {
		dayStartHour: settings.dayStartHour,
		today: TODAY
	});
const fsrs = new FsrsScheduler(fsrsOptionsOf(settings));
const rules = { leechThreshold: LEECH_THRESHOLD, leechAction: settings.leechAction };

type Step = { op: 'answer'; card: number; grade: Grade; wait: number } | { op: 'undo'; wait: number } | { op: 'session'; wait: number };
const wait = fc.oneof(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 3_600_000, max: 4 * 86_400_000 }));
const step: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({ op: fc.constant('answer' as const), card: fc.nat(40), grade: fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5), wait })
	},
	{ weight: 3, arbitrary: fc.record({ op: fc.constant('undo' as const), wait }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('session' as const), wait }) }
);

/** Every card of the import is what a replay of its log gives: SM-2's state, and FSRS's memory for a card that has one. */
async function expectFoldsOfTheirLogs(db: Awaited<ReturnType<typeof freshDatabase>>, ids: readonly string[]) {
	for (const id of ids) {
		const stored = (await getCard(db, id))!;
		const log = await cardLog(db, id);
		if (stored.fsrs) {
			const memory = fsrsFoldRun(lastRun(log), fsrs, settings.dayStartHour);
			expect(stored.fsrs).toEqual(memory);
			expect(stored.dueDay).toBe(fsrsDueDay(memory!));
		} else {
			const replayed = replay(newCardSnapshot(), log, rules);
			expect({ id, ...snapshotOf(stored) }).toEqual({ id, ...(matchesLog(stored, replayed) ? snapshotOf(stored) : replayed) });
		}
	}
}

for (const file of ['anki21b-small-deck.apkg', 'anki21-mixed-notetypes-fsrs.apkg']) {
	test(`${file}: each imported card equals the replay of its log, as imported and after any answers and undos`, async () => {
		const imported = await packageOf(file);
		await fc.assert(
			fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
				const db = await freshDatabase();
				await db.put('meta', 'phone', 'installId');
				await saveAnkiImport(db, imported, NOW);
				const ids = imported.cards.map((card) => card.id);
				// As imported: Anki's own state (not SM-2's replay of Anki's answers) is what the log folds to.
				for (const card of imported.cards) {
					const stored = (await getCard(db, card.id))!;
					expect(snapshotOf(stored)).toEqual(snapshotOf(card.schedule));
				}
				await expectFoldsOfTheirLogs(db, ids);
				// Which needs the imported states: without them, the fold of Anki's answers is another state.
				let differ = 0;
				for (const id of ids) {
					const stored = (await getCard(db, id))!;
					const answers = (await cardLog(db, id)).filter((entry) => entry.kind !== 'state');
					if (stored.fsrs)
						differ += JSON.stringify(fsrsFoldRun(lastRun(answers), fsrs, settings.dayStartHour)) === JSON.stringify(stored.fsrs) ? 0 : 1;
					else differ += matchesLog(stored, replay(newCardSnapshot(), answers, rules)) ? 0 : 1;
				}
				expect(differ).toBeGreaterThan(0);
				let now = NOW;
				let session = 0;
				for (const s of steps) {
					now += s.wait;
					if (s.op === 'answer') {
						const id = ids[s.card % ids.length]!;
						const stored = await getCard(db, id);
						if (stored?.status !== 'new' && stored?.status !== 'review') continue;
						await recordAnswer(db, { cardId: id, grade: s.grade, now, tookMs: 1000, sessionId: `s${session}`, settings });
					} else if (s.op === 'undo') await undoLastAnswer(db, `s${session}`, now);
					else session++;
				}
				await expectFoldsOfTheirLogs(db, ids);
				closeDatabases();
			}),
			{ numRuns: 12 }
		);
	});
}
