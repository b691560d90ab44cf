// Copies cut off part way: a page saved or shared mid-sentence ("... it's recommended to revi").
// The unfinished end is found on the page's last block, then left out of the deck: an answer keeps the
// sentences (or clauses) it had finished, a block with nothing finished is left out, and the deck says
// where the text stopped so the preview can tell the learner.
import { blockText, type Block } from './blocks';
import { endsFinished, finishedPart } from './sentences';
import { headingShape } from './text';
import type { GlossaryPage, ListItem, PageSection } from './types';

/** Words an unfinished clause stops on: "... such as task completion rate, and". */
const DANGLING = /(?:[,:;–—-]|\b(?:and|or|but|the|a|an|of|to|with|for|in|on|by|as|such as|that|which))$/i;

/** A list entry is unfinished when its list's other entries end sentences and it does not, or it dangles. */
function isUnfinishedItem(text: string, siblings: readonly string[]): boolean {
	if (endsFinished(text)) return false;
	if (DANGLING.test(text)) return true;
	// "Question?: Answ", "Question? Answ": an entry that holds a question and its answer ends a sentence.
	if (/\?\s?[:：]?\s\S/.test(text)) return true;
	const finished = siblings.filter(endsFinished).length;
	return siblings.length > 0 && finished * 2 > siblings.length;
}

/** The last words of a text, to quote where it was cut: "…completion rate,". */
function lastWords(text: string): string {
	const words = text.trim().split(' ');
	return words.length > 6 ? `…${words.slice(-6).join(' ')}` : words.join(' ');
}

/**
 * Where the page's content ends unfinished, or undefined when it ends a sentence: the last block is
 * a paragraph or a list entry stopping part way through a sentence. A short Title Case line at the very
 * end (a button, a tagline) is no cut sentence. `blocks` are the content's blocks in page order.
 */
export function cutOffAfter(blocks: readonly Block[]): string | undefined {
	const last = blocks[blocks.length - 1];
	if (!last || last.kind === 'heading') return undefined;
	const text = blockText(last);
	if (last.kind === 'para') {
		if (endsFinished(text) || (text.split(' ').length <= 6 && headingShape(text) === 'title')) return undefined;
		return lastWords(text);
	}
	const siblings: string[] = [];
	for (let i = blocks.length - 2; i >= 0 && blocks[i]?.kind === 'item'; i--) siblings.push(blockText(blocks[i] as Block));
	return isUnfinishedItem(text, siblings) ? lastWords(text) : undefined;
}

/**
 * Leaves the unfinished end out of a read page: the last answer, note, entry or paragraph, when the cut
 * text ends with it, keeps what it had finished; with nothing finished it goes. The definition keeps its
 * last paragraph even then, as the deck has no card without it.
 */
export function withoutCutEnd(page: GlossaryPage, cutText: string): GlossaryPage {
	const ends = (text: string | undefined) => text !== undefined && text !== '' && cutText.endsWith(text) && !endsFinished(text);
	const sections = [...page.sections];
	const last = sections[sections.length - 1];
	if (!last) {
		const definition = [...page.definition];
		const paragraph = definition[definition.length - 1];
		if (!ends(paragraph)) return page;
		const kept = finishedPart(paragraph as string);
		if (kept !== '') definition[definition.length - 1] = kept;
		else if (definition.length > 1) definition.pop();
		return { ...page, definition };
	}
	const trimmed = trimSection(last, ends);
	if (trimmed) sections[sections.length - 1] = trimmed;
	else sections.pop();
	return { ...page, sections };
}

/** A section without its unfinished end, or null when nothing of it is left. */
function trimSection(section: PageSection, ends: (text: string | undefined) => boolean): PageSection | null {
	if (section.kind === 'faq') {
		const entries = [...section.entries];
		const entry = entries[entries.length - 1];
		if (entry && ends(entry.answer)) {
			const answer = finishedPart(entry.answer);
			if (answer === '') entries.pop();
			else entries[entries.length - 1] = { ...entry, answer };
		}
		return entries.length > 0 ? { ...section, entries } : null;
	}
	if (section.kind === 'prose') {
		const paragraphs = [...section.paragraphs];
		const paragraph = paragraphs[paragraphs.length - 1];
		if (ends(paragraph)) {
			const kept = finishedPart(paragraph as string);
			if (kept === '') paragraphs.pop();
			else paragraphs[paragraphs.length - 1] = kept;
		}
		return paragraphs.length > 0 ? { ...section, paragraphs } : null;
	}
	if (section.note !== undefined) {
		if (!ends(section.note)) return section;
		const { note, ...rest } = section;
		const kept = finishedPart(note);
		return kept === '' ? rest : { ...rest, note: kept };
	}
	const items: ListItem[] = [...section.items];
	const item = items[items.length - 1];
	if (item && ends(item.description ?? item.text)) {
		const kept = finishedPart(item.description ?? item.text);
		if (kept === '') items.pop();
		else items[items.length - 1] = item.description !== undefined ? { ...item, description: kept } : { text: kept };
	}
	return items.length > 0 ? { ...section, items } : null;
}
