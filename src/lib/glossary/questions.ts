// How a page's headings and questions read to a learner: a heading turned into an English question
// or a prompt, a prompt added after a heading, and whether a question asks for the page's definition.
import { trimEnd } from './text';

const QUESTION_WORD_WITH_VERB = /^(why|how|when|where)\s+(.+?)\s+(is|are|was|were)\s+(.+)$/i;
/** Verbs a heading puts after its subject: "Why Jobs to Be Done Helps Teams", "Why Personas Matter". */
const HEADING_VERBS = new Set(
	(
		'help matter work fail improve drive create support reduce increase make enable keep give lead change ' +
		'affect shape build save cost win need succeed use uncover find choose measure run plan write grow learn differ ' +
		'prioritize prioritise evolve'
	).split(' ')
);
const CLAUSE_WORDS = /^(?:to|that|which|who|whose|if|when|and|or)$/i;

/**
 * A heading as a question a learner reads as English: a question stays as written,
 * "Why X are Y" becomes "Why are X Y?", "Why X Helps Y" "Why does X help Y?", "How to X" "How do you x?",
 * "What Makes X" "What Makes X?". Any other heading ("Benefits of Roadmaps") is kept as a prompt,
 * "Benefits of Roadmaps: explain", since adding a question mark to a noun phrase makes no question.
 */
export function headingAsQuestion(heading: string): string {
	const text = trimEnd(heading.trim(), ' :;,.!…');
	if (text.endsWith('?') || text.endsWith('？')) return text;
	const words = text.split(' ');
	const asks = (words[0] ?? '').toLowerCase();
	if (text.length <= 200) {
		const match = QUESTION_WORD_WITH_VERB.exec(text);
		if (match) {
			const [, asking, subject, verb, rest] = match as unknown as [string, string, string, string, string];
			// Only a short plain subject can be swapped with its verb: "Why Teams that are Late Fail" cannot.
			const subjectWords = subject.split(' ');
			if (subjectWords.length <= 4 && !subjectWords.some((w) => CLAUSE_WORDS.test(w))) return `${asking} ${verb} ${subject} ${rest}?`;
		}
		if (asks === 'how' && words[1]?.toLowerCase() === 'to' && words.length > 2) {
			return `${words[0]} do you ${lowerFirst(words[2] as string)} ${words.slice(3).join(' ')}`.trim() + '?';
		}
		if (asks === 'why' || asks === 'how') {
			// The first verb after the subject: "Helps" (one subject, "does") or "Matter" (many, "do").
			for (let i = 2; i < words.length && i <= 6; i++) {
				const word = (words[i] as string).toLowerCase();
				if (word !== 'to' && CLAUSE_WORDS.test(word)) break;
				const single = word.endsWith('s') && HEADING_VERBS.has(word.slice(0, -1));
				if (!single && !HEADING_VERBS.has(word)) continue;
				const subject =
					i === 2 && /^(?:it|they|this|these)$/i.test(words[1] as string)
						? (words[1] as string).toLowerCase()
						: words.slice(1, i).join(' ');
				const base = single ? word.slice(0, -1) : word;
				return `${words[0]} ${single ? 'does' : 'do'} ${subject} ${[base, ...words.slice(i + 1)].join(' ')}?`;
			}
		}
		if (['what', 'which', 'who', 'when', 'where', 'can', 'should', 'does', 'do', 'is', 'are'].includes(asks) && words.length > 1) {
			return `${text}?`;
		}
	}
	return `${text}: explain`;
}

function lowerFirst(word: string): string {
	// "Develop" becomes "develop", but "MVP" or "iOS" stay as written.
	return /^\p{Lu}\p{Ll}*$/u.test(word) ? word.toLowerCase() : word;
}

/** A heading followed by a prompt: "Key Skills: name all 5", or "What are the skills? Name all 5". */
export function withPrompt(heading: string, prompt: string): string {
	const text = trimEnd(heading.trim(), ' :;,.!…');
	if (text.endsWith('?') || text.endsWith('？')) return `${text} ${prompt.charAt(0).toUpperCase()}${prompt.slice(1)}`;
	return `${text}: ${prompt}`;
}

/**
 * "What are the benefits of ...", "What is the role of ...": questions about an aspect of the term, which
 * name the aspect after "the" and the term after "of" ("What are Steps?" still asks what steps are).
 */
const ASPECT_QUESTION =
	/^what(?:['’]s|\s+is|\s+are)\s+(?:the|some)\s+(?:key\s+|main\s+|most\s+common\s+|common\s+|different\s+)?(?:benefits|advantages|disadvantages|drawbacks|types|kinds|stages|steps|phases|components|elements|parts|principles|pros|cons|challenges|risks|limitations|examples|goals?|purpose|role|importance|origins?|history|best practices|characteristics|features|metrics|tools)\s+(?:of|for|in|to|with)\b/i;

/** Whether a "What is ...?" question asks for the page's definition. */
export function isDefinitionQuestion(text: string): boolean {
	if (!text.endsWith('?') || text.length > 160) return false;
	// "What is the difference between X and Y?" compares two terms; it defines neither.
	if (/\b(?:difference|differences) between\b|\bvs\.?\s|\bversus\b/i.test(text)) return false;
	// "What are the benefits of Agile?" asks about one side of the term, not what it is.
	if (ASPECT_QUESTION.test(text)) return false;
	return /^what(?:['’]s|\s+(?:is|are))\s/i.test(text) || /^what\s+does\s.+\smean\?$/i.test(text);
}

/** "What are Soft Skills in Product Management?" -> "Soft Skills in Product Management", for a page without a term line. */
export function termFromQuestion(question: string): string {
	const asked = question.replace(/^what(?:['’]s|\s+(?:is|are|does))\s+/i, '').replace(/^(?:an?|the)\s+/i, '');
	return trimEnd(asked, '?')
		.replace(/\s+mean$/i, '')
		.trim();
}
