// One Anki card's two sides as HTML, from its note and its note type's template, as Anki renders
// them; then Anki's reviewer steps done here without scripts: `[sound:…]` becomes a play button,
// the first `{{type:…}}` a place for the typed answer, Image Occlusion's shapes masks over its
// image. The HTML is the learner's content: it is only ever shown through the sanitizer.
import { clozeForTyping, clozeNumbers, clozeOnly, revealCloze, type OcclusionShape } from './cloze';
import { decodeEntities, escapeHtml, plainText, stripHtml } from './html';
import { mediaNames } from './media-names';
import { fieldIsEmpty, fillTemplate, parseTemplate, showsAnyField, TemplateProblem, type TemplateNode } from './template';
import type { AnkiNoteType } from './types';

export { mediaNames } from './media-names';

/** What a typed answer is compared with, and how (Anki's `type:nc:` ignores combining marks). */
export interface TypeAnswer {
	expected: string;
	combining: boolean;
}

export interface RenderedCard {
	question: string;
	answer: string;
	/** The front and back as plain text (for lists, search and the first paint). */
	front: string;
	back: string;
	/** Set when Anki cannot show this card either: its template is broken, or it is empty. */
	problem?: 'broken' | 'empty';
	typeAnswer?: TypeAnswer;
}

export interface CardToRender {
	noteType: AnkiNoteType;
	fields: readonly string[];
	tags: readonly string[];
	/** The template (normal note types) or the cloze number minus 1. */
	ord: number;
	/** The card's home deck's full name, for {{Deck}} and {{Subdeck}}. */
	deckName: string;
	cardId: number;
}

/** Where a typed answer goes: the review screen puts the box (front) or the comparison (back) here. */
export const TYPE_ANSWER_MARK = '<span class="anki-type-answer"></span>';

/** The message a card shows when its template is broken; Anki shows its own for the same card. */
export const BROKEN_TEMPLATE = 'This card’s template is broken in Anki too';

/** Renders cards, reading each template once (a deck has thousands of cards and a few templates). */
export class CardRenderer {
	#parsed = new Map<string, TemplateNode[] | TemplateProblem>();

	#parse(template: string): TemplateNode[] {
		let parsed = this.#parsed.get(template);
		if (parsed === undefined) {
			try {
				parsed = parseTemplate(template);
			} catch (error) {
				if (!(error instanceof TemplateProblem)) throw error;
				parsed = error;
			}
			this.#parsed.set(template, parsed);
		}
		if (parsed instanceof TemplateProblem) throw parsed;
		return parsed;
	}

	render(card: CardToRender): RenderedCard {
		const { noteType, ord } = card;
		const template = noteType.kind === 'cloze' ? noteType.templates[0] : noteType.templates.find((t) => t.ord === ord);
		if (!template) return problemCard('broken', `${BROKEN_TEMPLATE}: its note type has no card ${ord + 1}.`);
		const fields = fieldMap(card, template.name);
		const shapes: OcclusionShape[] = [];
		const filter = (question: boolean) => (name: string, text: string, field: string) =>
			applyFilter(name, text, field, ord, question, shapes);
		let question: string;
		let answer: string;
		try {
			const questionNodes = this.#parse(template.question);
			question = fillTemplate(questionNodes, { fields, filter: filter(true) });
			const nonEmpty = (key: string) => fields.has(key) && !fieldIsEmpty(fields.get(key)!);
			if (noteType.kind === 'cloze' && !card.fields.some((value) => clozeNumbers(value).has(ord + 1))) {
				return problemCard('empty', `This card is empty in Anki too: its note has no cloze ${ord + 1}.`);
			}
			if (noteType.kind === 'normal' && !showsAnyField(questionNodes, nonEmpty)) {
				return problemCard('empty', 'The front of this card is blank in Anki too.');
			}
			const questionShapes = shapes.splice(0);
			const answerNodes = this.#parse(template.answer);
			answer = fillTemplate(answerNodes, { fields, frontSide: question, filter: filter(false) });
			question = withMasks(question, questionShapes, true);
			answer = withMasks(answer, shapes, false);
		} catch (error) {
			if (!(error instanceof TemplateProblem)) throw error;
			return problemCard('broken', `${BROKEN_TEMPLATE}: ${error.message}.`);
		}
		const typing = typeAnswerOf(question, card, fields);
		question = avTags(typeMarks(question));
		answer = avTags(typeMarks(answer));
		// A front of nothing but media (a sound, an occluded image) is named by its files in lists.
		const front = plainText(question) || [...mediaNames(question)].join(', ') || `${noteType.name} ${ord + 1}`;
		return {
			question,
			answer,
			front,
			back: backText(answer, front),
			...(typing ? { typeAnswer: typing } : {})
		};
	}
}

