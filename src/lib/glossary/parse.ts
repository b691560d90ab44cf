// Page text -> page structure. Reads a glossary page pasted from the browser or written in Markdown
// and finds its parts by their shape, not their words: the term and its definition (definition.ts),
// synonyms, prose sections, lists and questions with answers (sections.ts). The site's chrome and
// furniture around them are left out (chrome.ts), and so is the unfinished end of a cut copy (cut.ts).
// Linear passes over the lines and only regexes that cannot backtrack badly: a pasted page may be megabytes
// of anything. `work` counts the passes' loop turns for whoever measures them (linear.test.ts).
import {
	assemble,
	blockText,
	isLoose,
	splitSections,
	withoutChromeLines,
	withoutFurniture,
	withoutGluedLines,
	type Block,
	type RawSection
} from './blocks';
import { cutOffAfter, withoutCutEnd } from './cut';
import { DEFINITION_LABEL, findDefinition, quote } from './definition';
import { FAQ_HEADING } from './faq';
import { readList, withoutLeadIn } from './lists';
import { readRun, readSections } from './sections';
import { splitSynonyms, SYNONYMS_HEADING, SYNONYMS_LINE } from './synonyms';
import { plainText, splitLines, usableText } from './text';
import { tokenize } from './tokens';
import { GlossaryError, type GlossaryPage, type ParserWork } from './types';

/**
 * Where the content ends before the call to action closing the page: the last short "Try <Product>"
 * heading, cut with all that follows when it comes after the FAQ or has no lists after it (a "Try These
 * Exercises" list mid-page stays).
 */
function contentEnd(sections: RawSection[], from: number, work: ParserWork): number {
	for (let i = sections.length - 1; i >= from; i--) {
		work.steps++;
		const heading = (sections[i] as RawSection).heading;
		if (heading && /^try\s\S/i.test(heading.text) && heading.text.split(' ').length <= 6) {
			const afterFaq = sections.slice(from, i).some((s) => s.heading !== null && FAQ_HEADING.test(s.heading.text));
			const listsAfter = sections.slice(i).some((s) => s.blocks.some((b) => b.kind === 'item'));
			return afterFaq || !listsAfter ? i : sections.length;
		}
	}
	return sections.length;
}

/** Reads a glossary page. Throws GlossaryError, saying what is missing, when the text is not one. */
export function parsePage(source: string, work: ParserWork = { steps: 0 }): GlossaryPage {
	const text = usableText(source);
	const blocks = withoutGluedLines(withoutChromeLines(assemble(tokenize(splitLines(text), work), work), work), work);
	const sections = withoutFurniture(splitSections(blocks, work), work);
	const found = findDefinition(sections, work);
	const { term, question } = found;
	if (term === '') {
		throw new GlossaryError(`The question ${quote(question)} names no term.`);
	}
	const rest = sections.slice(found.restFrom, contentEnd(sections, found.restFrom, work));
	const content: Block[] = [...found.blocks, ...found.after];
	for (const section of rest) {
		if (section.heading) content.push({ kind: 'heading', ...section.heading });
		for (const block of section.blocks) content.push(block);
	}
	const cutAfter = cutOffAfter(content);

	let synonyms: string[] = [];
	const takeSynonyms = (blocks: Block[]): Block[] =>
		blocks.filter((b) => {
			if (synonyms.length > 0 || b.kind === 'heading') return true;
			const line = blockText(b);
			const label = SYNONYMS_LINE.exec(line);
			if (!label) return true;
			synonyms = splitSynonyms(line.slice(label[0].length));
			return synonyms.length === 0;
		});
	const definitionBlocks = takeSynonyms(found.blocks);
	const after = takeSynonyms(found.after);
	const kept: RawSection[] = [];
	for (const section of rest) {
		if (synonyms.length === 0 && section.heading && SYNONYMS_HEADING.test(section.heading.text.replace(/[:?]$/, ''))) {
			const names = section.blocks.map((b) => (b.kind === 'para' ? b.text : b.kind === 'item' ? plainText(b.raw) : ''));
			synonyms = splitSynonyms(names.join(', '));
			continue;
		}
		kept.push({ heading: section.heading, blocks: takeSynonyms(section.blocks) });
	}

	const definitionItemBlocks = definitionBlocks.filter((b): b is Extract<Block, { kind: 'item' }> => b.kind === 'item');
	const definitionItems = readList(definitionItemBlocks.map((b) => b.raw));
	const definition = definitionBlocks
		.flatMap((b) => (b.kind === 'para' ? [b.text.replace(DEFINITION_LABEL, '')] : []))
		// A lead-in keeps its place above the list it introduces; without a list it says nothing.
		.map((paragraph) => (definitionItems.length > 0 ? paragraph : withoutLeadIn(paragraph)))
		.filter((paragraph) => paragraph !== '');
	if (definition.length === 0 && definitionItems.length === 0) {
		throw new GlossaryError(`The section ${quote(question)} has no text: the definition of ${quote(term)} is missing.`);
	}

	const page: GlossaryPage = {
		term,
		question,
		definition,
		definitionItems,
		definitionOrdered: definitionItemBlocks[0]?.ordered ?? false,
		synonyms,
		sections: [...readRun(after, term, work), ...readSections(kept, isLoose(sections), work)]
	};
	if (cutAfter === undefined) return page;
	return { ...withoutCutEnd(page, blockText(content[content.length - 1] as Block)), cutAfter };
}
