// The same glossary page in every shape a learner brings it in: a browser copy with blank lines and
// site chrome, a copy with single newlines and "-" bullets, Markdown, a saved HTML page and a rich-text
// paste. Each shape gives the same cards with the same ids; a short rendering without headings still
// makes a deck. Every deck is held to the quality bar of issue #12.
import { readFileSync } from 'node:fs';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { htmlToText, type Deck, type HtmlDocument } from './index';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/**
 * The page as the browser's DOMParser reads it. linkedom, unlike a browser, does not wrap a fragment
 * (what a rich-text paste puts on the clipboard) in html and body, so the test does that for it.
 */
function fromHtml(html: string): string {
	const page = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
	return htmlToText(new DOMParser().parseFromString(page, 'text/html') as unknown as HtmlDocument);
}
const ids = (deck: Deck) => deck.cards.map((card) => card.id);
/** A card's text with list markers taken off, which differ by shape ("1." in one copy, "-" in another). */
const plain = (text: string) => text.replace(/^(?:\d+\.|•) /gm, '');
const cardsOf = (deck: Deck) => deck.cards.map((card) => [card.id, card.kind, plain(card.front), plain(card.back)]);

const CHROME = [
	'Innerview',
	'Users will love you',
	'Glossaries',
	'question mark',
	'Try the user',
	'Start for free',
	'Trusted by',
	'Pricing',
	'©'
];

/** The quality bar: no chrome, no bullet fronts, no card holding another block's heading or question. */
function expectClean(deck: Deck): void {
	const headings = deck.sections.map((section) => section.heading);
	const questions = deck.cards.filter((card) => card.kind === 'faq').map((card) => card.front);
	for (const card of deck.cards) {
		for (const chrome of CHROME) {
			expect(card.front).not.toContain(chrome);
			expect(card.back).not.toContain(chrome);
		}
		expect(card.front).not.toMatch(/^[-–—•*·]/);
		for (const heading of headings) expect(card.back).not.toContain(heading);
		for (const question of questions) if (question !== card.front) expect(card.back).not.toContain(question);
		// A heading turned into a question reads as English: a question mark only after a question word.
		if (card.kind === 'explanation' && card.front.endsWith('?'))
			expect(card.front).toMatch(/^(?:Why|How|What|When|Where|Which|Who|Is|Can|Does|Do|Should|Are)\b/);
	}
}

