// Reads an Anki package and saves it, off the screen's thread: unzipping, SQLite (sql.js), zstd and
// rendering thousands of cards, then the one transaction that saves them, never hold up a tap.
// The page sends the file; the worker keeps what it read until the page says save, and sends back
// progress, the preview and the result as plain data.
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { importPackage, type AnkiImport } from '$lib/anki/import-package';
import { readPackage } from '$lib/anki/package';
import { loadSqlite } from '$lib/anki/sqlite';
import { AnkiPackageError } from '$lib/anki/types';
import { previewAnkiImport, saveAnkiImport } from '$lib/db/anki';
import { openDatabase, StorageError } from '$lib/db/database';
import { loadSettings } from '$lib/db/settings';
import { studyDay } from '$lib/srs/days';
import { errorMessage } from '$lib/format/error';
import type { AnkiRequest, AnkiResponse, AnkiStage } from './anki-messages';

const scope = self as unknown as {
	addEventListener(type: 'message', listener: (event: MessageEvent<AnkiRequest>) => void): void;
	postMessage(message: AnkiResponse): void;
};

let read: { run: number; imported: AnkiImport; fileName: string } | undefined;

function progress(run: number, stage: AnkiStage, done: number, total: number): void {
	scope.postMessage({ kind: 'progress', run, stage, done, total });
}

async function readFile(run: number, file: File): Promise<void> {
	read = undefined;
	progress(run, 'unzip', 0, 1);
	const [bytes, sqlite, db] = await Promise.all([file.arrayBuffer(), loadSqlite({ url: wasmUrl }), openDatabase()]);
	try {
		const settings = await loadSettings(db);
		const pkg = readPackage(new Uint8Array(bytes), sqlite, { progress: (stage, done, total) => progress(run, stage, done, total) });
		const now = Date.now();
		const imported = await importPackage(pkg, {
			dayStartHour: settings.dayStartHour,
			today: studyDay(now, settings.dayStartHour),
			progress: (done, total) => progress(run, 'cards', done, total)
		});
		const report = await previewAnkiImport(db, imported, now);
		read = { run, imported, fileName: file.name };
		const samples = imported.cards.slice(0, 5).map((card) => ({ front: card.front, back: card.back }));
		scope.postMessage({ kind: 'preview', run, preview: { fileName: file.name, summary: imported.summary, report, samples } });
	} finally {
		db.close();
	}
}

async function save(run: number): Promise<void> {
	if (!read) throw new Error('Choose the package again: it is no longer read.');
	progress(run, 'save', 0, 1);
	const db = await openDatabase();
	try {
		const report = await saveAnkiImport(db, read.imported, Date.now());
		read = undefined;
		scope.postMessage({ kind: 'saved', run, report });
	} finally {
		db.close();
	}
}

scope.addEventListener('message', (event) => {
	const request = event.data;
	const work = request.kind === 'read' ? readFile(request.run, request.file) : save(request.run);
	work.catch((error: unknown) => {
		// A package's own problem is worded for the learner already; anything else is said as it is.
		const message =
			error instanceof AnkiPackageError || error instanceof StorageError
				? error.message
				: `This package could not be ${request.kind === 'read' ? 'read' : 'saved'}: ${errorMessage(error)}`;
		scope.postMessage({ kind: 'error', run: request.run, message });
	});
});
