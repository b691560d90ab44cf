// What the review screen shows of today's session: the card, the header's counts, the progress and
// the end. The order is srs's pure queue over what is stored, so a reload resumes exactly where
// the learner stopped; answering and undo (review-answers.svelte.ts) tell it what changed.
// Straight from the db modules (see app.svelte.ts): the review screen must open fast.
import type { AnswerRecord } from '$lib/db/answers';
import type { CardRecord, FlashcardsDb } from '$lib/db/schema';
import { dueTomorrow, sessionSummary } from '$lib/db/session';
import { studyDayAt } from '$lib/db/study';
import { loadStudy } from '$lib/db/study-session';
import { buildQueue, countStudiedToday, type QueueInput } from '$lib/srs/queue';
import { shownFrom } from '$lib/srs/first-card';
import { app } from './app.svelte';
import { appUpdate } from './app-update.svelte';

type StudyInput = QueueInput & { cards: CardRecord[]; complete: boolean };

/** With fewer cards than this left of a partly loaded session, the next ones are read (see STUDY_PAGE). */
const READ_MORE_BELOW = 10;

export class ReviewQueue {
	card = $state.raw<CardRecord | undefined>(undefined);
	revealed = $state(false);
	loading = $state(true);
	left = $state(0);
	/** Today's numbers as Anki splits them: new cards, same-day repeats ("again today"), due reviews. */
	counts = $state({ new: 0, again: 0, due: 0 });
	/** More cards wait today than `left` counts: only the first of a long session are loaded. */
	leftMore = $state(false);
	/** This session's answers still standing, and the time they took (from the log: they survive a reload). */
	answered = $state(0);
	spentMs = $state(0);
	tomorrow = $state({ reviews: 0, new: 0 });
	#input: StudyInput | undefined;
	#justAnswered: string | undefined;
	#shownAt = 0;
	readonly #alongside: (db: FlashcardsDb) => Promise<void>;

	/** `alongside` is read with today's cards each time (the decks' schedulers, for the captions). */
	constructor(
		readonly deckIds: string[] | null,
		readonly sessionId: string,
		alongside: (db: FlashcardsDb) => Promise<void>
	) {
		this.#alongside = alongside;
	}

	get done(): boolean {
		return !this.loading && !this.card;
	}

	get progress(): number {
		const total = this.answered + this.left;
		return total === 0 ? 1 : this.answered / total;
	}

	/** Milliseconds since the card was shown, at most ten minutes (a learner who walked away). */
	get tookMs(): number {
		return Math.min(performance.now() - this.#shownAt, 10 * 60 * 1000);
	}

	async start(db: FlashcardsDb): Promise<void> {
		await Promise.all([this.load(db), this.#readSummary(db)]);
		this.loading = false;
	}

	reveal(): void {
		if (!this.card || this.revealed) return;
		this.revealed = true;
		// A new version must not swap the page while the learner is looking at an answer.
		appUpdate.busy = true;
	}

	/** Reads today's cards again and shows `show`, or else the queue's next card. */
	async load(db: FlashcardsDb, show?: CardRecord): Promise<void> {
		[this.#input] = await Promise.all([loadStudy(db, this.deckIds, Date.now(), app.settings), this.#alongside(db)]);
		this.#show(show);
		if (!this.card) await this.#finish(db);
	}

	/** Starts over after `Study more`: today's cards read again with what was asked for. */
	async restart(): Promise<void> {
		this.loading = true;
		this.#justAnswered = undefined;
		try {
			await this.load(await app.ready());
		} finally {
			this.loading = false;
		}
	}

	/** The card shown was answered, here (`saved`, at `now`) or in another tab first: the next one comes. */
	async afterAnswer(db: FlashcardsDb, cardId: string, saved?: AnswerRecord, now = Date.now()): Promise<void> {
		this.#justAnswered = cardId;
		const input = this.#input;
		if (saved) {
			this.answered++;
			this.spentMs += saved.entry.tookMs;
		}
		if (!saved || !input || studyDayAt(now, app.settings).today !== input.today) return this.load(db);
		// The stored state is the truth; keeping the loaded cards in step with it avoids
		// re-reading the collection after every answer.
		input.cards = (input.cards as CardRecord[]).map((c) => (c.id === cardId ? saved.card : c));
		for (const [deckId, counted] of countStudiedToday([saved.entry], input.todayStartMs)) {
			const studied = input.studied instanceof Map ? input.studied : new Map(Object.entries(input.studied));
			const before = studied.get(deckId) ?? { newCount: 0, reviewCount: 0 };
			studied.set(deckId, { newCount: before.newCount + counted.newCount, reviewCount: before.reviewCount + counted.reviewCount });
			input.studied = studied;
		}
		const queue = buildQueue(input);
		if (!input.complete && queue.cards.length < READ_MORE_BELOW) return this.load(db);
		this.#show(undefined, queue);
		if (!this.card) await this.#finish(db);
	}

	/** An answer was undone: `restored` is shown again, first. */
	async undone(db: FlashcardsDb, restored: CardRecord): Promise<void> {
		await this.#readSummary(db);
		this.#justAnswered = undefined;
		await this.load(db, restored);
	}

	/**
	 * Reads today's cards again after a change elsewhere (another tab, the study day, the app back
	 * in front). A card not yet revealed that another tab answered, suspended or edited gives way
	 * to the next, and this says true. A revealed one stays while the learner reads its answer: if
	 * they then answer it, the compare-and-set refuses the answer and says so.
	 */
	async reread(db: FlashcardsDb): Promise<boolean> {
		const shown = this.card;
		const revealed = this.revealed;
		[this.#input] = await Promise.all([loadStudy(db, this.deckIds, Date.now(), app.settings), this.#alongside(db)]);
		const queue = buildQueue(this.#input);
		const still = shown && queue.cards.find((card) => card.id === shown.id && card.lastAnsweredAt === shown.lastAnsweredAt);
		if (shown && revealed) {
			({ left: this.left, counts: this.counts } = shownFrom(queue));
			return false;
		}
		this.#show(still as CardRecord | undefined, queue);
		if (!this.card) {
			await this.#finish(db);
			return false;
		}
		return !!shown && !still;
	}

	/** Shows `card`, or else the queue's next card; the queue is built once per card shown. */
	#show(card?: CardRecord, queue = this.#input ? buildQueue(this.#input) : undefined): void {
		// The same function the service worker uses to write the first card into the page.
		const shown = queue ? shownFrom<CardRecord>(queue, this.#justAnswered) : undefined;
		this.card = card ?? shown?.card;
		this.revealed = false;
		appUpdate.busy = false;
		this.left = shown?.left ?? 0;
		this.counts = shown?.counts ?? { new: 0, again: 0, due: 0 };
		this.leftMore = this.#input ? !this.#input.complete : false;
		this.#shownAt = performance.now();
	}

	async #readSummary(db: FlashcardsDb): Promise<void> {
		const summary = await sessionSummary(db, this.sessionId);
		this.answered = summary.answered;
		this.spentMs = summary.spentMs;
	}

	async #finish(db: FlashcardsDb): Promise<void> {
		const { today } = studyDayAt(Date.now(), app.settings);
		const [, tomorrow] = await Promise.all([this.#readSummary(db), dueTomorrow(db, today, app.settings, this.deckIds)]);
		this.tomorrow = tomorrow;
		// The home page's numbers, read in the background; if it fails they are read again when the
		// home page opens (and a closed database is already reported by app.error).
		app.refresh().catch(() => {});
	}
}
