// Sections after the definition -> their shapes: questions and answers, a list (with its lead-in above
// it and its closing note below it), or prose. Also a short rendering's paragraphs with no heading,
// each cued by its first words, and its "Question? Answer" lines.
import { blockText, SHAPE_LEVEL, type Block, type RawSection } from './blocks';
import { pointCues } from './cues';
import { askedAndAnswered, FAQ_HEADING, isQuestionAlone, QUESTION_LABEL, readFaq, type FaqUnit } from './faq';
import { isLeadIn, readItem, readList, withoutLeadIn } from './lists';
import { endsFinished, sentencesOf } from './sentences';
import { endsSentence, plainText } from './text';
import type { FaqEntry, ListItem, PageSection, ParserWork } from './types';

type Para = Extract<Block, { kind: 'para' }>;
type Item = Extract<Block, { kind: 'item' }>;

/**
 * A section holding a list: prose before the list is the section's explanation, a sentence ending in ":"
 * right above it its lead-in, and what follows the list a note shown under it (never a card of its own).
 */
function readListSection(heading: string, blocks: Block[]): PageSection | null {
	const numbered = readNumberedTitles(heading, blocks);
	if (numbered) return numbered;
	const itemBlocks = blocks.filter((b): b is Item => b.kind === 'item');
	const items = readList(itemBlocks.map((b) => b.raw));
	if (items.length === 0) return null;
	const firstItem = blocks.findIndex((b) => b.kind === 'item');
	const above = blocks[firstItem - 1];
	const leadIn = above?.kind === 'para' && isLeadIn(above.text) ? above.text : undefined;
	const prose = (from: number, to: number) =>
		blocks
			.slice(from, to)
			.flatMap((b) => (b.kind === 'para' && !(leadIn && b === above) ? [withoutLeadIn(b.text)] : []))
			.filter((text) => text !== '');
	const note = prose(firstItem, blocks.length).join('\n\n');
	return {
		kind: 'list',
		heading,
		ordered: itemBlocks[0]?.ordered ?? false,
		items,
		paragraphs: prose(0, firstItem),
		...(leadIn ? { leadIn } : {}),
		...(note ? { note } : {})
	};
}

/** A point of a list copied without bullets, on a page that puts every block on its own line: one short sentence. */
function isShortPoint(text: string): boolean {
	return !isLeadIn(text) && text.split(' ').length <= SHORT_POINT_WORDS && sentencesOf(text).length === 1;
}
const SHORT_POINT_WORDS = 14;

/**
 * A browser may copy a list without its numbers or bullets. Its entries are still recognisable: a run
 * of "Name: description" paragraphs, a run of finished sentences on consecutive lines of a page that
 * otherwise separates its paragraphs with blank lines, or (where every block has its own line) a run of
 * three or more short one-sentence lines. Prose before the run stays the section's explanation, the
 * line ending in ":" right above it is its lead-in, and what follows is its note.
 */
function readUnmarkedList(heading: string, paras: Para[], loose: boolean): PageSection | null {
	const texts = paras.map((p) => p.text);
	const content = paras.filter((p) => !isLeadIn(p.text));
	if (content.length >= 2 && loose && content.slice(1).every((b) => b.tight) && content.every((b) => endsSentence(b.text))) {
		return { kind: 'list', heading, ordered: false, items: readList(content.map((b) => b.text)), paragraphs: [] };
	}
	const run = (isEntry: (text: string) => boolean, least: number): [number, number] | null => {
		for (let from = 0; from < texts.length; from++) {
			let to = from;
			while (to < texts.length && isEntry(texts[to] as string)) to++;
			if (to - from >= least) return [from, to];
			from = to;
		}
		return null;
	};
	const found = run((text) => !isLeadIn(text) && readItem(text).name !== undefined, 2) ?? (loose ? null : run(isShortPoint, 3));
	if (!found) return null;
	const [from, to] = found;
	const leadIn = from > 0 && isLeadIn(texts[from - 1] as string) ? (texts[from - 1] as string) : undefined;
	const prose = (list: string[]) => list.map(withoutLeadIn).filter((text) => text !== '');
	const note = prose(texts.slice(to)).join('\n\n');
	return {
		kind: 'list',
		heading,
		ordered: false,
		items: readList(texts.slice(from, to)),
		paragraphs: prose(texts.slice(0, leadIn ? from - 1 : from)),
		...(leadIn ? { leadIn } : {}),
		...(note ? { note } : {})
	};
}

/** A numbered line that titles the paragraphs under it ("1. Visual Signals"): a few words, no sentence. */
function isTitleEntry(block: Block): boolean {
	if (block.kind !== 'item') return false;
	const text = plainText(block.raw);
	return text.split(' ').length <= 8 && !/[.:;,!?]$/.test(text) && readItem(block.raw).name === undefined;
}

