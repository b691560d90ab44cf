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
});
