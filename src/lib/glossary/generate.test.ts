// The seed page card by card, the same page in other clothes (Markdown, CRLF, other spacing),
// and pages of other terms with other headings, all read from fixtures as a learner would paste them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { cardKindLabel, type CardKind, type Deck } from './index';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const seed = fixture('soft-skills.txt');

function countKinds(deck: Deck): Record<CardKind, number> {
	const counts: Record<CardKind, number> = { definition: 0, synonyms: 0, explanation: 0, item: 0, 'item-reverse': 0, list: 0, faq: 0 };
	for (const card of deck.cards) counts[card.kind]++;
	return counts;
}

/** Cards without their deck id, to compare decks line by line. */
const summary = (deck: Deck) => deck.cards.map((c) => [c.id, c.kind, c.front, c.back]);

describe('the Soft Skills seed page', () => {
	const deck = generateDeck(seed);
	const card = (id: string) => {
		const found = deck.cards.find((c) => c.id === `soft-skills:${id}`);
		if (!found) throw new Error(`no card soft-skills:${id}`);
		return found;
	};

	it('is the soft-skills deck with its term, question, definition and synonyms', () => {
		expect(deck.id).toBe('soft-skills');
		expect(deck.title).toBe('Soft Skills');
		expect(deck.question).toBe('What are Soft Skills in Product Management?');
		expect(deck.definition).toBe(
			'Soft skills in product management are non-technical, interpersonal abilities that enable effective communication, collaboration, and leadership within a team and with stakeholders. These skills include empathy, adaptability, problem-solving, and emotional intelligence.'
		);
		expect(deck.synonyms).toEqual([
			'Interpersonal skills',
			'People skills',
			'Non-technical skills',
			'Emotional intelligence',
			'Social skills'
		]);
	});

	it('has exactly 18 cards: 1 definition, 1 synonyms, 1 explanation, 5 items each way, 2 lists, 3 questions', () => {
		expect(deck.cards).toHaveLength(18);
		expect(countKinds(deck)).toEqual({ definition: 1, synonyms: 1, explanation: 1, item: 5, 'item-reverse': 5, list: 2, faq: 3 });
	});

	it('keeps the cards in page order, with readable ids', () => {
		expect(deck.cards.map((c) => c.id)).toEqual([
			'soft-skills:definition',
			'soft-skills:synonyms',
			'soft-skills:explanation:why-soft-skills-are-crucial-in-product-management',
			'soft-skills:item:key-soft-skills-for-product-managers-communication',
			'soft-skills:item:key-soft-skills-for-product-managers-empathy',
			'soft-skills:item:key-soft-skills-for-product-managers-leadership',
			'soft-skills:item:key-soft-skills-for-product-managers-adaptability',
			'soft-skills:item:key-soft-skills-for-product-managers-problem-solving',
			'soft-skills:item-reverse:key-soft-skills-for-product-managers-communication',
			'soft-skills:item-reverse:key-soft-skills-for-product-managers-empathy',
			'soft-skills:item-reverse:key-soft-skills-for-product-managers-leadership',
			'soft-skills:item-reverse:key-soft-skills-for-product-managers-adaptability',
			'soft-skills:item-reverse:key-soft-skills-for-product-managers-problem-solving',
			'soft-skills:list:key-soft-skills-for-product-managers',
			'soft-skills:list:how-to-develop-soft-skills-in-product-management',
			// Longer than 60 characters: cut at a word and hashed.
			'soft-skills:faq:how-do-soft-skills-differ-from-hard-skills-in-product-qy89qy',
			'soft-skills:faq:can-soft-skills-be-learned-or-are-they-innate',
			'soft-skills:faq:which-soft-skill-is-most-important-for-product-managers'
		]);
		expect(deck.cards.every((c) => c.deckId === 'soft-skills')).toBe(true);
	});

	it('asks the definition with the heading as written', () => {
		expect(card('definition')).toMatchObject({
			kind: 'definition',
			front: 'What are Soft Skills in Product Management?',
			back: deck.definition
		});
	});

	it('lists the synonyms on one card', () => {
		expect(card('synonyms')).toMatchObject({
			front: 'What are synonyms for Soft Skills?',
			back: 'Interpersonal skills, People skills, Non-technical skills, Emotional intelligence, Social skills'
		});
	});

	it('turns the prose section into a question', () => {
		expect(card('explanation:why-soft-skills-are-crucial-in-product-management')).toMatchObject({
			front: 'Why are Soft Skills Crucial in Product Management?',
			back: 'Soft skills are essential for product managers as they navigate complex team dynamics, stakeholder relationships, and customer needs. These skills enable PMs to lead without authority, influence decisions, and drive product success through effective communication and collaboration.'
		});
	});

	it('asks each named skill both ways', () => {
		expect(card('item:key-soft-skills-for-product-managers-communication')).toMatchObject({
			front: 'Key Soft Skills for Product Managers: Communication',
			back: 'Clearly conveying ideas and information to team members, stakeholders, and customers.'
		});
		expect(card('item:key-soft-skills-for-product-managers-problem-solving')).toMatchObject({
			front: 'Key Soft Skills for Product Managers: Problem-solving',
			back: 'Identifying issues and developing creative solutions.'
		});
		expect(card('item-reverse:key-soft-skills-for-product-managers-empathy')).toMatchObject({
			front:
				"Key Soft Skills for Product Managers: which one is this?\nUnderstanding and relating to user needs and team members' perspectives.",
			back: 'Empathy'
		});
	});

	it('asks for each whole list, named entries by name and points in full', () => {
		expect(card('list:key-soft-skills-for-product-managers')).toMatchObject({
			front: 'Key Soft Skills for Product Managers: name all 5',
			back: '1. Communication\n2. Empathy\n3. Leadership\n4. Adaptability\n5. Problem-solving'
		});
		expect(card('list:how-to-develop-soft-skills-in-product-management')).toMatchObject({
			front:
				'How to Develop Soft Skills in Product Management: complete the 5 points\n1. Practice active listening …\n2. Seek feedback from …\n3. Participate in cross-functional …\n4. Attend workshops or …\n5. Regularly reflect on …',
			back: [
				'1. Practice active listening in meetings and user interviews.',
				'2. Seek feedback from colleagues and mentors on your communication style.',
				'3. Participate in cross-functional projects to improve collaboration skills.',
				'4. Attend workshops or courses focused on leadership and emotional intelligence.',
				'5. Regularly reflect on your interactions and identify areas for improvement.'
			].join('\n')
		});
	});

	it('asks each FAQ question alone and answers it without its label', () => {
		const faqs = deck.cards.filter((c) => c.kind === 'faq');
		expect(faqs.map((c) => [c.front, c.back])).toEqual([
			[
				'How do soft skills differ from hard skills in product management?',
				'Soft skills are interpersonal abilities like communication and leadership, while hard skills are technical competencies such as data analysis or project management methodologies.'
			],
			[
				'Can soft skills be learned or are they innate?',
				'While some people may have a natural inclination towards certain soft skills, they can be developed and improved through practice, training, and self-reflection.'
			],
			[
				'Which soft skill is most important for product managers?',
				'While all soft skills are valuable, effective communication is often considered the most crucial as it underpins many other skills and is essential for success in product management.'
			]
		]);
	});

	it('leaves the site chrome out of every card', () => {
		const text = deck.cards.map((c) => `${c.front}\n${c.back}`).join('\n');
		for (const chrome of [
			'Users will love you',
			'Innerview',
			'Glossaries',
			'question mark',
			'Try the user interview platform',
			'Question 1',
			'Answer:',
			'•'
		]) {
			expect(text).not.toContain(chrome);
		}
	});

	it('summarises the sections for a preview', () => {
		expect(deck.sections.map((s) => [s.heading, s.kind, s.cardIds.length])).toEqual([
			['What are Soft Skills in Product Management?', 'definition', 2],
			['Why Soft Skills are Crucial in Product Management', 'explanation', 1],
			['Key Soft Skills for Product Managers', 'list', 11],
			['How to Develop Soft Skills in Product Management', 'list', 1],
			['Frequently Asked Questions', 'faq', 3]
		]);
		expect(deck.sections.flatMap((s) => s.cardIds)).toEqual(deck.cards.map((c) => c.id));
	});

	it('reads the copy in decks/ exactly like the seed', () => {
		const copy = readFileSync(new URL('../../../decks/soft-skills.txt', import.meta.url), 'utf8');
		expect(summary(generateDeck(copy))).toEqual(summary(deck));
	});
});