function problemCard(problem: 'broken' | 'empty', message: string): RenderedCard {
	const html = `<p class="anki-problem">${escapeHtml(message)}</p>`;
	return { question: html, answer: html, front: message, back: '', problem };
}

/** The note's fields by name, and Anki's special fields where no note field has their name. */
function fieldMap(card: CardToRender, templateName: string): Map<string, string> {
	const fields = new Map<string, string>();
	card.noteType.fields.forEach((name, i) => fields.set(name, card.fields[i] ?? ''));
	const special: [string, string][] = [
		['Tags', card.tags.join(' ')],
		['Type', card.noteType.name],
		['Deck', card.deckName],
		['Subdeck', card.deckName.split('::').at(-1) ?? ''],
		['CardFlag', 'flag0'],
		['Card', templateName],
		['CardID', String(card.cardId)],
		[`c${card.ord + 1}`, '1']
	];
	for (const [name, value] of special) if (!fields.has(name)) fields.set(name, value);
	return fields;
}

/** Anki's ruby filters: `漢字[かんじ]`, a space before it separating it from what comes first. */
const FURIGANA = / ?([^ >]+?)\[(.+?)\]/g;

function ruby(text: string, part: (base: string, reading: string) => string): string {
	return text
		.replace(/&nbsp;/g, ' ')
		.replace(FURIGANA, (whole, base: string, reading: string) => (reading.startsWith('sound:') ? whole : part(base, reading)));
}

function applyFilter(
	name: string,
	text: string,
	field: string,
	ord: number,
	question: boolean,
	shapes: OcclusionShape[]
): string | undefined {
	switch (name) {
		case 'text':
			return stripHtml(text);
		case 'furigana':
			return ruby(text, (base, reading) => `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`);
		case 'kanji':
			return ruby(text, (base) => base);
		case 'kana':
			return ruby(text, (_base, reading) => reading);
		case 'type':
			return `[[type:${field}]]`;
		case 'type-cloze':
			return `[[type:cloze:${field}]]`;
		case 'type-nc':
			return `[[type:nc:${field}]]`;
		case 'hint':
			// Anki shows the field's name as a link that reveals it; <details> does the same without a script.
			return text.trim() === '' ? text : `<details class="hint"><summary>${escapeHtml(field)}</summary>${text}</details>`;
		case 'cloze': {
			const revealed = revealCloze(text, ord + 1, question);
			shapes.push(...revealed.shapes);
			return revealed.html;
		}
		case 'cloze-only':
			return clozeOnly(text, ord + 1, question);
		case '':
			return text;
		default:
			if (name.startsWith('tts ')) return `[anki:tts lang=${name.slice(4)}]${text}[/anki:tts]`;
			return undefined;
	}
}

const TYPE_MARK = /\[\[type:(.+?)\]\]/g;

/** What the first `[[type:…]]` of the front asks for; undefined when there is none, or it names no field. */
function typeAnswerOf(question: string, card: CardToRender, fields: ReadonlyMap<string, string>): TypeAnswer | undefined {
	const spec = /\[\[type:(.+?)\]\]/.exec(question)?.[1];
	if (spec === undefined) return undefined;
	if (spec.startsWith('cloze:')) {
		const value = fields.get(spec.slice(6));
		return value === undefined ? undefined : { expected: clozeForTyping(value, card.ord + 1), combining: true };
	}
	const nonCombining = spec.startsWith('nc:');
	const value = fields.get(nonCombining ? spec.slice(3) : spec);
	return value === undefined ? undefined : { expected: value, combining: !nonCombining };
}

