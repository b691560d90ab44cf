// An Anki package (.apkg, .colpkg) is a zip: a collection file, a media list and numbered media
// files. Three formats exist (see fixtures/README.md); the newest collection file in the zip is the
// one to read, since newer Ankis also put in a stub `collection.anki2` whose one note asks for a newer Anki.
import { unzipSync } from 'fflate';
import { decompress } from 'fzstd';
import { openCollection, readCollection } from './collection';
import { bytesFields, fields, numberField, stringField } from './protobuf';
import type { Sqlite } from './sqlite';
import { AnkiPackageError, type AnkiMediaFile, type AnkiPackage, type PackageFormat } from './types';

/** Package format versions (`meta`'s field 1): 1 and 2 are the legacy ones, 3 the latest. */
export const NEWEST_PACKAGE_VERSION = 3;

/** Collection files from newest to oldest. */
const COLLECTIONS: readonly { file: string; format: PackageFormat }[] = [
	{ file: 'collection.anki21b', format: 'anki21b' },
	{ file: 'collection.anki21', format: 'anki21' },
	{ file: 'collection.anki2', format: 'anki2' }
];

/** The first field of the stub note newer Ankis put in `collection.anki2` for older ones. */
const STUB_TEXTS = [
	'This file requires a newer version of Anki.',
	'Please update to the latest Anki version, then import the .colpkg/.apkg file again.'
];

/** Whether a note's first field is the stub's text. */
export function isStubNote(firstField: string): boolean {
	const plain = firstField.replace(/<[^>]*>/g, '').trim();
	return STUB_TEXTS.some((stub) => plain === stub);
}

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const isZstd = (bytes: Uint8Array) => ZSTD_MAGIC.every((byte, i) => bytes[i] === byte);

function unzstd(bytes: Uint8Array, what: string): Uint8Array {
	try {
		return decompress(bytes);
	} catch {
		throw new AnkiPackageError(`This package is damaged: its ${what} could not be decompressed.`, 'damaged');
	}
}

/** Zip files start with a local file header ("PK\3\4"), or, when empty, the end record ("PK\5\6"). */
function isZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

export interface ReadOptions {
	/** Called as the package is read: what is being done, and how far it is. */
	progress?: (stage: 'unzip' | 'collection' | 'media', done: number, total: number) => void;
}

/**
 * Reads a whole package. Throws AnkiPackageError, worded for the learner, for anything that is not
 * a readable Anki package: not a zip, a zip without a collection, a cut-off file, a damaged
 * database, a format newer than known, a package without cards.
 */
export function readPackage(bytes: Uint8Array, sqlite: Sqlite, options: ReadOptions = {}): AnkiPackage {
	try {
		return readZip(bytes, sqlite, options);
	} catch (error) {
		if (error instanceof AnkiPackageError) throw error;
		throw new AnkiPackageError('This package is damaged: part of it could not be read. Download or export it again.', 'damaged');
	}
}

