// The server's answers read as JSON before PouchDB takes them. PouchDB copies documents key by key,
// so a `__proto__` key becomes the copy's prototype and vanishes from what is stored: no check of
// the stored document can see it. This reads each answer's text as JSON.parse gives it (where
// `__proto__` is an ordinary key) and notes which documents carry a key no device writes, so that
// the sync refuses them by name (sync/engine.ts). The answer itself goes on to PouchDB unchanged.

/** Keys no device writes anywhere (sync/documents.ts refuses the two that survive a copy). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Only an answer whose text could hold such a key is parsed (an escape could spell one). */
const mayHold = (text: string) =>
	text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u');

/**
 * The ids of the documents in a JSON text that carry a forbidden key (at any depth), with the key.
 * JSON.parse's reviver sees every key, its value's keys first: the keys found are the document's
 * whose object completes next (a document is an object with an `_id`).
 */
export function hostileKeysIn(text: string): Map<string, string> {
	const found = new Map<string, string>();
	if (!mayHold(text)) return found;
	let pending: string | undefined;
	try {
		JSON.parse(text, function (key: string, value: unknown) {
			if (FORBIDDEN_KEYS.has(key)) pending ??= key;
			if (pending && typeof value === 'object' && value !== null && Object.hasOwn(value, '_id')) {
				const id = (value as { _id: unknown })._id;
				if (typeof id === 'string') {
					found.set(id, pending);
					pending = undefined;
				}
			}
			return value;
		});
	} catch {
		// Not JSON: PouchDB says so itself.
	}
	return found;
}

/** What the gate found during the syncs of one sign-in: document id -> the key it carried. */
export type HostileKeys = Map<string, string>;

/**
 * A fetch for PouchDB's remote database that notes, into `found`, the documents of the server's
 * JSON answers that carry a forbidden key, and hands PouchDB the same answer.
 */
export function gatedFetch(found: HostileKeys, base: (url: string, init?: RequestInit) => Promise<Response>) {
	return async (url: string, init?: RequestInit): Promise<Response> => {
		const response = await base(url, init);
		if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
		const text = await response.text();
		for (const [id, key] of hostileKeysIn(text)) found.set(id, key);
		return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
	};
}
