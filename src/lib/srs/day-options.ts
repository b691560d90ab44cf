// What a learner may ask of one deck beyond the global settings, as pure plans of the meta records
// (db/day-options.ts stores them): today's `Study more` (Anki's custom study), a deck's own daily
// limits (Anki's deck options) and the cards buried until tomorrow. Bad numbers are refused with
// a message that says what is wrong; the record handed back is a new one, the old one untouched.
import type { FittedParameters } from './fsrs-options';
import type { Buried, DeckOptions, StudyMore } from './today';

export { buriedToday, type Buried } from './today';

/** The most `Study more` adds in one day, and the furthest ahead it reviews (Anki's spin boxes stop at 9999). */
export const MAX_EXTRA_NEW = 9999;
export const MAX_AHEAD_DAYS = 9999;
/** The same bounds as the global settings (db/validate.ts). */
export const MAX_NEW_PER_DAY = 9999;
export const MAX_REVIEWS_PER_DAY = 99999;

/** A number the learner typed that cannot be used; the message names the field and the range. */
export class DayOptionsError extends RangeError {
	constructor(message: string) {
		super(message);
		this.name = 'DayOptionsError';
	}
}

function wholeNumber(value: number, min: number, max: number, what: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		const got = typeof value === 'number' && !Number.isNaN(value) ? String(value) : 'nothing';
		throw new DayOptionsError(`${what} must be a whole number from ${min} to ${max} (got ${got}).`);
	}
	return value;
}

/** `Increase today's new card limit` by `extraNew`, or `Review ahead` `aheadDays` days. */
export type StudyMoreAsk = { extraNew: number } | { aheadDays: number };

/**
 * The `studyMore` record after asking for more in `deckId` on study day `today`. Asking again the
 * same day adds to the new cards (as Anki's extended limit does) and replaces the days ahead;
 * what any deck asked on another day is dropped, as it means nothing any more.
 */
export function planStudyMore(
	current: Readonly<Record<string, StudyMore>> | undefined,
	deckId: string,
	today: number,
	ask: StudyMoreAsk
): Record<string, StudyMore> {
	const next: Record<string, StudyMore> = {};
	for (const [id, more] of Object.entries(current ?? {})) if (more.studyDay === today) next[id] = { ...more };
	const mine = next[deckId] ?? { studyDay: today, extraNew: 0, aheadDays: 0 };
	if ('extraNew' in ask) {
		const extra = wholeNumber(ask.extraNew, 1, MAX_EXTRA_NEW, 'The number of extra new cards');
		mine.extraNew = Math.min(MAX_EXTRA_NEW, mine.extraNew + extra);
	} else {
		mine.aheadDays = wholeNumber(ask.aheadDays, 1, MAX_AHEAD_DAYS, 'The days to review ahead');
	}
	next[deckId] = mine;
	return next;
}

/**
 * The `deckOptions` record with `deckId`'s own limits set to `options`: a limit left undefined
 * follows the global setting, and a deck with nothing of its own is left out. The deck's fitted
 * FSRS parameters stay as they are: they change only with its cards (db/scheduler.ts).
 */
export function planDeckOptions(
	current: Readonly<Record<string, DeckOptions>> | undefined,
	deckId: string,
	options: Pick<DeckOptions, 'newPerDay' | 'reviewsPerDay'>
): Record<string, DeckOptions> {
	const own: DeckOptions = {};
	if (options.newPerDay !== undefined) own.newPerDay = wholeNumber(options.newPerDay, 0, MAX_NEW_PER_DAY, 'New cards per day');
	if (options.reviewsPerDay !== undefined)
		own.reviewsPerDay = wholeNumber(options.reviewsPerDay, 0, MAX_REVIEWS_PER_DAY, 'Reviews per day');
	const fitted = current?.[deckId]?.fsrsParameters;
	if (fitted) own.fsrsParameters = fitted;
	const next = { ...current };
	if (Object.keys(own).length > 0) next[deckId] = own;
	else delete next[deckId];
	return next;
}

/**
 * The `deckOptions` record with `deckId`'s fitted FSRS parameters set (undefined: taken back, the
 * deck then uses those of Settings); its limits stay as they are.
 */
export function planDeckParameters(
	current: Readonly<Record<string, DeckOptions>> | undefined,
	deckId: string,
	fitted: FittedParameters | undefined
): Record<string, DeckOptions> {
	const own: DeckOptions = { ...current?.[deckId] };
	if (fitted) own.fsrsParameters = fitted;
	else delete own.fsrsParameters;
	const next = { ...current };
	if (Object.keys(own).length > 0) next[deckId] = own;
	else delete next[deckId];
	return next;
}

/** The `buried` record after burying `cardId` on `today`: an earlier day's burials are over. */
export function planBury(current: Buried | undefined, cardId: string, today: number): Buried {
	const ids = current && current.studyDay === today ? current.cardIds : [];
	return { studyDay: today, cardIds: ids.includes(cardId) ? [...ids] : [...ids, cardId] };
}

/** The `buried` record after `cardId`'s burial on `today` is undone: the card is back in today's sessions. */
export function planUnbury(current: Buried | undefined, cardId: string, today: number): Buried {
	const ids = current && current.studyDay === today ? current.cardIds : [];
	return { studyDay: today, cardIds: ids.filter((id) => id !== cardId) };
}
