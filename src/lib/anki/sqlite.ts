// SQLite in WebAssembly (sql.js), for reading Anki's collection files (and, later, writing them).
// Loaded only where a package is read or written: in the import's Worker, and in Node for tests.
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';

export type { Database as SqliteDatabase, SqlValue };
export type Sqlite = SqlJsStatic;

/** Where the WebAssembly comes from: its URL in the browser (a `?url` import), its bytes in Node. */
export type SqliteWasm = { url: string } | { binary: Uint8Array };

let loaded: Promise<Sqlite> | undefined;

/** sql.js, started once per Worker or process. */
export function loadSqlite(wasm: SqliteWasm): Promise<Sqlite> {
	loaded ??= initSqlJs('url' in wasm ? { locateFile: () => wasm.url } : { wasmBinary: wasm.binary }).catch((error: unknown) => {
		loaded = undefined;
		throw error;
	});
	return loaded;
}

/** Every row of a query, each as an array of its columns in the order selected. */
export function rows(db: Database, sql: string): SqlValue[][] {
	const statement = db.prepare(sql);
	try {
		const out: SqlValue[][] = [];
		while (statement.step()) out.push(statement.get());
		return out;
	} finally {
		statement.free();
	}
}

/** The names of the tables in a database. */
export function tableNames(db: Database): Set<string> {
	return new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map(([name]) => String(name)));
}
