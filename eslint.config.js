// ESLint checks the code; Prettier formats it. The import rules below write the dependency
// direction of the house (STYLE.md) down where a machine enforces it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The folders of src/lib, each a room with a wall: the rooms it may import (besides its own files),
 * written below. A new folder gets its wall here, and src/lib/layers.test.ts fails until it has one.
 */
const ROOMS = [
	'anki',
	'components',
	'db',
	'first-paint',
	'format',
	'glossary',
	'journal',
	'optimizer',
	'platform',
	'reminders',
	'srs',
	'state',
	'stats',
	'sync'
];

/** Why a room may not import another, as a developer will read it. @type {Record<string, string>} */
const REASONS = {
	db: 'It never touches IndexedDB: return a plan for db to apply, or take the records as arguments.',
	state: 'State classes sit above this room: pass what you need in.',
	components: 'UI sits above this room.',
	sync: 'Sync loads only when it is on, through state/sync.svelte.ts.'
};

/**
 * The import patterns of one room, from anywhere in src/lib: `$lib/db/x`, `../db/x`, `../../db/x`.
 * @param {string} room
 */
const roomPaths = (room) => [`$lib/${room}`, `$lib/${room}/*`, `../${room}`, `../${room}/*`, `../../${room}`, `../../${room}/*`];

const routes = { group: ['**/routes', '**/routes/*'], message: 'Screens sit above every room: pass what you need in.' };
const kit = { group: ['$app', '$app/*'], message: 'The kit ($app) is for state, components and platform: pass what you need in.' };
// State modules are *.svelte.ts, imported as './x.svelte': state may, and refuses components as a room.
const components = { group: ['*.svelte'], message: 'Components sit above this room.' };
const runes = { group: ['svelte', 'svelte/*'], message: 'No runes here: plain functions of plain data.' };
const idb = { group: ['idb', 'idb/*'], message: 'Only db opens IndexedDB.' };

/**
 * A refusal of `other`: `said` is what the room may import, in words.
 * @param {string} said
 * @param {string} other
 */
const refusal = (said, other) => ({
	group: roomPaths(other),
	message: `${said}, not ${other}. ${REASONS[other] ?? 'Pass what you need in, or move the code to where it belongs.'}`
});

/**
 * A room's wall: `may` are the rooms it may import; `also` what else ('kit', 'svelte', '*.svelte',
 * 'idb'). Every other room is refused with its reason, so the wall reads as what the room stands on.
 * @param {string} room
 * @param {string[]} may
 * @param {string[]} [also]
 */
function wall(room, may, also = []) {
	const said = may.length ? `${room} may import ${may.join(', ')} and its own files` : `${room} may import only its own files`;
	return [
		...ROOMS.filter((other) => other !== room && !may.includes(other)).map((other) => refusal(said, other)),
		routes,
		...(also.includes('kit') ? [] : [kit]),
		...(also.includes('*.svelte') ? [] : [components]),
		...(also.includes('svelte') ? [] : [runes]),
		...(also.includes('idb') ? [] : [idb])
	];
}

/** The walls, by room. The pure core (glossary, srs, stats) and format stand on nothing but themselves and srs. */
const WALLS = {
	glossary: wall('glossary', []),
	srs: wall('srs', []),
	stats: wall('stats', ['srs']),
	format: wall('format', ['srs']),
	// db saves what anki reads from a package, as it saves what glossary makes of a page.
	db: wall('db', ['srs', 'glossary', 'stats', 'format', 'anki'], ['idb']),
	sync: wall('sync', ['srs', 'db', 'glossary', 'stats', 'format']),
	// The journal beside the database: its codec, plans and worker never open IndexedDB (the rule below).
	journal: wall('journal', ['srs', 'db']),
	// Run by the service worker too: nothing of the page's.
	reminders: wall('reminders', ['db', 'srs', 'stats', 'format']),
	// The page writer runs in the service worker; it names db's record types only (the rule below).
	'first-paint': wall('first-paint', ['db', 'srs', 'format']),
	platform: wall('platform', ['format'], ['kit']),
	// FSRS's optimizer (WebAssembly) and its Worker, which reads the log itself: nothing of the page's.
	optimizer: wall('optimizer', ['srs', 'stats', 'db', 'format']),
	state: wall(
		'state',
		['db', 'srs', 'glossary', 'stats', 'format', 'platform', 'sync', 'reminders', 'first-paint', 'anki', 'journal', 'optimizer'],
		['kit', 'svelte', '*.svelte']
	),
	// Components reach db through state (the screens' rule below lets them name its types).
	components: wall(
		'components',
		['state', 'db', 'srs', 'glossary', 'stats', 'format', 'first-paint', 'platform', 'anki'],
		['kit', 'svelte', '*.svelte']
	),
	// The Anki import and export (the export being built): never db (which saves what it reads),
	// state, components, screens, Svelte or the kit.
	anki: [
		refusal('anki is called by db, state and screens', 'db'),
		refusal('anki is called by state and screens', 'state'),
		refusal('anki is called by state and screens', 'components'),
		routes,
		kit,
		components,
		runes
	]
};

