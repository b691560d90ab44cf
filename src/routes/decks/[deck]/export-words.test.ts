import { describe, expect, test } from 'vitest';
import { exportedInWords, exportFileName } from './export-words';

describe('exportFileName', () => {
	test('the deck’s title, subdecks joined by " - ", characters file systems refuse taken out', () => {
		expect(exportFileName('Soft Skills', 'apkg')).toBe('Soft Skills.apkg');
		expect(exportFileName('French::Verbs', 'txt')).toBe('French - Verbs.txt');
		expect(exportFileName('A/B: "C" <d>?', 'apkg')).toBe('A B C d.apkg');
		expect(exportFileName('::', 'apkg')).toBe('Deck.apkg');
	});
});

describe('exportedInWords', () => {
	test('what went into the file, in words', () => {
		expect(exportedInWords({ notes: 12, cards: 12, answers: 30, media: 0 }, 'apkg', 'Soft Skills.apkg')).toBe(
			'Exported 12 cards with 30 answers to Soft Skills.apkg.'
		);
		expect(exportedInWords({ notes: 5, cards: 6, answers: 1, media: 2 }, 'apkg', 'Test deck.apkg')).toBe(
			'Exported 6 cards (5 notes) with 1 answer and 2 media files to Test deck.apkg.'
		);
		expect(exportedInWords({ notes: 3, cards: 3, answers: 0, media: 0 }, 'apkg', 'X.apkg')).toBe('Exported 3 cards to X.apkg.');
		expect(exportedInWords({ notes: 1, cards: 1, answers: 0, media: 0 }, 'txt', 'X.txt')).toBe('Exported 1 note to X.txt.');
	});
});
