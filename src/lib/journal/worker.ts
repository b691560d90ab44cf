// The journal's hand: a dedicated worker, the one place a page may open an Origin Private File
// System file with a synchronous access handle, which writes in place and flushes to the disk on
// request. Every append is flushed before it is acknowledged. Tabs take turns through a Web Lock,
// and each open is short (open, write, flush, close), so another tab or a compaction never waits long.
import { decodeFrames, encodeFrames } from './codec';
import {
	FOLDER,
	journalFileName,
	LOCK,
	readJournalFileName,
	type JournalPosition,
	type JournalRead,
	type JournalRequest
} from './protocol';

interface SyncHandle {
	getSize(): number;
	read(buffer: Uint8Array, options: { at: number }): number;
	write(buffer: Uint8Array, options: { at: number }): number;
	truncate(size: number): void;
	flush(): void;
	close(): void;
}
type FileHandle = FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncHandle> };

const scope = self as unknown as {
	addEventListener(type: 'message', listener: (event: MessageEvent<JournalRequest>) => void): void;
	postMessage(message: unknown): void;
};

/** Where the whole frames of a file end, as this worker last saw them: an append from here need not read the file again. */
const ends = new Map<string, number>();

async function folder(): Promise<FileSystemDirectoryHandle> {
	return (await navigator.storage.getDirectory()).getDirectoryHandle(FOLDER, { create: true });
}

/** The generations of an install's journal on the disk, oldest first. */
async function generations(dir: FileSystemDirectoryHandle, install: string): Promise<number[]> {
	const found: number[] = [];
	for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
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

/** A write the disk did not take whole (Chromium reports a full disk as a short count, not an error). */
function writeWhole(handle: SyncHandle, bytes: Uint8Array, at: number): void {
	const written = handle.write(bytes, { at });
	if (written !== bytes.length) {
		try {
			handle.truncate(at);
		} catch {
			// The frame is cut short: the next append finds it and writes over it.
		}
		throw new DOMException('The disk took only part of the journal entry: storage is full.', 'QuotaExceededError');
	}
}

/** Appends, flushed: the newest generation's file, written over a frame cut short at its end. */
async function append(install: string, records: unknown[]): Promise<void> {
	const dir = await folder();
	const newest = (await generations(dir, install)).at(-1) ?? 0;
	const name = journalFileName(install, newest);
	const handle = await ((await dir.getFileHandle(name, { create: true })) as FileHandle).createSyncAccessHandle();
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

async function read(install: string): Promise<JournalRead> {
	const dir = await folder();
	const records: unknown[] = [];
	let ignored = 0;
	const position: JournalPosition = { generation: 0, end: 0 };
	for (const generation of await generations(dir, install)) {
		const file = await (await dir.getFileHandle(journalFileName(install, generation))).getFile();
		const decoded = decodeFrames(new Uint8Array(await file.arrayBuffer()));
		records.push(...decoded.entries);
		ignored += decoded.ignored;
		position.generation = generation;
		position.end = decoded.end;
	}
	return { records, ignored, position };
}

/**
 * Writes `keep` and whatever was appended after `from` as the next generation, flushed, then
 * removes the older ones: a crash in between leaves both, and a read takes each entry once. A
 * compaction from a read that another compaction has already replaced does nothing.
 */
async function compact(install: string, from: JournalPosition, keep: unknown[]): Promise<boolean> {
	const dir = await folder();
	const found = await generations(dir, install);
	if ((found.at(-1) ?? 0) !== from.generation) return false;
	let tail: unknown[] = [];
	if (found.length > 0) {
		const file = await (await dir.getFileHandle(journalFileName(install, from.generation))).getFile();
		tail = decodeFrames(new Uint8Array(await file.arrayBuffer()), from.end).entries;
	}
	const next = journalFileName(install, from.generation + 1);
	const handle = await ((await dir.getFileHandle(next, { create: true })) as FileHandle).createSyncAccessHandle();
	try {
		handle.truncate(0);
		writeWhole(handle, encodeFrames([...keep, ...tail]), 0);
		handle.flush();
	} catch (error) {
		handle.close();
		await dir.removeEntry(next).catch(() => {});
		throw error;
	}
	handle.close();
	for (const generation of found) {
		ends.delete(journalFileName(install, generation));
		await dir.removeEntry(journalFileName(install, generation)).catch(() => {});
	}
	return true;
}

async function installs(): Promise<string[]> {
	const found = new Set<string>();
	for await (const name of ((await folder()) as unknown as { keys(): AsyncIterable<string> }).keys()) {
		const file = readJournalFileName(name);
		if (file) found.add(file.install);
	}
	return [...found];
}

async function remove(install: string): Promise<void> {
	const dir = await folder();
	for (const generation of await generations(dir, install)) {
		ends.delete(journalFileName(install, generation));
		await dir.removeEntry(journalFileName(install, generation)).catch(() => {});
	}
}

/** Whether this browser can keep the journal here: the folder, sync access handles and Web Locks. */
async function hello(): Promise<boolean> {
	if (!navigator.locks || typeof FileSystemFileHandle === 'undefined' || !('createSyncAccessHandle' in FileSystemFileHandle.prototype))
		return false;
	try {
		await folder();
		return true;
	} catch {
		return false;
	}
}

function run(request: JournalRequest): Promise<unknown> {
	switch (request.op) {
		case 'hello':
			return hello();
		case 'append':
			return append(request.install, request.records);
		case 'read':
			return read(request.install);
		case 'compact':
			return compact(request.install, request.from, request.keep);
		case 'installs':
			return installs();
		case 'remove':
			return remove(request.install);
	}
}

scope.addEventListener('message', (event) => {
	const request = event.data;
	const work = request.op === 'hello' ? run(request) : navigator.locks.request(LOCK, () => run(request));
	work.then(
		(value) => scope.postMessage({ id: request.id, ok: true, value }),
		(error: unknown) =>
			scope.postMessage({
				id: request.id,
				ok: false,
				error: {
					name: error instanceof Error || error instanceof DOMException ? error.name : 'Error',
					message: String((error as Error)?.message ?? error)
				}
			})
	);
});
