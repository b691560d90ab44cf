// What the page and the Anki import's Worker (anki.worker.ts) say to each other: plain data only.
import type { ImportSummary } from '$lib/anki/import-package';
import type { AnkiSaveReport } from '$lib/db/plan-anki';

/** Where the reading is: unzipping, the collection, the media, the cards rendered, the save. */
export type AnkiStage = 'unzip' | 'collection' | 'media' | 'cards' | 'save';

export type AnkiRequest = { kind: 'read'; run: number; file: File } | { kind: 'save'; run: number };

/** What the learner sees before saving. */
export interface AnkiPreview {
	fileName: string;
	summary: ImportSummary;
	/** What saving would do to the decks and cards already here. */
	report: AnkiSaveReport;
	/** The first few cards, as text. */
	samples: { front: string; back: string }[];
}

export type AnkiResponse =
	| { kind: 'progress'; run: number; stage: AnkiStage; done: number; total: number }
	| { kind: 'preview'; run: number; preview: AnkiPreview }
	| { kind: 'saved'; run: number; report: AnkiSaveReport }
	| { kind: 'error'; run: number; message: string };
