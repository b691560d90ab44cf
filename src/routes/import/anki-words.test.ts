import { describe, expect, test } from 'vitest';
import type { ImportSummary } from '$lib/anki/import-package';
import { progressInWords, savedInWords, summaryNotices } from './anki-words';

const summary = (fields: Partial<ImportSummary>): ImportSummary => ({
	format: 'anki21b',
	notes: 1,
	cards: 1,
	answers: 0,
	cardsWithHistory: 0,
	broken: 0,
	empty: 0,
	fromFiltered: 0,
	buried: 0,
	media: 0,
	missingMedia: 0,
	skipped: [],
	...fields
});

describe('the Anki import in words', () => {
	test('progress names the step, with counts where it has them', () => {
		expect(progressInWords({ stage: 'unzip', done: 0, total: 1 })).toBe('Opening the package…');
		expect(progressInWords({ stage: 'cards', done: 2250, total: 8000 })).toBe('Reading its cards (2,250 of 8,000)…');
		expect(progressInWords({ stage: 'media', done: 3, total: 10 })).toBe('Reading its media (3 of 10)…');
		expect(progressInWords({ stage: 'save', done: 0, total: 1 })).toBe('Saving…');
	});

	test('a plain package needs no notice', () => {
		expect(summaryNotices(summary({}))).toEqual([]);
	});

	test('what the app does differently from Anki is said, one and many', () => {
		expect(summaryNotices(summary({ broken: 1, empty: 2, fromFiltered: 16, buried: 1, missingMedia: 70, media: 1 }))).toEqual([
			'1 card has a template broken in Anki too: it shows why.',
			'2 cards are empty in Anki too: they show why.',
			'16 cards in filtered decks go back to their home decks.',
			'1 buried card is not buried here: Anki buries only until its next day.',
			'70 media files the cards use are not in the package: they show as missing.',
			'1 image or sound from the package.'
		]);
	});

	test('the result names the decks and what changed', () => {
		const decks = [
			{ id: 'a', title: 'French::Verbs', isNew: true, cards: 10, fsrs: false },
			{ id: 'b', title: 'Default', isNew: false, cards: 2, fsrs: true }
		];
		expect(savedInWords({ decks, newCards: 10, updatedCards: 2, progressTaken: 1, newAnswers: 30, media: 0 })).toBe(
			'Imported French::Verbs, Default: 10 new cards, 2 cards updated, 1 card with the package’s later progress, 30 answers of history.'
		);
	});
});