function readZip(bytes: Uint8Array, sqlite: Sqlite, options: ReadOptions): AnkiPackage {
	if (!isZip(bytes)) {
		throw new AnkiPackageError(
			'This file is not an Anki package: Anki packages (.apkg, .colpkg) are zip files, and this is not one.',
			'not-zip'
		);
	}
	options.progress?.('unzip', 0, 1);
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes);
	} catch {
		throw new AnkiPackageError('This package is cut off or damaged: its zip could not be read. Download or export it again.', 'damaged');
	}
	options.progress?.('unzip', 1, 1);
	const version = packageVersion(files.meta);
	if (version > NEWEST_PACKAGE_VERSION) {
		throw new AnkiPackageError(
			`This package was made by a newer Anki than this app can read (package format ${version}; it reads up to ${NEWEST_PACKAGE_VERSION}). In Anki, export it again with "Support older Anki versions" ticked.`,
			'newer'
		);
	}
	const found = COLLECTIONS.find(({ file }) => files[file] !== undefined);
	const unknown = Object.keys(files).find((name) => /^collection\.anki\w+$/.test(name) && !COLLECTIONS.some(({ file }) => file === name));
	if (!found) {
		if (unknown) throw newerCollection(unknown);
		throw new AnkiPackageError('This zip is not an Anki package: it holds no Anki collection.', 'not-package');
	}
	options.progress?.('collection', 0, 1);
	let data = files[found.file]!;
	if (found.format === 'anki21b') data = unzstd(data, 'collection');
	const db = openCollection(sqlite, data);
	let collection;
	try {
		collection = readCollection(db);
	} finally {
		db.close();
	}
	options.progress?.('collection', 1, 1);
	// Only the stub (its one note asks for a newer Anki): the real collection is in a file this reader does not know.
	const onlyStub = collection.notes.length === 1 && isStubNote(collection.notes[0]!.fields[0] ?? '');
	if (onlyStub && found.format === 'anki2') {
		throw unknown
			? newerCollection(unknown)
			: new AnkiPackageError('This package holds only the note Anki leaves for older versions: its collection is missing.', 'not-package');
	}
	if (collection.cards.length === 0) throw new AnkiPackageError('This package has no cards.', 'empty');
	return { format: found.format, collection, media: readMedia(files, version, options) };
}

function newerCollection(file: string): AnkiPackageError {
	return new AnkiPackageError(
		`This package was made by a newer Anki than this app can read (its collection is "${file}"). In Anki, export it again with "Support older Anki versions" ticked.`,
		'newer'
	);
}

/** `meta`: PackageMetadata, the version in field 1; none before Anki 2.1.50 (legacy 1 or 2). */
function packageVersion(meta: Uint8Array | undefined): number {
	if (!meta) return 0;
	try {
		return numberField(fields(meta), 1) ?? 0;
	} catch {
		throw new AnkiPackageError('This package is damaged: its "meta" file is not readable.', 'damaged');
	}
}

/** A media name notes could use: no folders, nothing that could be read as a path. */
export function isMediaName(name: string): boolean {
	return name !== '' && name !== '.' && name !== '..' && !/[/\\\p{Cc}]/u.test(name);
}

/**
 * The package's media. The list (`media`) maps each zip entry ("0", "1", …) to a name: JSON in the
 * legacy formats; in the latest, a zstd-compressed protobuf MediaEntries (entries in field 1, each
 * with its name in field 1 and, rarely, its zip entry in field 255), and every file zstd-compressed.
 */
function readMedia(files: Record<string, Uint8Array>, version: number, options: ReadOptions): AnkiMediaFile[] {
	const list = files.media;
	if (!list || list.length === 0) return [];
	const names = new Map<string, string>();
	if (version >= 3 || isZstd(list)) {
		const entries = bytesFields(fields(unzstd(list, 'media list')), 1);
		entries.forEach((entry, index) => {
			const message = fields(entry);
			const name = stringField(message, 1);
			if (name !== undefined) names.set(String(numberField(message, 255) ?? index), name);
		});
	} else {
		let map: unknown;
		try {
			map = JSON.parse(new TextDecoder().decode(list));
		} catch {
			throw new AnkiPackageError('This package is damaged: its media list is not readable.', 'damaged');
		}
		if (typeof map !== 'object' || map === null)
			throw new AnkiPackageError('This package is damaged: its media list is not readable.', 'damaged');
		for (const [entry, name] of Object.entries(map)) if (typeof name === 'string') names.set(entry, name);
	}
	const media: AnkiMediaFile[] = [];
	let done = 0;
	for (const [entry, rawName] of names) {
		const name = rawName.normalize('NFC');
		const stored = files[entry];
		options.progress?.('media', done++, names.size);
		if (!stored || !isMediaName(name)) continue;
		media.push({ name, data: isZstd(stored) && version >= 3 ? unzstd(stored, `media file "${name}"`) : stored });
	}
	return media;
}
