// A deck as a text file Anki imports (File › Import), in the shape Anki's own "Notes in Plain Text"
// export writes: header lines that say how to read it, then one line per note, tab-separated:
// its GUID (so importing again updates the notes), note type, deck, fields, tags. Plain text
// (`#html:false`: Anki escapes it as text); a field with a tab, a line break or a quote, or one
// that starts with "#" (which would read as a comment), is quoted as CSV quotes, "" for a quote.
import { exportedNotes, GLOSSARY_NOTE_TYPE, type ExportDeck } from './export-notes';

/** Glossary notes go in as Anki's stock Basic note type, which every Anki has, with the same two fields. */
export const TEXT_NOTE_TYPE = 'Basic';

function field(text: string): string {
	return /[\t\r\n"]|^#/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The deck's notes as Anki's text format; see the module comment. */
export async function exportText(deck: ExportDeck, options: { includeProgress: boolean }): Promise<{ text: string; notes: number }> {
	const notes = await exportedNotes(deck, options.includeProgress);
	const fieldColumns = Math.max(2, ...notes.map((note) => note.fields.length));
	// Columns as Anki numbers them, from 1: GUID, note type, deck, the fields, then the tags.
	const lines = [
		'#separator:tab',
		'#html:false',
		'#guid column:1',
		'#notetype column:2',
		'#deck column:3',
		`#tags column:${4 + fieldColumns}`
	];
	for (const note of notes) {
		const fields = Array.from({ length: fieldColumns }, (_, i) => note.text[i] ?? '');
		const noteType = note.noteType.id === GLOSSARY_NOTE_TYPE.id ? TEXT_NOTE_TYPE : note.noteType.name;
		lines.push([note.guid, noteType, deck.deck.title, ...fields, note.tags.join(' ')].map(field).join('\t'));
	}
	return { text: `${lines.join('\n')}\n`, notes: notes.length };
}
