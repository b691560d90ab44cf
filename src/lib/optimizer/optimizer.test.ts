// FSRS's optimizer in Node: on a real learner's history (the Anki sample deck's 3,470 answers,
// imported as the app imports them and read back from the log as the Worker reads it), and on a
// synthetic learner whose memory follows FSRS with parameters of its own.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { default_w, FSRSAlgorithm, type FSRSState } from 'ts-fsrs';
import { importPackage } from '$lib/anki/import-package';
import { readPackage } from '$lib/anki/package';
import { loadSqlite } from '$lib/anki/sqlite';
import { saveAnkiImport } from '$lib/db/anki';
import { logAnswerColumns } from '$lib/db/stats';
import { closeDatabases, freshDatabase, NOW, settings, TODAY } from '$lib/db/test-helpers';
import { FSRS_PARAMETER_RANGES } from '$lib/srs/fsrs-options';
import { answerColumns, evaluate, splitTime, type AnswerColumns } from '$lib/stats/evaluation';
import { trainingItems } from '$lib/stats/fsrs-items';
import { fitWeights, loadOptimizer, readProgress, type FitProgress } from './optimizer';

afterAll(closeDatabases);

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });
const optimizer = await loadOptimizer({ binary: new Uint8Array(readFileSync('node_modules/fsrs-browser/fsrs_browser_bg.wasm')) });
const defaults = default_w.map((w) => Math.round(w * 10_000) / 10_000);
const inRange = (weights: number[]) => weights.every((w, i) => w >= FSRS_PARAMETER_RANGES[i]![0] && w <= FSRS_PARAMETER_RANGES[i]![1]);

async function ankiSampleColumns(): Promise<AnswerColumns> {
	const bytes = new Uint8Array(readFileSync(new URL('../anki/fixtures/anki21-cloze-with-scheduling.apkg', import.meta.url)));
	const imported = await importPackage(readPackage(bytes, sqlite), { dayStartHour: settings.dayStartHour, today: TODAY });
	const db = await freshDatabase();
	await saveAnkiImport(db, imported, NOW);
	return logAnswerColumns(db);
}

/** mulberry32, so the synthetic learner is the same on every run. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/**
 * A learner who forgets far sooner than FSRS's defaults expect (first stabilities a quarter of
 * theirs, a steeper forgetting curve): each card answered Good on its first day, then after 1 to
 * 30 days, remembered (Good) with the chance FSRS gives under this learner's own parameters.
 */
function forgetfulLearner(cards: number, answersPerCard: number): AnswerColumns {
	const own = [...default_w];
	for (const i of [0, 1, 2, 3]) own[i] = own[i]! / 4;
	own[20] = 0.8;
	const memory = new FSRSAlgorithm({ w: own, enable_short_term: true });
	const next = random(29);
	const answers: { cardId: string; studyDay: number; time: number; grade: number }[] = [];
	for (let card = 0; card < cards; card++) {
		let day = Math.floor(next() * 100);
		let state: FSRSState = memory.next_state(null, 0, 3);
		answers.push({ cardId: `c${card}`, studyDay: day, time: day * 86_400_000 + card, grade: 4 });
		for (let n = 1; n < answersPerCard; n++) {
			const gap = 1 + Math.floor(next() * 30);
			day += gap;
			const remembered = next() < memory.forgetting_curve(gap, state.stability);
			answers.push({ cardId: `c${card}`, studyDay: day, time: day * 86_400_000 + card, grade: remembered ? 4 : 1 });
			state = memory.next_state(state, gap, remembered ? 3 : 1);
		}
	}
	return answerColumns(answers);
}

describe('FSRS’s optimizer', { timeout: 120_000 }, () => {
	test('on the Anki sample: parameters of its own, closer on the reviews fitted on; on the later reviews the defaults stay closer', async () => {
		const columns = await ankiSampleColumns();
		expect(columns.cards.length).toBe(3470);

		// Fitted on everything, as `Fit to my reviews` fits: the reviews fitted on are predicted better.
		const all = trainingItems(columns);
		expect(all).toMatchObject({ reviews: 2025, answers: 3470 });
		let progress: FitProgress | undefined;
		const weights = fitWeights(optimizer, all, (announced) => (progress = announced));
		expect(weights).toHaveLength(21);
		expect(inRange(weights)).toBe(true);
		expect(weights).not.toEqual(defaults);
		expect(readProgress(progress!)).toEqual({ done: expect.any(Number), total: expect.any(Number) });
		const fittedOn = evaluate(columns, { parameters: weights, from: -Infinity });
		expect(fittedOn.reviews).toBe(2025);
		expect(fittedOn.fitted!.logLoss).toBeLessThan(fittedOn.fsrs.logLoss);

		// Fitted on the earlier three quarters, scored on the latest quarter, which it never saw (after
		// the learner's two-month break): this learner's later recall is predicted better by the
		// defaults, and Which fits you says so rather than crediting the fit.
		const from = splitTime(columns)!;
		const earlier = trainingItems(columns, from);
		expect(earlier.reviews).toBe(1518);
		const held = fitWeights(optimizer, earlier);
		expect(held).not.toEqual(defaults);
		const later = evaluate(columns, { parameters: held, from });
		expect(later.reviews).toBe(507);
		expect(later.fitted!.logLoss).toBeGreaterThan(later.fsrs.logLoss);
		expect(later.best).toBe('fsrs');
	});

	test('a learner whose memory is not the defaults’: fitted on the earlier reviews, it predicts the later ones better', () => {
		const columns = forgetfulLearner(400, 6);
		const from = splitTime(columns)!;
		const weights = fitWeights(optimizer, trainingItems(columns, from));
		expect(inRange(weights)).toBe(true);
		const later = evaluate(columns, { parameters: weights, from });
		expect(later.reviews).toBeGreaterThan(400);
		expect(later.fitted!.logLoss).toBeLessThan(later.fsrs.logLoss);
		expect(later.fitted!.rmseBins).toBeLessThan(later.fsrs.rmseBins);
		expect(later.best).toBe('fitted');
		expect(later.sureness).toBeGreaterThanOrEqual(0.95);
	});
});
