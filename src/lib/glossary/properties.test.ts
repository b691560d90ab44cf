// Properties over generated input: any text, and any real page edited, gives a sound deck (held to the
// card rules by checked-deck.ts) or a GlossaryError; layout noise changes no card; rewording answers
// changes no id.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { GlossaryError, type Deck } from './index';

const seed = readFileSync(new URL('./fixtures/soft-skills.txt', import.meta.url), 'utf8');
const markdown = readFileSync(new URL('./fixtures/soft-skills.md', import.meta.url), 'utf8');
const technicalDebt = readFileSync(new URL('./fixtures/technical-debt.txt', import.meta.url), 'utf8');
const seedDeck = generateDeck(seed);
const summary = (deck: Deck) => deck.cards.map((c) => [c.id, c.kind, c.front, c.back]);

/** A deck or the GlossaryError for a page; any other exception fails the property. */
function attempt(page: string): Deck | GlossaryError {
	try {
		return generateDeck(page);
	} catch (error) {
		if (error instanceof GlossaryError) return error;
		throw error;
	}
}

function expectSound(deck: Deck): void {
	expect(deck.cards.length).toBeGreaterThan(0);
	expect(new Set(deck.cards.map((c) => c.id)).size).toBe(deck.cards.length);
	for (const card of deck.cards) {
		expect(card.front.trim()).not.toBe('');
		expect(card.back.trim()).not.toBe('');
		expect(card.deckId).toBe(deck.id);
		expect(card.id.startsWith(`${deck.id}:${card.kind}`)).toBe(true);
	}
}

/** Lines a glossary page is made of, to build pages that are almost, or quite, glossary pages. */
const pageLine = fc.oneof(
	fc.constantFrom(
		'',
		'',
		'Soft Skills',
		'What are Soft Skills?',
		'What is a Roadmap?',
		'Why Roadmaps Matter',
		'Key Practices',
		'Frequently Asked Questions',
		'Try Innerview',
		'question mark',
		'Synonyms: A, B, C',
		'Synonyms:',
		'  1. Communication: Clearly conveying ideas.',
		'  2. Plain point.',
		'  • Question 1: Why? Answer: Because.',
		'  • Question 2: Why not?',
		'Answer: Because.',
		'- **Bold**: description',
		'# Heading',
		'## What is X?',
		'---',
		'1.',
		'•',
		'A paragraph of text that ends with a period.'
	),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 20 })
);

