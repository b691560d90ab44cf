// How the journal is stored: one frame per entry, [length][CRC-32][the entry as UTF-8 JSON], appended
// one after another. A write cut short (a killed tab, a full disk, the page closed mid-write) leaves
// a last frame whose length runs past the end or whose checksum fails: it is detected and ignored,
// and the next append writes over it. No imports: the worker carries this file alone.

/** Bytes before each entry: its length and its checksum, both unsigned 32-bit little-endian. */
export const FRAME_HEAD = 8;
/** No entry the app writes comes near this (a card edit is the largest); a length above it is damage. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zip and PNG use it) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
	if (!table) {
		table = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			table[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The frames of `entries`, one after another, ready to append. */
export function encodeFrames(entries: readonly unknown[]): Uint8Array {
	const payloads = entries.map((entry) => encoder.encode(JSON.stringify(entry)));
	const bytes = new Uint8Array(payloads.reduce((sum, payload) => sum + FRAME_HEAD + payload.length, 0));
	const view = new DataView(bytes.buffer);
	let at = 0;
	for (const payload of payloads) {
		if (payload.length > MAX_FRAME_BYTES) throw new RangeError(`A journal entry of ${payload.length} bytes is too large`);
		view.setUint32(at, payload.length, true);
		view.setUint32(at + 4, crc32(payload), true);
		bytes.set(payload, at + FRAME_HEAD);
		at += FRAME_HEAD + payload.length;
	}
	return bytes;
}

export interface DecodedFrames {
	/** The entries of the whole frames, in the order written (parsed JSON, not yet checked). */
	entries: unknown[];
	/** Where the whole frames end: an append goes here, over anything after it. */
	end: number;
	/** Bytes after `end` that are no whole frame (a write cut short), ignored. */
	ignored: number;
}

/**
 * The whole frames of `bytes` from `from` on. Reading stops at the first frame that is cut short or
 * fails its checksum: an append-only file is damaged only at its end, and nothing after a damaged
 * frame can be trusted to start a frame.
 */
export function decodeFrames(bytes: Uint8Array, from = 0): DecodedFrames {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries: unknown[] = [];
	let at = from;
	while (at + FRAME_HEAD <= bytes.length) {
		const length = view.getUint32(at, true);
		const end = at + FRAME_HEAD + length;
		if (length === 0 || length > MAX_FRAME_BYTES || end > bytes.length) break;
		const payload = bytes.subarray(at + FRAME_HEAD, end);
		if (crc32(payload) !== view.getUint32(at + 4, true)) break;
		let entry: unknown;
		try {
			entry = JSON.parse(decoder.decode(payload));
		} catch {
			break;
		}
		entries.push(entry);
		at = end;
	}
	return { entries, end: at, ignored: bytes.length - at };
}
