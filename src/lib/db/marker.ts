// A few facts about the learner's data kept outside IndexedDB (see file-store.ts): which install
// wrote them, how many answers it held and when the last was given. A database that comes up
// new, or under another install id, on a device whose marker says it held answers was lost.
import type { FileStore } from './file-store';

export const MARKER_FILE = 'marker.json';

export interface Marker {
	/** The install id (meta `installId`) of the database the facts are about. */
	installId: string;
	/** Answers in its review log when the marker was written. */
	answers: number;
	/** When the newest of those answers was given (epoch ms), or null with no answers. */
	lastAnswerAt: number | null;
	/** When the marker was written. */
	writtenAt: number;
}

function isMarker(value: unknown): value is Marker {
	if (typeof value !== 'object' || value === null) return false;
	const marker = value as Record<string, unknown>;
	return (
		typeof marker.installId === 'string' &&
		Number.isInteger(marker.answers) &&
		(marker.answers as number) >= 0 &&
		(marker.lastAnswerAt === null || Number.isFinite(marker.lastAnswerAt)) &&
		Number.isFinite(marker.writtenAt)
	);
}

/** The marker, or undefined when there is none (a first start) or it cannot be read. */
export async function readMarker(store: FileStore): Promise<Marker | undefined> {
	const text = await store.read(MARKER_FILE).catch(() => undefined);
	if (text === undefined) return undefined;
	try {
		const value: unknown = JSON.parse(text);
		return isMarker(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

export async function writeMarker(store: FileStore, marker: Marker): Promise<void> {
	await store.write(MARKER_FILE, JSON.stringify(marker));
}

/**
 * The marker of the answers this start has lost, or undefined when nothing was lost: the marker
 * names another database (the browser made a new one) and that one held answers.
 */
export function lostAnswers(marker: Marker | undefined, installId: string | undefined): Marker | undefined {
	if (!marker || marker.answers === 0 || marker.installId === installId) return undefined;
	return marker;
}