describe('the same page in other clothes', () => {
	const expected = summary(generateDeck(seed));

	it('reads the Markdown version (headings, **bold** names, links, image, wrapped lines) into the same cards and ids', () => {
		expect(summary(generateDeck(fixture('soft-skills.md')))).toEqual(expected);
	});

	it('reads CRLF and old Mac CR line endings into the same cards and ids', () => {
		expect(summary(generateDeck(seed.replace(/\n/g, '\r\n')))).toEqual(expected);
		expect(summary(generateDeck(seed.replace(/\n/g, '\r')))).toEqual(expected);
		expect(summary(generateDeck(fixture('soft-skills.md').replace(/\n/g, '\r\n')))).toEqual(expected);
	});

	it.each([
		['no blank lines at all', seed.replace(/\n\s*\n/g, '\n')],
		['three blank lines between everything', seed.replace(/\n/g, '\n\n\n')],
		[
			'tabs, spaces and trailing spaces',
			seed
				.split('\n')
				.map((l, i) => `${i % 2 ? '\t ' : '    '}${l}  \t`)
				.join('\n')
		],
		['non-breaking spaces and a byte order mark', '\ufeff' + seed.replace(/ skills/g, '\u00a0skills')],
		['dash bullets', seed.replace(/•/g, '-')],
		['star bullets', seed.replace(/•/g, '*')],
		['FAQ entries without bullets', seed.replace(/ {2}• /g, '')],
		['"1)" numbering', seed.replace(/(\d)\. /g, '$1) ')],
		['"1." on its own line', seed.replace(/ {2}(\d)\. /g, '$1.\n')],
		['trailing blank lines', `${seed}\n\n\n`]
	])('reads the seed with %s into the same cards', (_, page) => {
		expect(summary(generateDeck(page))).toEqual(expected);
	});

	it('reads lists a browser copied without numbers or bullets, in a page with blank lines between paragraphs', () => {
		const deck = generateDeck(seed.replace(/ {2}\d\. /g, '').replace(/ {2}• /g, ''));
		expect(countKinds(deck)).toEqual({ definition: 1, synonyms: 1, explanation: 1, item: 5, 'item-reverse': 5, list: 2, faq: 3 });
		// Same ids as the numbered page: ids come from headings and names, not from markers.
		expect(deck.cards.map((c) => c.id)).toEqual(generateDeck(seed).cards.map((c) => c.id));
		expect(deck.cards.find((c) => c.kind === 'list')?.back).toBe(
			'• Communication\n• Empathy\n• Leadership\n• Adaptability\n• Problem-solving'
		);
	});
});

