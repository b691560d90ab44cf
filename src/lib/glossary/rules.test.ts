// The card rules: what the generator repairs, what it leaves out and why, and that the tests' own
// check (checked-deck.ts) refuses a deck breaking any of them.
import { describe, expect, it } from 'vitest';
import { cardRuleProblems, expectCardRules } from './checked-deck';
import { generateDeck } from './index';
import { keepCardRules as keep, LEFT_OUT, partKey, type PartsOfPage } from './rules';
import type { CardDraft, CardKind, Deck } from './types';

/** A card with the part of the page it was made from (0: the definition), as buildDeck tracks it. */
type MadeCard = CardDraft & { part: number };

/** The rules over such cards, handed over the way buildDeck hands them: drafts and their parts side by side. */
function keepCardRules(cards: MadeCard[], parts: PartsOfPage): { kept: MadeCard[]; leftOut: { front: string; reason: string }[] } {
	const partOf = new Map(cards.map((made) => [made.id, made.part]));
	const { kept, leftOut } = keep(
		cards.map(({ part: _, ...draft }) => draft),
		cards.map((made) => made.part),
		parts
	);
	return { kept: kept.map((draft) => ({ ...draft, part: partOf.get(draft.id) as number })), leftOut };
}

const card = (id: string, kind: CardKind, front: string, back: string, part = 1): MadeCard => ({
	id,
	deckId: 'd',
	kind,
	front,
	back,
	part
});
const parts = new Map([
	[partKey('What is Velocity?'), new Set([0])],
	[partKey('Why Velocity Matters'), new Set([1])],
	[partKey('How long is a sprint?'), new Set([2])],
	[partKey('Estimate in story points'), new Set([3])]
]);

describe('keepCardRules', () => {
	it('keeps a card that asks one thing and answers it, as it is', () => {
		const good = card('d:faq:a', 'faq', 'How long is a sprint?', 'Usually two weeks.', 2);
		expect(keepCardRules([good], parts)).toEqual({ kept: [good], leftOut: [] });
	});

	it('cuts a closing lead-in off a back, and leaves out a back that is only a lead-in', () => {
		const { kept, leftOut } = keepCardRules(
			[
				card('d:explanation:a', 'explanation', 'Why does velocity matter?', 'It helps a team plan. Teams use it to:'),
				card('d:explanation:b', 'explanation', 'How is it used?', 'In user research, prototypes are used to:')
			],
			parts
		);
		expect(kept.map((c) => c.back)).toEqual(['It helps a team plan.']);
		expect(leftOut).toEqual([{ front: 'How is it used?', reason: LEFT_OUT.leadIn }]);
	});

	it("cuts another part's heading or question off a back, and leaves out a back that is nothing else", () => {
		const { kept, leftOut } = keepCardRules(
			[
				card(
					'd:explanation:a',
					'explanation',
					'Why does velocity matter?',
					'It helps a team plan.\nHow long is a sprint?\nUsually two weeks.'
				),
				card('d:faq:b', 'faq', 'What does it measure?', 'Why Velocity Matters', 2),
				// Its own part's text is no other part's: a list card names its own entries.
				card('d:list:c', 'list', 'Estimating: name the 1 point', '• Estimate in story points', 3)
			],
			parts
		);
		expect(kept.map((c) => [c.id, c.back])).toEqual([
			['d:explanation:a', 'It helps a team plan.'],
			['d:list:c', '• Estimate in story points']
		]);
		expect(leftOut).toEqual([{ front: 'What does it measure?', reason: LEFT_OUT.holdsOther }]);
	});

	it('leaves out an explanation whose back opens with a question split over a line break (a heading line, then a lone ?)', () => {
		const { kept, leftOut } = keepCardRules(
			[
				card(
					'd:explanation:x',
					'explanation',
					'What is X?',
					'Why Soft Skills are Crucial\n\n? Soft skills are essential for product managers.'
				)
			],
			parts
		);
		expect(kept).toEqual([]);
		expect(leftOut.map((c) => c.reason)).toEqual([LEFT_OUT.questionBack]);
	});

	it('leaves out a card that asks two things, answers with a question or repeats its question', () => {
		const { kept, leftOut } = keepCardRules(
			[
				card('d:faq:a', 'faq', 'What is a sprint? How long is it?', 'A time box of two weeks.'),
				card('d:explanation:b', 'explanation', 'Sprint: complete and explain', 'What are heuristics? Heuristics are rules of thumb.'),
				card('d:faq:c', 'faq', 'Is it fixed?', 'Is it fixed.')
			],
			parts
		);
		expect(kept).toEqual([]);
		expect(leftOut.map((c) => c.reason)).toEqual([LEFT_OUT.asksTwo, LEFT_OUT.questionBack, LEFT_OUT.sameSides]);
	});

	it('gives a repeated explanation its first words as a cue, and leaves out any other repeated front', () => {
		const { kept, leftOut } = keepCardRules(
			[
				card('d:explanation:a', 'explanation', 'Examples: explain', 'A support team board tracks tickets.'),
				card('d:explanation:a~2', 'explanation', 'Examples: explain', 'A personal board tracks chores.'),
				card('d:faq:b', 'faq', 'Is it agile?', 'Yes.'),
				card('d:faq:b~2', 'faq', 'Is it Agile?', 'Yes, it is.')
			],
			parts
		);
		expect(kept.map((c) => c.front)).toEqual(['Examples: explain', 'Examples: explain\nA personal board tracks …', 'Is it agile?']);
		expect(leftOut).toEqual([{ front: 'Is it Agile?', reason: LEFT_OUT.sameFront }]);
	});

	it('leaves out an explanation too long to recall, which the generator never makes', () => {
		const long = Array.from({ length: 6 }, (_, i) => `Sentence number ${i + 1} says one more thing.`).join(' ');
		expect(keepCardRules([card('d:explanation:a', 'explanation', 'Why?', long)], parts).leftOut).toEqual([
			{ front: 'Why?', reason: LEFT_OUT.tooLong }
		]);
	});
});