/** The first `[[type:…]]` becomes the place for the answer; Anki shows only one, and drops the others. */
function typeMarks(html: string): string {
	let first = true;
	return html.replace(TYPE_MARK, () => {
		if (!first) return '';
		first = false;
		return TYPE_ANSWER_MARK;
	});
}

/** `[sound:name]` becomes a button that plays the package's file; text-to-speech tags keep only their text. */
function avTags(html: string): string {
	return html
		.replace(/\[sound:([^\]]+)\]/g, (_whole, raw: string) => {
			const name = decodeEntities(raw).trim();
			return `<button type="button" class="anki-sound" data-sound="${escapeHtml(name)}" aria-label="Play ${escapeHtml(name)}">▶</button>`;
		})
		.replace(/\[anki:tts[^\]]*\]([\s\S]*?)\[\/anki:tts\]/g, '$1');
}

/**
 * The back as text without the front it repeats: what follows Anki's `<hr id=answer>` when the
 * template has one, else the back without the front's text at its start.
 */
function backText(answer: string, front: string): string {
	const split = /<hr[^>]*id=["']?answer["']?[^>]*>/i.exec(answer);
	if (split) return plainText(answer.slice(split.index + split[0].length));
	const text = plainText(answer);
	return front !== '' && text.startsWith(front) ? text.slice(front.length).trim() : text;
}

// Image Occlusion: Anki draws the shapes on a canvas with a script; the same shapes here are an SVG
// laid over the image, in the fractions of its width and height the note stores.
const IO_CONTAINER = '<div id="image-occlusion-container">';
const IO_CANVAS = /<canvas id="image-occlusion-canvas"><\/canvas>/;

function fraction(value: string | undefined): number {
	const number = Number(value);
	return Number.isFinite(number) ? Math.min(Math.max(number, -1), 2) : 0;
}

function maskShape(shape: OcclusionShape, question: boolean): string {
	const { props } = shape;
	// The card's own shape is hidden on the front and outlined on the back; the others stay hidden
	// when the note says to occlude them ("oi=1"), else they are not drawn.
	if (!shape.active && props.oi !== '1') return '';
	const role = shape.active ? (question ? 'active' : 'revealed') : 'inactive';
	const attributes = `class="anki-io-${role}" vector-effect="non-scaling-stroke"`;
	const left = fraction(props.left);
	const top = fraction(props.top);
	switch (shape.kind) {
		case 'rect':
			return `<rect x="${left}" y="${top}" width="${fraction(props.width)}" height="${fraction(props.height)}" ${attributes}></rect>`;
		case 'ellipse': {
			const rx = fraction(props.rx);
			const ry = fraction(props.ry);
			return `<ellipse cx="${left + rx}" cy="${top + ry}" rx="${rx}" ry="${ry}" ${attributes}></ellipse>`;
		}
		case 'polygon': {
			const points = (props.points ?? '')
				.split(' ')
				.map((pair) => pair.split(',').map(fraction).join(','))
				.join(' ');
			return `<polygon points="${points}" ${attributes}></polygon>`;
		}
		default:
			// Text labels (c0) need the image's own size to be read; they are left out.
			return '';
	}
}

function withMasks(html: string, shapes: readonly OcclusionShape[], question: boolean): string {
	if (shapes.length === 0 || !IO_CANVAS.test(html)) return html;
	const masks = shapes.map((shape) => maskShape(shape, question)).join('');
	const svg = `<svg class="anki-io-masks" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">${masks}</svg>`;
	return html.replace(IO_CANVAS, svg).replace(IO_CONTAINER, '<div id="image-occlusion-container" class="anki-io">');
}
