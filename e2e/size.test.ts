// The first load's bytes are exact, so they are tested: a change that bloats the home page fails here.
// Timings live in `npm run bench`; this reads the production build only (`npm test` builds first).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { firstLoad } from '../bench/lib/first-load';

const budgets = JSON.parse(readFileSync(new URL('../bench/budgets.json', import.meta.url), 'utf8'));

test('the home page loads at most 45 KB of gzipped JavaScript before it runs', () => {
	const load = firstLoad(new URL('../build', import.meta.url).pathname, 'index.html');
	const limit: number = budgets.firstLoadJsGzip.max;
	expect(limit).toBe(45 * 1024);
	// The kit's entry and the root layout's node are always among them: the page was read right.
	expect(load.js.files.some((file) => file.path.startsWith('_app/immutable/entry/start.'))).toBe(true);
	expect(load.js.files.some((file) => file.path.startsWith('_app/immutable/nodes/0.'))).toBe(true);
	const listing = load.js.files.map((file) => `${file.gzip}\t${file.path}`).join('\n');
	expect(load.js.gzip, `first-load JS is ${load.js.gzip} bytes gzip (limit ${limit}):\n${listing}`).toBeLessThanOrEqual(limit);
});
