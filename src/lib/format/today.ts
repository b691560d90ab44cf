// How today's numbers read: on the home page and the review screen, and in the pages the service
// worker writes before the app starts (first-paint/). One function each, shared, so that what is
// written and what the app then shows are the same words.
import type { TodayCounts } from '$lib/srs/today';
import { dayInWords, plural } from './when';

/** Each of a deck's numbers as the screens show it: "12", and "100+" where more wait than the page holds. */
export interface TodayFigures {
	new: string;
	again: string;
	due: string;
	left: string;
}

export function todayFigures(day: { counts: TodayCounts; left: number; leftMore: boolean }): TodayFigures {
	const { counts } = day;
	return {
		new: `${counts.new}${counts.moreNew ? '+' : ''}`,
		again: `${counts.again}`,
		due: `${counts.due}${counts.moreDue ? '+' : ''}`,
		left: `${day.left}${day.leftMore ? '+' : ''}`
	};
}

/** The home page's line under its heading: the streak, then today's answers. */
export function streakWords(streak: number, answeredToday: number): [string, string] {
	const days =
		streak > 0 ? `${plural(streak, 'day')} streak` : answeredToday === 0 ? 'Answer a card today to start a streak' : 'Streak starts today';
	return [days, `${plural(answeredToday, 'answer')} today`];
}

/** The first study day after today with a review due in any of `days`. */
export function nextDueOf(days: readonly { nextDue?: number }[]): number | undefined {
	const due = days.flatMap((day) => (day.nextDue === undefined ? [] : [day.nextDue]));
	return due.length > 0 ? Math.min(...due) : undefined;
}

/** One deck's today, as the home page reads it (db's DeckToday). */
export interface HomeDay {
	deckId: string;
	title: string;
	sourceUrl?: string;
	counts: TodayCounts;
	left: number;
	leftMore: boolean;
	canStudyMore?: true;
	answered: number;
	nextDue?: number;
}

/** What the home page shows once today's numbers are read. */
export interface HomeView {
	/** The line under the heading. */
	line: [string, string];
	/** `All done for today`, and what it says of the next cards. */
	done?: string;
	/** `Study all decks`. */
	studyAll: boolean;
	decks: {
		id: string;
		title: string;
		sourceUrl?: string;
		/** Cards wait: the row is a link to the deck's review. */
		studyable: boolean;
		canStudyMore: boolean;
		figures: TodayFigures;
	}[];
}

/** The home page from each deck's today (in the order listed), the streak and the study day. */
export function homeView(days: readonly HomeDay[], streak: number, today: number): HomeView {
	const answered = days.reduce((sum, day) => sum + day.answered, 0);
	const waiting = days.some((day) => day.left > 0);
	const next = nextDueOf(days);
	const view: HomeView = {
		line: streakWords(streak, answered),
		studyAll: days.length > 1 && waiting,
		decks: days.map((day) => {
			const deck: HomeView['decks'][number] = {
				id: day.deckId,
				title: day.title,
				studyable: day.left > 0,
				canStudyMore: day.left === 0 && day.canStudyMore === true,
				figures: todayFigures(day)
			};
			if (day.sourceUrl !== undefined) deck.sourceUrl = day.sourceUrl;
			return deck;
		})
	};
	if (days.length > 0 && !waiting)
		view.done =
			next !== undefined ? `The next cards are due ${dayInWords(next, today)}.` : 'No reviews are scheduled yet; new cards come tomorrow.';
	return view;
}
