// One study session on the review screen, in three parts: the queue shown (the card, the counts,
// the end: review-queue.svelte.ts), answering and undo (review-answers.svelte.ts) and the buttons'
// captions (review-captions.svelte.ts). This joins them for the screen.
import { browser } from '$app/environment';
import { app } from './app.svelte';
import { journal } from './journal.svelte';
import { ReviewAnswers } from './review-answers.svelte';
import { ReviewCaptions } from './review-captions.svelte';
import { ReviewQueue } from './review-queue.svelte';
import { readStored, writeStored } from '$lib/platform/web-storage';
import type { Grade } from '$lib/srs/sm2';

export { ANSWERED_ELSEWHERE } from './review-answers.svelte';
export { FOUR_FOR_FSRS } from './review-captions.svelte';

/** A session id per deck and tab, kept across reloads so Undo still reaches earlier answers. */
function sessionIdFor(scope: string): string {
	const key = `session:${scope}`;
	const existing = browser ? readStored('sessionStorage', key) : undefined;
	if (existing) return existing;
	const id = `${scope}:${crypto.randomUUID()}`;
	// Where it cannot be kept (private modes), Undo reaches this page's answers only.
	if (browser) writeStored('sessionStorage', key, id);
	return id;
}

export class ReviewSession {
	readonly deckIds: string[] | null;
	readonly sessionId: string;
	readonly queue: ReviewQueue;
	readonly answers: ReviewAnswers;
	readonly captions: ReviewCaptions;

	constructor(deckIds: string[] | null) {
		this.deckIds = deckIds;
		this.sessionId = sessionIdFor(deckIds ? deckIds.join('+') : 'all');
		this.captions = new ReviewCaptions(deckIds);
		this.queue = new ReviewQueue(deckIds, this.sessionId, (db) => this.captions.read(db));
		this.answers = new ReviewAnswers(this.queue, this.sessionId);
	}

	async start(): Promise<void> {
		// The journal's worker starts with the session, not with the first answer.
		void journal.start();
		await this.queue.start(await app.ready());
	}

	// The queue shown.
	get card() {
		return this.queue.card;
	}
	get revealed() {
		return this.queue.revealed;
	}
	get loading() {
		return this.queue.loading;
	}
	get done() {
		return this.queue.done;
	}
	get left() {
		return this.queue.left;
	}
	get leftMore() {
		return this.queue.leftMore;
	}
	get counts() {
		return this.queue.counts;
	}
	get progress() {
		return this.queue.progress;
	}
	get answered() {
		return this.queue.answered;
	}
	get spentMs() {
		return this.queue.spentMs;
	}
	get tomorrow() {
		return this.queue.tomorrow;
	}
	reveal(): void {
		// During an undo (or a bury, a suspend) the card shown is about to be replaced: revealing it
		// would show an answer that then vanishes.
		if (this.answers.saving) return;
		this.queue.reveal();
	}

	// Answering and undo.
	get saving() {
		return this.answers.saving;
	}
	get notice() {
		return this.answers.notice;
	}
	get error() {
		return this.answers.error;
	}
	get canUndo() {
		return this.answers.canUndo;
	}
	answer(grade: Grade): Promise<void> {
		return this.answers.answer(grade);
	}
	undo(): Promise<void> {
		return this.answers.undo();
	}
	bury(): Promise<void> {
		return this.answers.bury();
	}
	suspend(): Promise<void> {
		return this.answers.suspend();
	}
	restart(): Promise<void> {
		return this.answers.restart();
	}
	refresh(): Promise<void> {
		return this.answers.refresh();
	}

	// The buttons and their captions.
	get buttons() {
		return this.captions.buttonsFor(this.queue.card);
	}
	/** Settings ask for six grades, but the card's deck uses FSRS, which has four ratings. */
	get fourForFsrs() {
		return this.captions.fourForFsrs(this.queue.card);
	}
}
