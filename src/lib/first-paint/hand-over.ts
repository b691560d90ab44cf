// The review screen's first card as the service worker wrote it into the page (first-paint/page.ts),
// and its hand-over to the screen the app renders: the written one stays until the app's own shows
// the card, then goes in the same frame, and a tap on its `Show answer` made meanwhile is kept.
// The page (not the service worker, which imports page.ts) runs this; no kit module, as page.ts has none.
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