describe('Jobs to Be Done in five shapes', () => {
	const copied = generateDeck(fixture('jobs-to-be-done.txt'));
	const shapes = {
		'single newlines': generateDeck(fixture('jobs-to-be-done.lines.txt')),
		Markdown: generateDeck(fixture('jobs-to-be-done.md')),
		'a saved HTML page': generateDeck(fromHtml(fixture('jobs-to-be-done.html')))
	};

	it('makes the deck a learner can answer from the browser copy', () => {
		expect(cardsOf(copied)).toEqual([
			[
				'jobs-to-be-done:definition',
				'definition',
				'What is Jobs to Be Done?',
				expect.stringMatching(/^Jobs to Be Done is a way of understanding customers/)
			],
			['jobs-to-be-done:synonyms', 'synonyms', 'What are synonyms for Jobs to Be Done?', 'JTBD, Jobs theory, Outcome-driven innovation'],
			[
				'jobs-to-be-done:explanation:why-jobs-to-be-done-helps-product-teams',
				'explanation',
				'Why does Jobs to Be Done help Product Teams?',
				expect.stringMatching(/^Jobs to Be Done helps product teams .* a phone call\.$/)
			],
			[
				'jobs-to-be-done:item:parts-of-a-job-statement-situation',
				'item',
				'Parts of a Job Statement: Situation',
				'The circumstances in which the customer feels the need.'
			],
			[
				'jobs-to-be-done:item:parts-of-a-job-statement-motivation',
				'item',
				'Parts of a Job Statement: Motivation',
				'The progress the customer wants to make.'
			],
			[
				'jobs-to-be-done:item:parts-of-a-job-statement-expected-outcome',
				'item',
				'Parts of a Job Statement: Expected Outcome',
				'How the customer will know the job is done well.'
			],
			[
				'jobs-to-be-done:item-reverse:parts-of-a-job-statement-situation',
				'item-reverse',
				'Parts of a Job Statement: which one is this?\nThe circumstances in which the customer feels the need.',
				'Situation'
			],
			[
				'jobs-to-be-done:item-reverse:parts-of-a-job-statement-motivation',
				'item-reverse',
				'Parts of a Job Statement: which one is this?\nThe progress the customer wants to make.',
				'Motivation'
			],
			[
				'jobs-to-be-done:item-reverse:parts-of-a-job-statement-expected-outcome',
				'item-reverse',
				'Parts of a Job Statement: which one is this?\nHow the customer will know the job is done well.',
				'Expected Outcome'
			],
			[
				'jobs-to-be-done:list:parts-of-a-job-statement',
				'list',
				'Parts of a Job Statement: name all 3',
				'Situation\nMotivation\nExpected Outcome'
			],
			[
				'jobs-to-be-done:list:how-researchers-uncover-jobs',
				'list',
				'How Researchers Uncover Jobs: complete the 3 points\nSwitch interviews are the usual tool. It allows researchers to:\nReconstruct the timeline …\nSeparate the push …\nHear the anxieties …',
				[
					'Reconstruct the timeline of a recent purchase from first thought to first use',
					'Separate the push of the old situation from the pull of the new solution',
					`Hear the anxieties that almost stopped the customer, in the customer's own words, such as "I was afraid I would lose my data."`
				].join('\n')
			],
			[
				'jobs-to-be-done:list:common-mistakes-with-jobs-to-be-done',
				'list',
				'Common Mistakes with Jobs to Be Done: complete the 3 points\nWriting jobs that …\nConfusing a task …\nInterviewing people who …',
				'Writing jobs that are really features in disguise\nConfusing a task with the job it serves\nInterviewing people who never made a real purchase decision\n\nMost of these mistakes come from skipping the interviews and guessing the job from the office.'
			],
			[
				'jobs-to-be-done:faq:is-jobs-to-be-done-only-for-new-products',
				'faq',
				'Is Jobs to Be Done only for new products?',
				'No. It works just as well for improving an existing product, because every product is hired for some job.'
			],
			[
				'jobs-to-be-done:faq:how-many-jobs-does-a-product-serve',
				'faq',
				'How many jobs does a product serve?',
				'Usually one main job and a handful of related jobs that happen around it.'
			],
			[
				'jobs-to-be-done:faq:can-jobs-to-be-done-replace-personas',
				'faq',
				'Can Jobs to Be Done replace personas?',
				'It can complement them; personas describe who the customer is, while jobs describe what progress they seek.'
			]
		]);
		expectClean(copied);
	});

	it.each(Object.entries(shapes))('reads %s into the same cards and ids', (_, deck) => {
		expect(ids(deck)).toEqual(ids(copied));
		expect(cardsOf(deck)).toEqual(cardsOf(copied));
		expectClean(deck);
	});
});

describe('Opportunity Solution Tree in four shapes', () => {
	const copied = generateDeck(fixture('opportunity-solution-tree.txt'));

	it('makes every item, list and FAQ card of the browser copy', () => {
		expect(copied.cards.map((card) => card.kind)).toEqual([
			'definition',
			'synonyms',
			'explanation',
			...Array<string>(4).fill('item'),
			...Array<string>(4).fill('item-reverse'),
			'list',
			'list',
			'faq',
			'faq',
			'faq'
		]);
		expect(copied.question).toBe('What is an Opportunity Solution Tree?');
		expect(copied.cards[2]?.front).toBe('The Origins of the Opportunity Solution Tree: explain');
		expect(copied.cards.filter((card) => card.kind === 'faq').map((card) => [card.front, card.back])).toEqual([
			[
				'How big should an opportunity solution tree get?',
				'Big enough to show the options, but a team works on one target opportunity at a time.'
			],
			['Who should build the tree?', 'The product trio of a product manager, a designer and an engineer builds it together.'],
			['Is the tree a one-off exercise?', 'No, it is a living document that changes after every interview and experiment.']
		]);
		expectClean(copied);
	});

	it.each([
		['single newlines and unlabelled "Question? Answer" lines', fixture('opportunity-solution-tree.lines.txt')],
		['a rich-text paste of the page', fromHtml(fixture('opportunity-solution-tree.paste.html'))]
	])('reads %s into the same cards and ids', (_, text) => {
		const deck = generateDeck(text);
		expect(ids(deck)).toEqual(ids(copied));
		expect(cardsOf(deck)).toEqual(cardsOf(copied));
		expectClean(deck);
	});
});

