// A card's schedule as Anki keeps it (type, queue, due, interval, ease): the other way from
// schedule.ts, for exports. SM-2's shapes map onto Anki's: a card never answered is new (due is
// its position); one forgotten or in SuperMemo's same-day repetition (step 7) is seen again today,
// which is Anki's (re)learning queue with its due time in epoch seconds; a learned one is a review
// card due on a day counted from the collection's day 0. A deck on FSRS keeps FSRS's own phase,
// due and interval. The import checks its replay of a card's answers against this same mapping.
import { dayStartTime, studyDay } from '$lib/srs/days';
import { clockDay, type FsrsState } from '$lib/srs/fsrs-state';
import type { CardSnapshot } from '$lib/srs/types';

const MS_PER_DAY = 86_400_000;
/** The largest ease Anki's card can hold (rslib keeps it in a u16). */
export const MAX_CARD_FACTOR = 65_535;

/** Where the collection's days start, and the (re)learning steps Anki counts down in `left`. */
export interface AnkiTimeline {
	/** The app's study day that is Anki's day 0 (the collection's creation day). */
	dayZero: number;
	dayStartHour: number;
	learningSteps: number;
	relearningSteps: number;
}

export interface AnkiCardSchedule {
	/** 0 new, 1 learning, 2 review, 3 relearning. */
	type: number;
	/** -1 suspended, 0 new, 1 learning today, 2 review, 3 learning over days. */
	queue: number;
	/** New: position; queue 1: epoch seconds; queues 2 and 3: days since day 0. */
	due: number;
	/** Days. */
	ivl: number;
	/** Ease in thousandths; 0 for a new card at the starting ease, as Anki leaves it. */
	factor: number;
	/** Steps left: today's in the thousands, all in the units (Anki 2.1's encoding, which later versions read too). */
	left: number;
}

export type ExportedSchedule = CardSnapshot & { newOrder: number; fsrs?: FsrsState };

/** The card will be shown again today: forgotten (interval 0), or in SM-2's same-day repetition. */
export const seenAgainToday = (card: CardSnapshot) => card.state.interval === 0 || card.state.repeatToday;

const stepsLeft = (steps: number) => Math.max(1, steps) * 1001;

/** Epoch seconds of a study-clock time (fsrs-state.ts), whole seconds up so it is never early. */
function epochSecondsOf(clock: number, dayStartHour: number): number {
	const day = clockDay(clock);
	return Math.ceil((dayStartTime(day, dayStartHour) + (clock - day * MS_PER_DAY)) / 1000);
}

/** The Anki card's schedule for a card of this app; see the module comment. */
export function ankiCardSchedule(card: ExportedSchedule, timeline: AnkiTimeline): AnkiCardSchedule {
	const suspended = card.status === 'suspended';
	const queue = (active: number) => (suspended ? -1 : active);
	// Anki reads a card's ease as a 16-bit number: SM-2 here lets easiness grow past 65.5, Anki not.
	const factor = Math.min(MAX_CARD_FACTOR, Math.round(card.state.easiness * 1000));
	if (card.status === 'new' || card.lastAnsweredAt === 0) {
		return { type: 0, queue: queue(0), due: card.newOrder + 1, ivl: 0, factor: factor === 2500 ? 0 : factor, left: 0 };
	}
	const { fsrs } = card;
	if (fsrs && fsrs.phase !== 'new') {
		if (fsrs.phase === 'review') {
			return { type: 2, queue: queue(2), due: card.dueDay - timeline.dayZero, ivl: Math.max(1, fsrs.scheduledDays), factor, left: 0 };
		}
		const type = fsrs.phase === 'learning' ? 1 : 3;
		const left = stepsLeft((type === 1 ? timeline.learningSteps : timeline.relearningSteps) - fsrs.step);
		const ivl = type === 3 ? 1 : 0;
		const day = clockDay(fsrs.due);
		// A step that ends on a later day is Anki's day-learning queue, due by day.
		if (fsrs.lastDay !== null && day > fsrs.lastDay) return { type, queue: queue(3), due: day - timeline.dayZero, ivl, factor, left };
		return { type, queue: queue(1), due: epochSecondsOf(fsrs.due, timeline.dayStartHour), ivl, factor, left };
	}
	if (seenAgainToday(card)) {
		// After a lapse, or in step 7 with the interval waiting: relearning, whose Good gives back
		// that interval (at least a day), as SM-2 does. A new card failed at once is still learning.
		const type = card.state.repeatToday || card.lapses > 0 ? 3 : 1;
		const at =
			studyDay(card.lastAnsweredAt, timeline.dayStartHour) === card.dueDay
				? card.lastAnsweredAt
				: dayStartTime(card.dueDay, timeline.dayStartHour);
		return {
			type,
			queue: queue(1),
			due: Math.floor(at / 1000),
			ivl: type === 3 ? Math.max(1, card.state.interval) : 0,
			factor,
			left: stepsLeft(type === 1 ? timeline.learningSteps : timeline.relearningSteps)
		};
	}
	return { type: 2, queue: queue(2), due: card.dueDay - timeline.dayZero, ivl: Math.max(1, card.state.interval), factor, left: 0 };
}

/** A revlog entry's type (0 learn, 1 review, 2 relearn) from the Anki type of the card it answered. */
export function revlogType(cardType: number): number {
	return cardType === 2 ? 1 : cardType === 3 ? 2 : 0;
}
