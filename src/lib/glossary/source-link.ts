// The address of the web page a glossary was shared from, kept only when it is a web address:
// a shared or restored "javascript:" or "data:" link must never become a link on the home page.

/** The address as a normalised http(s) URL, or undefined when it is none. */
export function webAddress(address: string | null | undefined): string | undefined {
	const trimmed = address?.trim();
	if (!trimmed || trimmed.length > 2000) return undefined;
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return undefined;
	}
	return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/**
 * Whether a stored link is a web address: the check the database and a backup apply. Kept to one
 * regex without URL parsing, because the database code is part of the app's first load.
 */
export function isWebAddress(address: string): boolean {
	return address.length <= 2000 && /^https?:\/\/\S+$/i.test(address);
}