/**
 * Entries that title the paragraphs under them, as a page with long sections numbers its parts ("1. Visual
 * Signals", a paragraph, "2. Columns", a paragraph, ...): a list of named parts, each described by its paragraphs.
 */
function readNumberedTitles(heading: string, blocks: Block[]): PageSection | null {
	const first = blocks.findIndex((b) => b.kind === 'item');
	const parts = blocks.slice(first);
	let titles = 0;
	for (let i = 0; i < parts.length; i++) {
		const block = parts[i] as Block;
		if (block.kind !== 'item') continue;
		if (!isTitleEntry(block) || parts[i + 1]?.kind !== 'para') return null;
		titles++;
	}
	if (titles < 2) return null;
	const items: ListItem[] = [];
	for (const block of parts) {
		if (block.kind === 'item') items.push({ text: plainText(block.raw), name: plainText(block.raw), description: '' });
		else if (block.kind === 'para') {
			const item = items[items.length - 1] as Required<ListItem>;
			item.description = item.description ? `${item.description}\n\n${block.text}` : block.text;
		}
	}
	for (const item of items) item.text = `${item.name}: ${item.description}`;
	const paragraphs = blocks
		.slice(0, first)
		.flatMap((b) => (b.kind === 'para' ? [withoutLeadIn(b.text)] : []))
		.filter((text) => text !== '');
	return { kind: 'list', heading, ordered: (blocks[first] as Item).ordered, items, paragraphs };
}

/** How the questions of a page without a FAQ heading are grouped in the preview. */
const QUESTIONS_WITHOUT_HEADING = 'Questions and answers';

/** "Question?: Answer" or "Question 1: ...? Answer: ...": a line labelled as a question with its answer. */
function isLabelledQuestion(text: string): boolean {
	return /^[^?]{3,200}\?\s?[:：]\s*\S/.test(text) || (QUESTION_LABEL.test(text) && /\banswer\s*[:：]/i.test(text));
}

/**
 * Where the questions with their answers that close a section start, or -1: a FAQ whose heading the copy
 * lost. Two or more "Question? Answer" lines, or one labelled as a question; a cut copy's unfinished
 * last line stays with them.
 */
function trailingQuestions(units: readonly FaqUnit[]): number {
	let end = units.length;
	const last = units[end - 1]?.text ?? '';
	if (end > 0 && !endsFinished(last) && !isLabelledQuestion(last) && !askedAndAnswered(last)) end--;
	let from = end;
	while (from > 0 && (askedAndAnswered((units[from - 1] as FaqUnit).text) || isLabelledQuestion((units[from - 1] as FaqUnit).text))) from--;
	const run = units.slice(from, end);
	return run.length >= 2 || (run.length === 1 && isLabelledQuestion((run[0] as FaqUnit).text)) ? from : -1;
}

/** A section that holds no questions: a list (marked or not) with what surrounds it, or prose. */
function readBody(heading: string, blocks: Block[], loose: boolean): PageSection | null {
	if (blocks.some((b) => b.kind === 'item')) {
		const list = readListSection(heading, blocks);
		if (list) return list;
	}
	const unmarked = readUnmarkedList(heading, blocks as Para[], loose);
	if (unmarked) return unmarked;
	// A lead-in whose list the copy lost keeps only what it said before the lead-in, and what followed
	// the lost list was its note: it does not answer the heading's question, so it makes no card.
	const texts = blocks.flatMap((b) => (b.kind === 'para' ? [b.text] : []));
	const dangling = texts.findIndex(isLeadIn);
	const prose = (dangling < 0 ? texts : texts.slice(0, dangling + 1)).map(withoutLeadIn).filter((text) => text !== '');
	return prose.length > 0 ? { kind: 'prose', heading, paragraphs: prose } : null;
}

