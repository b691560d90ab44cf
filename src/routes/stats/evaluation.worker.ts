// Scores "which fits you" off the main thread. It reads the log itself: 100,000 answers are
// megabytes of stored columns, and reading them on the main thread would hold the screen.
import { openDatabase } from '$lib/db/database';
import { logAnswerColumns } from '$lib/db/stats';
import { evaluate, type AnswerColumns, type Evaluation } from '$lib/stats/evaluation';
import { errorMessage } from '$lib/format/error';

/** Score the app's own database (by name, for tests), or answers given as columns (the benchmark). */
export type EvaluationRequest = { read: 'database'; name?: string } | { read: 'columns'; columns: AnswerColumns };
export type EvaluationReply = { evaluation: Evaluation } | { error: string };

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

self.onmessage = async (event: MessageEvent<EvaluationRequest>) => {
	let reply: EvaluationReply;
	try {
		reply = { evaluation: evaluate(await columnsOf(event.data)) };
	} catch (error) {
		reply = { error: errorMessage(error) };
	}
	self.postMessage(reply);
};
