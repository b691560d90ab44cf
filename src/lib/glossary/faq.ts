// Questions with their answers in every dress a page gives them: "Question 1: ...? Answer: ...",
// "Q: ... A: ...", the glossary's "Question?: Answer", "Question? Answer" under a FAQ heading or in a
// short rendering, and a question (a line or a heading) with its answer in the lines below it.
import { sentencesOf } from './sentences';
import type { FaqEntry, ParserWork } from './types';

export const FAQ_HEADING = /\b(?:faqs?|frequently asked questions|questions (?:and|&) answers|q ?& ?a|common questions)\b/i;

export const QUESTION_LABEL = /^(?:question|q)\s*#?\d{0,9}\s*(?:[:.)]\s*|[-–—]\s+)/i;
// Only "Answer:" or "A:" with a colon: "the answer. It depends" is prose.
const ANSWER_LABEL = /(?:^|\s)(answer|a)\s*\d{0,9}\s*[:：]\s*/gi;
// The glossary's own style: "What is X?: It is ...".
const ASKED_COLON = /\?\s?[:：]\s*/;

type FaqRead = { question: string; answer: string; labelled: boolean } | { answer: string } | null;

/**
 * One line of a FAQ: "Question 2: Can ...? Answer: ...", "Can ...?: ...", "Q: ...? A: ...",
 * a question alone (its answer follows; answer ''), or an answer alone ("Answer: ...").
 * labelled: the line carries a sign of being a FAQ entry, so it counts even under a heading that does not say FAQ.
 */
function readFaqUnit(text: string, inFaq: boolean, work: ParserWork): FaqRead {
	const label = QUESTION_LABEL.exec(text);
	const body = (label ? text.slice(label[0].length) : text).replace(/^\d{1,9}[.)] /, '');
	const asked = ASKED_COLON.exec(body);
	ANSWER_LABEL.lastIndex = 0;
	for (let match = ANSWER_LABEL.exec(body); match; match = ANSWER_LABEL.exec(body)) {
		work.steps++;
		if (asked && asked.index < match.index) break;
		const explicit = (match[1] as string).toLowerCase() === 'answer';
		const labelAt = match[0].startsWith(' ') ? match.index + 1 : match.index;
		if (labelAt === 0) return { answer: body.slice(match[0].length).trim() };
		// "Plan A: ..." inside a question is no answer label; right after a "?" it is.
		if (explicit || body[labelAt - 2] === '?' || body[labelAt - 1] === '?') {
			return { question: body.slice(0, labelAt).trim(), answer: body.slice(match.index + match[0].length).trim(), labelled: true };
		}
		ANSWER_LABEL.lastIndex = match.index + 1;
	}
	if (asked && asked.index > 0) {
		return { question: body.slice(0, asked.index + 1).trim(), answer: body.slice(asked.index + asked[0].length).trim(), labelled: true };
	}
	if (inFaq) {
		// Under a FAQ heading, "How long is a sprint? Usually two weeks." needs no labels.
		const mark = body.indexOf('? ');
		if (mark > 0) return { question: body.slice(0, mark + 1), answer: body.slice(mark + 2).trim(), labelled: label !== null };
	}
	if (label || body.endsWith('?')) return { question: body, answer: '', labelled: label !== null };
	return null;
}

export interface FaqUnit {
	text: string;
	isHeading: boolean;
}

/** Pairs questions with answers: on one line, or a question line (or heading) followed by answer lines. */
export function readFaq(units: FaqUnit[], inFaq: boolean, work: ParserWork): { entries: FaqEntry[]; labelled: number } {
	const entries: FaqEntry[] = [];
	let labelled = 0;
	// The question still waiting for its answer lines; a question without any answer makes no entry.
	let asked: string | null = null;
	let answer: string[] = [];
	const flush = () => {
		if (asked !== null && answer.length > 0) entries.push({ question: asked, answer: answer.join('\n\n') });
		asked = null;
		answer = [];
	};
	for (const unit of units) {
		work.steps++;
		// While a question waits for its answer, a line with a "?" inside is that answer, not a new entry.
		const read = readFaqUnit(unit.text, inFaq && !unit.isHeading && asked === null, work);
		if (read && 'question' in read) {
			if (read.labelled) labelled++;
			flush();
			if (read.answer !== '') entries.push({ question: read.question, answer: read.answer });
			else asked = read.question;
		} else if (asked !== null && !unit.isHeading) {
			const line = read ? read.answer : unit.text;
			if (line !== '') answer.push(line);
		}
	}
	flush();
	return { entries, labelled };
}

/** Words a question opens with, so "Why? Because." is asked and "Great? Not quite" is not. */
const ASKING =
	/^(?:what|what's|why|how|when|where|which|who|whom|whose|is|are|was|were|can|could|should|would|will|does|do|did|has|have)\b/i;

/**
 * A paragraph that asks a question and answers it at once, as a short rendering without a FAQ heading
 * writes them: "What are heuristics in Heuristic Evaluation? Heuristics are ..." -> the entry. Null otherwise.
 */
export function askedAndAnswered(text: string): FaqEntry | null {
	if (!ASKING.test(text)) return null;
	const sentences = sentencesOf(text);
	const question = sentences[0] as string;
	if (!question.endsWith('?') || sentences.length < 2) return null;
	return { question, answer: sentences.slice(1).join(' ') };
}

/** A paragraph that is a question alone ("How long should a sprint be?"), waiting for its answer below. */
export function isQuestionAlone(text: string): boolean {
	return ASKING.test(text) && text.endsWith('?') && sentencesOf(text).length === 1;
}
