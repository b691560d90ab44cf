// Packages without types of their own (see pouch.ts for why DefinitelyTyped's are not used).
declare module 'pouchdb-browser' {
	const PouchDB: import('./pouch').PouchStatic;
	export default PouchDB;
}
declare module 'pouchdb-core' {
	const PouchDB: import('./pouch').PouchStatic;
	export default PouchDB;
}
// The embedded server's parts (scripts/sync-server.js), used as plain JavaScript.
declare module 'pouchdb-adapter-http';
declare module 'pouchdb-adapter-leveldb';
declare module 'pouchdb-replication';
declare module 'pouchdb-mapreduce';
declare module 'express';
declare module 'express-pouchdb';
