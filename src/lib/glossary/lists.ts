// List entries: "Name: description" entries (bold names, dashes), plain points, and the sentence
// ending in ":" that introduces a list ("It allows researchers to:").
import { sentencesOf } from './sentences';
import { plainText } from './text';
import type { ListItem } from './types';

const NAME_SEPARATORS = [': ', ' – ', ' — ', ' - '];

function isItemName(name: string): boolean {
	if (name === '' || name.length > 60 || name.split(' ').length > 8) return false;
	return !/[.?!]$/.test(name) && !/^(?:question|q)\s*#?\d{1,9}$/i.test(name);
}

/** "**Communication**: Clearly ..." or "Communication: Clearly ..." -> name and description. */
export function readItem(raw: string): ListItem {
	const text = plainText(raw);
	const marker = raw.startsWith('**') ? '**' : raw.startsWith('__') ? '__' : null;
	if (marker) {
		const close = raw.indexOf(marker, 2);
		if (close > 2) {
			const name = plainText(raw.slice(2, close))
				.replace(/[:：]$/, '')
				.trim();
			const rest = raw.slice(close + 2);
			const separated = /^\s*[:：.–—-]/.test(rest) || /[:：]$/.test(raw.slice(2, close).trim());
			const description = plainText(rest.replace(/^\s*[:：.–—-]?\s*/, ''));
			if (separated && description !== '' && isItemName(name)) return { text, name, description };
		}
	}
	for (const separator of NAME_SEPARATORS) {
		const at = text.indexOf(separator);
		if (at <= 0) continue;
		const name = text.slice(0, at).trim();
		const description = text.slice(at + separator.length).trim();
		if (description !== '' && isItemName(name)) return { text, name, description };
		break;
	}
	return { text };
}

/** A list is of "Name: description" entries when more than half of its entries are; otherwise every entry is a plain point. */
export function readList(entries: string[]): ListItem[] {
	const read = entries.map(readItem).filter((item) => item.text !== '');
	const named = read.filter((item) => item.name !== undefined).length;
	return named * 2 > read.length ? read : read.map((item) => ({ text: item.text }));
}

/** A paragraph ending in ":" only introduces the list below it. */
export function isLeadIn(text: string): boolean {
	return text.endsWith(':') || text.endsWith('：');
}

/**
 * A paragraph without its closing lead-in sentence, for a lead-in whose list the copy does not have
 * ("Quantitative research helps teams decide. It allows researchers to:" -> "Quantitative research helps
 * teams decide."): a back is never only a lead-in. Empty when the paragraph was only the lead-in.
 */
export function withoutLeadIn(text: string): string {
	if (!isLeadIn(text)) return text;
	const sentences = sentencesOf(text);
	return sentences.slice(0, -1).join(' ');
}
