// The review screen's answer buttons and what each says it will do. A caption is srs/answer.ts's
// outcome of that very answer, with the FSRS scheduler db/answers.ts records it with (one per
// options, kept by srs/fsrs), so a button never promises what the answer won't do.
import type { CardRecord, FlashcardsDb } from '$lib/db/schema';
import { deckSchedulers, readDeckOptions } from '$lib/db/deck-scheduler';
import type { DeckOptions } from '$lib/srs/today';
import { answerCaptions } from '$lib/srs/answer';
import { studyDayAt } from '$lib/srs/days';
import { fsrsOptionsOf, type SchedulerName } from '$lib/srs/fsrs-options';
import { answerButtons } from '$lib/srs/sm2';
import { app } from './app.svelte';

type FsrsModule = typeof import('$lib/srs/fsrs');

/** Said above the buttons of a deck on FSRS when Settings ask for six grades. */
export const FOUR_FOR_FSRS =
	'This deck uses FSRS, which rates an answer Again, Hard, Good or Easy: four buttons, not the six grades set in Settings.';

export class ReviewCaptions {
	/** The scheduler of each deck, read with the session's cards. */
	#schedulers = $state.raw(new Map<string, SchedulerName>());
	/** Each deck's own options: a deck fitted on its own answers is scheduled, and captioned, with its parameters. */
	#options = $state.raw<Record<string, DeckOptions>>({});
	/** ts-fsrs, loaded only when a deck of the session uses FSRS. */
	#fsrs = $state.raw<FsrsModule | undefined>(undefined);

	constructor(readonly deckIds: string[] | null) {}

	/** Reads each deck's scheduler, and loads FSRS when a deck of this session uses it. */
	async read(db: FlashcardsDb): Promise<void> {
		const [schedulers, options] = await Promise.all([deckSchedulers(db, app.settings), readDeckOptions(db)]);
		const mine = this.deckIds ?? [...schedulers.keys()];
		if (!this.#fsrs && mine.some((id) => schedulers.get(id) === 'fsrs')) this.#fsrs = await import('$lib/srs/fsrs');
		this.#schedulers = schedulers;
		this.#options = options;
	}

	/** The card belongs to a deck that uses FSRS. */
	onFsrs(card: CardRecord | undefined): boolean {
		return !!card && this.#schedulers.get(card.deckId) === 'fsrs';
	}

	/** Settings ask for six grades, but the card's deck uses FSRS, which has four ratings. */
	fourForFsrs(card: CardRecord | undefined): boolean {
		return this.onFsrs(card) && app.settings.gradeScale === 'six';
	}

	/** The buttons for `card`, each with the interval answering it now would give. */
	buttonsFor(card: CardRecord | undefined) {
		const onFsrs = this.onFsrs(card);
		const buttons = answerButtons(onFsrs ? 'four' : app.settings.gradeScale);
		const fsrs = this.#fsrs;
		// No card, or FSRS still loading: the buttons without captions.
		if (!card || (onFsrs && !fsrs)) return buttons.map((button) => ({ ...button, interval: '', againToday: false }));
		const now = Date.now();
		const { today } = studyDayAt(now, app.settings);
		const rules =
			onFsrs && fsrs
				? {
						scheduler: fsrs.fsrsSchedulerFor(fsrsOptionsOf(app.settings, this.#options[card.deckId])),
						dayStartHour: app.settings.dayStartHour
					}
				: undefined;
		const captions = answerCaptions(
			card,
			buttons.map((button) => button.grade),
			now,
			today,
			rules
		);
		return buttons.map((button, i) => ({ ...button, ...captions[i]! }));
	}
}
