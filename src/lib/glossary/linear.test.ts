// The parser's work grows linearly with the page: pages made of a repeated part, doubled three times,
// take at most 8 times (plus a little) the loop turns of the single page. Counted in loop turns, not
// milliseconds, so the test is exact on any machine; the time itself is a figure of `npm run bench`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';

const HEAD = 'Velocity\n\nWhat is Velocity?\n\nVelocity is the work a team completes in one sprint.\n\n';
const MARKDOWN_HEAD = '# Velocity\n\n## What is Velocity?\n\nVelocity is the work a team completes in one sprint.\n\n';

/** Loop turns to read a page, whether it makes a deck or is refused. */
function stepsFor(page: string): number {
	const work = { steps: 0 };
	try {
		generateDeck(page, { work });
	} catch {
		// A refused page is measured the same: refusing must not take quadratic time either.
	}
	return work.steps;
}

/** Steps for the page with its part repeated n, 2n, 4n and 8n times. */
function doublings(head: string, part: (i: number) => string, n: number): number[] {
	return [1, 2, 4, 8].map((k) => stepsFor(head + Array.from({ length: n * k }, (_, i) => part(i)).join('')));
}

function expectLinear(steps: number[]): void {
	const [one, , , eight] = steps as [number, number, number, number];
	expect(one).toBeGreaterThan(0);
	for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1] as number);
	expect(eight).toBeLessThanOrEqual(one * 8.8);
}

describe('the parser works in linear time', () => {
	it.each([
		['FAQ-like headings without answers (the page that froze the tab)', HEAD, (i: number) => `FAQ about step ${i}?\n\n`],
		['Markdown FAQ headings without answers', MARKDOWN_HEAD, (i: number) => `## FAQ ${i}?\n\n### Question ${i}?\n\n`],
		[
			'FAQ entries with answers',
			HEAD + 'Frequently Asked Questions\n\n',
			(i: number) => `Question ${i}: Why ${i}? Answer: Because ${i}.\n\n`
		],
		['"Try" headings', HEAD, (i: number) => `Try Tool ${i}\n\n- Entry ${i}\n\n`],
		['named lists', HEAD, (i: number) => `Key Part ${i}\n\n1. Name ${i}: A description.\n2. Other ${i}: Another one.\n\n`],
		[
			'single-newline lines of every kind',
			HEAD,
			(i: number) => `Heading ${i}\n-\nWhy ${i}?: Because.\nA sentence ${i}. It allows:\n- point\n`
		],
		['lines with nothing of a glossary page', '', (i: number) => `word ${i} `.repeat(3) + '\n']
	])('for %s', (_, head, part) => {
		expectLinear(doublings(head, part, 400));
	});

	it('for random glossary-like lines, doubled', () => {
		const line = fc.constantFrom(
			'',
			'FAQ',
			'Frequently Asked Questions?',
			'What is X?',
			'Why?',
			'Answer: yes.',
			'Question 1: Why? Answer: Because.',
			'- ',
			'-',
			'  1. Name: description.',
			'Try Innerview',
			'Synonyms: A, B',
			'# Heading',
			'## FAQ?',
			'A plain sentence.',
			'An unfinished line'
		);
		fc.assert(
			fc.property(fc.array(line, { minLength: 20, maxLength: 60 }), (lines) => {
				const part = lines.join('\n') + '\n';
				expectLinear(doublings(HEAD, () => part, 20));
			}),
			{ numRuns: 40, seed: 12 }
		);
	});
});
