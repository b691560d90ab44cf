// The Anki import's progress, preview notices and result in the learner's words.
import type { ImportSummary } from '$lib/anki/import-package';
import type { AnkiSaveReport } from '$lib/db/plan-anki';
import { plural } from '$lib/format/when';
import type { AnkiProgress } from './anki-package.svelte';

const count = (n: number) => n.toLocaleString('en-US');

export function progressInWords(progress: AnkiProgress): string {
	switch (progress.stage) {
		case 'unzip':
			return 'Opening the package…';
		case 'collection':
			return 'Reading its collection…';
		case 'media':
			return `Reading its media (${count(progress.done)} of ${count(progress.total)})…`;
		case 'cards':
			return `Reading its cards (${count(progress.done)} of ${count(progress.total)})…`;
		case 'save':
			return 'Saving…';
	}
}

/** What the preview says besides the counts: what the app does differently from Anki, and why. */
export function summaryNotices(summary: ImportSummary): string[] {
	const notices: string[] = [];
	if (summary.broken > 0)
		notices.push(
			`${plural(summary.broken, 'card')} ${summary.broken === 1 ? 'has a template' : 'have templates'} broken in Anki too: ${summary.broken === 1 ? 'it shows' : 'they show'} why.`
		);
	if (summary.empty > 0)
		notices.push(
			`${plural(summary.empty, 'card')} ${summary.empty === 1 ? 'is' : 'are'} empty in Anki too: ${summary.empty === 1 ? 'it shows' : 'they show'} why.`
		);
	if (summary.fromFiltered > 0) notices.push(`${plural(summary.fromFiltered, 'card')} in filtered decks go back to their home decks.`);
	if (summary.buried > 0)
		notices.push(
			`${plural(summary.buried, 'buried card')} ${summary.buried === 1 ? 'is' : 'are'} not buried here: Anki buries only until its next day.`
		);
	if (summary.missingMedia > 0)
		notices.push(
			`${plural(summary.missingMedia, 'media file')} the cards use ${summary.missingMedia === 1 ? 'is' : 'are'} not in the package: ${summary.missingMedia === 1 ? 'it shows' : 'they show'} as missing.`
		);
	if (summary.media > 0) notices.push(`${plural(summary.media, 'image or sound', 'images and sounds')} from the package.`);
	return notices;
}

export function savedInWords(report: AnkiSaveReport): string {
	const decks = report.decks.map((deck) => deck.title).join(', ');
	const parts = [`${plural(report.newCards, 'new card')}`];
	if (report.updatedCards > 0) parts.push(`${plural(report.updatedCards, 'card')} updated`);
	if (report.progressTaken > 0) parts.push(`${plural(report.progressTaken, 'card')} with the package’s later progress`);
	parts.push(`${plural(report.newAnswers, 'answer')} of history`);
	return `Imported ${decks}: ${parts.join(', ')}.`;
}
