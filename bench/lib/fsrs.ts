// The FSRS figures: replaying 100,000 answers through FSRS (Node), and the "which fits you"
// evaluation of 100,000 answers and `Fit to my reviews` on them, in the app's own built Workers (Chromium).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FsrsScheduler, newFsrsState, studyClock, type FsrsState } from '../../src/lib/srs/fsrs';
import type { Grade } from '../../src/lib/srs/sm2';
import { summarize, type Summary } from './stats';

const HOUR = 3_600_000;
export const FSRS_CARDS = 10_000;
export const FSRS_ANSWERS_PER_CARD = 10;

/** Card i's answer j: a day every 1..20 days apart, Again one time in seven, else Hard/Good/Easy. */
function answerOf(i: number, j: number): { day: number; ms: number; grade: Grade } {
	const grade = (i + 3 * j) % 7 === 3 ? 1 : ((3 + ((i + j) % 3)) as Grade);
	return { day: 20_000 + j * (1 + (i % 20)), ms: HOUR * (1 + ((i + j) % 12)), grade };
}

/** Every card's answers through FSRS, card by card; the cards' final states. */
function replayAll(scheduler: FsrsScheduler): FsrsState[] {
	const states: FsrsState[] = [];
	for (let i = 0; i < FSRS_CARDS; i++) {
		let state = newFsrsState();
		for (let j = 0; j < FSRS_ANSWERS_PER_CARD; j++) {
			const { day, ms, grade } = answerOf(i, j);
			state = scheduler.review(state, grade, studyClock(day, ms));
		}
		states.push(state);
	}
	return states;
}

export function fsrsReplay(warmup: number, runs: number): Summary {
	const scheduler = new FsrsScheduler();
	const times: number[] = [];
	for (let k = 0; k < warmup + runs; k++) {
		const start = performance.now();
		replayAll(scheduler);
		if (k >= warmup) times.push(performance.now() - start);
	}
	return summarize(times);
}

/** The built Worker's URL path (its name carries a hash): the evaluation's, or `fit.worker` (FSRS's optimizer). */
export function evaluationWorkerPath(buildDir: string, name = 'evaluation.worker'): string {
	const dir = join(buildDir, '_app', 'immutable', 'workers');
	const file = readdirSync(dir).find((entry) => entry.startsWith(name));
	if (!file) throw new Error(`No ${name} in ${dir}`);
	return `/_app/immutable/workers/${file}`;
}

/** The benchmark's 100,000 answers as typed-column arrays (plain, to cross into the page). */
function answerArrays() {
	const answers = { cards: [] as number[], studyDays: [] as number[], times: [] as number[], grades: [] as number[] };
	for (let i = 0; i < FSRS_CARDS; i++) {
		for (let j = 0; j < FSRS_ANSWERS_PER_CARD; j++) {
			const { day, ms, grade } = answerOf(i, j);
			answers.cards.push(i);
			answers.studyDays.push(day);
			answers.times.push(day * 86_400_000 + ms);
			answers.grades.push(grade);
		}
	}
	return answers;
}

/**
 * `Fit to my reviews` on 100,000 answers: posts them to the app's fitting Worker (FSRS's optimizer,
 * single-threaded, on a cross-origin isolated page) and times each round trip until the fitted
 * parameters and their scores come back. The first run loads the WebAssembly; later ones reuse it.
 */
export async function fitInWorker(page: Page, workerPath: string, warmup: number, runs: number): Promise<Summary> {
	const answers = answerArrays();
	const times = await page.evaluate(
		async ({ workerPath, answers, warmup, runs }) => {
			if (!crossOriginIsolated) throw new Error('The page is not cross-origin isolated: FSRS’s optimizer cannot run');
			const worker = new Worker(workerPath, { type: 'module' });
			const out: number[] = [];
			for (let k = 0; k < warmup + runs; k++) {
				const columns = {
					cards: Int32Array.from(answers.cards),
					studyDays: Int32Array.from(answers.studyDays),
					times: Float64Array.from(answers.times),
					grades: Uint8Array.from(answers.grades)
				};
				const start = performance.now();
				const reply = await new Promise<{ kind: string; message?: string }>((resolve) => {
					worker.onmessage = (event) => {
						if (event.data.kind !== 'started') resolve(event.data);
					};
					worker.postMessage({ kind: 'fit', columns });
				});
				if (reply.kind !== 'fitted') throw new Error(reply.message ?? `no fit: ${reply.kind}`);
				if (k >= warmup) out.push(performance.now() - start);
			}
			worker.terminate();
			return out;
		},
		{ workerPath, answers, warmup, runs }
	);
	return summarize(times);
}

/**
 * Posts 100,000 answers (as the stats screen posts them: typed columns, transferred) to the app's
 * Worker in a page of the app, and times each round trip until the figures come back.
 */
export async function evaluationInWorker(page: Page, workerPath: string, warmup: number, runs: number): Promise<Summary> {
	const answers = answerArrays();
	const times = await page.evaluate(
		async ({ workerPath, answers, warmup, runs }) => {
			const worker = new Worker(workerPath, { type: 'module' });
			const out: number[] = [];
			for (let k = 0; k < warmup + runs; k++) {
				const c = {
					cards: Int32Array.from(answers.cards),
					studyDays: Int32Array.from(answers.studyDays),
					times: Float64Array.from(answers.times),
					grades: Uint8Array.from(answers.grades)
				};
				const start = performance.now();
				const reply = await new Promise<{ evaluation?: { reviews: number }; error?: string }>((resolve) => {
					worker.onmessage = (event) => resolve(event.data);
					worker.postMessage({ read: 'columns', columns: c, fit: false }, [
						c.cards.buffer,
						c.studyDays.buffer,
						c.times.buffer,
						c.grades.buffer
					]);
				});
				if (reply.error || !reply.evaluation) throw new Error(reply.error ?? 'no evaluation');
				if (k >= warmup) out.push(performance.now() - start);
			}
			worker.terminate();
			return out;
		},
		{ workerPath, answers, warmup, runs }
	);
	return summarize(times);
}
