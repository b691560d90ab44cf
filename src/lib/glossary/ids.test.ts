// Card ids must survive edits of the page (a learner's progress hangs on them) and never repeat within a deck.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { cardId, fnv1a, normalizeKey, slugify, type Deck } from './index';
import { uniqueIds } from './ids';

const seed = readFileSync(new URL('./fixtures/soft-skills.txt', import.meta.url), 'utf8');
const seedDeck = generateDeck(seed);
const ids = (deck: Deck) => deck.cards.map((c) => c.id);

/** The page with one part replaced, failing loudly if the part is not there (so a test cannot pass vacuously). */
function edit(page: string, from: string, to: string): string {
	expect(page).toContain(from);
	return page.replace(from, to);
}

describe('fnv1a', () => {
	it('is 32-bit FNV-1a in base 36', () => {
		expect(fnv1a('')).toBe((0x811c9dc5).toString(36));
		expect(fnv1a('a')).toBe((0xe40c292c).toString(36));
		expect(fnv1a('foobar')).toBe((0xbf9cf968).toString(36));
	});
});

describe('normalizeKey', () => {
	it('ignores case, accents, spacing and punctuation', () => {
		expect(normalizeKey('  Café   Culture: Q&A!? ')).toBe('cafe culture q and a');
		expect(normalizeKey('Problem-solving')).toBe(normalizeKey('problem solving'));
	});
});

describe('slugify', () => {
	it('makes the deck id of a title', () => {
		expect(slugify('Soft Skills')).toBe('soft-skills');
		expect(slugify('  A/B Testing ')).toBe('a-b-testing');
		expect(slugify('Über-Agile Café')).toBe('uber-agile-cafe');
		expect(slugify("Product Manager's Toolkit")).toBe('product-manager-s-toolkit');
	});

	it('never returns an empty id: a title without Latin letters becomes its hash', () => {
		expect(slugify('用户体验')).toBe(fnv1a('用户体验'));
		expect(slugify('')).toBe(fnv1a(''));
		expect(slugify('???')).toBe(fnv1a(''));
	});

	it('cuts a long title at a word and adds the hash of the whole, at most 60 characters', () => {
		const long = 'The Surprisingly Long and Winding Title of a Glossary Entry About Roadmaps';
		const slug = slugify(long);
		expect(slug).toBe(`the-surprisingly-long-and-winding-title-of-a-glossary-${fnv1a(normalizeKey(long))}`);
		expect(slug.length).toBeLessThanOrEqual(60);
		expect(slugify(`${long} Again`)).not.toBe(slug);
	});
});

describe('cardId', () => {
	it('joins deck id, kind and the slug of the key', () => {
		expect(cardId('soft-skills', 'definition')).toBe('soft-skills:definition');
		expect(cardId('soft-skills', 'list', 'How to Develop Soft Skills')).toBe('soft-skills:list:how-to-develop-soft-skills');
		expect(cardId('d', 'item', ['Key Skills', 'Communication'])).toBe('d:item:key-skills-communication');
	});

	it('keeps the item name readable when a long heading must be cut', () => {
		const id = cardId('d', 'item', ['Best Practices for Managing Technical Debt in Large Organisations', 'Definition of done']);
		expect(id).toBe(
			`d:item:best-practices-for-managing-definition-of-done-${fnv1a('best practices for managing technical debt in large organisations definition of done')}`
		);
		expect(id.length - 'd:item:'.length).toBeLessThanOrEqual(60);
	});

	it('hashes a key without Latin letters', () => {
		expect(cardId('d', 'faq', '¿Qué?')).toBe('d:faq:que');
		expect(cardId('d', 'faq', '为什么?')).toBe(`d:faq:${fnv1a('为什么')}`);
	});
});

describe('uniqueIds', () => {
	it('suffixes repeats with ~2, ~3 in order of appearance', () => {
		const unique = uniqueIds();
		expect(['a', 'b', 'a', 'a', 'b'].map(unique)).toEqual(['a', 'b', 'a~2', 'a~3', 'b~2']);
	});
});