/** Gives each section after the definition its shape: questions and answers, a list, or prose. */
export function readSections(sections: RawSection[], loose: boolean, work: ParserWork): PageSection[] {
	const out: PageSection[] = [];
	// Sections already gathered under a FAQ heading that found no answers: a FAQ heading among them would
	// gather the same questions again, and a page of thousands of "FAQ ...?" headings would take quadratic time.
	let fruitlessTo = 0;
	for (let i = 0; i < sections.length; i++) {
		work.steps++;
		const section = sections[i] as RawSection;
		if (!section.heading) continue;
		const heading = section.heading.text;
		const units: FaqUnit[] = section.blocks.map((b) => ({ text: blockText(b), isHeading: false }));
		if (i >= fruitlessTo && FAQ_HEADING.test(heading)) {
			// Questions written as headings of their own belong to the FAQ above them.
			const level = section.heading.level;
			let j = i + 1;
			for (; j < sections.length; j++) {
				work.steps++;
				const next = sections[j] as RawSection;
				const nextHeading = next.heading as { text: string; level: number };
				const asks = nextHeading.text.endsWith('?') || QUESTION_LABEL.test(nextHeading.text);
				if (!asks && !(nextHeading.level > level && nextHeading.level < SHAPE_LEVEL)) break;
				if (asks) units.push({ text: nextHeading.text, isHeading: true });
				for (const b of next.blocks) units.push({ text: blockText(b), isHeading: false });
			}
			const { entries } = readFaq(units, true, work);
			if (entries.length > 0) {
				out.push({ kind: 'faq', heading, entries });
				i = j - 1;
				continue;
			}
			fruitlessTo = j;
		} else if (units.length > 0) {
			const { entries, labelled } = readFaq(units, false, work);
			if (entries.length > 0 && labelled * 2 >= units.length) {
				out.push({ kind: 'faq', heading, entries });
				continue;
			}
			// Questions with their answers closing a section: a FAQ whose heading the copy lost.
			const questionsFrom = trailingQuestions(units);
			if (questionsFrom >= 0) {
				const body = readBody(heading, section.blocks.slice(0, questionsFrom), loose);
				if (body) out.push(body);
				out.push({ kind: 'faq', heading: QUESTIONS_WITHOUT_HEADING, entries: readFaq(units.slice(questionsFrom), true, work).entries });
				continue;
			}
		}
		const body = readBody(heading, section.blocks, loose);
		if (body) out.push(body);
	}
	return out;
}

/**
 * A short rendering's blocks after its definition, with no heading: each finished paragraph an
 * explanation card cued by its first words (cues distinct within the run, ids made of the first three
 * words), "Question? Answer" lines questions and answers, a list a list of the term, a lead-in whose list
 * is missing only what it said before the lead-in, and unfinished lines (buttons, taglines) nothing.
 */
export function readRun(blocks: Block[], term: string, work: ParserWork): PageSection[] {
	const out: PageSection[] = [];
	const explained: string[] = [];
	let faq: FaqEntry[] | null = null;
	for (let i = 0; i < blocks.length; i++) {
		work.steps++;
		const block = blocks[i] as Block;
		if (block.kind === 'heading') continue;
		if (block.kind === 'item') {
			let end = i;
			while (blocks[end]?.kind === 'item') end++;
			const above = blocks[i - 1];
			const leadIn = above?.kind === 'para' && isLeadIn(above.text) ? above.text : undefined;
			const after = blocks[end];
			const note = after?.kind === 'para' && endsSentence(after.text) && !isLeadIn(after.text) ? after.text : undefined;
			const items: ListItem[] = readList(blocks.slice(i, end).map((b) => (b as Item).raw));
			const ordered = (block as Item).ordered;
			if (items.length > 0) {
				out.push({ kind: 'list', heading: term, ordered, items, paragraphs: [], ...(leadIn ? { leadIn } : {}), ...(note ? { note } : {}) });
			}
			i = note ? end : end - 1;
			faq = null;
			continue;
		}
		const text = block.text;
		const next = blocks[i + 1];
		const oneLine = askedAndAnswered(text);
		const onTwoLines = !oneLine && isQuestionAlone(text) && next?.kind === 'para' && endsSentence(next.text) && !next.text.endsWith('?');
		const entry = oneLine ?? (onTwoLines ? { question: text, answer: (next as Para).text } : null);
		if (entry) {
			if (!faq) {
				faq = [];
				out.push({ kind: 'faq', heading: QUESTIONS_WITHOUT_HEADING, entries: faq });
			}
			faq.push(entry);
			if (onTwoLines) i++;
			continue;
		}
		faq = null;
		// A lead-in right above a list goes with the list; one whose list is missing keeps what it said before.
		if (isLeadIn(text) && next?.kind === 'item') continue;
		const kept = withoutLeadIn(text);
		// Unfinished lines after the content are the site's buttons and taglines.
		if (kept === '' || !endsSentence(kept) || isLeadIn(kept)) continue;
		explained.push(kept);
		out.push({ kind: 'prose', heading: '', paragraphs: [kept] });
	}
	// Cues are made for the whole run at once, so two paragraphs that start alike get cues that differ.
	const cues = pointCues(explained);
	let at = 0;
	return out.map((section) => {
		if (section.kind !== 'prose') return section;
		const paragraph = section.paragraphs[0] as string;
		const cue = cues[at++] as string;
		// The id is made of the paragraph's first words as a cue of its own gives them, whatever the run's cues grew to.
		const key = pointCues([paragraph])[0] as string;
		return { kind: 'prose', heading: cue, paragraphs: [paragraph], prompt: `${term}: complete and explain\n${cue}`, key };
	});
}
