// The journal's files: appending flushed frames, reading every generation, compacting into the
// next. Written against a small folder interface so that the rules (a frame cut short is written
// over, a short write is undone, a crash mid-compaction loses nothing) are tested in Node with
// memoryFolder; worker.ts gives it the Origin Private File System.
import { decodeFrames, encodeFrames } from './codec';
import { journalFileName, readJournalFileName, type JournalPosition, type JournalRead } from './protocol';

/** A file opened for synchronous reads and writes (FileSystemSyncAccessHandle's part the journal uses). */
export interface SyncHandle {
	getSize(): number;
	read(buffer: Uint8Array, options: { at: number }): number;
	/** Bytes written: Chromium reports a full disk as a short count (or a bogus one), not an error. */
	write(buffer: Uint8Array, options: { at: number }): number;
	truncate(size: number): void;
	flush(): void;
	close(): void;
}

export interface Folder {
	names(): Promise<string[]>;
	/** Opens (making it when missing) a file for synchronous access: one holder at a time. */
	open(name: string): Promise<SyncHandle>;
	/** Opens a file that is there; undefined when it is not. */
	existing(name: string): Promise<SyncHandle | undefined>;
	/** The whole file, read without opening it. */
	bytes(name: string): Promise<Uint8Array>;
	remove(name: string): Promise<void>;
}

/**
 * What a worker remembers between appends, so that an append costs one open: where the whole frames
 * of each file end, as it last saw them (no need to read the file again), and each install's newest
 * generation (no need to list the folder while that file is there).
 */
export type Ends = Map<string, number>;

const generationKey = (install: string) => `generation:${install}`;

/** The generations of an install's journal, oldest first. */
async function generations(folder: Folder, install: string): Promise<number[]> {
	const found: number[] = [];
	for (const name of await folder.names()) {
		const file = readJournalFileName(name);
		if (file?.install === install) found.push(file.generation);
	}
	return found.sort((a, b) => a - b);
}

function readAll(handle: SyncHandle): Uint8Array {
	const bytes = new Uint8Array(handle.getSize());
	handle.read(bytes, { at: 0 });
	return bytes;
}

/** Writes `bytes` at `at` whole, or undoes the part written and throws (a full disk). */
function writeWhole(handle: SyncHandle, bytes: Uint8Array, at: number): void {
	const written = handle.write(bytes, { at });
	if (written !== bytes.length) {
		try {
			handle.truncate(at);
		} catch {
			// The frame stays cut short: the next append finds it and writes over it.
		}
		throw new DOMException('The disk took only part of the journal entry: storage is full.', 'QuotaExceededError');
	}
}

/**
 * Appends `records` to the newest generation, flushed before this resolves, over a frame cut short
 * at the end of the file (a write a killed tab or a full disk left unfinished).
 */
export async function appendRecords(folder: Folder, ends: Ends, install: string, records: readonly unknown[]): Promise<void> {
	// The generation this worker last wrote, while its file is there (a compaction removes it);
	// else the newest on the disk. Appending to an older one left by a crash loses nothing: a
	// compaction takes what was appended to every generation since its read.
	const remembered = ends.get(generationKey(install));
	const known = remembered !== undefined ? await folder.existing(journalFileName(install, remembered)) : undefined;
	const newest = known ? remembered! : ((await generations(folder, install)).at(-1) ?? 0);
	ends.set(generationKey(install), newest);
	const name = journalFileName(install, newest);
	const handle = known ?? (await folder.open(name));
	try {
		const size = handle.getSize();
		let end = ends.get(name);
		if (end !== size) {
			// Another tab wrote since, or a write was cut short: find where the whole frames end.
			end = decodeFrames(readAll(handle)).end;
			if (end < size) handle.truncate(end);
		}
		const bytes = encodeFrames(records);
		writeWhole(handle, bytes, end);
		handle.flush();
		ends.set(name, end + bytes.length);
	} catch (error) {
		ends.delete(name);
		throw error;
	} finally {
		handle.close();
	}
}

