// The dependency direction of the house (STYLE.md) is a lint rule; this proves the rule bites.
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The import rules' messages: the walls' own, and the type-aware one that lets a room name db's types. */
async function importErrors(path: string, source: string): Promise<string[]> {
	const [result] = await eslint.lintText(source, { filePath: path });
	return (result?.messages ?? [])
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
		.map((m) => m.message);
}

const importing = (target: string) => `import * as m from '${target}';\nexport const x = m;\n`;

/**
 * Every room of src/lib: an import its wall refuses, and one it lets through. A folder missing here
 * fails the first test below: a new room comes with its wall (eslint.config.js) and its line here.
 */
const WALLS: Record<string, { refused: string[]; allowed: string }> = {
	glossary: { refused: ['$lib/srs/sm2', '$lib/format/when'], allowed: './text' },
	srs: { refused: ['$lib/stats', '../glossary/text', '$lib/format/when'], allowed: './days' },
	stats: { refused: ['$lib/format/numbers', '../glossary'], allowed: '../srs/types' },
	format: { refused: ['$lib/stats', '$lib/db/schema'], allowed: '$lib/srs/days' },
	db: { refused: ['$lib/sync/engine', '$lib/reminders/waiting', '$lib/platform/web-storage'], allowed: '$lib/format/bytes' },
	sync: {
		refused: ['$lib/state/app.svelte', '$lib/components/ReviewScreen.svelte', '../../routes/+page.svelte', 'svelte', '$app/environment'],
		allowed: '$lib/db/sync'
	},
	// The journal outlives the database: db's pure rules only, never the database, state or sync.
	journal: {
		refused: ['$lib/db', '$lib/db/answers', '../db/write', 'idb', '$lib/state/journal.svelte', '$lib/sync/engine', 'svelte'],
		allowed: '$lib/db/plan-merge'
	},
	reminders: { refused: ['$lib/state/app.svelte', '$app/environment', '$lib/sync/engine'], allowed: '$lib/db/study' },
	'first-paint': { refused: ['$lib/state/app.svelte', '$app/environment', '$lib/db/first-card'], allowed: '$lib/srs/first-card' },
	platform: { refused: ['$lib/db', '$lib/state/app.svelte', 'svelte'], allowed: '$app/paths' },
	optimizer: { refused: ['$lib/state/app.svelte', '$lib/sync/engine', 'svelte', '$app/environment'], allowed: '$lib/stats/fsrs-items' },
	state: { refused: ['$lib/components/ReviewScreen.svelte', '../../routes/+page.svelte'], allowed: '$lib/sync/engine' },
	components: { refused: ['../../routes/+page.svelte', '$lib/sync/engine', '$lib/reminders/waiting'], allowed: '$lib/state/app.svelte' },
	anki: {
		refused: ['$lib/db/schema', '$lib/state/app.svelte', '$lib/components/ReviewScreen.svelte', 'svelte', '$app/environment'],
		allowed: '$lib/glossary'
	}
};

