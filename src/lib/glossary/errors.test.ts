// Text that is no glossary page gets a GlossaryError saying what is missing: never another crash, never a hang.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { GlossaryError } from './index';
import { MAX_PAGE_CHARS } from './text';

const seed = readFileSync(new URL('./fixtures/soft-skills.txt', import.meta.url), 'utf8');

/** The error generateDeck throws for a page, failing the test when it throws none or another kind. */
function errorFor(page: unknown): GlossaryError {
	try {
		generateDeck(page as string);
	} catch (error) {
		expect(error).toBeInstanceOf(GlossaryError);
		return error as GlossaryError;
	}
	throw new Error('expected a GlossaryError, got a deck');
}

/** Deterministic bytes (a linear congruential generator), so a failure can be replayed. */
function bytes(count: number, seedValue: number, min = 0): Uint8Array {
	let state = seedValue;
	const out = new Uint8Array(count);
	for (let i = 0; i < count; i++) {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		out[i] = min + ((state >>> 16) % (256 - min));
	}
	return out;
}

const NOT_A_PAGE = /no term heading and no 'What is \.\.\.\?' section found/;

describe('GlossaryError', () => {
	it('is an Error with its own name', () => {
		const error = errorFor('');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('GlossaryError');
	});
});

describe('bad input', () => {
	it('refuses empty text', () => {
		expect(errorFor('').message).toBe('The page is empty: paste the text of a glossary page.');
	});

	it('refuses whitespace only, with any line endings', () => {
		expect(errorFor(' \n\t\r\n \u00a0\u2028 ').message).toBe('The page is empty: paste the text of a glossary page.');
	});

	it('refuses what is not a string', () => {
		for (const value of [null, undefined, 42, { text: seed }]) {
			expect(errorFor(value).message).toBe('The page must be text: paste the text of a glossary page.');
		}
	});

	it('refuses plain prose that is no glossary page', () => {
		const prose = [
			'Meeting notes',
			'',
			'We met on Tuesday to talk about the launch. Everyone agreed the date works.',
			'',
			'Next steps',
			'',
			'Anna will write the announcement and Ben will update the pricing page.'
		].join('\n');
		expect(errorFor(prose).message).toMatch(NOT_A_PAGE);
	});

	it('refuses random bytes decoded as UTF-8 (NUL and replacement characters)', () => {
		expect(errorFor(new TextDecoder().decode(bytes(4096, 7))).message).toMatch(/binary data, not text/);
	});

	it('refuses random bytes without any NUL (control characters everywhere)', () => {
		const text = String.fromCharCode(...bytes(4096, 11, 1));
		expect(text).not.toContain('\0');
		expect(errorFor(text).message).toBe(
			'This looks like binary data, not text (it is full of control or undecodable characters): paste the text of a glossary page.'
		);
	});

	it('refuses a page with NUL characters in it', () => {
		expect(errorFor(seed.replace('Soft Skills\n', 'Soft\0Skills\n')).message).toBe(
			'This looks like binary data, not text (it contains NUL characters): paste the text of a glossary page.'
		);
	});

	it('tolerates a few stray control characters in a real page, and drops them', () => {
		const deck = generateDeck(seed.replace('Empathy:', 'Empathy\u0007:').replace('Leadership', 'Leader\u001bship'));
		expect(deck.cards).toHaveLength(18);
		expect(deck.cards.map((c) => c.front)).toContain('Key Soft Skills for Product Managers: Leadership');
	});

	it.each([
		['words', 'word '.repeat(20_000)],
		['one unbroken token', 'x'.repeat(100_000)],
		['repeated questions', 'What is a roadmap? '.repeat(5_300)],
		['repeated headings and answers', 'Soft Skills What are Soft Skills? They matter. '.repeat(2_200)]
	])('refuses a 100 KB single line of %s', (_, line) => {
		expect(line.length).toBeGreaterThanOrEqual(100_000);
		expect(errorFor(line).message).toMatch(NOT_A_PAGE);
	});

	it('says which "What is" section has no text', () => {
		expect(errorFor('Soft Skills\n\nWhat are Soft Skills?\n\nWhy Soft Skills Matter\n\nThey help teams work together.').message).toBe(
			"The section 'What are Soft Skills?' has no text: the definition of 'Soft Skills' is missing."
		);
		expect(errorFor('Soft Skills\n\nWhat are Soft Skills?\n\nSynonyms: People skills\n\nquestion mark\n').message).toBe(
			"The section 'What are Soft Skills?' has no text: the definition of 'Soft Skills' is missing."
		);
	});

	it('says when a Markdown term has no definition at all', () => {
		expect(errorFor('# Backlog\n\n## Why It Matters\n\nIt makes priorities visible.').message).toBe(
			"Found the term 'Backlog' but no 'What is ...?' section and no definition below the term."
		);
	});

	it('says when the question names no term', () => {
		expect(errorFor('Glossaries\n\nWhat is ?\n\nSomething.').message).toBe("The question 'What is ?' names no term.");
	});

	it('keeps messages short when the page quotes something long', () => {
		const term = 'Term '.repeat(30).trim();
		const message = errorFor(`# ${term}\n\n## Why\n\nBecause.`).message;
		expect(message).toContain(`'${term.slice(0, 77)}...'`);
		expect(message.length).toBeLessThan(200);
	});

	it('refuses a page longer than any glossary page could be', () => {
		expect(errorFor(seed + 'x'.repeat(MAX_PAGE_CHARS)).message).toMatch(/^The page is too long \([\d,]+ characters; at most 10,000,000\)/);
	});

	it('treats lists, FAQ and prose without a "What is" as no glossary page', () => {
		const page = seed.slice(seed.indexOf('Why Soft Skills'));
		expect(errorFor(page).message).toMatch(NOT_A_PAGE);
	});
});
