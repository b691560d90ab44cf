// One study session on the review screen: the card shown, revealing, answering, undo, the end.
// Every answer is committed to IndexedDB before the next card shows; the queue itself is the
// pure srs function of what is stored, so a reload resumes exactly where the learner stopped.
import { browser } from '$app/environment';
// Straight from the db modules (see app.svelte.ts): the review screen must open fast.
import type { CardRecord, FlashcardsDb } from '$lib/db/schema';
import { dueTomorrow, sessionSummary } from '$lib/db/session';
import { CardChangedError, recordAnswer, undoLastAnswer } from '$lib/db/answers';
import { studyDayAt } from '$lib/db/study';
import { loadStudy } from '$lib/db/study-session';
import { setSuspended } from '$lib/db/cards';
import { deckSchedulers } from '$lib/db/deck-scheduler';
import { fsrsOptionsOf, type SchedulerName } from '$lib/srs/fsrs-options';
import type { FsrsScheduler } from '$lib/srs/fsrs';
import { buildQueue, countStudiedToday, type QueueInput } from '$lib/srs/queue';
import { shownFrom } from '$lib/srs/first-card';
import { answerButtons, describeInterval, type Grade } from '$lib/srs/sm2';
import { app } from './app.svelte';
import { device } from './device.svelte';
import { readStored, writeStored } from './web-storage';
import { appUpdate } from './app-update.svelte';
import { changes } from './changes.svelte';
import { errorMessage } from '$lib/format/error';

type StudyInput = QueueInput & { cards: CardRecord[]; complete: boolean };
type FsrsModule = typeof import('$lib/srs/fsrs');

/** Said above the buttons of a deck on FSRS when Settings ask for six grades. */
export const FOUR_FOR_FSRS =
	'This deck uses FSRS, which rates an answer Again, Hard, Good or Easy: four buttons, not the six grades set in Settings.';

/** Said when the card on screen was answered (or edited, suspended, reset) in another tab first. */
export const ANSWERED_ELSEWHERE = 'Answered in another tab';

