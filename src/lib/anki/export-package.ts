// A deck as an Anki package (.apkg) in the `anki21` format, as Anki's own exporter writes it with
// "Support older Anki versions": `meta` (package version 2), the collection of schema 11 as
// `collection.anki21`, a stub `collection.anki2` for Anki 2.0 whose one Basic note says the file
// needs a newer Anki, the media files numbered from 0, and `media`, the JSON map of their names.
// Anki 2.1.50 and later, Anki 25.x and AnkiDroid 2.16 and later all read it.
import { zipSync, type Zippable } from 'fflate';
import { collectionRows, type CollectionRows } from './export-collection';
import type { ExportDeck, ExportOptions } from './export-notes';
import { fieldChecksum } from './note-keys';
import { collectionConfig, deckJson, noteTypeJson, presetJson, SCHEMA11, SCHEMA11_SQL } from './schema11';
import type { Sqlite } from './sqlite';
import type { AnkiNoteType } from './types';

/** PackageMetadata with version 2 (Legacy2: collection.anki21, JSON media list), as protobuf. */
const META_LEGACY2 = new Uint8Array([0x08, 0x02]);

/** The stub note's text, Anki's own ("exporting-colpkg-too-new"). */
export const STUB_TEXT = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.';

const BASIC: AnkiNoteType = {
	id: 1,
	name: 'Basic',
	kind: 'normal',
	fields: ['Front', 'Back'],
	templates: [{ name: 'Card 1', ord: 0, question: '{{Front}}', answer: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }],
	css: '.card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n'
};

export interface ExportedPackage {
	bytes: Uint8Array;
	notes: number;
	cards: number;
	answers: number;
	media: number;
}

function writeCollection(sqlite: Sqlite, rows: CollectionRows, pageSize?: number): Uint8Array {
	const db = new sqlite.Database();
	try {
		if (pageSize) db.exec(`pragma page_size = ${pageSize}`);
		db.exec(SCHEMA11_SQL);
		db.exec('begin');
		db.exec('insert into col values (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
			rows.crt,
			rows.mod,
			rows.mod,
			SCHEMA11,
			rows.conf,
			rows.models,
			rows.decks,
			rows.dconf,
			'{}'
		]);
		const note = db.prepare('insert into notes values (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)');
		for (const row of rows.notes) note.run([row.id, row.guid, row.mid, row.mod, row.tags, row.flds, row.sfld, row.csum, '']);
		note.free();
		const card = db.prepare('insert into cards values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)');
		for (const row of rows.cards) {
			card.run([
				row.id,
				row.nid,
				row.did,
				row.ord,
				row.mod,
				row.type,
				row.queue,
				row.due,
				row.ivl,
				row.factor,
				row.reps,
				row.lapses,
				row.left,
				row.data
			]);
		}
		card.free();
		const review = db.prepare('insert into revlog values (?, ?, 0, ?, ?, ?, ?, ?, ?)');
		for (const row of rows.revlog) review.run([row.id, row.cid, row.ease, row.ivl, row.lastIvl, row.factor, row.time, row.type]);
		review.free();
		db.exec('commit');
		if (pageSize) db.exec('vacuum');
		return db.export();
	} finally {
		db.close();
	}
}

/** The stub `collection.anki2`: Anki 2.0 opens it and finds one note asking for a newer Anki. */
async function stubCollection(sqlite: Sqlite, rows: CollectionRows): Promise<Uint8Array> {
	const id = rows.mod;
	const fields = [STUB_TEXT, ''];
	return writeCollection(
		sqlite,
		{
			...rows,
			conf: JSON.stringify(
				collectionConfig({ creationOffset: JSON.parse(rows.conf).creationOffset, rollover: 4, currentNoteType: BASIC.id, nextPosition: 2 })
			),
			models: JSON.stringify({ [BASIC.id]: noteTypeJson(BASIC, 0) }),
			decks: JSON.stringify({ 1: deckJson({ id: 1, name: 'Default', modified: 0 }) }),
			dconf: JSON.stringify({
				1: presetJson({
					newPerDay: 20,
					reviewsPerDay: 200,
					learningSteps: [1, 10],
					relearningSteps: [10],
					maximumInterval: 36500,
					leechAction: 1,
					leechThreshold: 8,
					desiredRetention: 0.9
				})
			}),
			notes: [
				{
					id,
					guid: 'stub',
					mid: BASIC.id,
					mod: Math.floor(id / 1000),
					tags: '',
					flds: fields.join('\x1f'),
					sfld: STUB_TEXT,
					csum: await fieldChecksum(STUB_TEXT)
				}
			],
			cards: [
				{
					id,
					nid: id,
					did: 1,
					ord: 0,
					mod: Math.floor(id / 1000),
					type: 0,
					queue: 0,
					due: 1,
					ivl: 0,
					factor: 0,
					reps: 0,
					lapses: 0,
					left: 0,
					data: '{}'
				}
			],
			revlog: [],
			media: []
		},
		512
	);
}

/** The deck as an .apkg; see the module comment. */
export async function exportPackage(sqlite: Sqlite, deck: ExportDeck, options: ExportOptions): Promise<ExportedPackage> {
	const rows = await collectionRows(deck, options);
	const stored = { level: 0 } as const;
	const files: Zippable = {
		meta: [META_LEGACY2, stored],
		'collection.anki21': writeCollection(sqlite, rows),
		'collection.anki2': [await stubCollection(sqlite, rows), stored],
		media: [new TextEncoder().encode(JSON.stringify(Object.fromEntries(rows.media.map((file, i) => [String(i), file.name])))), stored]
	};
	rows.media.forEach((file, i) => (files[String(i)] = [file.data, stored]));
	return {
		bytes: zipSync(files, { mtime: options.now }),
		notes: rows.notes.length,
		cards: rows.cards.length,
		answers: rows.revlog.filter((review) => review.ease > 0).length,
		media: rows.media.length
	};
}
