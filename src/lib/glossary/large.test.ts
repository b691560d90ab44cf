// Megabyte pages: a real page grown to 2 MB makes every card, and 2 MB of adversarial text fails fast.
// No timing is asserted (machines differ); a quadratic step would blow the test timeout instead.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { GlossaryError } from './index';

const seed = readFileSync(new URL('./fixtures/soft-skills.txt', import.meta.url), 'utf8');
const TWO_MB = 2 * 1024 * 1024;

/** The seed with its FAQ replaced by count generated entries. */
function withFaq(count: number): string {
	const entries = Array.from(
		{ length: count },
		(_, i) =>
			`  • Question ${i + 1}: How does habit number ${i + 1} help a product team? Answer: Habit ${i + 1} builds trust, shared context and better decisions over many sprints.`
	);
	const start = seed.indexOf('  • Question 1');
	const end = seed.indexOf('Try Innerview');
	return seed.slice(0, start) + entries.join('\n\n') + '\n\n' + seed.slice(end);
}

describe('a 2 MB page', () => {
	it('with thousands of FAQ entries makes one card per entry', () => {
		const count = 14_000;
		const page = withFaq(count);
		expect(page.length).toBeGreaterThan(TWO_MB);
		const deck = generateDeck(page);
		expect(deck.cards).toHaveLength(15 + count);
		expect(deck.cards.filter((c) => c.kind === 'faq')).toHaveLength(count);
		expect(deck.cards[deck.cards.length - 1]).toMatchObject({
			front: `How does habit number ${count} help a product team?`,
			back: `Habit ${count} builds trust, shared context and better decisions over many sprints.`
		});
		expect(new Set(deck.cards.map((c) => c.id)).size).toBe(deck.cards.length);
	});

	it('with CRLF line endings and a huge named list makes every item card', () => {
		const count = 30_000;
		const items = Array.from(
			{ length: count },
			// Each description its own words: with the name hidden, "Practising ___ every week" thirty thousand
			// times would be one front, which a deck asks once.
			(_, i) => `  ${i + 1}. Skill ${i + 1}: Practised by team ${i + 1} of the company every week.`
		);
		const page = seed.replace(/ {2}1\. Communication[^]*?Problem-solving[^\n]*\n/, `${items.join('\n')}\n`).replace(/\n/g, '\r\n');
		expect(page.length).toBeGreaterThan(TWO_MB);
		const deck = generateDeck(page);
		// definition, synonyms, explanation, count items each way, 2 lists, 3 questions
		expect(deck.cards).toHaveLength(3 + 2 * count + 2 + 3);
		expect(deck.cards.find((c) => c.kind === 'list')?.front).toBe(`Key Soft Skills for Product Managers: name all ${count}`);
	});

	it.each([
		['open brackets', '['.repeat(TWO_MB)],
		['link starts', '[a]('.repeat(TWO_MB / 4)],
		['emphasis marks', '*_'.repeat(TWO_MB / 2)],
		['heading marks on many lines', '# ##########\n'.repeat(TWO_MB / 13)],
		['bullets on many lines', '• \n1.\n'.repeat(TWO_MB / 6)],
		['questions without answers', 'Question 1: Why?\n'.repeat(TWO_MB / 17)],
		['the same title line over and over', 'Soft Skills\n\n'.repeat(TWO_MB / 13)]
	])('of %s fails with a GlossaryError', (_, page) => {
		expect(() => generateDeck(page)).toThrow(GlossaryError);
	});
});
