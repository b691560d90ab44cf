// Opens `Study more` over the screen. Its own module, loaded on the first tap, so that the home
// page's first load carries only the button (the first-load budget is tight).
import { mount, unmount } from 'svelte';
import { goto } from '$app/navigation';
import StudyMore from './StudyMore.svelte';

/** Opens the choices for `deck`; once one is recorded, `onstarted` (by default: study the deck). */
export function openStudyMore(
	deck: { id: string; title: string },
	onstarted: () => unknown = () => goto(`/review/${encodeURIComponent(deck.id)}`)
): void {
	const shown = mount(StudyMore, {
		target: document.body,
		props: {
			deckId: deck.id,
			title: deck.title,
			onstarted,
			// After the dialog's close event: focus has gone back to the button that opened it.
			onclose: () => queueMicrotask(() => void unmount(shown))
		}
	});
}
