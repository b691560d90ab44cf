// Just enough of Protocol Buffers' wire format to read what Anki's newest packages keep in it:
// the package's `meta`, the media list, and the note type, template and deck settings of schema 18.
// Fields are read by number; unknown ones are skipped, as protobuf readers do.

/** A message or a field that is cut off or malformed. */
export class ProtobufError extends Error {}

export type Field =
	{ number: number; wire: 0; value: bigint } | { number: number; wire: 2; bytes: Uint8Array } | { number: number; wire: 1 | 5 };

function varint(bytes: Uint8Array, at: number): [bigint, number] {
	let value = 0n;
	let shift = 0n;
	for (let i = at; i < bytes.length && i < at + 10; i++) {
		const byte = bytes[i]!;
		value |= BigInt(byte & 0x7f) << shift;
		if ((byte & 0x80) === 0) return [value, i + 1];
		shift += 7n;
	}
	throw new ProtobufError('a number is cut off');
}

/** Every field of a message, in the order written. */
export function fields(bytes: Uint8Array): Field[] {
	const out: Field[] = [];
	let at = 0;
	while (at < bytes.length) {
		const [key, next] = varint(bytes, at);
		at = next;
		const number = Number(key >> 3n);
		const wire = Number(key & 7n);
		if (wire === 0) {
			const [value, after] = varint(bytes, at);
			out.push({ number, wire, value });
			at = after;
		} else if (wire === 2) {
			const [length, after] = varint(bytes, at);
			const end = after + Number(length);
			if (end > bytes.length) throw new ProtobufError('a field is cut off');
			out.push({ number, wire, bytes: bytes.subarray(after, end) });
			at = end;
		} else if (wire === 1 || wire === 5) {
			at += wire === 1 ? 8 : 4;
			if (at > bytes.length) throw new ProtobufError('a field is cut off');
			out.push({ number, wire });
		} else throw new ProtobufError(`unknown wire type ${wire}`);
	}
	return out;
}

const decoder = new TextDecoder();

/** The last value of a number field (protobuf's rule for repeated scalars read as one), or undefined. */
export function numberField(message: readonly Field[], number: number): number | undefined {
	let found: number | undefined;
	for (const field of message) if (field.number === number && field.wire === 0) found = Number(field.value);
	return found;
}

/** The bytes of every length-delimited field with this number (a repeated message). */
export function bytesFields(message: readonly Field[], number: number): Uint8Array[] {
	const found: Uint8Array[] = [];
	for (const field of message) if (field.number === number && field.wire === 2) found.push(field.bytes);
	return found;
}

export function stringField(message: readonly Field[], number: number): string | undefined {
	const found = bytesFields(message, number).at(-1);
	return found === undefined ? undefined : decoder.decode(found);
}
