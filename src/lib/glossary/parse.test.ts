// How the parser reads a page's shape: where the term is, what is chrome, which lines are headings,
// which lists have named entries and how questions pair with answers, on small hand-made pages.
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { headingAsQuestion, isDefinitionQuestion, parsePage } from './index';

const page = (...blocks: string[]) => blocks.join('\n\n');
const DEFINITION = 'Velocity is the amount of work a team completes in one sprint.';

describe('the term and the chrome before it', () => {
	it('takes the heading right before "What is ...?" as the term and drops everything above it', () => {
		const read = parsePage(page('Sign in | Pricing | Blog', 'Glossaries', 'Agile Terms', 'Velocity', 'What is Velocity?', DEFINITION));
		expect(read.term).toBe('Velocity');
		expect(read.question).toBe('What is Velocity?');
		expect(read.definition).toEqual([DEFINITION]);
		expect(read.sections).toEqual([]);
	});

	it('accepts a term line in sentence case', () => {
		expect(parsePage(page('Glossaries', 'Story points', 'What are story points?', 'A relative measure of effort.')).term).toBe(
			'Story points'
		);
	});

	it('takes the term from the question when the line above does not name it', () => {
		expect(parsePage(page('Glossaries', 'What is a North Star Metric?', 'The one metric that matters.')).term).toBe('North Star Metric');
		expect(parsePage(page("What's the Kano Model?", 'A way to sort features by delight.')).term).toBe('Kano Model');
		expect(parsePage(page('What does MVP mean?', 'Minimum viable product.')).term).toBe('MVP');
	});

	it('accepts a term line that abbreviates the question', () => {
		expect(parsePage(page('Glossaries', 'MVP', 'What is a Minimum Viable Product?', 'The smallest product that tests an idea.')).term).toBe(
			'MVP'
		);
	});

	it('recognises definition questions by shape', () => {
		expect(isDefinitionQuestion('What are Soft Skills in Product Management?')).toBe(true);
		expect(isDefinitionQuestion('What Is a Product Roadmap?')).toBe(true);
		expect(isDefinitionQuestion('What’s a Backlog?')).toBe(true);
		expect(isDefinitionQuestion('What Makes a Good Roadmap?')).toBe(false);
		expect(isDefinitionQuestion('What is a roadmap')).toBe(false);
		// Questions about one side of the term, or comparing two, define neither.
		expect(isDefinitionQuestion('What are the Benefits of Agile?')).toBe(false);
		expect(isDefinitionQuestion('What is the role of a Product Owner in Scrum?')).toBe(false);
		expect(isDefinitionQuestion('What is the difference between a mockup and a prototype?')).toBe(false);
		expect(isDefinitionQuestion('What are Steps?')).toBe(true);
		expect(isDefinitionQuestion('What is the Design Thinking Process in Product Design?')).toBe(true);
	});

	it('drops a lone "question mark" line but keeps the words inside a sentence', () => {
		const read = parsePage(
			page('Velocity', 'What is Velocity?', 'question mark', DEFINITION, 'QUESTION MARK', 'A question mark ends a question.')
		);
		expect(read.definition).toEqual([DEFINITION, 'A question mark ends a question.']);
	});
});

describe('the call to action after the content', () => {
	it('drops a last "Try <Product>" heading and everything after it', () => {
		const read = parsePage(
			page('Velocity', 'What is Velocity?', DEFINITION, 'Try Acme Planner', 'The planning tool teams love', 'Start free trial')
		);
		expect(read.sections).toEqual([]);
	});

	it('drops a "Try <Product>" heading after the FAQ even when lists follow it', () => {
		const read = parsePage(
			page('Velocity', 'What is Velocity?', DEFINITION, 'FAQ', '• Is it a target?: No.', 'Try Acme', 'Related terms', '• Sprint\n• Backlog')
		);
		expect(read.sections.map((s) => s.kind)).toEqual(['faq']);
	});

	it('keeps a "Try ..." section that holds a list', () => {
		const read = parsePage(page('Velocity', 'What is Velocity?', DEFINITION, 'Try These Exercises', '1. Plan a sprint.\n2. Measure it.'));
		expect(read.sections).toEqual([
			{
				kind: 'list',
				heading: 'Try These Exercises',
				ordered: true,
				items: [{ text: 'Plan a sprint.' }, { text: 'Measure it.' }],
				paragraphs: []
			}
		]);
	});
});

