// The journal's hand: a dedicated worker, the one place a page may open an Origin Private File
// System file with a synchronous access handle, which writes in place and flushes to the disk on
// request. Every append is flushed before it is acknowledged (files.ts). Tabs take turns through a
// Web Lock, and each open is short (open, write, flush, close), so another tab or a compaction
// never waits long.
import {
	appendRecords,
	compactRecords,
	journalInstalls,
	readRecords,
	removeJournal,
	type Ends,
	type Folder,
	type SyncHandle
} from './files';
import { FOLDER, LOCK, type JournalRequest } from './protocol';

type FileHandle = FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncHandle> };

const scope = self as unknown as {
	addEventListener(type: 'message', listener: (event: MessageEvent<JournalRequest>) => void): void;
	postMessage(message: unknown): void;
};

const ends: Ends = new Map();
let opened: Promise<Folder> | undefined;

const notFound = (error: unknown) => error instanceof DOMException && error.name === 'NotFoundError';

/** The app's folder in the Origin Private File System, as files.ts reads and writes it (looked up once). */
function opfs(): Promise<Folder> {
	opened ??= folderAt().catch((error: unknown) => {
		opened = undefined;
		throw error;
	});
	return opened;
}

async function folderAt(): Promise<Folder> {
	const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(FOLDER, { create: true });
	return {
		async names() {
			const names: string[] = [];
			for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
			return names;
		},
		async open(name) {
			return ((await dir.getFileHandle(name, { create: true })) as FileHandle).createSyncAccessHandle();
		},
		async existing(name) {
			let file: FileHandle;
			try {
				file = (await dir.getFileHandle(name)) as FileHandle;
			} catch (error) {
				if (notFound(error)) return undefined;
				throw error;
			}
			return file.createSyncAccessHandle();
		},
		async bytes(name) {
			return new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
		},
		async remove(name) {
			try {
				await dir.removeEntry(name);
			} catch (error) {
				if (!notFound(error)) throw error;
			}
		}
	};
}

/** Whether this browser can keep the journal here: the folder, sync access handles and Web Locks. */
async function hello(): Promise<boolean> {
	if (!navigator.locks || typeof FileSystemFileHandle === 'undefined' || !('createSyncAccessHandle' in FileSystemFileHandle.prototype))
		return false;
	try {
		await opfs();
		return true;
	} catch {
		return false;
	}
}

async function run(request: JournalRequest): Promise<unknown> {
	if (request.op === 'hello') return hello();
	const folder = await opfs();
	switch (request.op) {
		case 'append':
			return appendRecords(folder, ends, request.install, request.records);
		case 'read':
			return readRecords(folder, request.install);
		case 'compact':
			return compactRecords(folder, ends, request.install, request.from, request.keep);
		case 'installs':
			return journalInstalls(folder);
		case 'remove':
			return removeJournal(folder, ends, request.install);
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
					message: error instanceof Error || error instanceof DOMException ? error.message : String(error)
				}
			})
	);
});
