// Scores "which fits you" off the main thread. It reads the log itself: 100,000 answers are
// megabytes of stored columns, and reading them on the main thread would hold the screen. With
// enough reviews, and shared memory (a cross-origin isolated page), FSRS is also fitted to the
// learner's earlier answers (FSRS's optimizer, loaded only here) and scored on the later ones.
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { openDatabase } from '$lib/db/database';
import { logAnswerColumns } from '$lib/db/stats';
import { canShareMemory, fitWeights, loadOptimizer } from '$lib/optimizer/optimizer';
import { evaluate, MIN_EVALUATED_REVIEWS, predictions, splitTime, type AnswerColumns, type Evaluation } from '$lib/stats/evaluation';
import { MIN_FIT_REVIEWS, trainingItems } from '$lib/stats/fsrs-items';
import { errorMessage } from '$lib/format/error';

/** Score the app's own database (by name, for tests), or answers given as columns (the benchmark; `fit: false`, two ways only). */
export type EvaluationRequest = { read: 'database'; name?: string } | { read: 'columns'; columns: AnswerColumns; fit?: boolean };
/** `unfitted`: why FSRS fitted to the learner is not among the schedulers compared. */
export type EvaluationReply = { evaluation: Evaluation; unfitted?: 'not-isolated' | 'too-few' } | { error: string };

async function columnsOf(request: EvaluationRequest): Promise<AnswerColumns> {
	if (request.read === 'columns') return request.columns;
	const db = await openDatabase({ name: request.name });
	try {
		return await logAnswerColumns(db);
	} finally {
		// Held open, the connection would block the next schema upgrade.
		db.close();
	}
}

/** SM-2, FSRS's defaults and, when it can be fitted on the earlier answers, FSRS fitted, on the later reviews. */
async function score(columns: AnswerColumns): Promise<EvaluationReply> {
	const from = splitTime(columns);
	const earlier = from === undefined ? undefined : trainingItems(columns, from);
	// Fitted FSRS is scored only on the later reviews: they must be enough to say anything (as all of them must be, two ways).
	const later = from === undefined ? 0 : predictions(columns).filter((sample) => sample.time >= from).length;
	if (from === undefined || !earlier || earlier.reviews < MIN_FIT_REVIEWS || later < MIN_EVALUATED_REVIEWS)
		return { evaluation: evaluate(columns), unfitted: 'too-few' };
	if (!canShareMemory()) return { evaluation: evaluate(columns), unfitted: 'not-isolated' };
	const weights = fitWeights(await loadOptimizer({ url: wasmUrl }), earlier);
	return { evaluation: evaluate(columns, { parameters: weights, from }) };
}

self.onmessage = async (event: MessageEvent<EvaluationRequest>) => {
	let reply: EvaluationReply;
	try {
		const columns = await columnsOf(event.data);
		reply = event.data.read === 'columns' && event.data.fit === false ? { evaluation: evaluate(columns) } : await score(columns);
	} catch (error) {
		reply = { error: errorMessage(error) };
	}
	self.postMessage(reply);
};
