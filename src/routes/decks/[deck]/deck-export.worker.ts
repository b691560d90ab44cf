// Writes a deck's export off the screen's thread: the deck is read from IndexedDB here, and an
// Anki package is built with SQLite (sql.js) and zipped, which for thousands of cards would
// otherwise hold up taps. The libraries load here only, when the learner exports.
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { openDatabase, StorageError } from '$lib/db/database';
import { NothingToExport } from '$lib/anki/export-notes';
import { deckForExport, NoDeckToExport } from '$lib/db/export';
import { errorMessage } from '$lib/format/error';
import type { ExportCounts, ExportRequest, ExportResponse } from './export-messages';

const scope = self as unknown as {
	addEventListener(type: 'message', listener: (event: MessageEvent<ExportRequest>) => void): void;
	postMessage(message: ExportResponse, transfer?: Transferable[]): void;
};

async function exportDeck(request: ExportRequest): Promise<{ bytes: Uint8Array; counts: ExportCounts }> {
	const db = await openDatabase();
	let deck;
	try {
		deck = await deckForExport(db, request.deckId);
	} finally {
		db.close();
	}
	if (request.kind === 'txt') {
		const { exportText } = await import('$lib/anki/export-text');
		const { text, notes } = await exportText(deck, { includeProgress: request.includeProgress });
		return { bytes: new TextEncoder().encode(text), counts: { notes, cards: notes, answers: 0, media: 0 } };
	}
	const [{ exportPackage }, { loadSqlite }] = await Promise.all([import('$lib/anki/export-package'), import('$lib/anki/sqlite')]);
	const { bytes, ...counts } = await exportPackage(await loadSqlite({ url: wasmUrl }), deck, {
		includeProgress: request.includeProgress,
		now: Date.now()
	});
	return { bytes, counts };
}

scope.addEventListener('message', (event) => {
	const request = event.data;
	exportDeck(request).then(
		({ bytes, counts }) => scope.postMessage({ kind: 'file', run: request.run, bytes, counts }, [bytes.buffer]),
		(error: unknown) => {
			// The deck gone or empty, or the database refusing, are worded for the learner already.
			const message =
				error instanceof NoDeckToExport || error instanceof NothingToExport || error instanceof StorageError
					? error.message
					: `The deck could not be exported: ${errorMessage(error)}`;
			scope.postMessage({ kind: 'error', run: request.run, message });
		}
	);
});
