// Issue #27 on small hand-made pages: definitions and questions in any dress, other sites' furniture,
// a note after a list, sections too long for one card, copies cut off part way, and texts with no
// definition. Every deck is held to the card rules (checked-deck.ts).
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { GlossaryError } from './index';

const lines = (...text: string[]) => text.join('\n');
const cards = (page: string) => generateDeck(page).cards.map((card) => [card.kind, card.front, card.back]);
const DEFINITION = 'Agile is an iterative approach to product development in which teams deliver work in small increments.';

describe('a definition in any dress', () => {
	it.each([
		['"What is X?"', lines('Agile', 'What is Agile?', DEFINITION), 'What is Agile?'],
		['"Definition: X is ..." under the title', lines('Agile', `Definition: ${DEFINITION}`), 'What is Agile?'],
		['a "Definition" heading under the title', lines('Agile', 'Definition', DEFINITION), 'What is Agile?'],
		['a "Definition of X" heading', lines('Glossary', 'Definition of Agile', DEFINITION), 'What is Agile?'],
		[
			'a title line followed by the definition sentence',
			lines('Agile', DEFINITION, 'Why Agile Matters', 'It keeps plans honest.'),
			'What is Agile?'
		],
		['the definition sentence alone', lines('Start for free', DEFINITION), 'What is Agile?'],
		['"What is X? X is ..." on one line', lines(`What is Agile? ${DEFINITION}`), 'What is Agile?'],
		[
			'"A/The X is ..." glued to the chrome before it',
			'Trusted by teamsStart for freeA backlog is an ordered list of work.',
			'What is a Backlog?'
		]
	])('reads %s', (_, page, question) => {
		const deck = generateDeck(page);
		expect(deck.cards[0]).toMatchObject({ kind: 'definition', front: question });
		expect(deck.cards[0]?.back).toMatch(/^(?:Agile is an iterative|A backlog is an ordered)/);
	});

	it('cuts chrome glued to the term line, whatever the form of the definition', () => {
		const deck = generateDeck(lines('Start for FreeCard Sorting', 'What is Card Sorting?', 'Card sorting is a research method.'));
		expect([deck.title, deck.id]).toEqual(['Card Sorting', 'card-sorting']);
		expect(generateDeck(lines('Start for FreeCard Sorting', 'Card sorting is a research method.')).title).toBe('Card Sorting');
	});

	it('keeps the term of a "(UCD)" or "in product design" definition without them', () => {
		expect(generateDeck('User-Centered Design (UCD) is a design approach that starts from users.').title).toBe('User-Centered Design');
		expect(generateDeck('Interaction Design in product design is the practice of shaping behaviour.').title).toBe('Interaction Design');
	});

	it('takes "What are the benefits of X?" or "What is the difference between ...?" for sections, not the definition', () => {
		const deck = generateDeck(
			lines(
				'Agile',
				`Definition: ${DEFINITION}`,
				'What are the Benefits of Agile?',
				'Teams learn sooner.',
				'FAQ',
				'What is the difference between Agile and Scrum? Scrum is one agile framework.'
			)
		);
		expect(deck.question).toBe('What is Agile?');
		expect(
			cards(lines('Agile', 'What is Agile?', DEFINITION, 'What is the difference between Agile and Scrum?', 'Scrum is one framework.'))[1]
		).toEqual(['explanation', 'What is the difference between Agile and Scrum?', 'Scrum is one framework.']);
		expect(deck.cards.map((card) => card.front)).toEqual([
			'What is Agile?',
			'What are the Benefits of Agile?',
			'What is the difference between Agile and Scrum?'
		]);
	});
});

describe('questions in any dress', () => {
	it('reads "Question? Answer" lines of a page with no FAQ heading as questions and answers', () => {
		expect(
			cards(
				lines(
					DEFINITION,
					'How long is a sprint? Usually two weeks.',
					'Who plans it? The whole team plans it together.',
					'Agile teams ship often.'
				)
			)
		).toEqual([
			['definition', 'What is Agile?', DEFINITION],
			['faq', 'How long is a sprint?', 'Usually two weeks.'],
			['faq', 'Who plans it?', 'The whole team plans it together.'],
			['explanation', 'Agile: complete and explain\nAgile teams ship …', 'Agile teams ship often.']
		]);
	});

	it('reads questions with their answers closing a section as a FAQ whose heading the copy lost', () => {
		expect(
			cards(
				lines(
					'Agile',
					'What is Agile?',
					DEFINITION,
					'Examples of Agile',
					'Teams at banks and startups alike work this way.',
					'- How long is a sprint? Usually two weeks.',
					'- Who plans it? The whole team plans it together.'
				)
			)
		).toEqual([
			['definition', 'What is Agile?', DEFINITION],
			['explanation', 'Examples of Agile: explain', 'Teams at banks and startups alike work this way.'],
			['faq', 'How long is a sprint?', 'Usually two weeks.'],
			['faq', 'Who plans it?', 'The whole team plans it together.']
		]);
		// After the points of a list, one labelled "Question?: Answer" line is enough.
		expect(
			cards(
				lines('Agile', 'What is Agile?', DEFINITION, 'Tips', '- Keep sprints short.', '- Demo every sprint.', '- Is it hard?: Not at all.')
			).map(([kind]) => kind)
		).toEqual(['definition', 'list', 'faq']);
	});

	it('asks a question standing on a line of its own, with the lines below it as its answer', () => {
		expect(cards(lines(DEFINITION, 'Who plans a sprint?', 'The whole team plans it together.'))[1]).toEqual([
			'explanation',
			'Who plans a sprint?',
			'The whole team plans it together.'
		]);
	});
});

