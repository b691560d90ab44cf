// A card's schedule recomputed from its answers in time order: after a pull, both devices fold
// the same union of answers and get the same state, due day, lapses and leech flag.
// (A stand-in until the scheduler's own replay of the log lands with the house refactor.)
import { answerCard, LEECH_THRESHOLD } from '$lib/srs/queue';
import { initialState } from '$lib/srs/sm2';
import type { CardSchedule, LeechAction, ReviewEntry } from '$lib/srs/types';

/**
 * `card` as its answers leave it, from the state before the first answer. Each answer applies to
 * the state the earlier answers left, on whichever device they were given (an answer given
 * offline on a phone that had not yet seen the laptop's answer still follows it in time). A
 * reset is not in the log yet, so the fold does not see it. A card the learner suspended or a
 * deck update retired stays so.
 */
export function replayCard<T extends CardSchedule>(card: T, answers: readonly ReviewEntry[], leechAction: LeechAction): T {
	const ordered = [...answers].sort((a, b) => a.time - b.time);
	const first = ordered[0];
	// Never answered (its only answers were undone): a new card, or still suspended or retired.
	if (!first) {
		const status = card.status === 'suspended' || card.status === 'retired' ? card.status : 'new';
		return { ...card, status, state: initialState(), dueDay: 0, lapses: 0, leech: false, lastAnsweredAt: 0 };
	}
	let current: CardSchedule = { ...card, ...first.before, state: { ...first.before.state } };
	for (const answer of ordered) {
		// Answered again, so it was unsuspended in between.
		if (current.status !== 'new' && current.status !== 'review') current = { ...current, status: answer.before.status };
		current = answerCard(current, answer.grade, answer.time, answer.studyDay, { threshold: LEECH_THRESHOLD, action: leechAction }).card;
	}
	const held = card.status === 'suspended' || card.status === 'retired' ? card.status : current.status;
	return { ...card, ...current, id: card.id, deckId: card.deckId, newOrder: card.newOrder, status: held };
}
