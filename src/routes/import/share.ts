// What arrives on Add a glossary from outside the app: a file of some kind, or a share from another app.
import { webAddress } from '$lib/glossary/source-link';

/** Files read as a saved web page rather than as text. */
export function isHtmlFile(file: { name: string; type: string }): boolean {
	return /\.html?$/i.test(file.name) || file.type === 'text/html';
}

/**
 * What a share from another app brings: the page's text, and its address as the source link.
 * Browsers often put the address at the end of the text instead of in `url`; it is taken from there.
 */
export function readShare(params: URLSearchParams): { text: string; sourceUrl?: string } {
	let text = (params.get('text') ?? '').replace(/\r\n?/g, '\n');
	let url = params.get('url') ?? '';
	const lastLine = text.slice(text.lastIndexOf('\n') + 1).trim();
	if (webAddress(lastLine)) {
		if (url === '') url = lastLine;
		text = text.slice(0, text.length - text.slice(text.lastIndexOf('\n') + 1).length).trimEnd();
	}
	const sourceUrl = webAddress(url);
	return sourceUrl ? { text, sourceUrl } : { text };
}
