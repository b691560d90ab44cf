// Reading an Anki collection (a SQLite database) into plain data. Schema 11 keeps note types, decks
// and settings as JSON in the `col` row; schema 18 (Anki 2.1.50+) keeps them in tables of their own,
// their settings in protobuf, and deck names with "\x1f" between levels.
import { errorMessage } from '$lib/format/error';
import { bytesFields, fields, numberField, stringField } from './protobuf';
import { rows, tableNames, type Sqlite, type SqliteDatabase, type SqlValue } from './sqlite';
import {
	AnkiPackageError,
	type AnkiCard,
	type AnkiClock,
	type AnkiCollection,
	type AnkiDeck,
	type AnkiNoteType,
	type AnkiReview
} from './types';

/** The newest collection schema this reader knows (Anki 2.1.50 to 25.x write 18). */
export const NEWEST_SCHEMA = 18;

const damaged = (what: string) => new AnkiPackageError(`The collection in this package is damaged: ${what}.`, 'damaged');

/**
 * Opens a collection's bytes. Schema 18 declares its name columns with Anki's own collation
 * ("unicase"), which sql.js does not have and refuses to read past: the collation is taken out of
 * the schema of this copy (ordering by those names is never needed here).
 */
export function openCollection(sqlite: Sqlite, bytes: Uint8Array): SqliteDatabase {
	let db = new sqlite.Database(bytes);
	try {
		const unicase = rows(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%COLLATE unicase%'")[0]?.[0];
		if (Number(unicase) > 0) {
			db.exec(
				"PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', '') WHERE sql LIKE '%COLLATE unicase%'; PRAGMA writable_schema = OFF;"
			);
			const copy = db.export();
			db.close();
			db = new sqlite.Database(copy);
		}
		return db;
	} catch (error) {
		db.close();
		throw damaged(`it is not a database Anki wrote (${errorMessage(error)})`);
	}
}

const text = (value: SqlValue | undefined) =>
	typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value ?? '');
const number = (value: SqlValue | undefined) => Number(value ?? 0);