/** Every whole frame of every generation, oldest first, and where each one's whole frames end. */
export async function readRecords(folder: Folder, install: string): Promise<JournalRead> {
	const records: unknown[] = [];
	let ignored = 0;
	const position: JournalPosition = { generation: 0, ends: {} };
	for (const generation of await generations(folder, install)) {
		const decoded = decodeFrames(await folder.bytes(journalFileName(install, generation)));
		records.push(...decoded.entries);
		ignored += decoded.ignored;
		position.generation = generation;
		position.ends[generation] = decoded.end;
	}
	return { records, ignored, position };
}

/**
 * Writes `keep` and whatever was appended to any generation after `from` as the next one, flushed, then
 * removes the older ones: a crash in between leaves both, and a read takes each entry once. A
 * compaction from a read that another compaction has already replaced does nothing (false).
 */
export async function compactRecords(
	folder: Folder,
	ends: Ends,
	install: string,
	from: JournalPosition,
	keep: readonly unknown[]
): Promise<boolean> {
	const found = await generations(folder, install);
	if ((found.at(-1) ?? 0) !== from.generation) return false;
	const tail: unknown[] = [];
	for (const generation of found)
		tail.push(...decodeFrames(await folder.bytes(journalFileName(install, generation)), from.ends[generation] ?? 0).entries);
	const next = journalFileName(install, from.generation + 1);
	const handle = await folder.open(next);
	try {
		handle.truncate(0);
		writeWhole(handle, encodeFrames([...keep, ...tail]), 0);
		handle.flush();
	} catch (error) {
		handle.close();
		await folder.remove(next).catch(() => {});
		throw error;
	}
	handle.close();
	ends.set(generationKey(install), from.generation + 1);
	for (const generation of found) {
		ends.delete(journalFileName(install, generation));
		await folder.remove(journalFileName(install, generation)).catch(() => {});
	}
	return true;
}

/** The installs with a journal in the folder. */
export async function journalInstalls(folder: Folder): Promise<string[]> {
	const found = new Set<string>();
	for (const name of await folder.names()) {
		const file = readJournalFileName(name);
		if (file) found.add(file.install);
	}
	return [...found];
}

export async function removeJournal(folder: Folder, ends: Ends, install: string): Promise<void> {
	ends.delete(generationKey(install));
	for (const generation of await generations(folder, install)) {
		ends.delete(journalFileName(install, generation));
		await folder.remove(journalFileName(install, generation)).catch(() => {});
	}
}

/**
 * A folder in memory, for tests: `full` makes writes short from that many bytes of the whole
 * folder on, as a full disk does, and `cut` ends a write after that many of its bytes, as a
 * killed tab does (its count says all was written: the process was gone before it could tell).
 */
export function memoryFolder(): Folder & { files: Map<string, Uint8Array>; full: number; cut: number | undefined } {
	const files = new Map<string, Uint8Array>();
	const used = () => [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);
	const folder = {
		files,
		full: Infinity,
		cut: undefined as number | undefined,
		async names() {
			return [...files.keys()];
		},
		async existing(name: string): Promise<SyncHandle | undefined> {
			return files.has(name) ? folder.open(name) : undefined;
		},
		async open(name: string): Promise<SyncHandle> {
			if (!files.has(name)) files.set(name, new Uint8Array(0));
			const get = () => files.get(name)!;
			return {
				getSize: () => get().length,
				read(buffer, { at }) {
					const part = get().subarray(at, at + buffer.length);
					buffer.set(part);
					return part.length;
				},
				write(buffer, { at }) {
					const room = Math.max(0, folder.full - used() + Math.max(0, get().length - at));
					const length = Math.min(buffer.length, room, folder.cut ?? Infinity);
					const next = new Uint8Array(Math.max(get().length, at + length));
					next.set(get());
					next.set(buffer.subarray(0, length), at);
					files.set(name, next);
					return folder.cut !== undefined ? buffer.length : length;
				},
				truncate(size) {
					files.set(name, get().slice(0, size));
				},
				flush() {},
				close() {}
			};
		},
		async bytes(name: string) {
			const bytes = files.get(name);
			if (!bytes) throw new DOMException(`${name} is not there`, 'NotFoundError');
			return bytes.slice();
		},
		async remove(name: string) {
			files.delete(name);
		}
	};
	return folder;
}
