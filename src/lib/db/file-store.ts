// Files kept outside IndexedDB, in the Origin Private File System: when the browser loses its
// IndexedDB store (a full disk reports it corrupt on the next start), these are still there.
// Behind a small interface so the rules that use it are tested in Node with memoryFileStore.

export interface FileStore {
	/** The file's text, or undefined when there is no such file. */
	read(name: string): Promise<string | undefined>;
	/** Writes the whole file: afterwards it holds `text` (a failed write leaves the old text). */
	write(name: string, text: string): Promise<void>;
	/** Removes the file; nothing happens when it is not there. */
	remove(name: string): Promise<void>;
	/** The names of the files, in no particular order. */
	list(): Promise<string[]>;
}

/** A store in memory, for tests. */
export function memoryFileStore(files = new Map<string, string>()): FileStore & { files: Map<string, string> } {
	return {
		files,
		read: async (name) => files.get(name),
		write: async (name, text) => void files.set(name, text),
		remove: async (name) => void files.delete(name),
		list: async () => [...files.keys()]
	};
}

/** The folder of the app's files in the Origin Private File System. */
const FOLDER = 'glossary-flashcards';

/**
 * The app's folder in the Origin Private File System, or undefined when the browser has none
 * (or cannot write files there from a page: createWritable is what this store writes with).
 */
export async function deviceFileStore(): Promise<FileStore | undefined> {
	if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return undefined;
	if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) return undefined;
	let folder: FileSystemDirectoryHandle;
	try {
		folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(FOLDER, { create: true });
	} catch {
		return undefined;
	}
	const notFound = (error: unknown) => error instanceof DOMException && error.name === 'NotFoundError';
	return {
		async read(name) {
			try {
				return await (await (await folder.getFileHandle(name)).getFile()).text();
			} catch (error) {
				if (notFound(error)) return undefined;
				throw error;
			}
		},
		async write(name, text) {
			// A writable stream writes to a copy that replaces the file only on close().
			const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
			try {
				await writable.write(text);
				await writable.close();
			} catch (error) {
				await writable.abort().catch(() => {});
				throw error;
			}
		},
		async remove(name) {
			try {
				await folder.removeEntry(name);
			} catch (error) {
				if (!notFound(error)) throw error;
			}
		},
		async list() {
			const names: string[] = [];
			for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
			return names;
		}
	};
}
