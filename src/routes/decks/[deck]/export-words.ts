// The export's words: the file's name from the deck's title, and what an export put in it.
import { plural } from '$lib/format/when';
import type { ExportCounts, ExportKind } from './export-messages';

/** A file name for the deck: its title without the characters file systems refuse, subdecks joined by " - ". */
export function exportFileName(title: string, kind: ExportKind): string {
	const name = title
		.split('::')
		.map((part) => part.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim())
		.filter((part) => part !== '')
		.join(' - ')
		.replace(/\s+/g, ' ')
		.slice(0, 100)
		.trim();
	return `${name || 'Deck'}.${kind}`;
}

/** "Exported 12 cards (12 notes) with 30 answers to Soft Skills.apkg." */
export function exportedInWords(counts: ExportCounts, kind: ExportKind, fileName: string): string {
	if (kind === 'txt') return `Exported ${plural(counts.notes, 'note')} to ${fileName}.`;
	const cards =
		counts.cards === counts.notes ? plural(counts.cards, 'card') : `${plural(counts.cards, 'card')} (${plural(counts.notes, 'note')})`;
	const extras = [
		counts.answers > 0 ? plural(counts.answers, 'answer') : '',
		counts.media > 0 ? plural(counts.media, 'media file') : ''
	].filter((part) => part !== '');
	return `Exported ${cards}${extras.length ? ` with ${extras.join(' and ')}` : ''} to ${fileName}.`;
}