describe('a Technical Debt page with other headings', () => {
	const deck = generateDeck(fixture('technical-debt.txt'));
	const fronts = (kind: CardKind) => deck.cards.filter((c) => c.kind === kind).map((c) => c.front);

	it('finds the term, the definition and no synonyms', () => {
		expect(deck.id).toBe('technical-debt');
		expect(deck.title).toBe('Technical Debt');
		expect(deck.question).toBe('What is Technical Debt?');
		expect(deck.synonyms).toBeUndefined();
		expect(deck.cards[0]).toMatchObject({
			kind: 'definition',
			front: 'What is Technical Debt?',
			back: 'Technical debt is the implied cost of future rework caused by choosing a quick or limited solution now instead of a better approach that would take longer.'
		});
	});

	it('makes 1 definition, 1 explanation, 7 items each way, 2 lists and 4 questions', () => {
		expect(countKinds(deck)).toEqual({ definition: 1, synonyms: 0, explanation: 1, item: 7, 'item-reverse': 7, list: 2, faq: 4 });
		expect(deck.cards).toHaveLength(22);
	});

	it('keeps both paragraphs of the prose section', () => {
		expect(deck.cards[1]).toMatchObject({
			kind: 'explanation',
			front: 'Why does Technical Debt matter to Product Teams?',
			back: 'Unmanaged technical debt slows every future change. Teams spend more time working around old shortcuts than building new value, and releases become riskier.\n\nIt also hides in plain sight: the roadmap looks healthy until a small feature suddenly takes a whole quarter.'
		});
	});

	it('treats the examples as plain points, even the one with a colon, and puts the lead-in line with the list', () => {
		expect(deck.cards[2]).toMatchObject({
			id: 'technical-debt:list:examples-of-technical-debt',
			kind: 'list',
			front:
				'Examples of Technical Debt: complete the 4 points\nCommon examples include:\n• Skipping automated tests …\n• Copying code between …\n• Leaving outdated dependencies …\n• Hard-coding configuration that …',
			back: [
				'• Skipping automated tests to hit a launch date.',
				'• Copying code between services instead of sharing a library.',
				'• Leaving outdated dependencies unpatched for years.',
				'• Hard-coding configuration that should live in settings: prices, limits and feature flags.'
			].join('\n')
		});
	});

	it('asks the seven named practices both ways and as a list', () => {
		expect(fronts('item')).toEqual(
			['Visibility', 'Budgeting', 'Refactoring', 'Definition of done', 'Prioritization', 'Communication', 'Automation'].map(
				(name) => `Best Practices for Managing Technical Debt: ${name}`
			)
		);
		expect(deck.cards.find((c) => c.front.endsWith(': Budgeting'))?.back).toBe(
			'Reserve a fixed share of every sprint for paying debt down.'
		);
		expect(deck.cards.find((c) => c.kind === 'list' && c.front.startsWith('Best'))).toMatchObject({
			front: 'Best Practices for Managing Technical Debt: name all 7',
			back: '1. Visibility\n2. Budgeting\n3. Refactoring\n4. Definition of done\n5. Prioritization\n6. Communication\n7. Automation'
		});
	});

	it('hides an item name inside its description on the reverse card', () => {
		expect(deck.cards.find((c) => c.kind === 'item-reverse' && c.back === 'Refactoring')?.front).toBe(
			'Best Practices for Managing Technical Debt: which one is this?\nImprove code as you touch it; ___ in small steps keeps risk low.'
		);
		// The forward card keeps the description as written.
		expect(deck.cards.find((c) => c.kind === 'item' && c.front.endsWith('Refactoring'))?.back).toBe(
			'Improve code as you touch it; refactoring in small steps keeps risk low.'
		);
	});

	it('keeps an overlong item id short, readable and distinct', () => {
		const ids = deck.cards.filter((c) => c.front.endsWith('Definition of done') || c.back === 'Definition of done').map((c) => c.id);
		expect(ids).toEqual([
			'technical-debt:item:best-practices-for-managing-definition-of-done-1sj99fg',
			'technical-debt:item-reverse:best-practices-for-managing-definition-of-done-1sj99fg'
		]);
	});

	it('answers the four questions', () => {
		expect(fronts('faq')).toEqual([
			'Is all technical debt bad?',
			'Who is responsible for technical debt?',
			'How do you measure technical debt?',
			'When should a team stop to pay down debt?'
		]);
		expect(deck.cards.find((c) => c.front === 'Who is responsible for technical debt?')?.back).toBe(
			'The whole product team: engineers surface it, and product managers weigh it against features.'
		);
	});
});

