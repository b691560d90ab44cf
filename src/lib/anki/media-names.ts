// The media a card's HTML uses, by name: what the import stores for its deck, and what the review
// screen reads back. Its own module (with html.ts alone) for the review screen's small chunk.
import { decodeEntities } from './html';

/** Every media name a side uses: images' src and sounds. */
export function mediaNames(html: string): Set<string> {
	const names = new Set<string>();
	for (const match of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
		const src = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
		if (src !== '' && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) names.add(src);
	}
	for (const match of html.matchAll(/data-sound="([^"]*)"/g)) names.add(decodeEntities(match[1]!));
	return names;
}