describe('headings in plain text', () => {
	it('takes a short unfinished sentence standing alone before content as a heading', () => {
		const read = parsePage(
			page('Velocity', 'What is Velocity?', DEFINITION, 'Why velocity matters', 'It helps a team plan what fits in a sprint.')
		);
		expect(read.sections).toEqual([
			{ kind: 'prose', heading: 'Why velocity matters', paragraphs: ['It helps a team plan what fits in a sprint.'] }
		]);
	});

	it('does not take a short unfinished sentence for a heading right after another heading', () => {
		const read = parsePage(page('Velocity', 'What is Velocity?', 'Work done per sprint', 'Measured in story points.'));
		expect(read.definition).toEqual(['Work done per sprint', 'Measured in story points.']);
	});

	it('joins a hard-wrapped paragraph, Title Case words included', () => {
		const wrapped =
			'Velocity is the amount of work a team completes in one sprint, usually counted in\nStory Points\nso that the team can plan.';
		expect(parsePage(page('Velocity', 'What is Velocity?', wrapped)).definition).toEqual([
			'Velocity is the amount of work a team completes in one sprint, usually counted in Story Points so that the team can plan.'
		]);
	});

	it('does not join a synonyms line to an unfinished definition right above it', () => {
		const read = parsePage(page('Velocity', 'What is Velocity?', 'Work a team completes per sprint\nSynonyms: Team speed, Throughput'));
		expect(read.definition).toEqual(['Work a team completes per sprint']);
		expect(read.synonyms).toEqual(['Team speed', 'Throughput']);
	});

	it('joins a list entry wrapped onto the next line', () => {
		const read = parsePage(
			page(
				'Velocity',
				'What is Velocity?',
				DEFINITION,
				'Key Inputs',
				'1. Capacity: The hours the team has\n   available this sprint.\n2. Scope: The stories pulled in.'
			)
		);
		expect(read.sections[0]).toMatchObject({
			items: [
				{ name: 'Capacity', description: 'The hours the team has available this sprint.' },
				{ name: 'Scope', description: 'The stories pulled in.' }
			]
		});
	});
});

describe('Markdown leftovers in plain text', () => {
	it('does not let a stray code fence swallow the rest of the page', () => {
		const read = parsePage(
			page('Velocity', 'What is Velocity?', DEFINITION, '```', 'Key Inputs', '1. Capacity: Hours.\n2. Scope: Stories.')
		);
		expect(read.sections).toEqual([
			{
				kind: 'list',
				heading: 'Key Inputs',
				ordered: true,
				items: [
					{ text: 'Capacity: Hours.', name: 'Capacity', description: 'Hours.' },
					{ text: 'Scope: Stories.', name: 'Scope', description: 'Stories.' }
				],
				paragraphs: []
			}
		]);
	});
});

describe('lists', () => {
	it('makes a list of named entries when most entries are "Name: description"', () => {
		const read = parsePage(
			page(
				'Velocity',
				'What is Velocity?',
				DEFINITION,
				'Key Terms',
				'- Sprint: A fixed time box.\n- Capacity – Hours available.\n- Plain point without a name.'
			)
		);
		expect(read.sections[0]).toMatchObject({
			items: [
				{ name: 'Sprint', description: 'A fixed time box.' },
				{ name: 'Capacity', description: 'Hours available.' },
				{ text: 'Plain point without a name.' }
			]
		});
	});

	it('keeps every entry plain when few have a name, so a colon inside a sentence splits nothing', () => {
		const read = parsePage(
			page(
				'Velocity',
				'What is Velocity?',
				DEFINITION,
				'Tips',
				'- Keep it simple: measure one thing.\n- Review it every sprint.\n- Share it with the team.'
			)
		);
		expect(read.sections[0]).toMatchObject({
			items: [{ text: 'Keep it simple: measure one thing.' }, { text: 'Review it every sprint.' }, { text: 'Share it with the team.' }]
		});
		expect(
			generateDeck(
				page('Velocity', 'What is Velocity?', DEFINITION, 'Tips', '- Keep it simple: measure one thing.\n- Review it.')
			).cards.map((c) => c.kind)
		).toEqual(['definition', 'list']);
	});

	it('does not take a long clause before a colon for a name', () => {
		const read = parsePage(
			page(
				'Velocity',
				'What is Velocity?',
				DEFINITION,
				'Notes',
				'- When the team changes size during the quarter or later on: re-baseline.\n- Plain.'
			)
		);
		expect(read.sections[0]).toMatchObject({
			items: [{ text: 'When the team changes size during the quarter or later on: re-baseline.' }, { text: 'Plain.' }]
		});
	});
});

