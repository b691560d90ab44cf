// `Fit to my reviews`, off the screen's thread: reads the learner's answers from the database
// itself, fits FSRS's parameters to them with FSRS's own optimizer (fsrs-browser, loaded only
// here) and scores them against the defaults on the same reviews. The page reads the fit's
// progress from shared memory meanwhile (the fit holds this thread until it ends).
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { openDatabase } from '$lib/db/database';
import { logAnswerColumns } from '$lib/db/stats';
import { errorMessage } from '$lib/format/error';
import { evaluate, type AnswerColumns } from '$lib/stats/evaluation';
import { MIN_FIT_REVIEWS, trainingItems } from '$lib/stats/fsrs-items';
import type { FittedParameters } from '$lib/srs/fsrs-options';
import type { FitReply, FitRequest } from './fit-messages';
import { fitWeights, loadOptimizer, NotIsolatedError } from './optimizer';

const scope = self as unknown as {
	addEventListener(type: 'message', listener: (event: MessageEvent<FitRequest>) => void): void;
	postMessage(message: FitReply): void;
};

async function columnsOf(request: FitRequest): Promise<AnswerColumns> {
	if (request.columns) return request.columns;
	const db = await openDatabase({ name: request.name });
	try {
		return await logAnswerColumns(db, request.deckId);
	} finally {
		// Held open, the connection would block the next schema upgrade.
		db.close();
	}
}

async function answer(request: FitRequest): Promise<FitReply> {
	const columns = await columnsOf(request);
	const items = trainingItems(columns);
	if (request.kind === 'count' || items.reviews < MIN_FIT_REVIEWS) return { kind: 'counted', reviews: items.reviews };
	const optimizer = await loadOptimizer({ url: wasmUrl });
	const weights = fitWeights(optimizer, items, (progress) => scope.postMessage({ kind: 'started', progress, reviews: items.reviews }));
	// Scored as Anki scores a fit: on the reviews it was fitted on, against the defaults.
	const scored = evaluate(columns, { parameters: weights, from: -Infinity });
	const fitted: FittedParameters = {
		weights,
		answers: items.answers,
		reviews: items.reviews,
		rmseBins: round(scored.fitted!.rmseBins),
		defaultRmseBins: round(scored.fsrs.rmseBins),
		logLoss: round(scored.fitted!.logLoss),
		defaultLogLoss: round(scored.fsrs.logLoss),
		fittedAt: Date.now()
	};
	return { kind: 'fitted', fitted };
}

/** Four decimals: what the screens show, and all a backup needs. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;

scope.addEventListener('message', (event) => {
	answer(event.data).then(
		(reply) => scope.postMessage(reply),
		(error: unknown) => scope.postMessage({ kind: 'failed', message: errorMessage(error), notIsolated: error instanceof NotIsolatedError })
	);
});