describe('a Product Roadmap page in Markdown', () => {
	const deck = generateDeck(fixture('product-roadmap.md'));
	const byId = (id: string) => deck.cards.find((c) => c.id === `product-roadmap:${id}`);

	it('takes the setext title as the term and skips the breadcrumb above it', () => {
		expect(deck.title).toBe('Product Roadmap');
		expect(deck.question).toBe('What Is a Product Roadmap?');
		expect(deck.cards.some((c) => `${c.front} ${c.back}`.includes('Home'))).toBe(false);
	});

	it('joins wrapped lines, keeps link text and separates paragraphs', () => {
		expect(byId('definition')?.back).toBe(
			'A product roadmap is a shared, high-level plan that shows how a product will evolve over time and why, connecting the product strategy to the work teams will deliver.\n\nIt communicates direction and priorities rather than a fixed list of dates.'
		);
	});

	it('reads an "Also known as" line as synonyms', () => {
		expect(deck.synonyms).toEqual(['Product plan', 'release roadmap', 'strategic roadmap']);
		expect(byId('synonyms')?.back).toBe('Product plan, release roadmap, strategic roadmap');
	});

	it('accepts a sentence-case heading', () => {
		expect(byId('explanation:why-roadmaps-matter')).toMatchObject({ front: 'Why do roadmaps matter?' });
	});

	it('reads bold names with dash separators, folding a nested bullet into its entry', () => {
		expect(byId('item:key-components-of-a-product-roadmap-status-markers')).toMatchObject({
			front: 'Key Components of a Product Roadmap: Status markers',
			back: 'Signals showing whether each theme is planned, in progress or done.'
		});
		expect(byId('item:key-components-of-a-product-roadmap-themes')?.back).toBe(
			'Groups of related work tied to a customer problem or business goal. Each theme links to a measurable outcome.'
		);
		expect(byId('list:key-components-of-a-product-roadmap')).toMatchObject({
			front: 'Key Components of a Product Roadmap: name all 4',
			back: '• Vision\n• Themes\n• Timeline\n• Status markers'
		});
	});

	it('makes a list of a sub-heading with plain entries', () => {
		expect(byId('list:types-of-roadmaps')).toMatchObject({
			front: 'Types of Roadmaps: name the 3 points',
			back: '• Now-Next-Later roadmap\n• Timeline roadmap\n• Outcome-based roadmap'
		});
	});

	it('shows what the page says after a list under the list, and its lead-in with the list', () => {
		expect(byId('explanation:common-mistakes-when-building-a-roadmap')).toBeUndefined();
		expect(byId('list:common-mistakes-when-building-a-roadmap')).toMatchObject({
			front: [
				'Common Mistakes When Building a Roadmap: complete the 3 points',
				'Watch out for these traps:',
				'1. Treating the roadmap …',
				'2. Listing features without …',
				'3. Never revisiting it …'
			].join('\n'),
			back: [
				'1. Treating the roadmap as a promise of exact delivery dates.',
				'2. Listing features without the problems they solve.',
				'3. Never revisiting it after the planning meeting.',
				'',
				'Most of these come from using the roadmap as a project plan instead of a communication tool.'
			].join('\n')
		});
	});

	it('reads questions written as sub-headings, with labelled or multi-paragraph answers', () => {
		expect(deck.cards.filter((c) => c.kind === 'faq').map((c) => [c.front, c.back])).toEqual([
			[
				'How often should a roadmap be updated?',
				'Review it at least once a quarter.\n\nUpdate it sooner whenever strategy, market or customer insight changes.'
			],
			['Is a roadmap a commitment?', 'No. It states current intent and priorities; dates further out are deliberately loose.'],
			['Who owns the product roadmap?', 'The product manager owns it, shaping it together with engineering, design and leadership.']
		]);
	});

	it('leaves out the call to action', () => {
		expect(countKinds(deck)).toEqual({ definition: 1, synonyms: 1, explanation: 1, item: 4, 'item-reverse': 4, list: 3, faq: 3 });
		expect(deck.cards.some((c) => c.front.includes('Innerview') || c.back.includes('Try the user'))).toBe(false);
	});
});

