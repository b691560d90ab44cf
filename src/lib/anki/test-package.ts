// Small Anki packages made on the spot, for tests of what no real sample has: hostile HTML in a
// field, a package from a newer Anki, a damaged collection. Written as Anki 2.1's legacy exporter
// writes them (schema 11, JSON in `col`, a JSON media list), with a Basic and a Cloze note type.
import { zipSync } from 'fflate';
import type { Sqlite } from './sqlite';

export interface TestNote {
	guid: string;
	fields: string[];
	/** 'basic' (Front, Back) by default, or 'cloze' (Text, Back Extra). */
	type?: 'basic' | 'cloze';
	tags?: string[];
	deck?: string;
	/** Seconds. */
	modified?: number;
	/** Answers in the revlog of each of its cards (Good, a day apart): its cards are then in review. */
	reviews?: number;
}

export interface TestPackage {
	notes: TestNote[];
	/** Media files by name. */
	media?: Record<string, Uint8Array>;
	/** Extra zip entries, as they are (a `meta`, another collection file). */
	extra?: Record<string, Uint8Array>;
	/** The collection file's name (collection.anki2 by default). */
	collectionFile?: string;
	/** Schema version written in `col.ver`. */
	schema?: number;
}

const BASIC = 1_000_000_000_001;
const CLOZE = 1_000_000_000_002;
const CREATED = 1_700_000_000;

const models = {
	[BASIC]: {
		id: BASIC,
		name: 'Basic',
		type: 0,
		flds: [
			{ name: 'Front', ord: 0 },
			{ name: 'Back', ord: 1 }
		],
		tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }],
		css: '.card { color: black; }'
	},
	[CLOZE]: {
		id: CLOZE,
		name: 'Cloze',
		type: 1,
		flds: [
			{ name: 'Text', ord: 0 },
			{ name: 'Back Extra', ord: 1 }
		],
		tmpls: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
		css: '.cloze { font-weight: bold; }'
	}
};

/** A collection database (schema 11) holding the notes, one card per note (per cloze). */
export function makeCollection(sqlite: Sqlite, notes: readonly TestNote[], schema = 11): Uint8Array {
	const db = new sqlite.Database();
	db.exec(`
		CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
		CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text, sfld integer, csum integer, flags integer, data text);
		CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer, type integer, queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);
		CREATE TABLE revlog (id integer primary key, cid integer, usn integer, ease integer, ivl integer, lastIvl integer, factor integer, time integer, type integer);
		CREATE TABLE graves (usn integer, oid integer, type integer);
	`);
	const decks: Record<string, { id: number; name: string; dyn: number }> = { 1: { id: 1, name: 'Default', dyn: 0 } };
	const deckId = (name: string) => {
		const found = Object.values(decks).find((deck) => deck.name === name);
		if (found) return found.id;
		const id = 1_500_000_000_000 + Object.keys(decks).length;
		decks[id] = { id, name, dyn: 0 };
		return id;
	};
	let cardId = 1_600_000_000_000;
	notes.forEach((note, i) => {
		const id = 1_600_000_000_000 + i;
		const model = note.type === 'cloze' ? CLOZE : BASIC;
		db.exec('INSERT INTO notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, 0, 0, ?)', [
			id,
			note.guid,
			model,
			note.modified ?? CREATED,
			note.tags?.length ? ` ${note.tags.join(' ')} ` : '',
			note.fields.join('\x1f'),
			note.fields[0] ?? '',
			''
		]);
		const did = deckId(note.deck ?? 'Default');
		const ords =
			note.type === 'cloze' ? [...new Set([...note.fields.join('').matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]) - 1))] : [0];
		for (const ord of ords.length ? ords : [0]) {
			const reviews = note.reviews ?? 0;
			const card = cardId++;
			if (reviews === 0) {
				db.exec('INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)', [card, id, did, ord, i + 1, '{}']);
				continue;
			}
			// Answered Good once a day, from the collection's first day: in review, due after its last interval.
			const interval = 2 ** reviews;
			db.exec('INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, 2, 2, ?, ?, 2500, ?, 0, 0, 0, 0, 0, ?)', [
				card,
				id,
				did,
				ord,
				reviews - 1 + interval,
				interval,
				reviews,
				'{}'
			]);
			for (let r = 0; r < reviews; r++) {
				db.exec('INSERT INTO revlog VALUES (?, ?, 0, 3, ?, ?, 2500, 4000, ?)', [
					(CREATED + r * 86_400) * 1000 + (card % 86_400_000),
					card,
					2 ** (r + 1),
					r === 0 ? 0 : 2 ** r,
					r === 0 ? 0 : 1
				]);
			}
		}
	});
	db.exec('INSERT INTO col VALUES (1, ?, 0, 0, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
		CREATED,
		schema,
		JSON.stringify({ schedVer: 2, creationOffset: 0 }),
		JSON.stringify(models),
		JSON.stringify(decks),
		'{}',
		'{}'
	]);
	const bytes = db.export();
	db.close();
	return bytes;
}

/** A whole .apkg: the collection, the media list and files, and any extra entries. */
export function makePackage(sqlite: Sqlite, pkg: TestPackage): Uint8Array {
	const media = Object.entries(pkg.media ?? {});
	const files: Record<string, Uint8Array> = {
		[pkg.collectionFile ?? 'collection.anki2']: makeCollection(sqlite, pkg.notes, pkg.schema),
		media: new TextEncoder().encode(JSON.stringify(Object.fromEntries(media.map(([name], i) => [String(i), name])))),
		...Object.fromEntries(media.map(([, data], i) => [String(i), data])),
		...pkg.extra
	};
	return zipSync(files);
}