describe('questions and answers', () => {
	const faq = (...lines: string[]) =>
		generateDeck(page('Velocity', 'What is Velocity?', DEFINITION, 'Frequently Asked Questions', ...lines))
			.cards.filter((c) => c.kind === 'faq')
			.map((c) => [c.front, c.back]);

	it('reads "Question N: ...? Answer: ..." on one line', () => {
		expect(faq('• Question 1: Is velocity a target? Answer: No, it is a planning aid.')).toEqual([
			['Is velocity a target?', 'No, it is a planning aid.']
		]);
	});

	it('reads the question and its answer on separate lines', () => {
		expect(
			faq(
				'Question 1: Is velocity a target?\nAnswer: No, it is a planning aid.',
				'Question 2: Can it go down?',
				'Answer: Yes, when the team changes.'
			)
		).toEqual([
			['Is velocity a target?', 'No, it is a planning aid.'],
			['Can it go down?', 'Yes, when the team changes.']
		]);
	});

	it('reads "Q: ... A: ..." and unlabelled questions followed by answers', () => {
		expect(
			faq('Q: Is velocity a target? A: No.', 'Can it go down?', 'Yes, when the team changes.', 'It also varies with holidays.')
		).toEqual([
			['Is velocity a target?', 'No.'],
			['Can it go down?', 'Yes, when the team changes.\n\nIt also varies with holidays.']
		]);
	});

	it('reads the glossary\'s "Question?: Answer" entries, under any heading', () => {
		expect(faq('• Is velocity a target?: No, it is a planning aid.')).toEqual([['Is velocity a target?', 'No, it is a planning aid.']]);
		const deck = generateDeck(
			page('Velocity', 'What is Velocity?', DEFINITION, 'Common Doubts', '• Is velocity a target?: No.', '• Can it go down?: Yes.')
		);
		expect(deck.cards.map((c) => c.kind)).toEqual(['definition', 'faq', 'faq']);
	});

	it('splits an unlabelled "Question? Answer" line only under a FAQ heading', () => {
		expect(faq('• How long is a sprint? Usually two weeks.')).toEqual([['How long is a sprint?', 'Usually two weeks.']]);
		const deck = generateDeck(page('Velocity', 'What is Velocity?', DEFINITION, 'Tips', '• How long is a sprint? Usually two weeks.'));
		expect(deck.cards.map((c) => c.kind)).toEqual(['definition', 'list']);
	});

	it('takes a line with a "?" inside as the answer of the question waiting for one', () => {
		expect(faq('Is velocity a target?', 'Who decides? The team does, in planning.')).toEqual([
			['Is velocity a target?', 'Who decides? The team does, in planning.']
		]);
	});

	it('reads numbered Markdown question headings without their numbers', () => {
		const deck = generateDeck(
			'# Velocity\n\n## What is Velocity?\n\nWork per sprint.\n\n## FAQ\n\n### 1. Is it a target?\n\nNo.\n\n### 2. Can it go down?\n\nYes.\n\n## 3. Why It Matters\n\nIt helps planning.'
		);
		expect(deck.cards.map((c) => [c.kind, c.front, c.back])).toEqual([
			['definition', 'What is Velocity?', 'Work per sprint.'],
			['faq', 'Is it a target?', 'No.'],
			['faq', 'Can it go down?', 'Yes.'],
			['explanation', 'Why does it matter?', 'It helps planning.']
		]);
	});

	it('does not take "Plan A:" inside a question for the answer label', () => {
		expect(faq('Question 1: Should we use Plan A: fixed scope? Answer: Only for short projects.')).toEqual([
			['Should we use Plan A: fixed scope?', 'Only for short projects.']
		]);
	});

	it('makes no card of a question without an answer', () => {
		expect(faq('Question 1: Is velocity a target?', 'Question 2: Can it go down? Answer: Yes.')).toEqual([['Can it go down?', 'Yes.']]);
	});

	it('finds labelled questions by their shape under any heading', () => {
		const deck = generateDeck(
			page(
				'Velocity',
				'What is Velocity?',
				DEFINITION,
				'Things People Ask',
				'- Question 1: Is velocity a target? Answer: No.',
				'- Question 2: Can it go down? Answer: Yes.'
			)
		);
		expect(deck.cards.map((c) => c.kind)).toEqual(['definition', 'faq', 'faq']);
	});

	it('keeps a list of questions without answers as a list', () => {
		const deck = generateDeck(
			page('Velocity', 'What is Velocity?', DEFINITION, 'Questions to Ask', '- Who uses it?\n- How often is it measured?')
		);
		expect(deck.cards.map((c) => [c.kind, c.front])).toEqual([
			['definition', 'What is Velocity?'],
			['list', 'Questions to Ask: name the 2 points']
		]);
	});
});

describe('headingAsQuestion', () => {
	it.each([
		['What Makes a Good Roadmap?', 'What Makes a Good Roadmap?'],
		['Why Soft Skills are Crucial in Product Management', 'Why are Soft Skills Crucial in Product Management?'],
		['How Velocity is Measured', 'How is Velocity Measured?'],
		['How to Develop Soft Skills', 'How do you develop Soft Skills?'],
		['Why Teams that are Remote Struggle', 'Why Teams that are Remote Struggle: explain'],
		['Why Jobs to Be Done Helps Product Teams', 'Why does Jobs to Be Done help Product Teams?'],
		['Why Personas Matter', 'Why do Personas matter?'],
		['Why It Matters', 'Why does it matter?'],
		['How Researchers Uncover Jobs', 'How do Researchers uncover Jobs?'],
		['The Origins of the Tree', 'The Origins of the Tree: explain'],
		['Benefits of Technical Debt Management:', 'Benefits of Technical Debt Management: explain']
	])('%s -> %s', (heading, question) => {
		expect(headingAsQuestion(heading)).toBe(question);
	});
});