function json(source: string, what: string): unknown {
	try {
		return JSON.parse(source);
	} catch {
		throw damaged(`its ${what} are not readable`);
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the whole collection. Throws AnkiPackageError for a database that is not a collection, or a newer one. */
export function readCollection(db: SqliteDatabase): AnkiCollection {
	let tables: Set<string>;
	try {
		tables = tableNames(db);
	} catch {
		throw damaged('it is not a SQLite database');
	}
	for (const table of ['col', 'notes', 'cards', 'revlog']) {
		if (!tables.has(table)) throw damaged(`it has no "${table}" table`);
	}
	const [col] = rows(db, 'SELECT ver, crt, conf, models, decks FROM col');
	if (!col) throw damaged('its "col" table is empty');
	const schema = number(col[0]);
	if (schema > NEWEST_SCHEMA) {
		throw new AnkiPackageError(
			`This package was made by a newer Anki than this app can read (collection schema ${schema}; it reads up to ${NEWEST_SCHEMA}). In Anki, export it again with "Support older Anki versions" ticked.`,
			'newer'
		);
	}
	if (schema < 11) throw damaged(`its schema (${schema}) is older than any Anki 2 collection`);
	const modern = tables.has('notetypes');
	const config = modern ? configTable(db) : (json(text(col[2]) || '{}', 'settings') as Record<string, unknown>);
	const creationOffset = Number(config.creationOffset);
	const rollover = Number(config.rollover);
	const clock: AnkiClock = {
		created: number(col[1]),
		...(Number.isFinite(creationOffset) && config.creationOffset !== undefined && config.creationOffset !== null ? { creationOffset } : {}),
		rollover: Number.isInteger(rollover) && rollover >= 0 && rollover <= 23 ? rollover : 4
	};
	const schedulerVersion = Number(config.schedVer) >= 2 ? 2 : 1;
	return {
		schema,
		schedulerVersion,
		clock,
		noteTypes: modern ? noteTypesTable(db) : noteTypesJson(json(text(col[3]) || '{}', 'note types')),
		decks: modern ? decksTable(db) : decksJson(json(text(col[4]) || '{}', 'decks')),
		notes: rows(db, 'SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id').map((row) => ({
			id: number(row[0]),
			guid: text(row[1]),
			noteTypeId: number(row[2]),
			modified: number(row[3]),
			tags: text(row[4])
				.split(/[\s\u3000]+/)
				.filter((tag) => tag !== ''),
			fields: text(row[5]).split('\x1f')
		})),
		cards: rows(db, 'SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, odue, odid, data FROM cards ORDER BY id').map(
			(row): AnkiCard => ({
				id: number(row[0]),
				noteId: number(row[1]),
				deckId: number(row[2]),
				ord: number(row[3]),
				type: number(row[4]),
				queue: number(row[5]),
				due: number(row[6]),
				interval: number(row[7]),
				factor: number(row[8]),
				reps: number(row[9]),
				lapses: number(row[10]),
				originalDue: number(row[11]),
				originalDeckId: number(row[12]),
				data: text(row[13])
			})
		),
		reviews: rows(db, 'SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id').map((row): AnkiReview => ({
			id: number(row[0]),
			cardId: number(row[1]),
			ease: number(row[2]),
			interval: number(row[3]),
			lastInterval: number(row[4]),
			factor: number(row[5]),
			time: number(row[6]),
			type: number(row[7])
		}))
	};
}

/** Schema 18's `config` table: each value is JSON. */
function configTable(db: SqliteDatabase): Record<string, unknown> {
	const config: Record<string, unknown> = {};
	for (const [key, value] of rows(db, 'SELECT KEY, val FROM config')) {
		try {
			config[text(key)] = JSON.parse(text(value));
		} catch {
			// A value that is not JSON is not one this reader needs.
		}
	}
	return config;
}

function noteTypesJson(models: unknown): Map<number, AnkiNoteType> {
	if (!isObject(models)) throw damaged('its note types are not readable');
	const out = new Map<number, AnkiNoteType>();
	for (const model of Object.values(models)) {
		if (!isObject(model) || !Array.isArray(model.flds) || !Array.isArray(model.tmpls)) throw damaged('a note type is not readable');
		const id = Number(model.id);
		const byOrd = <T extends { ord?: unknown }>(list: T[]) => [...list].sort((a, b) => Number(a.ord) - Number(b.ord));
		out.set(id, {
			id,
			name: String(model.name ?? ''),
			kind: Number(model.type) === 1 ? 'cloze' : 'normal',
			fields: byOrd(model.flds as { name?: unknown; ord?: unknown }[]).map((field) => String(field.name ?? '')),
			templates: byOrd(model.tmpls as { name?: unknown; ord?: unknown; qfmt?: unknown; afmt?: unknown }[]).map((template, ord) => ({
				name: String(template.name ?? ''),
				ord,
				question: String(template.qfmt ?? ''),
				answer: String(template.afmt ?? '')
			})),
			css: String(model.css ?? '')
		});
	}
	return out;
}

function decksJson(decks: unknown): Map<number, AnkiDeck> {
	if (!isObject(decks)) throw damaged('its decks are not readable');
	const out = new Map<number, AnkiDeck>();
	for (const deck of Object.values(decks)) {
		if (!isObject(deck)) throw damaged('a deck is not readable');
		const id = Number(deck.id);
		out.set(id, { id, name: String(deck.name ?? ''), filtered: Number(deck.dyn) === 1 });
	}
	return out;
}

/** Schema 18: NotetypeConfig has the kind in field 1 (1 is cloze) and the CSS in field 3. */
function noteTypesTable(db: SqliteDatabase): Map<number, AnkiNoteType> {
	const out = new Map<number, AnkiNoteType>();
	for (const [id, name, config] of rows(db, 'SELECT id, name, config FROM notetypes')) {
		const message = fields(config instanceof Uint8Array ? config : new Uint8Array());
		out.set(number(id), {
			id: number(id),
			name: text(name),
			kind: numberField(message, 1) === 1 ? 'cloze' : 'normal',
			fields: [],
			templates: [],
			css: stringField(message, 3) ?? ''
		});
	}
	for (const [noteType, name] of rows(db, 'SELECT ntid, name FROM fields ORDER BY ntid, ord')) {
		out.get(number(noteType))?.fields.push(text(name));
	}
	// CardTemplate.Config: the front's template in field 1, the back's in field 2.
	for (const [noteType, ord, name, config] of rows(db, 'SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord')) {
		const message = fields(config instanceof Uint8Array ? config : new Uint8Array());
		out.get(number(noteType))?.templates.push({
			name: text(name),
			ord: number(ord),
			question: stringField(message, 1) ?? '',
			answer: stringField(message, 2) ?? ''
		});
	}
	return out;
}

/** Schema 18: a deck's kind is a oneof, normal in field 1 and filtered in field 2. */
function decksTable(db: SqliteDatabase): Map<number, AnkiDeck> {
	const out = new Map<number, AnkiDeck>();
	for (const [id, name, kind] of rows(db, 'SELECT id, name, kind FROM decks')) {
		const message = fields(kind instanceof Uint8Array ? kind : new Uint8Array());
		out.set(number(id), { id: number(id), name: text(name).split('\x1f').join('::'), filtered: bytesFields(message, 2).length > 0 });
	}
	return out;
}