describe('a short rendering without headings', () => {
	const deck = generateDeck(fixture('persona-short.txt'));

	it('takes the term from the definition sentence and leaves the chrome glued to it out', () => {
		expect(deck.id).toBe('persona');
		expect(deck.title).toBe('Persona');
		expect(deck.cards.slice(0, 2).map((card) => [card.kind, card.front, card.back])).toEqual([
			[
				'definition',
				'What is a Persona?',
				'A persona in product design is a fictional character built from research that stands for a group of users with similar goals, habits and frustrations.'
			],
			['synonyms', 'What are synonyms for Persona?', 'User archetype, Design persona']
		]);
		expectClean(deck);
	});

	it('makes an explanation card of each paragraph, cued by its first words', () => {
		expect(deck.cards.slice(2).map((card) => [card.id, card.front, card.back.slice(0, 30)])).toEqual([
			['persona:explanation:teams-use-personas', 'Persona: complete and explain\nTeams use personas …', 'Teams use personas to keep rea'],
			['persona:explanation:good-personas-are', 'Persona: complete and explain\nGood personas are …', 'Good personas are based on int'],
			['persona:explanation:a-persona-is', 'Persona: complete and explain\nA persona is …', 'A persona is not a marketing s']
		]);
	});

	it('reads a definition sentence without an article at the start of a paragraph', () => {
		const page = 'Start for free\nProduct discovery is the work of deciding what to build before building it.\nSynonyms: Discovery';
		const read = generateDeck(page);
		expect([read.title, read.question, read.synonyms]).toEqual(['Product Discovery', 'What is Product Discovery?', ['Discovery']]);
	});
});

describe('the HTML reader', () => {
	it('reads headings, paragraphs, lists with bold names and <details> FAQs as Markdown', () => {
		const text = fromHtml(
			'<h1>Velocity</h1><h2>What is Velocity?</h2><p>Work done per <em>sprint</em>.</p><ul><li><b>Scope</b>: The stories pulled in.<ul><li>Nested</li></ul></li></ul><details><summary>Is it a target?</summary><p>No.</p></details>'
		);
		expect(text).toBe(
			'# Velocity\n\n## What is Velocity?\n\nWork done per sprint.\n\n- **Scope**: The stories pulled in.\n  - Nested\n\n### Is it a target?\n\nNo.'
		);
	});

	it('leaves chrome out: header, nav, footer, aside, scripts, styles, images, forms', () => {
		const text = fromHtml(
			'<body><header>Logo</header><nav>Menu</nav><p>Kept.</p><script>alert(1)</script><style>p{}</style><img alt="question mark" src="x.png"><form><button>Start for free</button></form><aside>Related</aside><footer>©</footer></body>'
		);
		expect(text).toBe('Kept.');
	});

	it('keeps the page text as text: Markdown characters and markup-looking text are escaped, not read', () => {
		const text = fromHtml(
			'<h1>A_b</h1><p>1. Not a list *nor emphasis* [nor](link) &lt;img src=x onerror=alert(1)&gt;</p><p>- nor an entry</p>'
		);
		const deck = generateDeck(`${text}\n\n## What is A_b?\n\nIt is a test.`);
		expect(text).toBe('# A\\_b\n\n1\\. Not a list \\*nor emphasis\\* \\[nor\\](link) <img src=x onerror=alert(1)>\n\n\\- nor an entry');
		expect(deck.title).toBe('A_b');
	});
});
