// sql.js ships no types of its own: the part of its API the Anki reader and exporter use.
declare module 'sql.js' {
	export type SqlValue = number | string | Uint8Array | null;
	export interface QueryExecResult {
		columns: string[];
		values: SqlValue[][];
	}
	export interface Statement {
		bind(values?: SqlValue[]): boolean;
		/** Binds the values, runs the statement once and resets it. */
		run(values?: SqlValue[]): void;
		step(): boolean;
		get(): SqlValue[];
		free(): boolean;
	}
	export interface Database {
		exec(sql: string, params?: SqlValue[]): QueryExecResult[];
		prepare(sql: string): Statement;
		export(): Uint8Array;
		close(): void;
	}
	export interface SqlJsStatic {
		Database: new (data?: ArrayLike<number> | Buffer | null) => Database;
	}
	export interface InitOptions {
		locateFile?: (file: string) => string;
		wasmBinary?: ArrayBuffer | Uint8Array;
	}
	export default function initSqlJs(options?: InitOptions): Promise<SqlJsStatic>;
}