describe("other sites' furniture", () => {
	it('makes no card of related terms, teasers, boxes, bylines or breadcrumbs', () => {
		const deck = generateDeck(
			lines(
				'Home > Glossary > Agile',
				'Agile',
				'Written by Jane Doe',
				`Definition: ${DEFINITION}`,
				'Why Agile Matters',
				'It keeps plans honest.',
				'Where PMs use this?',
				'Roadmap reviews',
				'Sprint planning',
				'Related terms',
				'Scrum',
				'Kanban',
				'What is Velocity? Velocity is the amount of work a team completes in a spri…',
				'Need expert help?',
				'Our coaches set up agile teams in a week.',
				'Book a demo',
				'About the author',
				'Jane Doe coaches product teams.',
				'Was this article helpful?',
				'Yes',
				'No',
				'© 2025 Acme Inc.'
			)
		);
		expect(deck.cards.map((card) => [card.kind, card.front, card.back])).toEqual([
			['definition', 'What is Agile?', DEFINITION],
			['explanation', 'Why does Agile matter?', 'It keeps plans honest.']
		]);
	});
});

describe('a note after a list', () => {
	it('is shown under the list on its card, never a card of its own', () => {
		expect(
			cards(
				lines(
					'Agile',
					'What is Agile?',
					DEFINITION,
					'Key Practices',
					'- Daily stand-ups',
					'- Retrospectives',
					'Remember, practices serve the team.'
				)
			)
		).toEqual([
			['definition', 'What is Agile?', DEFINITION],
			['list', 'Key Practices: name the 2 points', '• Daily stand-ups\n• Retrospectives\n\nRemember, practices serve the team.']
		]);
	});

	it("is no card either when the copy lost the list: it answers the heading's question no more than the lead-in", () => {
		expect(
			cards(lines('Agile', 'What is Agile?', DEFINITION, 'How It Works', 'Teams work in three steps:', 'This keeps work visible.'))
		).toEqual([['definition', 'What is Agile?', DEFINITION]]);
	});
});

describe('a section too long to recall in one card', () => {
	it('is split: the first part answers the heading, each later part is cued by its first words', () => {
		const paragraph = (n: number) => Array.from({ length: 3 }, (_, i) => `Paragraph ${n} makes point ${i + 1}.`).join(' ');
		const deck = generateDeck(lines('Agile', 'What is Agile?', DEFINITION, 'Why Agile Matters', paragraph(1), paragraph(2), paragraph(3)));
		expect(deck.cards.slice(1).map((card) => [card.id, card.front, card.back])).toEqual([
			['agile:explanation:why-agile-matters', 'Why does Agile matter?', paragraph(1)],
			[
				'agile:explanation:why-agile-matters-paragraph-2-makes',
				'Why does Agile matter? Complete and explain\nParagraph 2 makes …',
				paragraph(2)
			],
			[
				'agile:explanation:why-agile-matters-paragraph-3-makes',
				'Why does Agile matter? Complete and explain\nParagraph 3 makes …',
				paragraph(3)
			]
		]);
	});
});

describe('a copy cut off part way through a sentence', () => {
	const faq = (last: string) =>
		generateDeck(lines('Agile', 'What is Agile?', DEFINITION, 'FAQ', '- Is it new?: No, it dates from 2001.', `- ${last}`));

	it('keeps what the last answer finished, and says where the text stopped', () => {
		const deck = faq('Is it only for software?: No. It works for any product, but it was born in softw');
		expect(deck.cards.at(-1)).toMatchObject({ front: 'Is it only for software?', back: 'No.' });
		expect(deck.cutAfter).toBe('…but it was born in softw');
	});

	it('leaves out a question cut before its answer, and a paragraph with nothing finished', () => {
		expect(faq('Who invented i').cards.map((card) => card.front)).toEqual(['What is Agile?', 'Is it new?']);
		expect(faq('Who invented i').cutAfter).toBe('Who invented i');
		const prose = generateDeck(lines('Agile', 'What is Agile?', DEFINITION, 'Why Agile Matters', 'It is recommended to revi'));
		expect([prose.cards.length, prose.cutAfter]).toEqual([1, 'It is recommended to revi']);
	});

	it('is not seen in a page ending with short points, a finished sentence or a call to action', () => {
		expect(
			generateDeck(lines('Agile', 'What is Agile?', DEFINITION, 'Key Practices', '- Daily stand-ups', '- Retrospectives')).cutAfter
		).toBeUndefined();
		expect(generateDeck(lines('Agile', 'What is Agile?', DEFINITION)).cutAfter).toBeUndefined();
		expect(generateDeck(lines('Agile', 'What is Agile?', DEFINITION, 'Try Acme', 'The planning tool teams lo')).cutAfter).toBeUndefined();
	});
});

describe('a text with no definition', () => {
	it.each([
		[
			'prose about the team',
			lines('Team update', 'We shipped the onboarding flow and the numbers look good.', 'Next we will look at retention.')
		],
		['a long text under a title', `# My Trip\n\n${'We walked along the river and talked about the week. '.repeat(30)}`],
		['lists and questions only', lines('Tips', '- Plan the sprint', '- Review the sprint', 'FAQ', 'Why? Because it helps.')]
	])('is refused, never a deck of one dump: %s', (_, page) => {
		expect(() => generateDeck(page)).toThrow(GlossaryError);
	});

	it('says what is missing under a title that defines nothing', () => {
		expect(() => generateDeck('# My Trip\n\nWe walked along the river.')).toThrow(
			"Found the term 'My Trip' but no definition of it: the text below it ('We walked along the river.') does not say what it is."
		);
	});
});