describe('a North Star Metric page with no term line and single-spaced blocks', () => {
	const deck = generateDeck(fixture('north-star-metric.txt'));

	it('takes the term from the question when the line above is chrome', () => {
		expect(deck.id).toBe('north-star-metric');
		expect(deck.title).toBe('North Star Metric');
	});

	it('makes the expected cards', () => {
		expect(deck.cards.map((c) => [c.kind, c.front, c.back])).toEqual([
			[
				'definition',
				'What is a North Star Metric?',
				'The North Star Metric is the single measure that best captures the core value a product delivers to its customers.'
			],
			['synonyms', 'What are synonyms for North Star Metric?', 'NSM, Key metric, Guiding metric'],
			[
				'list',
				'How to choose a north star metric: name the 3 points',
				'• It reflects value customers actually receive.\n• It predicts long-term revenue.\n• The whole team can influence it.'
			],
			[
				'faq',
				'How is it different from a KPI?',
				'A KPI tracks one area of performance; the North Star Metric sums up the value of the whole product.'
			],
			['faq', 'Can a product have two North Star Metrics?', 'Usually not. Two metrics split focus, which defeats the purpose.']
		]);
	});
});

describe('a User Persona page in the glossary\'s other style (lead-ins, unfinished entries, "Question?: Answer")', () => {
	const deck = generateDeck(fixture('user-persona.txt'));

	it('makes the expected cards in page order', () => {
		expect(deck.cards.map((c) => [c.kind, c.front])).toEqual([
			['definition', 'What is a User Persona?'],
			['synonyms', 'What are synonyms for User Persona?'],
			[
				'list',
				'Why User Personas are Useful in Product Management: complete the 3 points\nUser personas are useful for several reasons:\n1. They keep the …\n2. They make it …\n3. They give designers …'
			],
			['list', 'Key Elements of a User Persona: name the 4 points\nA good persona usually describes:'],
			['item', "The Persona's Role in Product Decisions: Discovery"],
			['item', "The Persona's Role in Product Decisions: Design"],
			['item', "The Persona's Role in Product Decisions: Prioritization"],
			['item-reverse', "The Persona's Role in Product Decisions: which one is this?\nChoosing which problems to research first"],
			['item-reverse', "The Persona's Role in Product Decisions: which one is this?\nJudging whether a flow fits the persona's skills"],
			[
				'item-reverse',
				"The Persona's Role in Product Decisions: which one is this?\nRanking features by the value they bring to key personas"
			],
			['list', "The Persona's Role in Product Decisions: name all 3\nPersonas help at every stage of product work:"],
			['faq', 'How many personas should a product have?'],
			['faq', "What's the difference between a persona and a segment?"],
			['faq', 'How often should personas be updated?']
		]);
	});

	it('keeps lead-ins and closing notes off the entries, the note under its list, and entries without a final period whole', () => {
		expect(deck.cards[2]?.back).toBe(
			[
				'1. They keep the team focused on real user needs instead of personal opinions',
				'2. They make it easier to prioritize features against a shared picture of the user',
				'3. They give designers and engineers a common language for talking about users'
			].join('\n')
		);
		// The closing note stands under its list, never as a card of its own.
		expect(deck.cards[10]?.back).toBe(
			'1. Discovery\n2. Design\n3. Prioritization\n\nTheir value fades quickly if they are not refreshed with new research.'
		);
	});

	it('splits "Question?: Answer" entries', () => {
		expect(deck.cards[12]?.back).toBe(
			'A segment groups users by shared traits for analysis, while a persona tells the story of one representative user to guide design.'
		);
	});
});

