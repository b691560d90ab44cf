// The dependency direction of the house (STYLE.md) is a lint rule; this proves the rule bites.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function importErrors(path: string, source: string): Promise<string[]> {
	const [result] = await eslint.lintText(source, { filePath: path });
	return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
});
