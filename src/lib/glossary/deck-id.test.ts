import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { linkIdProblem } from './deck-id';
import { slugify } from './ids';
import { generateDeck } from './checked-deck';

describe('linkIdProblem', () => {
	test.each([
		['', 'it is empty'],
		['  \t', 'it is empty'],
		['.', '"." would be read as a folder in the link'],
		['..', '".." would be read as a folder in the link'],
		['a/b', 'it contains "/", which a link cannot keep'],
		['..\\x', 'it contains "\\", which a link cannot keep'],
		['soft\nskills', 'it contains a control character, which a link cannot keep']
	])('refuses %j', (id, problem) => {
		expect(linkIdProblem(id)).toBe(problem);
	});

	test.each(['soft-skills', '...', '.hidden', 'a.b', 'Ärger', 'q?x#y%z', ' soft '])('accepts %j', (id) => {
		expect(linkIdProblem(id)).toBeUndefined();
	});

	test('every id the glossary import makes from a title can make a link', () => {
		fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (title) => linkIdProblem(slugify(title)) === undefined));
		for (const title of ['.', '..', '/', '\\', ' ']) expect(linkIdProblem(slugify(title))).toBeUndefined();
	});
});

describe('generateDeck with an id that cannot make a link', () => {
	const page = 'What is a Roadmap?\n\nA roadmap is a plan that shows where a product is going.';

	test.each(['..', '.', '  ', 'a/b'])('uses the slug of the term instead of %j', (id) => {
		expect(generateDeck(page, { id }).id).toBe('roadmap');
	});

	test('keeps a usable id as given', () => {
		expect(generateDeck(page, { id: 'my-roadmap' }).id).toBe('my-roadmap');
	});
});
