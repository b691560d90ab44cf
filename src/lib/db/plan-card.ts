// What suspending and editing do to one card, as pure rules: cards.ts writes them, and a restore
// from the journal (src/lib/journal) applies the same rules to what the learner did.
import type { CardRecord } from './schema';

/** Suspended cards leave every queue until unsuspended; their progress is kept. A retired card stays retired. */
export function suspendedCard(card: CardRecord, suspended: boolean): CardRecord {
	if (card.status === 'retired') return card;
	if (suspended) return { ...card, status: 'suspended' };
	return { ...card, status: card.lastAnsweredAt > 0 ? 'review' : 'new' };
}

/**
 * The learner's own wording of a card, or the page's taken back (`edited` false): the flag that the
 * page's text changed since goes, and the edit is dated for sync's later-edit-wins.
 */
export function cardWithText(card: CardRecord, text: { front: string; back: string }, editedAt: number): CardRecord {
	const { pageChanged: _dropped, ...rest } = card;
	const backToPage = text.front === card.generated.front && text.back === card.generated.back;
	return { ...rest, front: text.front, back: text.back, edited: !backToPage, editedAt };
}
