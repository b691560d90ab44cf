// Cloze deletions as Anki 2.1.56+ reads them: `{{c1::text}}`, `{{c1::text::hint}}`, nested
// (`{{c1::a {{c2::b}} c}}`), one card per cloze number. The question side hides the card's own
// cloze as "[...]" or "[hint]"; the answer side shows it; other clozes show their text.
import { escapeHtml } from './html';

type Node = string | Cloze;

interface Cloze {
	/** The number as written (c1 is 1). */
	ordinal: number;
	nodes: Node[];
	hint?: string;
}

/** Anki keeps at most this many clozes open inside each other; deeper openings are read as text. */
const MAX_OPEN = 10;

const OPEN = /^\{\{c(\d+)::/;

/** The text split into plain runs and (possibly nested) clozes. */
function parse(text: string): Node[] {
	const open: Cloze[] = [];
	const output: Node[] = [];
	const push = (node: Node) => {
		const target = open.at(-1)?.nodes ?? output;
		const last = target.at(-1);
		if (typeof node === 'string' && typeof last === 'string') target[target.length - 1] = last + node;
		else target.push(node);
	};
	let at = 0;
	let textStart = 0;
	const flushText = (end: number) => {
		if (end <= textStart) return;
		let run = text.slice(textStart, end);
		const cloze = open.at(-1);
		// The hint is what follows the first "::" of a run directly inside the cloze.
		if (cloze) {
			const split = run.indexOf('::');
			if (split >= 0) {
				cloze.hint = run.slice(split + 2);
				run = run.slice(0, split);
			}
		}
		push(run);
	};
	while (at < text.length) {
		if (text.startsWith('{{c', at)) {
			const match = OPEN.exec(text.slice(at, at + 16));
			if (match) {
				flushText(at);
				at += match[0].length;
				textStart = at;
				if (open.length < MAX_OPEN) open.push({ ordinal: Number(match[1]), nodes: [] });
				continue;
			}
		}
		if (text.startsWith('}}', at)) {
			flushText(at);
			at += 2;
			textStart = at;
			const cloze = open.pop();
			if (cloze) {
				const target = open.at(-1)?.nodes ?? output;
				target.push(cloze);
			} else push('}}');
			continue;
		}
		at++;
	}
	flushText(text.length);
	// Clozes never closed are dropped with their text, as Anki's parser does.
	return output;
}

function clozedText(cloze: Cloze): string {
	return cloze.nodes.map((node) => (typeof node === 'string' ? node : clozedText(node))).join('');
}

/** Image Occlusion keeps each shape as a cloze whose text starts with "image-occlusion:". */
const IMAGE_OCCLUSION = 'image-occlusion:';

/** One shape of an Image Occlusion note, for the masks over its image. */
export interface OcclusionShape {
	ordinal: number;
	/** The card's own cloze: hidden on the question side, outlined on the answer side. */
	active: boolean;
	kind: string;
	/** left, top, width, height, rx, ry, points, oi (occlude inactive)… as written, fractions of the image. */
	props: Record<string, string>;
}

function occlusion(cloze: Cloze, active: boolean): OcclusionShape | undefined {
	const first = cloze.nodes[0];
	if (typeof first !== 'string' || !first.startsWith(IMAGE_OCCLUSION)) return undefined;
	const [kind = '', ...pairs] = first.slice(IMAGE_OCCLUSION.length).split(':');
	const props: Record<string, string> = {};
	for (const pair of pairs) {
		const split = pair.indexOf('=');
		if (split > 0) props[pair.slice(0, split)] = pair.slice(split + 1);
	}
	return { ordinal: cloze.ordinal, active, kind, props };
}

interface Reveal {
	ordinal: number;
	question: boolean;
	found: boolean;
	shapes: OcclusionShape[];
}

function reveal(cloze: Cloze, state: Reveal): string {
	const active = cloze.ordinal === state.ordinal;
	if (active) state.found = true;
	const shape = occlusion(cloze, active);
	if (shape) {
		state.shapes.push(shape);
		return '';
	}
	const inner = () => cloze.nodes.map((node) => (typeof node === 'string' ? node : reveal(node, state))).join('');
	if (active && state.question) {
		// All inner content is hidden; nested clozes are still walked, for their numbers.
		const hidden = inner();
		return `<span class="cloze" data-cloze="${escapeHtml(hidden)}" data-ordinal="${cloze.ordinal}">[${cloze.hint ?? '...'}]</span>`;
	}
	return `<span class="${active ? 'cloze' : 'cloze-inactive'}" data-ordinal="${cloze.ordinal}">${inner()}</span>`;
}

export interface ClozeResult {
	html: string;
	shapes: OcclusionShape[];
}

/**
 * `{{cloze:Field}}` for the card of cloze number `ordinal`. Empty when the text has no cloze of
 * that number (Anki then calls the card empty), as Anki's cloze filter does.
 */
export function revealCloze(text: string, ordinal: number, question: boolean): ClozeResult {
	const state: Reveal = { ordinal, question, found: false, shapes: [] };
	const html = parse(text)
		.map((node) => (typeof node === 'string' ? node : reveal(node, state)))
		.join('');
	return state.found ? { html, shapes: state.shapes } : { html: '', shapes: [] };
}

function collect(nodes: readonly Node[], ordinal: number, question: boolean, out: string[]): void {
	for (const node of nodes) {
		if (typeof node === 'string') continue;
		if (node.ordinal === ordinal) out.push(question ? (node.hint ?? '...') : clozedText(node));
		collect(node.nodes, ordinal, question, out);
	}
}

/** `{{cloze-only:Field}}`: only the card's own clozes, joined by ", ". */
export function clozeOnly(text: string, ordinal: number, question: boolean): string {
	const out: string[] = [];
	collect(parse(text), ordinal, question, out);
	return out.join(', ');
}

/** The answer a `{{type:cloze:Field}}` box expects: the card's clozes, once when they all say the same. */
export function clozeForTyping(text: string, ordinal: number): string {
	const out: string[] = [];
	collect(parse(text), ordinal, false, out);
	if (out.length === 0) return '';
	return out.every((answer) => answer === out[0]) ? out[0]! : out.join(', ');
}

/** The cloze numbers the text uses (c0 is not a card), nested ones included. */
export function clozeNumbers(text: string): Set<number> {
	const numbers = new Set<number>();
	const walk = (nodes: readonly Node[]) => {
		for (const node of nodes) {
			if (typeof node === 'string' || node.ordinal === 0) continue;
			numbers.add(node.ordinal);
			walk(node.nodes);
		}
	};
	walk(parse(text));
	return numbers;
}
