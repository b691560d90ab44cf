// Anki's card templates, read and filled in as Anki 2.1.50+ does (rslib's template.rs is the
// reference): `{{Field}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`, filters written
// right to left (`{{text:cloze:Field}}`), `<!-- comments -->` kept, the legacy `{{=<% %>=}}`
// delimiters at the very start. A template Anki cannot render fails here with the same reason.

/** Why a template cannot be rendered, in the learner's words; Anki refuses the same template. */
export class TemplateProblem extends Error {}

export type TemplateNode =
	| { kind: 'text'; text: string }
	| { kind: 'comment'; text: string }
	| { kind: 'replacement'; key: string; /** In the order they apply: the one nearest the field first. */ filters: string[] }
	| { kind: 'section'; key: string; negated: boolean; children: TemplateNode[] };

type Token =
	| { kind: 'text'; text: string }
	| { kind: 'comment'; text: string }
	| { kind: 'replacement'; key: string }
	| { kind: 'open'; key: string }
	| { kind: 'negated'; key: string }
	| { kind: 'close'; key: string };

const ALT_SYNTAX = '{{=<% %>=}}';

function classify(inside: string): Token {
	const start = inside.replace(/^\{+/, '').trim();
	if (start.length < 2) return { kind: 'replacement', key: start };
	if (start.startsWith('#')) return { kind: 'open', key: start.slice(1).trimStart() };
	if (start.startsWith('/')) return { kind: 'close', key: start.slice(1).trimStart() };
	if (start.startsWith('^')) return { kind: 'negated', key: start.slice(1).trimStart() };
	return { kind: 'replacement', key: start };
}

function tokenize(template: string): Token[] {
	let open = '{{';
	let close = '}}';
	let rest = template;
	if (template.trimStart().startsWith(ALT_SYNTAX)) {
		rest = template.trimStart().slice(ALT_SYNTAX.length);
		open = '<%';
		close = '%>';
	}
	const tokens: Token[] = [];
	let textStart = 0;
	let at = 0;
	while (at < rest.length) {
		if (rest.startsWith(open, at)) {
			const end = rest.indexOf(close, at + open.length);
			if (end >= 0) {
				if (at > textStart) tokens.push({ kind: 'text', text: rest.slice(textStart, at) });
				tokens.push(classify(rest.slice(at + open.length, end)));
				at = textStart = end + close.length;
				continue;
			}
		}
		if (rest.startsWith('<!--', at)) {
			const end = rest.indexOf('-->', at + 4);
			if (end >= 0) {
				if (at > textStart) tokens.push({ kind: 'text', text: rest.slice(textStart, at) });
				tokens.push({ kind: 'comment', text: rest.slice(at + 4, end) });
				at = textStart = end + 3;
				continue;
			}
		}
		at++;
	}
	if (textStart < rest.length) tokens.push({ kind: 'text', text: rest.slice(textStart) });
	return tokens;
}

/** Reads a template; throws TemplateProblem for a section closed out of order or never closed. */
export function parseTemplate(template: string): TemplateNode[] {
	const tokens = tokenize(template);
	let at = 0;
	const inner = (openKey: string | undefined): TemplateNode[] => {
		const nodes: TemplateNode[] = [];
		while (at < tokens.length) {
			const token = tokens[at++]!;
			if (token.kind === 'text') nodes.push({ kind: 'text', text: token.text });
			else if (token.kind === 'comment') nodes.push({ kind: 'comment', text: token.text });
			else if (token.kind === 'replacement') {
				const parts = token.key.split(':');
				nodes.push({ kind: 'replacement', key: parts.at(-1)!, filters: parts.slice(0, -1).reverse() });
			} else if (token.kind === 'open' || token.kind === 'negated') {
				nodes.push({ kind: 'section', key: token.key, negated: token.kind === 'negated', children: inner(token.key) });
			} else {
				if (openKey === token.key) return nodes;
				throw new TemplateProblem(
					openKey === undefined
						? `{{/${token.key}}} closes a section that was never opened`
						: `{{/${token.key}}} closes a section, but the open one is {{#${openKey}}}`
				);
			}
		}
		if (openKey !== undefined) throw new TemplateProblem(`{{#${openKey}}} is never closed with {{/${openKey}}}`);
		return nodes;
	};
	return inner(undefined);
}

/** Anki's field_is_empty: nothing but blank space and empty <br> or <div> tags. */
export function fieldIsEmpty(text: string): boolean {
	return /^(?:\s|<\/?(?:br|div) ?\/?>)*$/i.test(text);
}

/** `{{#c2}}` tests whether the card is cloze 2; such keys are never an unknown field. */
export function isClozeKey(key: string): boolean {
	return /^c\d+$/.test(key);
}

/** What filling a template in needs: the fields (note fields and Anki's special ones) and the filters. */
export interface Fill {
	fields: ReadonlyMap<string, string>;
	/** Set on the answer side: what `{{FrontSide}}` becomes. */
	frontSide?: string;
	/** Applies one filter; undefined for a filter Anki does not know (it is then skipped, as Anki does). */
	filter(name: string, text: string, field: string): string | undefined;
}

/**
 * The template filled in. Throws TemplateProblem for an unknown field, as Anki does; the contents
 * of sections that are not shown are still checked.
 */
export function fillTemplate(nodes: readonly TemplateNode[], fill: Fill): string {
	let out = '';
	const nonEmpty = (key: string) => {
		const value = fill.fields.get(key);
		return value !== undefined && !fieldIsEmpty(value);
	};
	for (const node of nodes) {
		if (node.kind === 'text') out += node.text;
		else if (node.kind === 'comment') out += `<!--${node.text}-->`;
		else if (node.kind === 'replacement') {
			if (node.key === 'FrontSide') {
				out += fill.frontSide ?? '';
				continue;
			}
			// A filter with no field ({{tts en_US:}}) adds its own text; here that is nothing.
			if (node.key === '' && node.filters.length > 0) continue;
			const value = fill.fields.get(node.key);
			if (value === undefined) throw new TemplateProblem(`there is no field called “${node.key}”`);
			let text = value;
			for (const name of typeFilters(node.filters)) text = fill.filter(name, text, node.key) ?? text;
			out += text;
		} else {
			let shown: boolean;
			if (nonEmpty(node.key)) shown = !node.negated;
			else if (fill.fields.has(node.key) || isClozeKey(node.key)) shown = node.negated;
			else throw new TemplateProblem(`there is no field called “${node.key}”`);
			const children = fillTemplate(node.children, fill);
			if (shown) out += children;
		}
	}
	return out;
}

/** Anki's rule: `type:` with `cloze` or `nc` before it becomes one filter, and any other `type:` ends the list. */
function typeFilters(filters: readonly string[]): readonly string[] {
	if (filters.length === 2 && filters[0] === 'cloze' && filters[1] === 'type') return ['type-cloze'];
	if (filters.length === 2 && filters[0] === 'nc' && filters[1] === 'type') return ['type-nc'];
	if (filters.at(-1) === 'type') return ['type'];
	return filters;
}

/**
 * Whether the front would show any field (Anki's template_is_empty, inverted): a card whose front
 * shows none is blank, and Anki does not make it or shows it as blank.
 */
export function showsAnyField(nodes: readonly TemplateNode[], nonEmpty: (key: string) => boolean): boolean {
	for (const node of nodes) {
		if (node.kind === 'replacement' && nonEmpty(node.key)) return true;
		if (node.kind === 'section') {
			if (!node.negated && !nonEmpty(node.key)) continue;
			if (node.negated && nonEmpty(node.key)) continue;
			if (showsAnyField(node.children, nonEmpty)) return true;
		}
	}
	return false;
}