/** With fewer cards than this left of a partly loaded session, the next ones are read (see STUDY_PAGE). */
const READ_MORE_BELOW = 10;

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
	card = $state.raw<CardRecord | undefined>(undefined);
	revealed = $state(false);
	/** An answer is being saved: further taps are ignored, so a double tap is one answer. */
	saving = $state(false);
	loading = $state(true);
	/** A refresh reading today's cards now; answers wait for it. */
	#refreshing: Promise<void> | undefined;
	/** A refresh asked for while an answer was in flight, run after it. */
	#refreshAfter = false;
	left = $state(0);
	/** Today's numbers as Anki splits them: new cards, same-day repeats ("again today"), due reviews. */
	counts = $state({ new: 0, again: 0, due: 0 });
	/** More cards wait today than `left` counts: only the first of a long session are loaded. */
	leftMore = $state(false);
	answered = $state(0);
	spentMs = $state(0);
	tomorrow = $state({ reviews: 0, new: 0 });
	/** Told to the learner once, e.g. that the card just answered became a leech. */
	notice = $state('');
	error = $state('');
	/** The scheduler of each deck, read with the session's cards. */
	#schedulers = $state.raw(new Map<string, SchedulerName>());
	/** ts-fsrs, loaded only when a deck of the session uses FSRS. */
	#fsrs = $state.raw<FsrsModule | undefined>(undefined);
	#fsrsScheduler: { key: string; scheduler: FsrsScheduler } | undefined;
	#input: StudyInput | undefined;
	#justAnswered: string | undefined;
	#shownAt = 0;
	/**
	 * What Undo takes back, newest last, as done in this page: an answer (undone from the log, which
	 * also reaches answers from before a reload) or a card buried or suspended (Anki undoes those too).
	 */
	#undoable = $state<({ kind: 'answer' } | { kind: 'bury' | 'suspend'; cardId: string })[]>([]);

	constructor(deckIds: string[] | null) {
		this.deckIds = deckIds;
		this.sessionId = sessionIdFor(deckIds ? deckIds.join('+') : 'all');
	}

	get done(): boolean {
		return !this.loading && !this.card;
	}

	/** The card shown belongs to a deck that uses FSRS. */
	get onFsrs(): boolean {
		return !!this.card && this.#schedulers.get(this.card.deckId) === 'fsrs';
	}

	/** Settings ask for six grades, but the card's deck uses FSRS, which has four ratings. */
	get fourForFsrs(): boolean {
		return this.onFsrs && app.settings.gradeScale === 'six';
	}

	get buttons() {
		const card = this.card;
		const fsrs = this.#fsrs;
		if (card && this.onFsrs) {
			const buttons = answerButtons('four');
			if (!fsrs) return buttons.map((button) => ({ ...button, interval: '', againToday: false }));
			// Exactly what db/answers.ts will do with the answer given now.
			const now = Date.now();
			const at = fsrs.studyClockAt(now, app.settings.dayStartHour);
			const state = card.status !== 'new' && card.fsrs ? card.fsrs : fsrs.newFsrsState();
			let outcomes: ReturnType<FsrsScheduler['preview']> | undefined;
			try {
				outcomes = this.#fsrsWith(fsrs).preview(
					state,
					at,
					buttons.map((button) => button.grade)
				);
			} catch {
				// The device clock is before the card's last answer: no honest caption to show.
			}
			return buttons.map((button, i) => ({
				...button,
				interval: outcomes?.[i] ? fsrs.describeFsrsInterval(outcomes[i], at) : '',
				againToday: false
			}));
		}
		return answerButtons(app.settings.gradeScale).map((button) => ({
			...button,
			...(card ? describeInterval(card.state, button.grade) : { interval: '', againToday: false })
		}));
	}

	/** Undo has something to take back: an answer of this session, or a card buried or suspended here. */
	get canUndo(): boolean {
		return this.answered > 0 || this.#undoable.length > 0;
	}

	get progress(): number {
		const total = this.answered + this.left;
		return total === 0 ? 1 : this.answered / total;
	}

	async start(): Promise<void> {
		const db = await app.ready();
		const [, summary] = await Promise.all([this.#reload(db), sessionSummary(db, this.sessionId)]);
		this.answered = summary.answered;
		this.spentMs = summary.spentMs;
		this.loading = false;
	}

	/** The FSRS scheduler of the current settings (made again only when they change). */
	#fsrsWith(fsrs: FsrsModule): FsrsScheduler {
		const options = fsrsOptionsOf(app.settings);
		const key = JSON.stringify(options);
		if (this.#fsrsScheduler?.key !== key) this.#fsrsScheduler = { key, scheduler: new fsrs.FsrsScheduler(options) };
		return this.#fsrsScheduler.scheduler;
	}

	/** Reads each deck's scheduler, and loads FSRS when a deck of this session uses it. */
	async #readSchedulers(db: FlashcardsDb): Promise<void> {
		const schedulers = await deckSchedulers(db, app.settings);
		const mine = this.deckIds ?? [...schedulers.keys()];
		if (!this.#fsrs && mine.some((id) => schedulers.get(id) === 'fsrs')) this.#fsrs = await import('$lib/srs/fsrs');
		this.#schedulers = schedulers;
	}

	async #reload(db: FlashcardsDb, show?: CardRecord): Promise<void> {
		[this.#input] = await Promise.all([loadStudy(db, this.deckIds, Date.now(), app.settings), this.#readSchedulers(db)]);
		this.#show(show);
		if (!this.card) await this.#finish(db);
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

	async #finish(db: FlashcardsDb): Promise<void> {
		const { today } = studyDayAt(Date.now(), app.settings);
		const [summary, tomorrow] = await Promise.all([sessionSummary(db, this.sessionId), dueTomorrow(db, today, app.settings, this.deckIds)]);
		this.answered = summary.answered;
		this.spentMs = summary.spentMs;
		this.tomorrow = tomorrow;
		// The home page's numbers, read in the background; if it fails they are read again when the
		// home page opens (and a closed database is already reported by app.error).
		app.refresh().catch(() => {});
	}

	reveal(): void {
		if (!this.card || this.revealed) return;
		this.revealed = true;
		// A new version must not swap the page while the learner is looking at an answer.
		appUpdate.busy = true;
	}

	async answer(grade: Grade): Promise<void> {
		const card = this.card;
		if (!card || !this.revealed || this.saving) return;
		await this.#begin();
		this.notice = '';
		this.error = '';
		device.askPersistence();
		try {
			const db = await app.ready();
			const now = Date.now();
			const tookMs = Math.min(performance.now() - this.#shownAt, 10 * 60 * 1000);
			let saved;
			try {
				// With the card as shown: if another tab changed it first, nothing is saved.
				saved = await recordAnswer(db, {
					cardId: card.id,
					grade,
					now,
					tookMs,
					sessionId: this.sessionId,
					settings: app.settings,
					shown: card
				});
			} catch (error) {
				if (!(error instanceof CardChangedError)) throw error;
				// Move on from what is stored now: the queue and today's counts come from the log.
				this.#justAnswered = card.id;
				await this.#reload(db);
				this.notice = ANSWERED_ELSEWHERE;
				return;
			}
			// Off the answer path: the automatic backup follows in the background, seconds later.
			backUpSoon();
			this.#undoable.push({ kind: 'answer' });
			this.answered++;
			changes.announce('answer');
			this.spentMs += saved.entry.tookMs;
			// The icon's due count follows each answer (cleared after the last one due).
			import('./reminders.svelte').then(({ reminders }) => reminders.updateBadge()).catch(() => {});
			if (saved.becameLeech) {
				this.notice =
					app.settings.leechAction === 'suspend'
						? 'This card is a leech: forgotten 8 times. It is suspended; reword it in Browse.'
						: 'This card is a leech: forgotten 8 times. It is tagged; consider rewording it in Browse.';
			}
			this.#justAnswered = card.id;
			const input = this.#input;
			if (!input || studyDayAt(now, app.settings).today !== input.today) {
				await this.#reload(db);
			} else {
				// The stored state is the truth; keeping the loaded cards in step with it avoids
				// re-reading the collection after every answer.
				input.cards = (input.cards as CardRecord[]).map((c) => (c.id === card.id ? saved.card : c));
				for (const [deckId, counted] of countStudiedToday([saved.entry], input.todayStartMs)) {
					const studied = input.studied instanceof Map ? input.studied : new Map(Object.entries(input.studied));
					const before = studied.get(deckId) ?? { newCount: 0, reviewCount: 0 };
					studied.set(deckId, { newCount: before.newCount + counted.newCount, reviewCount: before.reviewCount + counted.reviewCount });
					input.studied = studied;
				}
				const queue = buildQueue(input);
				if (!input.complete && queue.cards.length < READ_MORE_BELOW) {
					await this.#reload(db);
				} else {
					this.#show(undefined, queue);
					if (!this.card) await this.#finish(db);
				}
			}
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
			const summary = await sessionSummary(db, this.sessionId);
			this.answered = summary.answered;
			this.spentMs = summary.spentMs;
			this.#justAnswered = undefined;
			await this.#reload(db, restored);
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
		await this.#reload(db, card && card.status !== 'suspended' ? card : undefined);
		this.notice = action.kind === 'bury' ? 'Burial undone.' : 'Suspension undone.';
	}

	/**
	 * Reads today's cards again after a change elsewhere (another tab, the study day, the app back
	 * in front). A card not yet revealed that another tab answered, suspended or edited gives way
	 * to the next. A revealed one stays while the learner reads its answer: if they then answer it,
	 * the compare-and-set refuses the answer and says so (ANSWERED_ELSEWHERE).
	 */
	refresh(): Promise<void> {
		// An answer, undo or card action in flight reads today's cards itself or is checked by the
		// compare-and-set: the refresh follows it rather than holding it up.
		if (this.saving || this.loading) {
			this.#refreshAfter = true;
			return Promise.resolve();
		}
		this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
		return this.#refreshing;
	}

	async #refresh(): Promise<void> {
		try {
			const db = await app.ready();
			const shown = this.card;
			const revealed = this.revealed;
			[this.#input] = await Promise.all([loadStudy(db, this.deckIds, Date.now(), app.settings), this.#readSchedulers(db)]);
			const queue = buildQueue(this.#input);
			const still = shown && queue.cards.find((card) => card.id === shown.id && card.lastAnsweredAt === shown.lastAnsweredAt);
			const wasAnswered = !!shown && !still;
			if (shown && revealed) {
				({ left: this.left, counts: this.counts } = shownFrom(queue));
				return;
			}
			this.#show(still as CardRecord | undefined, queue);
			if (!this.card) await this.#finish(db);
			else if (wasAnswered) this.notice = ANSWERED_ELSEWHERE;
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

	/** Starts over after `Study more`: today's cards read again with what was asked for. */
	async restart(): Promise<void> {
		if (this.saving) return;
		this.loading = true;
		this.notice = '';
		this.error = '';
		this.#justAnswered = undefined;
		try {
			await this.#reload(await app.ready());
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.loading = false;
		}
	}

	/** Buries the card shown until the next study day (Anki's Bury): the next card comes now. */
	async bury(): Promise<void> {
		const card = this.card;
		if (!card || this.saving) return;
		await this.#begin();
		this.error = '';
		this.notice = '';
		try {
			const { bury } = await import('./day-options');
			await bury(card.id);
			this.#undoable.push({ kind: 'bury', cardId: card.id });
			await this.#reload(await app.ready());
			this.notice = 'Card buried until tomorrow.';
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.#end();
		}
	}

	/** Takes the card shown out of every session until it is unsuspended in Browse. */
	async suspend(): Promise<void> {
		const card = this.card;
		if (!card || this.saving) return;
		await this.#begin();
		this.error = '';
		this.notice = '';
		try {
			const db = await app.ready();
			await setSuspended(db, card.id, true);
			this.#undoable.push({ kind: 'suspend', cardId: card.id });
			changes.announce('edit');
			await this.#reload(db);
			this.notice = 'Card suspended. Unsuspend it in Browse.';
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.#end();
		}
	}
}

/** The automatic backup follows the answers, off the answer path; its code loads on the first answer. */
function backUpSoon(): void {
	void import('./recovery.svelte').then(({ recovery }) => recovery.changed());
	// And a sync, when it is on: debounced, in the background. (Imported lazily, sync-config too:
	// a module the home page shares with this one would pull the review chunk into the first load.)
	void import('./sync.svelte').then(({ sync }) => sync.afterAnswer());
}
