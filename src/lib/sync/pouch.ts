// The part of PouchDB's API that sync uses, typed here: DefinitelyTyped's @types/pouchdb-core
// declares a global `Buffer` of its own, which breaks Node's Buffer everywhere else.

export interface PouchDoc {
	_id: string;
	_rev?: string;
	_deleted?: boolean;
	_conflicts?: string[];
	[field: string]: unknown;
}

export interface PouchRow {
	id: string;
	key: string;
	value?: { rev: string; deleted?: boolean };
	doc?: PouchDoc | null;
	error?: string;
}

export interface PouchWriteResult {
	ok?: boolean;
	id: string;
	rev: string;
	error?: string;
}

export interface ReplicationResult {
	ok: boolean;
	docs_read: number;
	docs_written: number;
}

export interface PouchChange {
	id: string;
	seq: number | string;
	deleted?: boolean;
	doc?: PouchDoc;
}

export interface PouchDatabase {
	/** The documents changed since `since` (a sequence of this database), each in its newest revision. */
	changes(options: { since: number | string; include_docs?: boolean; conflicts?: boolean }): Promise<{
		results: PouchChange[];
		last_seq: number | string;
	}>;
	allDocs(options?: { include_docs?: boolean; conflicts?: boolean; startkey?: string; endkey?: string; keys?: string[] }): Promise<{
		rows: PouchRow[];
	}>;
	bulkDocs(docs: object[]): Promise<PouchWriteResult[]>;
	get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<PouchDoc>;
	put(doc: object): Promise<PouchWriteResult>;
	remove(doc: { _id: string; _rev: string }): Promise<PouchWriteResult>;
	info(): Promise<{ db_name: string; update_seq: number | string }>;
	close(): Promise<void>;
	destroy(): Promise<void>;
	replicate: {
		to(target: PouchDatabase, options?: object): Promise<ReplicationResult>;
		from(source: PouchDatabase, options?: object): Promise<ReplicationResult>;
	};
}

export interface PouchOptions {
	/** Remote databases: don't create the database when it is missing (couch_peruser makes it). */
	skip_setup?: boolean;
	fetch?: (url: string, init?: RequestInit) => Promise<Response>;
	adapter?: string;
}

export interface PouchStatic {
	new (name: string, options?: PouchOptions): PouchDatabase;
	plugin(plugin: unknown): PouchStatic;
	adapters: Record<string, unknown>;
	prototype: object;
	/** A class with these options by default (the server's folder). */
	defaults(options: object): PouchStatic;
}