describe('small and odd pages', () => {
	it('makes a one-card deck of a page with only a term and its definition', () => {
		const deck = generateDeck('Velocity\n\nWhat is Velocity?\n\nVelocity is the amount of work a team completes in a sprint.');
		expect(deck.cards).toEqual([
			{
				id: 'velocity:definition',
				deckId: 'velocity',
				kind: 'definition',
				front: 'What is Velocity?',
				back: 'Velocity is the amount of work a team completes in a sprint.'
			}
		]);
		expect(deck.sections).toHaveLength(1);
	});

	it('takes the definition straight under a Markdown title when there is no "What is" heading', () => {
		const deck = generateDeck(
			'# Backlog\n\nA backlog is the ordered list of work a team may do next.\n\n## Why It Matters\n\nIt makes priorities visible.'
		);
		expect(deck.question).toBe('What is Backlog?');
		expect(deck.cards.map((c) => [c.kind, c.front, c.back])).toEqual([
			['definition', 'What is Backlog?', 'A backlog is the ordered list of work a team may do next.'],
			['explanation', 'Why does it matter?', 'It makes priorities visible.']
		]);
	});

	it('gives one synonym a singular question', () => {
		const deck = generateDeck('MVP\n\nWhat is an MVP?\n\nThe smallest product that tests an idea.\n\nSynonyms: Minimum viable product');
		expect(deck.cards[1]).toMatchObject({ kind: 'synonyms', front: 'What is another name for MVP?', back: 'Minimum viable product' });
	});

	it('keeps a list inside the definition section on the definition card', () => {
		const deck = generateDeck(
			'OKR\n\nWhat are OKRs?\n\nA goal-setting framework with two parts:\n\n- Objectives: what to achieve.\n- Key results: how progress is measured.'
		);
		expect(deck.cards).toHaveLength(1);
		expect(deck.cards[0]?.back).toBe(
			'A goal-setting framework with two parts:\n\n• Objectives: what to achieve.\n• Key results: how progress is measured.'
		);
	});

	it('keeps "<img src=x onerror=...>" as literal text on cards', () => {
		const page = seed
			.replace('These skills include empathy', 'These skills include <img src=x onerror=alert(1)> empathy')
			.replace('Guiding and motivating teams', '<script>alert("x")</script> Guiding & motivating teams');
		const deck = generateDeck(page);
		expect(deck.cards[0]?.back).toContain('These skills include <img src=x onerror=alert(1)> empathy');
		expect(deck.cards.find((c) => c.front.endsWith(': Leadership'))?.back).toBe(
			'<script>alert("x")</script> Guiding & motivating teams towards common goals.'
		);
	});

	it('keeps asterisks and underscores that are not Markdown emphasis', () => {
		const deck = generateDeck('Formula\n\nWhat is a Formula?\n\nA rule like 5 * 3 = 15 or the variable user_count, written *plainly*.');
		expect(deck.cards[0]?.back).toBe('A rule like 5 * 3 = 15 or the variable user_count, written plainly.');
	});
});

describe('cardKindLabel', () => {
	it('names every kind for grouping a preview', () => {
		expect(cardKindLabel).toEqual({
			definition: 'Definitions',
			synonyms: 'Synonyms',
			explanation: 'Explanations',
			item: 'List items',
			'item-reverse': 'List items, reversed',
			list: 'Whole lists',
			faq: 'Questions and answers'
		});
	});
});
