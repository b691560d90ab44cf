// Words for a card in the browser and on its page: its state, when it is due, its answers.
import { dayInWords } from '$lib/format/when';
import { answerButtons, type Grade, type Sm2State } from '$lib/srs/sm2';
import type { CardSchedule } from '$lib/srs/types';
import { scheduleState, STATE_LABELS } from '$lib/stats/browse-filter';

/** "Young · due in 3 days", "New", "Suspended": the line under a card's front in the list. */
export function cardStatus(card: CardSchedule, today: number): string {
	const state = scheduleState(card, today);
	const label = STATE_LABELS[state];
	if (card.status !== 'review') return label;
	return `${label} · due ${dayInWords(card.dueDay, today)}`;
}

const FOUR = new Map(answerButtons('four').map((button) => [button.grade, button.label]));
const SIX = new Map(answerButtons('six').map((button) => [button.grade, button.description ?? '']));

/**
 * A grade as the learner gave it: "Good (4)" with the four buttons; the six-grade scale's
 * 0 and 2 have no button of their own there, so they read "2 (wrong, but seemed easy)".
 */
export function gradeName(grade: Grade): string {
	const label = FOUR.get(grade);
	return label ? `${label} (${grade})` : `${grade} (${SIX.get(grade)})`;
}

/** A card's interval: "again today", "1 day", "6 days, once more today" (SuperMemo step 7). */
export function intervalName(state: Sm2State): string {
	const { interval } = state;
	if (interval === 0) return 'again today';
	const days = interval === 1 ? '1 day' : `${interval.toLocaleString('en')} days`;
	return state.repeatToday ? `${days}, once more today` : days;
}
