// Sentences of a card's text: where they end, how long sections are split into parts a learner can
// recall, and what is kept of a text cut off part way through a sentence.
import { describe, expect, it } from 'vitest';
import { endsFinished, finishedPart, isShortEnough, recallableParts, sentencesOf } from './sentences';

describe('sentencesOf', () => {
	it('ends a sentence at ".", "!", "?" and "…" before a capital, a digit or a quote, and at a line break', () => {
		expect(sentencesOf('It works. Really! Does it? "Yes." 2 teams agree… Done\nNext line')).toEqual([
			'It works.',
			'Really!',
			'Does it?',
			'"Yes."',
			'2 teams agree…',
			'Done',
			'Next line'
		]);
	});

	it("goes on after abbreviations, initials and a list entry's number", () => {
		expect(sentencesOf('Use tools, e.g. Figma or Sketch. Ask J. Smith. Scrum vs. Kanban differ.')).toEqual([
			'Use tools, e.g. Figma or Sketch.',
			'Ask J. Smith.',
			'Scrum vs. Kanban differ.'
		]);
		expect(sentencesOf('1. Communication: Clear ideas.\n2. Empathy: Understanding users.')).toEqual([
			'1. Communication: Clear ideas.',
			'2. Empathy: Understanding users.'
		]);
	});

	it('does not end a sentence before a small letter', () => {
		expect(sentencesOf('Version 2.5 ships today. it is small.')).toEqual(['Version 2.5 ships today. it is small.']);
	});
});

describe('isShortEnough', () => {
	const sentences = (n: number) => Array.from({ length: n }, (_, i) => `Point ${i + 1} holds.`).join(' ');
	it('allows four sentences within 600 characters, or one sentence however long', () => {
		expect(isShortEnough(sentences(4))).toBe(true);
		expect(isShortEnough(sentences(5))).toBe(false);
		expect(isShortEnough(`${'Long '.repeat(200)}sentence.`)).toBe(true);
		expect(isShortEnough(`${'Long '.repeat(100)}sentence. ${'And '.repeat(40)}more.`)).toBe(false);
	});
});

describe('recallableParts', () => {
	it('keeps whole paragraphs together while they fit', () => {
		expect(recallableParts(['One. Two.', 'Three.', 'Four. Five.'])).toEqual(['One. Two.\n\nThree.', 'Four. Five.']);
	});

	it('splits a paragraph too long for one part evenly between its sentences', () => {
		expect(recallableParts(['A one. A two. A three. A four. A five. A six.'])).toEqual([
			'A one. A two. A three.',
			'A four. A five. A six.'
		]);
	});

	it('keeps a paragraph of one long sentence whole', () => {
		const long = `${'word '.repeat(150)}end.`;
		expect(recallableParts([long])).toEqual([long]);
	});
});

describe('a text cut off part way', () => {
	it('ends finished only after sentence punctuation', () => {
		expect(['Done.', 'Done?', 'Said "done."', 'Done…'].map(endsFinished)).toEqual([true, true, true, true]);
		expect(['Not done', 'Lead-in:', 'Clause,', 'Half;'].map(endsFinished)).toEqual([false, false, false, false]);
	});

	it('keeps its finished sentences, else its finished clauses, else nothing', () => {
		expect(finishedPart('They should be concise. They should be short but det')).toBe('They should be concise.');
		expect(finishedPart('Yes, items ca')).toBe('Yes …');
		expect(finishedPart('UX can be measured through metrics such as task completion rate,')).toBe(
			'UX can be measured through metrics such as task completion rate …'
		);
		expect(finishedPart('It is recommended to revi')).toBe('');
		expect(finishedPart('First paragraph.\n\nSecond paragraph cut o')).toBe('First paragraph.');
	});
});
