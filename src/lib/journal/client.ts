// Where this browser keeps the journal, behind one small interface: files in the Origin Private
// File System written by the worker (worker.ts), or, where a page cannot have synchronous access
// handles (older Safari, Firefox before 111), Cache Storage, one cache entry per append. Both live
// outside IndexedDB. Entries are not checked here (check.ts is the restore's, loaded with it).
import type { JournalEntry, JournalRecord } from './entries';
import { appendRecords, compactRecords, journalInstalls, readRecords, removeJournal, type Ends, type Folder } from './files';
import type { JournalPosition, JournalRead, JournalReply, JournalRequest } from './protocol';

/** Where the journal lives: `file` (flushed to the disk with each entry), `cache` (Cache Storage). */
export type JournalKind = 'file' | 'cache';

export interface JournalStore {
	kind: JournalKind;
	/** Resolves once the entries are written (flushed, for files); rejects, writing nothing, when they can't be. */
	append(install: string, entries: readonly JournalEntry[]): Promise<void>;
	/** Every record of an install's journal, oldest first, and where the read ended. */
	read(install: string): Promise<JournalRead>;
	/** Replaces what `from` read with `keep` (entries appended since stay). False when another compaction came first. */
	compact(install: string, from: JournalPosition, keep: readonly JournalEntry[]): Promise<boolean>;
	/** The installs that have a journal here. */
	installs(): Promise<string[]>;
	remove(install: string): Promise<void>;
}

/** A request as the client sends it, before it is numbered. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** An entry as the journal stores it, with the install that wrote it. */
const record =
	(install: string) =>
	(entry: JournalEntry): JournalRecord => ({ v: 1, install, entry });

/** An error as the worker sent it, with its name (QuotaExceededError, ...) kept for the words. */
function revive(error: { name: string; message: string }): Error {
	const revived = new Error(error.message);
	revived.name = error.name;
	return revived;
}

/** The files, through the worker; undefined when this browser cannot keep them. */
async function fileJournal(): Promise<JournalStore | undefined> {
	if (typeof Worker === 'undefined' || !navigator.storage?.getDirectory) return undefined;
	let worker: Worker;
	try {
		worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	} catch {
		return undefined;
	}
	let next = 0;
	const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	/** Set once the worker has died: every call after that fails at once instead of waiting forever. */
	let dead: Error | undefined;
	const fail = (error: Error) => {
		dead = error;
		for (const call of waiting.values()) call.reject(error);
		waiting.clear();
	};
	worker.addEventListener('message', (event: MessageEvent<JournalReply>) => {
		const reply = event.data;
		const call = waiting.get(reply.id);
		if (!call) return;
		waiting.delete(reply.id);
		if (reply.ok) call.resolve(reply.value);
		else call.reject(revive(reply.error));
	});
	worker.addEventListener('error', (event) => {
		event.preventDefault();
		fail(new Error('The safety copy’s worker stopped.'));
	});
	const call = <T>(request: WithoutId<JournalRequest>): Promise<T> =>
		new Promise((resolve, reject) => {
			if (dead) return reject(dead);
			const id = ++next;
			waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
			worker.postMessage({ ...request, id });
		});
	const supported = await call<boolean>({ op: 'hello' }).catch(() => false);
	if (!supported) {
		worker.terminate();
		return undefined;
	}
	return {
		kind: 'file',
		append: (install, entries) => call({ op: 'append', install, records: entries.map(record(install)) }),
		read: (install) => call({ op: 'read', install }),
		compact: (install, from, keep) => call({ op: 'compact', install, from, keep: keep.map(record(install)) }),
		installs: () => call({ op: 'installs' }),
		remove: (install) => call({ op: 'remove', install })
	};
}

const CACHE = 'glossary-flashcards-journal';
/** `/journal/<install>/<sequence>`: the sequence orders appends (time, then a counter, then chance). */
const PREFIX = '/journal/';
let sequence = 0;

function sequenceKey(install: string): string {
	const time = Date.now().toString(36).padStart(10, '0');
	const count = (sequence++ % 1_679_616).toString(36).padStart(4, '0');
	return `${PREFIX}${encodeURIComponent(install)}/${time}${count}${Math.random().toString(36).slice(2, 8)}`;
}

/** The install a cache key belongs to, and its sequence. */
function readKey(url: string): { install: string; sequence: string } | undefined {
	const path = new URL(url).pathname;
	const match = /^\/journal\/([^/]+)\/(\w+)$/.exec(path);
	return match ? { install: decodeURIComponent(match[1]!), sequence: match[2]! } : undefined;
}

/** Cache Storage, one entry per append (a put is whole or not at all); undefined where there is none. */
export async function cacheJournal(): Promise<JournalStore | undefined> {
	if (typeof caches === 'undefined') return undefined;
	let cache: Cache;
	try {
		cache = await caches.open(CACHE);
	} catch {
		return undefined;
	}
	const keysOf = async (install?: string) =>
		(await cache.keys())
			.flatMap((request) => {
				const key = readKey(request.url);
				return key && (install === undefined || key.install === install) ? [{ ...key, url: request.url }] : [];
			})
			.sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
	// A compaction names the entries it read by their keys; the position's generation names the read.
	let reads = new Map<number, string[]>();
	let readId = 0;
	const store: JournalStore = {
		kind: 'cache',
		async append(install, entries) {
			await cache.put(
				sequenceKey(install),
				new Response(JSON.stringify(entries.map(record(install))), { headers: { 'content-type': 'application/json' } })
			);
		},
		async read(install) {
			const keys = await keysOf(install);
			const records: unknown[] = [];
			let ignored = 0;
			for (const key of keys) {
				try {
					const stored: unknown = await (await cache.match(key.url))?.json();
					if (Array.isArray(stored)) records.push(...stored);
					else ignored++;
				} catch {
					ignored++;
				}
			}
			readId++;
			reads = new Map([[readId, keys.map((key) => key.url)]]);
			return { records, ignored, position: { generation: readId, ends: { [readId]: keys.length } } };
		},
		async compact(install, from, keep) {
			const read = reads.get(from.generation);
			if (!read) return false;
			reads.delete(from.generation);
			if (keep.length > 0) await store.append(install, keep);
			for (const url of read) await cache.delete(url);
			return true;
		},
		async installs() {
			return [...new Set((await keysOf()).map((key) => key.install))];
		},
		async remove(install) {
			for (const key of await keysOf(install)) await cache.delete(key.url);
		}
	};
	return store;
}

/** The journal where this browser can keep it best, or undefined where it can keep none. */
export async function openJournal(): Promise<JournalStore | undefined> {
	return (await fileJournal()) ?? (await cacheJournal());
}

/**
 * The files' journal run in this thread over `folder` (files.ts, as the worker runs it): tests
 * give it memoryFolder, to run the same rules as the browser.
 */
export function folderJournal(folder: Folder): JournalStore {
	const ends: Ends = new Map();
	return {
		kind: 'file',
		append: (install, entries) => appendRecords(folder, ends, install, entries.map(record(install))),
		read: (install) => readRecords(folder, install),
		compact: (install, from, keep) => compactRecords(folder, ends, install, from, keep.map(record(install))),
		installs: () => journalInstalls(folder),
		remove: (install) => removeJournal(folder, ends, install)
	};
}
