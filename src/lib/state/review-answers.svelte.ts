// Answering and undo on the review screen: an answer, Bury and Suspend, and Undo of each, one at
// a time. Every answer is committed to IndexedDB before the next card shows (db/answers.ts); the
// queue shown (review-queue.svelte.ts) then moves on from what is stored.
import { CardChangedError, recordAnswer, undoLastAnswer } from '$lib/db/answers';
import { setSuspended } from '$lib/db/cards';
import type { FlashcardsDb } from '$lib/db/schema';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import type { Grade } from '$lib/srs/sm2';
import type { LeechAction } from '$lib/srs/types';
import { errorMessage } from '$lib/format/error';
import { app } from './app.svelte';
import { changes } from './changes.svelte';
import { device } from './device.svelte';
import type { ReviewQueue } from './review-queue.svelte';

/** Said when the card on screen was answered (or edited, suspended, reset) in another tab first. */
export const ANSWERED_ELSEWHERE = 'Answered in another tab';

/** Said once, on the answer that makes the card a leech. */
export function leechNotice(action: LeechAction): string {
	return action === 'suspend'
		? `This card is a leech: forgotten ${LEECH_THRESHOLD} times. It is suspended; reword it in Browse.`
		: `This card is a leech: forgotten ${LEECH_THRESHOLD} times. It is tagged; consider rewording it in Browse.`;
}

export class ReviewAnswers {
	/** An answer is being saved: further taps are ignored, so a double tap is one answer. */
	saving = $state(false);
	/** Told to the learner once, e.g. that the card just answered became a leech. */
	notice = $state('');
	error = $state('');
	/** A refresh reading today's cards now; answers wait for it. */
	#refreshing: Promise<void> | undefined;
	/** A refresh asked for while an answer was in flight, run after it. */
	#refreshAfter = false;
	/**
	 * What Undo takes back, newest last, as done in this page: an answer (undone from the log, which
	 * also reaches answers from before a reload) or a card buried or suspended (Anki undoes those too).
	 */
	#undoable = $state<({ kind: 'answer' } | { kind: 'bury' | 'suspend'; cardId: string })[]>([]);

	constructor(
		readonly queue: ReviewQueue,
		readonly sessionId: string
	) {}

	/** Undo has something to take back: an answer of this session, or a card buried or suspended here. */
	get canUndo(): boolean {
		return this.queue.answered > 0 || this.#undoable.length > 0;
	}

	async answer(grade: Grade): Promise<void> {
		const card = this.queue.card;
		if (!card || !this.queue.revealed || this.saving) return;
		await this.#begin();
		this.notice = '';
		this.error = '';
		device.askPersistence();
		try {
			const db = await app.ready();
			const now = Date.now();
			let saved;
			try {
				// With the card as shown: if another tab changed it first, nothing is saved.
				saved = await recordAnswer(db, {
					cardId: card.id,
					grade,
					now,
					tookMs: this.queue.tookMs,
					sessionId: this.sessionId,
					settings: app.settings,
					shown: card
				});
			} catch (error) {
				if (!(error instanceof CardChangedError)) throw error;
				// Move on from what is stored now: the queue and today's counts come from the log.
				await this.queue.afterAnswer(db, card.id);
				this.notice = ANSWERED_ELSEWHERE;
				return;
			}
			// Off the answer path: the automatic backup follows in the background, seconds later.
			backUpSoon();
			this.#undoable.push({ kind: 'answer' });
			changes.announce('answer');
			// The icon's due count follows each answer (cleared after the last one due).
			import('./reminders.svelte').then(({ reminders }) => reminders.updateBadge()).catch(() => {});
			if (saved.becameLeech) this.notice = leechNotice(app.settings.leechAction);
			await this.queue.afterAnswer(db, card.id, saved, now);
		} catch (error) {
			// The answer was not saved: the card stays on screen, revealed, to be answered again.
			this.error = errorMessage(error);
		} finally {
			this.#end();
		}
	}

