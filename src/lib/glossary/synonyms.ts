// Synonyms of the term: a "Synonyms: A, B" or "Also known as: A; B" line, or a section of their own.
import { trimEnd } from './text';

export const SYNONYMS_LINE = /^(?:synonyms?|also known as|also called|aka|a\.k\.a\.?|other names?)\s*[:：–—-]\s*/i;
export const SYNONYMS_HEADING = /^(?:synonyms?|also known as|other names?)$/i;

/** "A, B; and C." -> ["A", "B", "C"], without repeats. */
export function splitSynonyms(text: string): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const part of text.split(/[,;]/)) {
		// trimEnd, not /[.!]+$/: V8 on Node 20 retries that regex at every dot of a long run (quadratic).
		const name = trimEnd(part.trim().replace(/^(?:and|or)\s+/i, ''), '.! ').trim();
		const key = name.toLowerCase();
		if (name === '' || seen.has(key)) continue;
		seen.add(key);
		out.push(name);
	}
	return out;
}