describe('any text', () => {
	it('gives a sound deck or a GlossaryError, never another exception', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
				const result = attempt(text);
				if (!(result instanceof GlossaryError)) expectSound(result);
			}),
			{ numRuns: 300 }
		);
	});

	it('does so for pages built of glossary-like lines', () => {
		fc.assert(
			fc.property(fc.array(pageLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
				const result = attempt(lines.join(eol));
				if (!(result instanceof GlossaryError)) expectSound(result);
			}),
			{ numRuns: 500 }
		);
	});

	it('does so for the seed with lines inserted anywhere', () => {
		const lines = seed.split('\n');
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(lines.length), pageLine), { maxLength: 6 }), (inserts) => {
				const copy = [...lines];
				for (const [at, line] of inserts) copy.splice(at, 0, line);
				const result = attempt(copy.join('\n'));
				if (!(result instanceof GlossaryError)) expectSound(result);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('real pages, edited', () => {
	const folder = new URL('./fixtures/real-pages/', import.meta.url);
	const pages = readdirSync(folder)
		.filter((file) => file.endsWith('.txt'))
		.map((file) => readFileSync(new URL(file, folder), 'utf8'));
	/** Lines other sites and other renderings put in a page. */
	const foreign = fc.constantFrom(
		'',
		'Related terms',
		'Need expert help?',
		'Book a demo',
		'Where PMs use this?',
		'What is an Edge Case? An edge case in UX design refers to a r…',
		'Definition',
		'Frequently Asked Questions',
		'- Is it new?: Yes, since 2001.',
		'Why? Because it helps.',
		'It allows teams to:',
		'These methods help teams learn.',
		'1. Visual Signals',
		'Start for free',
		'Home / Glossary / Agile'
	);
	const edit = fc.tuple(fc.nat(80), fc.constantFrom('remove', 'repeat', 'insert'), foreign);

	it('give a deck that keeps the card rules, or a GlossaryError, when lines are removed, repeated or inserted', () => {
		fc.assert(
			fc.property(fc.nat(pages.length - 1), fc.array(edit, { maxLength: 6 }), (which, edits) => {
				const lines = (pages[which] as string).split('\n');
				for (const [at, how, line] of edits) {
					const i = at % (lines.length + 1);
					if (how === 'remove') lines.splice(i, 1);
					else lines.splice(i, 0, how === 'repeat' ? (lines[i] ?? '') : line);
				}
				const result = attempt(lines.join('\n'));
				if (!(result instanceof GlossaryError)) expectSound(result);
			}),
			{ numRuns: 150 }
		);
	});
});

describe('layout noise', () => {
	it('changes no card: indentation, trailing spaces, blank lines and line endings', () => {
		const blocks = seed.split(/\n\s*\n/);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom('', ' ', '  ', '\t', '    ', '\u00a0'), fc.constantFrom('', ' ', '\t')), {
					minLength: 60,
					maxLength: 60
				}),
				fc.array(fc.integer({ min: 1, max: 4 }), { minLength: blocks.length, maxLength: blocks.length }),
				fc.constantFrom('\n', '\r\n', '\r'),
				(spacing, gaps, eol) => {
					let line = 0;
					const page = blocks
						.map((block, b) => {
							const body = block
								.split('\n')
								.map((text) => {
									const [before, after] = spacing[line++ % spacing.length] as [string, string];
									return before + text + after;
								})
								.join(eol);
							return body + eol.repeat(b < blocks.length - 1 ? (gaps[b] as number) + 1 : 0);
						})
						.join('');
					expect(summary(generateDeck(page))).toEqual(summary(seedDeck));
				}
			),
			{ numRuns: 200 }
		);
	});

	it('changes no card between the Markdown and plain text pages', () => {
		expect(summary(generateDeck(markdown))).toEqual(summary(seedDeck));
	});
});

describe('blank lines and bullet characters', () => {
	const pages = [
		'soft-skills.txt',
		'jobs-to-be-done.txt',
		'jobs-to-be-done.lines.txt',
		'opportunity-solution-tree.txt',
		'user-persona.txt',
		// The real pages too, fewer runs each: they are many.
		...readdirSync(new URL('./fixtures/real-pages/', import.meta.url))
			.filter((file) => file.endsWith('.txt'))
			.map((file) => `real-pages/${file}`)
	];
	const BULLETS = ['-', '*', '+', '•', '◦', '▪', '‣'];

	it.each(pages)('changes no card of %s when blank lines are removed or added anywhere, or bullets are swapped', (name) => {
		const page = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
		const lines = page.split('\n').filter((line) => line.trim() !== '');
		const expected = summary(generateDeck(page));
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 2 }), { minLength: lines.length, maxLength: lines.length }),
				fc.array(fc.constantFrom(...BULLETS), { minLength: lines.length, maxLength: lines.length }),
				(gaps, bullets) => {
					const changed = lines
						.map((line, i) => line.replace(/^(\s*)[-*+•◦▪‣](?= |$)/, `$1${bullets[i]}`) + '\n'.repeat(gaps[i] as number))
						.join('\n');
					expect(summary(generateDeck(changed))).toEqual(expected);
				}
			),
			{ numRuns: name.startsWith('real-pages/') ? 10 : 60 }
		);
	});
});

describe('rewording', () => {
	const sentence = fc.lorem({ mode: 'sentences', maxCount: 2 }).filter((s) => s.trim().length > 0);

	it('changes no id when any item description or FAQ answer is reworded', () => {
		const deck = generateDeck(technicalDebt);
		const ids = deck.cards.map((c) => c.id);
		const answers = deck.cards.filter((c) => c.kind === 'item' || c.kind === 'faq').map((c) => c.back);
		fc.assert(
			fc.property(fc.constantFrom(...answers), sentence, (answer, replacement) => {
				const reworded = generateDeck(technicalDebt.replace(answer, replacement));
				expect(reworded.cards.map((c) => c.id)).toEqual(ids);
				expect(reworded.cards.some((c) => c.back === replacement.trim())).toBe(true);
			}),
			{ numRuns: 100 }
		);
	});
});