describe('a deck whose every card breaks a rule', () => {
	it('is refused with the reason, never saved empty', () => {
		expect(() => generateDeck('Velocity\n\nWhat is Velocity?\n\nIs it speed, or is it the work done? Does anyone know?')).toThrow(
			'No card of this page could be kept: its definition card was left out, as its answer is a question, not an answer.'
		);
	});
});

describe("the tests' check of the card rules", () => {
	const deck = (cards: [CardKind, string, string][]): Deck => ({
		id: 'd',
		title: 'D',
		question: 'What is D?',
		definition: 'D is a test.',
		sections: [
			{ heading: 'What is D?', kind: 'definition', cardIds: ['d:0'] },
			{ heading: 'Why D Matters', kind: 'explanation', cardIds: cards.slice(1).map((_, i) => `d:${i + 1}`) }
		],
		cards: cards.map(([kind, front, back], i) => ({ id: `d:${i}`, deckId: 'd', kind, front, back }))
	});
	const definition: [CardKind, string, string] = ['definition', 'What is D?', 'D is a test.'];

	it('passes a deck that keeps the rules', () => {
		expect(() => expectCardRules(deck([definition, ['explanation', 'Why does D matter?', 'It tests the rules.']]))).not.toThrow();
	});

	it.each([
		['an empty back', ['explanation', 'Why does D matter?', ' ']],
		['a back ending with ":"', ['explanation', 'Why does D matter?', 'It is used to:']],
		['two questions in one front', ['faq', 'Is D new? Is D good?', 'Yes.']],
		['a front asked twice', ['faq', 'What is D?', 'A test.']],
		['a back that repeats its front', ['faq', 'Is D new?', 'Is D new?']],
		['an explanation too long to recall', ['explanation', 'Why does D matter?', 'One. Two. Three. Four. Five.']],
		['an explanation answering with a question', ['explanation', 'D: complete and explain', 'What is E? E is other.']]
	] as [string, [CardKind, string, string]][])('refuses %s', (_, bad) => {
		expect(() => expectCardRules(deck([definition, bad]))).toThrow();
	});

	it("refuses a back holding another part's question", () => {
		const other = deck([definition, ['explanation', 'Why does D matter?', 'It tests.\nIs D new?'], ['faq', 'Is D new?', 'Yes.']]);
		other.sections.push({ heading: 'FAQ', kind: 'faq', cardIds: ['d:2'] });
		(other.sections[1] as { cardIds: string[] }).cardIds = ['d:1'];
		expect(cardRuleProblems(other)).toEqual(["d:1 holds another part's text: Is D new?"]);
		expect(() => expectCardRules(other)).toThrow(/the card rules on d/);
	});
});
