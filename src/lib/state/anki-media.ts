// The blob: URLs of Anki cards' media (images, sounds), read from their deck's files when a card
// shows and given back to the browser when the screen goes. Only the deck's own files: a card can
// name nothing else.
import { deckMedia } from '$lib/db/media';
import { app } from './app.svelte';

const key = (deckId: string, name: string) => `${deckId}\u0000${name}`;

/** A name as a URL would write it ("a%20b.png"), decoded; as it is when it is not one. */
function decoded(name: string): string {
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

export class CardMedia {
	#urls = new Map<string, string | null>();

	/** The URLs of those of `names` the deck has (under the name as written, or decoded), by name as written. */
	async urls(deckId: string, names: Iterable<string>): Promise<Map<string, string>> {
		const wanted = [...new Set(names)];
		const unread = wanted.flatMap((name) => [name, decoded(name)]).filter((name) => !this.#urls.has(key(deckId, name)));
		if (unread.length > 0) {
			const files = await deckMedia(await app.ready(), deckId, unread);
			for (const name of unread) {
				const file = files.get(name);
				if (!this.#urls.has(key(deckId, name))) this.#urls.set(key(deckId, name), file ? URL.createObjectURL(file) : null);
			}
		}
		const found = new Map<string, string>();
		for (const name of wanted) {
			const url = this.#urls.get(key(deckId, name)) ?? this.#urls.get(key(deckId, decoded(name)));
			if (url) found.set(name, url);
		}
		return found;
	}

	dispose(): void {
		for (const url of this.#urls.values()) if (url) URL.revokeObjectURL(url);
		this.#urls.clear();
	}
}
