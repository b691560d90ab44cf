import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importedDeck, NOW, studiedDeck, TODAY } from './export-test-decks';
import { NothingToExport } from './export-notes';
import { exportText } from './export-text';
import { importPackage } from './import-package';
import { cardGuid } from './note-keys';
import { readPackage } from './package';
import { loadSqlite } from './sqlite';

const sqlite = await loadSqlite({ binary: readFileSync('node_modules/sql.js/dist/sql-wasm.wasm') });

describe('exportText: Anki’s text format', () => {
	test('a small deck, byte for byte: the headers, then GUID, note type, deck, fields and tags, tab-separated', async () => {
		const deck = studiedDeck();
		deck.cards.push({
			...deck.cards[0]!,
			id: 'pm:tricky',
			front: '#1 priority',
			back: 'Tabs\tand "quotes"',
			newOrder: 3,
			leech: true
		});
		const { text, notes } = await exportText(deck, { includeProgress: true });
		const [backlog, roadmap, persona, tricky] = await Promise.all(['pm:backlog', 'pm:roadmap', 'pm:persona', 'pm:tricky'].map(cardGuid));
		expect(notes).toBe(4);
		expect(text).toBe(
			'#separator:tab\n' +
				'#html:false\n' +
				'#guid column:1\n' +
				'#notetype column:2\n' +
				'#deck column:3\n' +
				'#tags column:6\n' +
				`${backlog}\tBasic\tProduct Management\tWhat is a backlog?\tAn ordered list of work.\t\n` +
				`${roadmap}\tBasic\tProduct Management\tWhat is a roadmap?\t"A shared plan\nof how a product evolves."\t\n` +
				`${persona}\tBasic\tProduct Management\tPersona: explain\t"A <fictional> user & their ""goals"""\t\n` +
				`${tricky}\tBasic\tProduct Management\t"#1 priority"\t"Tabs\tand ""quotes"""\tleech\n`
		);
		expect(new TextEncoder().encode(text)).toHaveLength(text.length);
		// Without progress, no leech tag.
		expect((await exportText(deck, { includeProgress: false })).text.split('\n').at(-2)!.endsWith('""quotes"""\t')).toBe(true);
	});

	test('a GUID that starts with "#" is quoted, so Anki does not read its line as a comment', async () => {
		const deck = studiedDeck();
		// This card's GUID happens to start with "#", as Anki's own GUIDs may.
		deck.cards = [{ ...deck.cards[0]!, id: 'pm:k22' }];
		expect(await cardGuid('pm:k22')).toBe('#j;nH$_:Rn');
		const { text } = await exportText(deck, { includeProgress: false });
		expect(text.split('\n')[6]).toBe('"#j;nH$_:Rn"\tBasic\tProduct Management\tWhat is a backlog?\tAn ordered list of work.\t');
	});

	test('a deck whose cards were all retired by updates of its page has nothing to export, and says so', async () => {
		const deck = studiedDeck();
		deck.cards = deck.cards.map((card) => ({ ...card, status: 'retired' }));
		await expect(exportText(deck, { includeProgress: true })).rejects.toThrow(NothingToExport);
		await expect(exportText(deck, { includeProgress: true })).rejects.toThrow('This deck has no cards to export.');
	});

	test('a deck from Anki: its own note types by name, its fields as plain text, padded to the widest note type', async () => {
		const sample = new Uint8Array(readFileSync(new URL('./fixtures/anki21b-small-deck.apkg', import.meta.url)));
		const imported = await importPackage(readPackage(sample, sqlite), { dayStartHour: 4, today: TODAY });
		const { text } = await exportText(importedDeck(imported, NOW), { includeProgress: true });
		const lines = text.split('\n');
		const widest = Math.max(...imported.noteTypes.map((type) => type.fields.length));
		expect(lines[5]).toBe(`#tags column:${4 + widest}`);
		const rows = lines.slice(6, -1);
		expect(rows).toHaveLength(imported.notes.length);
		for (const row of rows) {
			const columns = row.split('\t');
			expect(columns).toHaveLength(4 + widest);
			const note = imported.notes.find((candidate) => candidate.guid === columns[0])!;
			expect(columns[1]).toBe(imported.noteTypes.find((type) => type.id === note.noteTypeId)!.name);
			expect(columns[2]).toBe('Test deck');
			expect(columns.at(-1)).toBe(note.tags.join(' '));
		}
		expect(text).toContain('\tCar\t');
		expect(text).not.toContain('<b>');
	});
});