describe('ids stay stable across page edits', () => {
	it('gives the same ids for the same page every time', () => {
		expect(ids(generateDeck(seed))).toEqual(ids(seedDeck));
	});

	it('keeps every id when answers are reworded', () => {
		let page = edit(seed, 'Guiding and motivating teams towards common goals.', 'Setting direction and helping people do their best work.');
		page = edit(page, 'Soft skills are interpersonal abilities like', 'They are people abilities such as');
		page = edit(page, 'These skills include empathy', 'They include empathy');
		page = edit(page, 'People skills, Non-technical skills', 'People skills');
		page = edit(page, 'Soft skills are essential for product managers', 'Soft skills matter for product managers');
		page = edit(
			page,
			'5. Regularly reflect on your interactions and identify areas for improvement.',
			'5. Keep a journal of your interactions.'
		);
		const deck = generateDeck(page);
		expect(ids(deck)).toEqual(ids(seedDeck));
		expect(deck.cards.find((c) => c.front.endsWith(': Leadership'))?.back).toBe('Setting direction and helping people do their best work.');
	});

	it('keeps every id when a key is edited trivially: case, spacing, punctuation, question number', () => {
		let page = edit(
			seed,
			'Question 2: Can soft skills be learned or are they innate?',
			'Question 7:   can soft skills be learned, or are they innate ?'
		);
		page = edit(page, '2. Empathy:', '2. EMPATHY :');
		page = edit(page, 'Key Soft Skills for Product Managers\n', 'Key  Soft  Skills For Product Managers\n');
		page = edit(
			page,
			'Question 3: Which soft skill is most important for product managers?',
			'Question 3: Which soft-skill is most important for product managers??'
		);
		expect(ids(generateDeck(page))).toEqual(ids(seedDeck));
		// In Markdown a heading is marked, so a trailing colon is only punctuation.
		const markdown = readFileSync(new URL('./fixtures/soft-skills.md', import.meta.url), 'utf8');
		expect(
			ids(generateDeck(edit(markdown, '## Key Soft Skills for Product Managers', '## Key soft skills for product managers:')))
		).toEqual(ids(seedDeck));
	});

	it('keeps every other id when a FAQ entry is added, and the new one gets its own', () => {
		const added = '  • Question 2: How long does it take to build soft skills? Answer: Months of deliberate practice.\n\n';
		const page = edit(seed, '  • Question 2:', `${added}  • Question 2:`);
		const deck = generateDeck(page);
		expect(deck.cards).toHaveLength(19);
		expect(ids(deck).filter((id) => !id.includes('how-long-does-it-take'))).toEqual(ids(seedDeck));
		expect(ids(deck)[16]).toBe('soft-skills:faq:how-long-does-it-take-to-build-soft-skills');
	});

	it('keeps every id when sections and FAQ entries are reordered', () => {
		const key = seed.slice(seed.indexOf('Key Soft Skills'), seed.indexOf('How to Develop'));
		const how = seed.slice(seed.indexOf('How to Develop'), seed.indexOf('Frequently Asked'));
		let page = seed.replace(key + how, how + key);
		const q1 = page.slice(page.indexOf('  • Question 1'), page.indexOf('  • Question 2'));
		page = page.replace(q1, '').replace('Try Innerview', `${q1}Try Innerview`);
		const deck = generateDeck(page);
		expect(ids(deck)).not.toEqual(ids(seedDeck));
		expect([...ids(deck)].sort()).toEqual([...ids(seedDeck)].sort());
	});

	it('keeps every id when the page arrives as Markdown', () => {
		const markdown = readFileSync(new URL('./fixtures/soft-skills.md', import.meta.url), 'utf8');
		expect(ids(generateDeck(markdown))).toEqual(ids(seedDeck));
	});

	it('prefixes every card id with options.id when given', () => {
		const deck = generateDeck(seed, { id: 'pm-soft-skills' });
		expect(deck.id).toBe('pm-soft-skills');
		expect(deck.cards.every((c) => c.deckId === 'pm-soft-skills')).toBe(true);
		expect(ids(deck)).toEqual(ids(seedDeck).map((id) => id.replace(/^soft-skills:/, 'pm-soft-skills:')));
		// A blank id is no id.
		expect(generateDeck(seed, { id: '  ' }).id).toBe('soft-skills');
	});
});

describe('ids never repeat within a deck', () => {
	it('suffixes sections with the same heading and repeated items in order of appearance, and leaves out a repeated question', () => {
		const page = [
			'Kanban',
			'What is Kanban?',
			'A method for visualising and limiting work in progress.',
			'Examples',
			'1. Cards: Work items on a board.',
			'2. Columns: Stages of work.',
			'3. Cards: Repeated by mistake on the page.',
			'Examples',
			'1. A support team board.',
			'2. A personal task board.',
			'FAQ',
			'• Question 1: Is Kanban agile? Answer: Yes.',
			'• Question 2: Is Kanban agile? Answer: Yes, it is.'
		].join('\n\n');
		const deck = generateDeck(page);
		// "Examples: Cards" and "Is Kanban agile?" asked twice would be two cards with one front: the second goes.
		expect(ids(deck)).toEqual([
			'kanban:definition',
			'kanban:item:examples-cards',
			'kanban:item:examples-columns',
			'kanban:item-reverse:examples-cards',
			'kanban:item-reverse:examples-columns',
			'kanban:item-reverse:examples-cards~2',
			'kanban:list:examples',
			'kanban:list:examples~2',
			'kanban:faq:is-kanban-agile'
		]);
		expect(deck.leftOut).toEqual([
			{ front: 'Examples: Cards', reason: 'it asks the same as another card' },
			{ front: 'Is Kanban agile?', reason: 'it asks the same as another card' }
		]);
		expect(new Set(ids(deck)).size).toBe(deck.cards.length);
	});
});