/**
 * What an answer does to a card was once the queue's (srs/queue.ts re-exported it for sync until
 * sync's refactor): the old path is refused with the way to its home, answer.ts.
 */
const answerFromItsHome = ['$lib/srs/queue', './queue'].map((name) => ({
	name,
	importNames: ['answerCard', 'LEECH_THRESHOLD'],
	message: 'What an answer does to a card is $lib/srs/answer: import it from there.'
}));

/** Tests may use test helpers from anywhere; the rule is about what ships. */
const shipped = { ignores: ['**/*.test.ts'] };

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/.tmp/', 'dev-dist/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Static pages with no base path: plain links are what the kit resolves.
			'svelte/no-navigation-without-resolve': 'off',
			// Big collections are $state.raw and replaced whole; a Map built in a function is data, not state.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	...Object.entries(WALLS).map(([room, patterns]) => {
		/** @type {import('eslint').Linter.RuleEntry} */
		const wallRule = ['error', { patterns, paths: answerFromItsHome }];
		return { ...shipped, files: [`src/lib/${room}/**`], rules: { 'no-restricted-imports': wallRule } };
	}),
	{
		// The planners are pure: plain records in, a plan out; db/decks.ts and db/backup.ts apply them.
		...shipped,
		files: ['src/lib/db/plan-*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...WALLS.db.filter((pattern) => pattern !== idb),
						{
							group: [
								'idb',
								'idb/*',
								'./database',
								'./write',
								'./decks',
								'./backup',
								'./study',
								'./cards',
								'./settings',
								'$lib/db',
								'$lib/db/*'
							],
							message: 'A plan is a pure function of plain records: only types from ./schema, never the database.'
						}
					]
				}
			]
		}
	},
	{
		// The journal survives the database: it stands on db's pure rules and record shapes, never on
		// the database itself, so it can outlive it and restore it.
		...shipped,
		files: ['src/lib/journal/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...WALLS.journal,
						{
							regex: String.raw`^(\$lib|\.\.)/db(/(?!(plan-[\w-]+|schema|backup-schema|log-codec)$).*)?$`,
							message:
								'The journal stands on db’s pure rules (plan-*, schema, backup-schema, log-codec), never on the database: db applies what it plans.'
						}
					]
				}
			]
		}
	},
	{
		// The page the service worker writes names the records it is given; it never reads them itself.
		...shipped,
		files: ['src/lib/first-paint/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: roomPaths('db'),
							allowTypeImports: true,
							message: 'The first paint is given what it writes: name db types only, and read in the service worker.'
						}
					]
				}
			]
		}
	},
	{
		// A screen shows state and forwards intents: its reads and writes go through a state module
		// (src/lib/state, or a route's own *.svelte.ts / *.ts beside it), never db itself. Types are fine.
		files: ['src/routes/**/*.svelte', 'src/lib/components/**'],
		ignores: ['**/*.test.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/db', '$lib/db/*'],
							allowTypeImports: true,
							message: 'A screen calls a state module (e.g. a route-local backup.svelte.ts), never db: move the read or write there.'
						}
					]
				}
			]
		}
	}
);
