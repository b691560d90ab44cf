// The screens the service worker wrote into the page (first-paint/page.ts, home.ts), and their
// hand-over to the screens the app renders: a written one stays until the app's own shows the
// same, then goes in the same frame. A tap on the review's written `Show answer` made meanwhile is
// kept; the home page's deck rows are links, which need no script. The page (not the service
// worker, which imports page.ts) runs this; no kit module, as page.ts has none.
import { FIRST_HOME_ID } from './home';
import { FIRST_CARD_ID, FIRST_TAP_ID } from './page';

export class FirstPaint {
	readonly #written: HTMLElement;

	private constructor(written: HTMLElement) {
		this.#written = written;
	}

	/** The card the worker wrote for this screen, if it wrote one (only for one deck's screen). */
	static find(deckIds: string[] | null): FirstPaint | undefined {
		// No document while the kit prerenders the shell page.
		if (typeof document === 'undefined' || deckIds?.length !== 1) return undefined;
		const written = document.getElementById(FIRST_CARD_ID);
		if (!written) return undefined;
		// Written for another deck (the app went elsewhere before this screen): it only goes.
		if (written.dataset.deck !== deckIds[0]) {
			written.remove();
			return undefined;
		}
		return new FirstPaint(written);
	}

	/**
	 * Removes the written screen once the app shows its own, and says whether the learner tapped
	 * its `Show answer` on the card the app now shows (a tap for another card is not carried over).
	 */
	handOver(shownCardId: string | undefined): boolean {
		const tap = this.#written.querySelector(`#${FIRST_TAP_ID}`);
		const tapped = tap?.matches(':popover-open') ?? false;
		const same = shownCardId !== undefined && this.#written.dataset.card === shownCardId;
		this.#written.remove();
		return tapped && same;
	}
}

/** The home page the worker wrote: its own `main`, before the app's, which a style hides meanwhile. */
export class WrittenHome {
	readonly #written: HTMLElement;

	private constructor(written: HTMLElement) {
		this.#written = written;
	}

	static find(): WrittenHome | undefined {
		// No document while the kit prerenders the page.
		if (typeof document === 'undefined') return undefined;
		const written = document.getElementById(FIRST_HOME_ID);
		return written ? new WrittenHome(written) : undefined;
	}

	/** The written page goes, and with it the style that hides the app's (nothing happens twice). */
	handOver(): void {
		this.#written.remove();
	}
}
