// The card browser's search and filters on a small hand-made collection with known results.
import { describe, expect, it } from 'vitest';
import { initialState } from '$lib/srs/sm2';
import {
	filterCards,
	foldText,
	inState,
	scheduleState,
	searchTerms,
	sortCards,
	type BrowsableCard,
	type CardFilter
} from './browse-filter';

const today = Date.UTC(2026, 2, 10) / 86_400_000;

function card(id: string, front: string, back: string, extra: Partial<BrowsableCard> = {}): BrowsableCard {
	return {
		id,
		deckId: id.split(':')[0]!,
		front,
		back,
		status: 'new',
		state: initialState(),
		dueDay: 0,
		newOrder: 0,
		lapses: 0,
		leech: false,
		lastAnsweredAt: 0,
		...extra
	};
}

const learned = (interval: number, dueDay: number, extra: Partial<BrowsableCard> = {}): Partial<BrowsableCard> => ({
	status: 'review',
	state: { repetitions: 2, interval, easiness: 2.5, repeatToday: false },
	dueDay,
	lastAnsweredAt: 1,
	...extra
});

const cards: BrowsableCard[] = [
	card('soft:definition', 'What are Soft Skills?', 'Interpersonal abilities like empathy.', { newOrder: 0 }),
	card('soft:faq', 'How do soft skills differ from hard skills?', 'Hard skills are technical, such as project methodologies.', {
		newOrder: 1,
		...learned(6, today + 3)
	}),
	card('soft:lapsed', 'Key Soft Skills: Empathy', 'Understanding user needs.', { newOrder: 2, ...learned(0, today) }),
	card('soft:mature', 'Key Soft Skills: Leadership', 'Guiding teams.', { newOrder: 3, ...learned(40, today + 20) }),
	card('soft:paused', 'Key Soft Skills: Adaptability', 'Adjusting quickly.', {
		newOrder: 4,
		...learned(6, today, { status: 'suspended' })
	}),
	card('soft:leech', 'Key Soft Skills: Problem-solving', 'Creative solutions.', { newOrder: 5, ...learned(1, today + 1, { leech: true }) }),
	card('soft:suspended-leech', 'Synonyms of Soft Skills', 'People skills.', {
		newOrder: 6,
		...learned(0, today, { status: 'suspended', leech: true })
	}),
	card('soft:gone', 'An old section', 'Text the page no longer has: empathy.', {
		newOrder: 7,
		...learned(6, today, { status: 'retired' })
	}),
	card('roadmap:definition', 'What is a Product Roadmap?', 'A plan of the product’s direction; Café strategy.', { newOrder: 0 }),
	card('roadmap:faq', 'Who owns the roadmap?', 'The product manager, with soft skills.', { newOrder: 1, ...learned(25, today + 2) })
];

const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);
const find = (filter: Partial<CardFilter>) => ids(filterCards(cards, { query: '', deckId: '', state: '', ...filter }, today));

describe('filterCards', () => {
	it('gives every card, retired ones included, without a filter', () => {
		expect(find({})).toEqual(ids(cards));
	});

	it('finds a word of the back as well as of the front, whatever its case', () => {
		expect(find({ query: 'methodologies' })).toEqual(['soft:faq']);
		expect(find({ query: 'METHODOLOGIES' })).toEqual(['soft:faq']);
		expect(find({ query: 'roadmap' })).toEqual(['roadmap:definition', 'roadmap:faq']);
		expect(find({ query: 'empathy' })).toEqual(['soft:definition', 'soft:lapsed', 'soft:gone']);
	});

	it('wants every word, in either side, and ignores extra spaces', () => {
		expect(find({ query: '  soft   technical ' })).toEqual(['soft:faq']);
		expect(find({ query: 'roadmap soft' })).toEqual(['roadmap:faq']);
		expect(find({ query: 'soft nowhere' })).toEqual([]);
	});

	it('finds parts of words and ignores accents', () => {
		expect(find({ query: 'leader' })).toEqual(['soft:mature']);
		expect(find({ query: 'cafe' })).toEqual(['roadmap:definition']);
		expect(find({ query: 'CAFÉ' })).toEqual(['roadmap:definition']);
	});

	it('filters by deck', () => {
		expect(find({ deckId: 'roadmap' })).toEqual(['roadmap:definition', 'roadmap:faq']);
		expect(find({ deckId: 'roadmap', query: 'soft' })).toEqual(['roadmap:faq']);
		expect(find({ deckId: 'nothing' })).toEqual([]);
	});

	it('filters by each state; a leech only under Leech, and under Suspended too when set aside', () => {
		expect(find({ state: 'new' })).toEqual(['soft:definition', 'roadmap:definition']);
		expect(find({ state: 'learning' })).toEqual(['soft:lapsed']);
		expect(find({ state: 'young' })).toEqual(['soft:faq']);
		expect(find({ state: 'mature' })).toEqual(['soft:mature', 'roadmap:faq']);
		expect(find({ state: 'suspended' })).toEqual(['soft:paused', 'soft:suspended-leech']);
		expect(find({ state: 'leech' })).toEqual(['soft:leech', 'soft:suspended-leech']);
		expect(find({ state: 'retired' })).toEqual(['soft:gone']);
	});

	it('combines text, deck and state', () => {
		expect(find({ query: 'skills', deckId: 'soft', state: 'leech' })).toEqual(['soft:leech', 'soft:suspended-leech']);
		expect(find({ query: 'people', deckId: 'soft', state: 'suspended' })).toEqual(['soft:suspended-leech']);
		expect(find({ query: 'people', deckId: 'roadmap', state: 'suspended' })).toEqual([]);
	});

	it('sees a card’s new text once the card object is replaced', () => {
		const before = cards[0]!;
		const edited = { ...before, front: 'Define interpersonal abilities' };
		expect(ids(filterCards([before], { query: 'define', deckId: '', state: '' }, today))).toEqual([]);
		expect(ids(filterCards([edited], { query: 'define', deckId: '', state: '' }, today))).toEqual(['soft:definition']);
	});
});

describe('scheduleState and inState', () => {
	it('shows a leech by its schedule, with the leech told apart', () => {
		expect(scheduleState(cards[5]!, today)).toBe('young');
		expect(scheduleState(cards[6]!, today)).toBe('suspended');
		expect(scheduleState(cards[7]!, today)).toBe('retired');
		expect(scheduleState(cards[2]!, today)).toBe('learning');
	});

	it('keeps a retired leech out of Leech', () => {
		const retiredLeech = card('soft:old-leech', 'x', 'y', learned(3, today, { status: 'retired', leech: true }));
		expect(inState(retiredLeech, 'leech', today)).toBe(false);
		expect(inState(retiredLeech, 'retired', today)).toBe(true);
	});
});

describe('searchTerms and foldText', () => {
	it('splits on any white space and folds case and accents', () => {
		expect(searchTerms(' Équipe\tRÉSUMÉ\nnaïve ')).toEqual(['equipe', 'resume', 'naive']);
		expect(searchTerms('   ')).toEqual([]);
		expect(foldText('Ärger')).toBe('arger');
	});
});

describe('sortCards', () => {
	it('orders decks as given, then page order, retired cards last, unknown decks at the end', () => {
		const shuffled = [cards[9]!, cards[7]!, cards[3]!, card('other:a', 'a', 'b'), cards[8]!, cards[0]!, cards[1]!];
		expect(ids(sortCards(shuffled, ['roadmap', 'soft']))).toEqual([
			'roadmap:definition',
			'roadmap:faq',
			'soft:definition',
			'soft:faq',
			'soft:mature',
			'soft:gone',
			'other:a'
		]);
	});
});
