// ESLint checks the code; Prettier formats it. The import rules below write the dependency
// direction of the house (STYLE.md) down where a machine enforces it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Import patterns that a layer may not use, with the reason a developer will read. */
const ui = [
	{ group: ['$lib/state', '$lib/state/*', '**/state/*'], message: 'State classes sit above this layer: pass what you need in.' },
	{ group: ['$lib/components', '$lib/components/*', '**/components/*'], message: 'UI sits above this layer.' },
	{ group: ['**/routes/*', '$app', '$app/*'], message: 'Routes and the kit sit above this layer.' },
	{ group: ['*.svelte'], message: 'Components sit above this layer.' }
];
const database = [
	{
		group: ['$lib/db', '$lib/db/*', '**/db', '**/db/*', 'idb', 'idb/*'],
		message: 'The pure core never touches IndexedDB: return a plan for db to apply.'
	}
];
const reactive = [{ group: ['svelte', 'svelte/*'], message: 'The pure core has no runes: plain functions of plain data.' }];

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
	{
		...shipped,
		files: ['src/lib/glossary/**', 'src/lib/srs/**', 'src/lib/stats/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [...database, ...ui, ...reactive] }] }
	},
	{
		...shipped,
		files: ['src/lib/db/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: ui }] }
	},
	{
		// The planners are pure: plain records in, a plan out; db/decks.ts and db/backup.ts apply them.
		...shipped,
		files: ['src/lib/db/plan-*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...ui,
						...reactive,
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
		// A screen shows state and forwards intents: its reads and writes go through a state module
		// (src/lib/state, or a route's own *.svelte.ts / *.ts beside it), never db itself. Types are fine.
		files: ['src/routes/**/*.svelte', 'src/lib/components/**/*.svelte'],
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
