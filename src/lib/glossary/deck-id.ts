// Deck and card ids become one segment of a link (/review/<deck>, /browse/<card>), so an id must
// survive that: encodeURIComponent leaves "." and ".." as they are, and a browser then reads them
// as "this folder" and "the folder above", so the Study link of a deck ".." opens the home page.

/** Why `id` cannot name a deck or a card in a link, or undefined when it can. */
export function linkIdProblem(id: string): string | undefined {
	if (id.trim() === '') return 'it is empty';
	if (id === '.' || id === '..') return `"${id}" would be read as a folder in the link`;
	// Some layer (a server, a proxy, the router) may decode %2F and %5C back into a path separator,
	// and URL parsers drop tabs and line breaks: refused rather than trusted to stay encoded.
	const odd = /[/\\\p{Cc}]/u.exec(id);
	if (odd) return `it contains ${odd[0] === '/' || odd[0] === '\\' ? `"${odd[0]}"` : 'a control character'}, which a link cannot keep`;
	return undefined;
}
