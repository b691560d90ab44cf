// Runs the "which fits you" evaluation off the main thread: with 100,000 answers it takes a
// moment, and the stats screen must stay responsive meanwhile.
import { evaluate, type AnswerColumns, type Evaluation } from './evaluation';

export type EvaluationReply = { evaluation: Evaluation } | { error: string };

self.onmessage = (event: MessageEvent<AnswerColumns>) => {
	let reply: EvaluationReply;
	try {
		reply = { evaluation: evaluate(event.data) };
	} catch (error) {
		reply = { error: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(reply);
};
