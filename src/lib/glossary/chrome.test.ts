// The site's furniture by its shape and stock phrases: lines that make no card, headings that open a
// piece of furniture, and chrome glued to the text after it.
import { describe, expect, it } from 'vitest';
import { furnitureHeading, gluePoints, isChromeLine, isTeaser, withoutChromeBefore, withoutGluedChrome } from './chrome';

describe('isChromeLine', () => {
	it.each([
		'Glossaries',
		'Back to Glossary',
		'← All Terms',
		'Skip to main content',
		'Share this article',
		'Read more about Pay-per-click (PPC) advertising',
		'Home / Glossary / Card Sorting',
		'Home > Glossary > Agile',
		'Sign in | Pricing | Blog',
		'Written by Maya Lindqvist',
		'By Tomás Ferreira · Updated March 4, 2025',
		'Updated on March 3, 2024',
		'6 min read',
		'Trusted by world-class organizations',
		'Start for free',
		'Book a demo',
		'Get started free',
		'Start your free trial today.',
		'Try the user interview platform used by modern product teams everywhere',
		'question mark',
		'© 2025 Acme Inc.',
		'Tags: agile, scrum',
		'We use cookies to improve your experience.',
		'Privacy Policy',
		'What is an Edge Case? An edge case in UX design refers to a r…'
	])('%s', (line) => {
		expect(isChromeLine(line)).toBe(true);
	});

	it.each([
		'Teams often book a demo with several vendors before they choose a tool.',
		'By default, settings apply to every deck.',
		'Design Thinking / Lean UX',
		'Home Screen Design',
		'Start with the riskiest assumption.',
		'Agile is an iterative approach to product development.'
	])('keeps %s', (line) => {
		expect(isChromeLine(line)).toBe(false);
	});

	it('takes a cut-off teaser for chrome, not a sentence ending in an ellipsis after a whole word', () => {
		expect(isTeaser('A sprint is a short, time-boxed period when a scrum team works to complete a set am…')).toBe(true);
		expect(isTeaser('Feature toggles let a team turn functionality on or off without new co...')).toBe(true);
		expect(isTeaser('And so…')).toBe(false);
	});
});

describe('furnitureHeading', () => {
	it.each([
		['Related terms', 'related'],
		['Related Concepts', 'related'],
		['You might also like', 'related'],
		['See also', 'related'],
		['Need expert help?', 'box'],
		['Where PMs use this?', 'box'],
		['Ready to build better roadmaps?', 'box'],
		['About the author', 'box'],
		['Book a demo', 'box'],
		['Table of contents', 'box'],
		['References', 'box'],
		['Was this helpful?', 'box']
	])('%s opens %s furniture', (heading, kind) => {
		expect(furnitureHeading(heading)).toBe(kind);
	});

	it.each([
		'Why Card Sorting Matters',
		'Related Work in Psychology Research Methods Today Explained In Full Detail',
		'Common Pitfalls',
		'Start for FreeCard Sorting'
	])('%s opens none', (heading) => {
		expect(furnitureHeading(heading)).toBeNull();
	});
});

describe('chrome glued to the text', () => {
	it('finds where glued text starts, but not inside a brand name', () => {
		expect(gluePoints('Start for freePrototyping is', 5)).toEqual([14]);
		expect(gluePoints('Start for FreeCard Sorting', 5)).toEqual([14]);
		expect(gluePoints('YouTube Analytics is a tool', 5)).toEqual([]);
		expect(gluePoints('The iPhone and eBay', 5)).toEqual([]);
	});

	it('cuts chrome glued before a line', () => {
		expect(withoutChromeBefore('Start for FreeCard Sorting')).toBe('Card Sorting');
		expect(withoutChromeBefore('Trusted by world-class organizationsStart for freeA persona is a user model.')).toBe(
			'A persona is a user model.'
		);
		expect(withoutChromeBefore('YouTube Analytics is a reporting tool.')).toBe('YouTube Analytics is a reporting tool.');
	});

	it('cuts chrome glued before a term line the question names', () => {
		expect(withoutGluedChrome('Start for FreeCard Sorting', 'What is Card Sorting?')).toBe('Card Sorting');
		expect(withoutGluedChrome('YouTube Analytics', 'What is YouTube Analytics?')).toBe('YouTube Analytics');
	});
});