// The first lint loads typescript-eslint's project service: seconds on a busy machine.
describe('layer rules', { timeout: 30_000 }, () => {
	it('the pure core may not import the database', async () => {
		for (const folder of ['srs', 'glossary', 'stats']) {
			const errors = await importErrors(
				`src/lib/${folder}/new-rule.ts`,
				"import { openDatabase } from '$lib/db';\nexport const x = openDatabase;\n"
			);
			expect(errors, folder).toHaveLength(1);
			expect(errors[0]).toContain('never touches IndexedDB');
		}
	});

	it('the pure core may not import idb, state, routes, svelte or $app', async () => {
		for (const target of ['idb', '$lib/state/decks.svelte', '../../routes/+page.svelte', 'svelte', '$app/navigation']) {
			const errors = await importErrors('src/lib/srs/new-rule.ts', `import * as m from '${target}';\nexport const x = m;\n`);
			expect(errors.length, target).toBeGreaterThan(0);
		}
	});

	it('the database may not import state, components or routes', async () => {
		for (const target of ['$lib/state/decks.svelte', '$lib/components/ReviewScreen.svelte', '$app/environment']) {
			const errors = await importErrors('src/lib/db/new-rule.ts', `import * as m from '${target}';\nexport const x = m;\n`);
			expect(errors.length, target).toBeGreaterThan(0);
		}
	});

	it('the database may use the pure core, and the pure core itself', async () => {
		expect(await importErrors('src/lib/db/new-rule.ts', "import { review } from '$lib/srs/sm2';\nexport const x = review;\n")).toEqual([]);
		// It saves what the Anki reader makes of a package, which never reaches back into db.
		expect(await importErrors('src/lib/db/new-rule.ts', importing('$lib/anki/import-package'))).toEqual([]);
		expect(await importErrors('src/lib/srs/new-rule.ts', "import { studyDay } from './days';\nexport const x = studyDay;\n")).toEqual([]);
	});

	it('a plan in db is pure: it may not open a transaction or reach idb', async () => {
		for (const target of ['idb', './write', './database', '$lib/db']) {
			const errors = await importErrors('src/lib/db/plan-new.ts', `import * as m from '${target}';\nexport const x = m;\n`);
			expect(errors.length, target).toBeGreaterThan(0);
		}
		expect(
			await importErrors('src/lib/db/plan-new.ts', "import type { CardRecord } from './schema';\nexport type X = CardRecord;\n")
		).toEqual([]);
	});

	it('a screen may not call db itself, only name its types', async () => {
		// Without the type-aware project service (seconds per program): the import rule needs no types.
		const screens = new ESLint({
			overrideConfig: { files: ['**/*.svelte'], languageOptions: { parserOptions: { projectService: false } } }
		});
		const errors = async (script: string) => {
			const [result] = await screens.lintText(`<script lang="ts">\n${script}\n</script>\n`, { filePath: 'src/routes/new/+page.svelte' });
			return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
		};
		expect(await errors("\timport { deleteDeck } from '$lib/db';\n\tvoid deleteDeck;")).toBe(1);
		expect(await errors("\timport { recordAnswer } from '$lib/db/study';\n\tvoid recordAnswer;")).toBe(1);
		expect(
			await errors("\timport type { DeckRecord } from '$lib/db';\n\tconst deck: DeckRecord | undefined = undefined;\n\tvoid deck;")
		).toBe(0);
	});

	it('every folder under src/lib has a wall', () => {
		const rooms = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name);
		expect(rooms.length).toBeGreaterThan(10);
		for (const room of rooms) expect(Object.keys(WALLS), `src/lib/${room} has no wall in this test`).toContain(room);
	});

	it('each wall refuses what its room may not import, and lets through what it may', async () => {
		for (const [room, { refused, allowed }] of Object.entries(WALLS)) {
			for (const target of refused) {
				expect((await importErrors(`src/lib/${room}/new-file.ts`, importing(target))).length, `${room} <- ${target}`).toBeGreaterThan(0);
			}
			expect(await importErrors(`src/lib/${room}/new-file.ts`, importing(allowed)), `${room} <- ${allowed}`).toEqual([]);
		}
	});

	it("a wall says what the room may import; first-paint may name db's types, never read it", async () => {
		const [message] = await importErrors('src/lib/sync/new-file.ts', importing('$lib/state/app.svelte'));
		expect(message).toContain('sync may import srs, db, glossary, stats, format and its own files, not state.');
		expect(
			await importErrors(
				'src/lib/first-paint/new-file.ts',
				"import type { FirstCard } from '$lib/db/first-card';\nexport type X = FirstCard;\n"
			)
		).toEqual([]);
		// The rule of an answer is imported from its home, not from the queue that re-exports it for sync.
		const fromQueue = "import { answerCard } from './queue';\nexport const x = answerCard;\n";
		expect(await importErrors('src/lib/srs/new-file.ts', fromQueue)).toEqual([
			"'answerCard' import from './queue' is restricted. What an answer does to a card is $lib/srs/answer: import it from there."
		]);
	});
});
