// Pages as learners bring them, checked against answer keys written by a reader of the pages: 29 real
// renderings of the Innerview glossary (fixtures/real-pages, issue #27) and pages in other glossaries'
// shapes (fixtures/other-sites). For each: the term, the definition, the synonyms, every list entry,
// every list, every question, every prose section, no site chrome, the card rules (checked-deck.ts), and
// where the copy was cut. Renderings of the same page give the same ids.
import { readFileSync } from 'node:fs';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { generateDeck } from './checked-deck';
import { cardId, GlossaryError, htmlToText, type Deck, type HtmlDocument } from './index';

/** One entry of an answer key; fixtures/real-pages/README.md says what each field means. */
interface Expected {
	file: string;
	cut: boolean;
	glossary: boolean;
	term: string;
	definitionIncludes: string;
	synonyms: string[];
	items: { list: string; name: string }[];
	lists: string[];
	faq: string[];
	sections: string[];
	forbidden: string[];
}

const read = (folder: string, name: string) => readFileSync(new URL(`./fixtures/${folder}/${name}`, import.meta.url), 'utf8');
const key = (folder: string) => JSON.parse(read(folder, 'expected.json')) as Expected[];

/** The text a learner's paste gives: a saved HTML page is read by its HTML, as the import page does. */
function pageText(folder: string, file: string): string {
	const text = read(folder, file);
	if (!file.endsWith('.html')) return text;
	return htmlToText(new DOMParser().parseFromString(text, 'text/html') as unknown as HtmlDocument);
}

/**
 * Copies that stop part way through a sentence, and the last words the deck says they stop at. The
 * other cut copies (INDEX.tsv) stop at the end of a sentence or inside the closing call to action,
 * where nothing tells a reader they were cut.
 */
const CUT_AFTER: Record<string, string> = {
	'backlog.txt': '…a product backlog?: Yes, items ca',
	'customer-feedback.txt': '…for improvement, and guides product decisio',
	'ethnographic-research.txt': '…several months, depending on the research',
	'ethnography.txt': 'How long does ethnog',
	'quantitative-research.txt': '…statistical analysis, while qualitative research deal',
	'soft-skills.txt': '…while hard skills are technical compet',
	'sprint.txt': '…determines what goes into a Spri',
	'user-centered-design.txt': '…methods are commonly used in Us',
	'user-experience.txt': '…metrics such as task completion rate,',
	'user-story.txt': '…to be easily understood but det',
	'user-story.alt1.txt': '…some examples of well-written user stories:'
};

/** A headed explanation: one asking a section's question, not a short rendering's "complete and explain" card. */
const isHeaded = (front: string) => !/complete and explain/i.test(front);

function checkAgainstKey(folder: string, expected: Expected): void {
	const text = pageText(folder, expected.file);
	if (!expected.glossary) {
		it('is refused as no glossary page, with a message saying why', () => {
			expect(() => generateDeck(text)).toThrow(GlossaryError);
			expect(() => generateDeck(text)).toThrow(/not a glossary page/);
		});
		return;
	}
	const deck = generateDeck(text);
	const ofKind = (kind: string) => deck.cards.filter((card) => card.kind === kind);
	const has = (id: string) => deck.cards.some((card) => card.id === id);

	it('finds the term, its definition and its synonyms', () => {
		expect(deck.title).toBe(expected.term);
		expect(ofKind('definition')).toHaveLength(1);
		expect(ofKind('definition')[0]?.back).toContain(expected.definitionIncludes);
		expect(deck.synonyms ?? []).toEqual(expected.synonyms);
	});

	it('asks every list entry both ways and every list as a whole, and nothing more', () => {
		const items = expected.items.map((item) => cardId(deck.id, 'item', [item.list, item.name]));
		expect(ofKind('item').map((card) => card.id)).toEqual(items);
		expect(ofKind('item-reverse').map((card) => card.id)).toEqual(
			expected.items.map((item) => cardId(deck.id, 'item-reverse', [item.list, item.name]))
		);
		expect(ofKind('list').map((card) => card.id)).toEqual(expected.lists.map((list) => cardId(deck.id, 'list', list)));
	});

	it('asks every question of the page with its answer', () => {
		expect(ofKind('faq').map((card) => card.front)).toEqual(expected.faq);
	});

	it('explains every prose section under its heading, and no other heading', () => {
		for (const section of expected.sections) expect(has(cardId(deck.id, 'explanation', section)), section).toBe(true);
		const headed = ofKind('explanation').filter((card) => isHeaded(card.front));
		expect(headed.map((card) => card.id)).toEqual(expected.sections.map((section) => cardId(deck.id, 'explanation', section)));
	});

	it('leaves the site chrome out of every card', () => {
		for (const card of deck.cards) {
			for (const chrome of expected.forbidden) {
				expect(card.front, card.id).not.toContain(chrome);
				expect(card.back, card.id).not.toContain(chrome);
			}
		}
	});

	it(CUT_AFTER[expected.file] ? 'says where the copy was cut, and keeps only what it finished' : 'is not taken for a cut copy', () => {
		expect(deck.cutAfter).toBe(CUT_AFTER[expected.file]);
		if (deck.cutAfter) expect(text.trimEnd().endsWith(deck.cutAfter.replace(/^…/, ''))).toBe(true);
	});
}

describe.each([
	['real-pages', key('real-pages')],
	['other-sites', key('other-sites')]
])('the answer key of fixtures/%s', (folder, entries) => {
	describe.each(entries.map((entry) => [entry.file, entry] as const))('%s', (_, expected) => {
		checkAgainstKey(folder, expected);
	});
});

describe('renderings of the same page', () => {
	// INDEX.tsv: file, address of the page, characters, cut.
	const index = read('real-pages', 'INDEX.tsv')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split('\t') as [string, string]);
	const byPage = new Map<string, string[]>();
	for (const [file, url] of index) byPage.set(url, [...(byPage.get(url) ?? []), file]);
	const pairs = [...byPage.values()].filter((files) => files.length > 1);

	it('come in pairs: four pages have a second rendering', () => {
		expect(pairs.map((files) => files.join(' '))).toEqual([
			'prototyping.txt prototyping.alt1.txt',
			'information-architecture.txt information-architecture.alt1.txt',
			'user-centered-design.txt user-centered-design.alt1.txt',
			'user-story.txt user-story.alt1.txt'
		]);
	});

	const asked = (deck: Deck) => new Map(deck.cards.map((card) => [`${card.kind} ${card.front.toLowerCase()}`, card.id]));
	it.each(pairs.map((files) => [files[0] as string, files[1] as string]))(
		'%s and %s give one deck id, and every card both ask the same id',
		(full, short) => {
			const [one, other] = [generateDeck(read('real-pages', full)), generateDeck(read('real-pages', short))];
			expect(other.id).toBe(one.id);
			expect(other.cards.filter((card) => card.kind === 'definition' || card.kind === 'synonyms').map((card) => card.id)).toEqual([
				`${one.id}:definition`,
				`${one.id}:synonyms`
			]);
			const ids = asked(one);
			for (const [question, id] of asked(other)) if (ids.has(question)) expect(id, question).toBe(ids.get(question));
		}
	);
});

describe('the card rules on the real pages', () => {
	it('hold for every card, and no card of these pages had to be left out', () => {
		for (const [file] of key('real-pages').map((entry) => [entry.file])) {
			const deck = generateDeck(read('real-pages', file as string));
			expect(deck.leftOut, file).toBeUndefined();
		}
	});
});
