// What Deck options and its export Worker (deck-export.worker.ts) say to each other: plain data only.

/** The two exports: an Anki package, or Anki's text format. */
export type ExportKind = 'apkg' | 'txt';

export interface ExportRequest {
	run: number;
	kind: ExportKind;
	deckId: string;
	includeProgress: boolean;
}

/** What was exported, for the learner. */
export interface ExportCounts {
	notes: number;
	cards: number;
	answers: number;
	media: number;
}

export type ExportResponse =
	{ kind: 'file'; run: number; bytes: Uint8Array; counts: ExportCounts } | { kind: 'error'; run: number; message: string };