	async undo(): Promise<void> {
		if (this.saving) return;
		await this.#begin();
		this.error = '';
		this.notice = '';
		try {
			const db = await app.ready();
			const last = this.#undoable.at(-1);
			if (last && last.kind !== 'answer') {
				await this.#undoCardAction(db, last);
				this.#undoable.pop();
				return;
			}
			const restored = await undoLastAnswer(db, this.sessionId, Date.now());
			if (last) this.#undoable.pop();
			if (restored) changes.announce('answer');
			if (!restored) {
				this.notice = 'Nothing to undo in this session.';
				return;
			}
			backUpSoon();
			await this.queue.undone(db, restored);
			this.notice = 'Answer undone.';
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.#end();
		}
	}

	/** Takes back a burial or a suspension made on this screen: the card is shown again, first. */
	async #undoCardAction(db: FlashcardsDb, action: { kind: 'bury' | 'suspend'; cardId: string }): Promise<void> {
		if (action.kind === 'bury') {
			const { unbury } = await import('./day-options');
			await unbury(action.cardId);
		} else {
			await setSuspended(db, action.cardId, false);
			changes.announce('edit');
		}
		const card = await db.get('cards', action.cardId);
		// Gone meanwhile (deleted in another tab): the session goes on with what is left.
		await this.queue.load(db, card && card.status !== 'suspended' ? card : undefined);
		this.notice = action.kind === 'bury' ? 'Burial undone.' : 'Suspension undone.';
	}

	/** Buries the card shown until the next study day (Anki's Bury): the next card comes now. */
	async bury(): Promise<void> {
		const card = this.queue.card;
		if (!card || this.saving) return;
		await this.#begin();
		this.error = '';
		this.notice = '';
		try {
			const { bury } = await import('./day-options');
			await bury(card.id);
			this.#undoable.push({ kind: 'bury', cardId: card.id });
			await this.queue.load(await app.ready());
			this.notice = 'Card buried until tomorrow.';
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.#end();
		}
	}

	/** Takes the card shown out of every session until it is unsuspended in Browse. */
	async suspend(): Promise<void> {
		const card = this.queue.card;
		if (!card || this.saving) return;
		await this.#begin();
		this.error = '';
		this.notice = '';
		try {
			const db = await app.ready();
			await setSuspended(db, card.id, true);
			this.#undoable.push({ kind: 'suspend', cardId: card.id });
			changes.announce('edit');
			await this.queue.load(db);
			this.notice = 'Card suspended. Unsuspend it in Browse.';
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.#end();
		}
	}

	/** Starts over after `Study more`: today's cards read again with what was asked for. */
	async restart(): Promise<void> {
		if (this.saving) return;
		this.notice = '';
		this.error = '';
		try {
			await this.queue.restart();
		} catch (error) {
			this.error = errorMessage(error);
		}
	}

	/** Reads today's cards again after a change elsewhere (see ReviewQueue.reread). */
	refresh(): Promise<void> {
		// An answer, undo or card action in flight reads today's cards itself or is checked by the
		// compare-and-set: the refresh follows it rather than holding it up.
		if (this.saving || this.queue.loading) {
			this.#refreshAfter = true;
			return Promise.resolve();
		}
		this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
		return this.#refreshing;
	}

	async #refresh(): Promise<void> {
		try {
			if (await this.queue.reread(await app.ready())) this.notice = ANSWERED_ELSEWHERE;
		} catch (error) {
			this.error = errorMessage(error);
		}
	}

	/**
	 * Starts an answer, undo or card action: refused while another is in flight (a double tap),
	 * but a refresh in flight is waited for, not a reason to drop the learner's tap.
	 */
	async #begin(): Promise<void> {
		this.saving = true;
		if (this.#refreshing) await this.#refreshing;
	}

	/** Ends what #begin started, and runs a refresh that came in meanwhile. */
	#end(): void {
		this.saving = false;
		if (this.#refreshAfter) {
			this.#refreshAfter = false;
			void this.refresh();
		}
	}
}

/** The automatic backup follows the answers, off the answer path; its code loads on the first answer. */
function backUpSoon(): void {
	void import('./recovery.svelte').then(({ recovery }) => recovery.changed());
	// And a sync, when it is on: debounced, in the background. (Imported lazily, platform/sync-account too:
	// a module the home page shares with this one would pull the review chunk into the first load.)
	void import('./sync.svelte').then(({ sync }) => sync.afterAnswer());
}
