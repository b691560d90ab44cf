// What Anki keeps beside a note's fields, worked out as Anki works it out (rslib notes/mod.rs and
// text.rs): the sort field and the checksum of the first field, both from its text with the HTML
// stripped and media file names kept, and GUIDs in Anki's own base-91 alphabet.
import { decodeEntities } from './html';

/** <img>, <audio>, <video>, <object> and <source> tags, the file name in group 1, 2 or 3 (text.rs HTML_MEDIA_TAGS). */
const MEDIA_TAGS =
	/<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis;
/** Comments, style and script elements with their content, and any other tag (text.rs HTML). */
const TAGS = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis;

/**
 * Anki's strip_html_preserving_media_filenames: a media tag becomes its file name between spaces,
 * every other tag goes, and entities are decoded (a no-break space as a space) when there are any.
 */
export function sortFieldText(html: string): string {
	const stripped = html
		.replace(MEDIA_TAGS, (_tag, double?: string, single?: string, bare?: string) => ` ${double ?? single ?? bare ?? ''} `)
		.replace(TAGS, '');
	return stripped.includes('&') ? decodeEntities(stripped).replace(/\u00a0/g, ' ') : stripped;
}

async function sha1(text: string): Promise<Uint8Array> {
	return new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
}

/** Anki's `csum`: the first 8 hex digits of the SHA-1 of the first field's sort text, as a number. */
export async function fieldChecksum(firstField: string): Promise<number> {
	const digest = await sha1(sortFieldText(firstField));
	return new DataView(digest.buffer).getUint32(0);
}

const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/** A 64-bit number in Anki's GUID alphabet, least significant digit first (notes/mod.rs anki_base91). */
function base91(value: bigint): string {
	let text = '';
	for (let rest = value; rest > 0n; rest /= 91n) text += BASE91[Number(rest % 91n)];
	return text;
}

/**
 * A GUID for a note made from one of this app's cards: the first 64 bits of the SHA-1 of its id,
 * written as Anki writes GUIDs. The same card always gets the same GUID, so a later export updates
 * the note in Anki instead of adding another.
 */
export async function cardGuid(cardId: string): Promise<string> {
	const digest = await sha1(`glossary-flashcards card ${cardId}`);
	return base91(new DataView(digest.buffer).getBigUint64(0)) || 'a';
}
