// Two builds of the app served one after the other from one address, as a deploy does: the Reload
// in one tab, the other tabs left alone, an old tab whose code is gone, and no answer lost.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { answer, cardsLeft, startStudy } from './helpers';

test.describe.configure({ mode: 'serial' });

const folders = { old: '', new: '' };
let serving: keyof typeof folders = 'old';
let server: Server;
let origin = '';
let temporary = '';

/** The build a folder holds, told apart by its hashed start script. */
function startScript(folder: string): string {
	const name = readdirSync(join(folder, '_app/immutable/entry')).find((file) => file.startsWith('start.'));
	if (!name) throw new Error(`No start script in ${folder}`);
	return name;
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	temporary = mkdtempSync(join(tmpdir(), 'flashcards-updates-'));
	folders.old = join(temporary, 'old');
	folders.new = join(temporary, 'new');
	// The old version is the build the other journeys use. The new one is built from a copy of the
	// source whose lazily loaded card maker changed, as a release changes code: a new
	// version (the kit's build time), new chunk names, and one lazy chunk the old build named
	// differently.
	cpSync('build', folders.old, { recursive: true });
	const source = join(temporary, 'source');
	for (const entry of ['src', 'static', 'decks', 'package.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json'])
		cpSync(entry, join(source, entry), { recursive: true });
	symlinkSync(resolve('node_modules'), join(source, 'node_modules'));
	appendFileSync(join(source, 'src/lib/glossary/index.ts'), '\n(globalThis as { release?: string }).release = "next";\n');
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		cwd: source,
		env: { ...process.env, BUILD_DIR: folders.new },
		stdio: 'pipe'
	});
	expect(startScript(folders.new)).not.toBe(startScript(folders.old));

	// The same headers as scripts/static-server.js: hashed files forever, everything else checked each time.
	const handlers = Object.fromEntries(
		Object.entries(folders).map(([key, folder]) => [
			key,
			sirv(folder, {
				single: '200.html',
				etag: true,
				setHeaders: (res, pathname) =>
					res.setHeader('cache-control', pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache')
			})
		])
	) as Record<keyof typeof folders, ReturnType<typeof sirv>>;
	server = createServer((req, res) => handlers[serving](req, res));
	await new Promise<void>((resolve) => server.listen(0, resolve));
	origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
	await new Promise((resolve) => server?.close(resolve));
	if (temporary) rmSync(temporary, { recursive: true, force: true });
});

test.beforeEach(() => {
	serving = 'old';
});

/** Which build the page's code comes from. */
async function runningBuild(page: Page): Promise<keyof typeof folders> {
	const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
	const old = scripts.some((url) => url.endsWith(startScript(folders.old)));
	const fresh = scripts.some((url) => url.endsWith(startScript(folders.new)));
	if (old === fresh) throw new Error(`The page runs neither build alone: ${scripts.join(', ')}`);
	return old ? 'old' : 'new';
}

async function controlled(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/**
 * A tab opened while a worker already controls the app has finished its own start: it registered
 * and asked the worker which version it serves (register-worker.ts). A Reload pressed in another
 * tab at the very moment a tab registers was seen to leave the new worker waiting in Chromium
 * (the tab never reloaded): these journeys test one thing at a time, so they let the start end.
 */
async function started(page: Page): Promise<void> {
	await controlled(page);
	await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/_app/version.json')));
}

/** Deploys the new build and lets a tab look for it, as its hourly check would. */
async function deploy(page: Page): Promise<void> {
	serving = 'new';
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
}

const updatePrompt = (page: Page) => page.getByRole('alert').filter({ hasText: 'Update available' });

/** Presses the alert's Reload and waits until the page has loaded again. */
async function takeReload(page: Page, alert: Locator): Promise<void> {
	const loaded = page.waitForEvent('load');
	await alert.getByRole('button', { name: 'Reload' }).click();
	await loaded;
}

/** Marks the page, so a reload (which forgets the mark) can be told from no reload. */
async function mark(page: Page): Promise<void> {
	await page.evaluate(() => ((window as { keptPage?: boolean }).keptPage = true));
}
async function isSamePage(page: Page): Promise<boolean> {
	return page.evaluate(() => (window as { keptPage?: boolean }).keptPage === true);
}

async function answersStored(page: Page): Promise<string | null> {
	await page.goto(`${origin}/`);
	return page.getByText(/answers? today/).textContent();
}

test('Reload in the tab of the first visit moves it to the new version', async ({ page }) => {
	await page.goto(`${origin}/review/soft-skills`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await controlled(page);
	await answer(page, 'Good');
	expect(await runningBuild(page)).toBe('old');

	await deploy(page);
	await mark(page);
	await takeReload(page, updatePrompt(page));
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	expect(await runningBuild(page)).toBe('new');
	await expect(updatePrompt(page)).toHaveCount(0);
	// The session goes on from the log: the answered card is not asked again.
	await expect(cardsLeft(page)).toHaveText('12 left');
	expect(await answersStored(page)).toBe('1 answer today');
});

test('Reload in one of two tabs leaves the other, showing an answer, as it was', async ({ context }) => {
	const first = await context.newPage();
	await first.goto(`${origin}/`);
	await controlled(first);
	const second = await context.newPage();
	await second.goto(`${origin}/`);
	await started(second);
	await startStudy(second);
	await answer(second, 'Good');
	// The second tab looks at an answer when the new version arrives.
	await second.getByRole('button', { name: 'Show answer' }).click();
	await mark(second);

	await deploy(first);
	await takeReload(first, updatePrompt(first));
	await expect(first.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();
	expect(await runningBuild(first)).toBe('new');

	// The other tab keeps its page and its revealed answer; the prompt waits for the answer.
	await expect(second.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
	expect(await isSamePage(second)).toBe(true);
	expect(await runningBuild(second)).toBe('old');
	await expect(updatePrompt(second)).toHaveCount(0);
	await second.getByRole('button', { name: 'Good', exact: true }).click();
	await expect(cardsLeft(second)).toHaveText('11 left');
	await expect(updatePrompt(second)).toBeVisible();
	expect(await isSamePage(second)).toBe(true);

	// Its Reload moves it too, and the session resumes where it was.
	await takeReload(second, updatePrompt(second));
	await expect(cardsLeft(second)).toHaveText('11 left');
	expect(await runningBuild(second)).toBe('new');
	// Two answers acknowledged, two stored.
	expect(await answersStored(first)).toBe('2 answers today');
});

/** The old build's files survive only in the browser's HTTP cache; a phone may have evicted them. */
async function forgetHttpCache(page: Page): Promise<void> {
	const devtools = await page.context().newCDPSession(page);
	await devtools.send('Network.clearBrowserCache');
	await devtools.detach();
}

test('an old tab whose screen is gone opens it in the new version, nothing lost', async ({ context }) => {
	const current = await context.newPage();
	await current.goto(`${origin}/`);
	await controlled(current);
	const old = await context.newPage();
	await old.goto(`${origin}/review/soft-skills`);
	await started(old);
	await answer(old, 'Good');

	await deploy(current);
	await takeReload(current, updatePrompt(current));
	expect(await runningBuild(current)).toBe('new');
	await forgetHttpCache(old);

	// The home screen's code of the old build is on neither the server nor in the cache: the kit
	// notices the new version and loads the page anew.
	expect(await runningBuild(old)).toBe('old');
	await old.getByRole('link', { name: 'Home' }).click();
	await expect(old.getByRole('heading', { level: 1, name: 'Glossary Flashcards' })).toBeVisible();
	await expect.poll(() => runningBuild(old)).toBe('new');
	await expect(old.getByText('1 answer today')).toBeVisible();
});

test('an old tab whose lazy code is gone offers a reload', async ({ context }) => {
	const current = await context.newPage();
	await current.goto(`${origin}/`);
	await controlled(current);
	const old = await context.newPage();
	await old.goto(`${origin}/import`);
	await expect(old.getByRole('heading', { level: 1, name: 'Add a glossary' })).toBeVisible();
	await started(old);

	await deploy(current);
	await takeReload(current, updatePrompt(current));
	expect(await runningBuild(current)).toBe('new');
	await forgetHttpCache(old);

	const page = 'Product Roadmap\n\nWhat is a Product Roadmap?\n\nA product roadmap is a shared plan for how a product evolves.\n';
	// Typing a page loads the card maker, a chunk the old build named differently and that is gone.
	await old.getByRole('textbox', { name: 'Glossary text' }).fill(page);
	const stale = old.getByRole('alert').filter({ hasText: 'This tab runs an older version of the app' });
	await expect(stale).toBeVisible();
	await mark(old);
	await takeReload(old, stale);
	expect(await isSamePage(old)).toBe(false);
	expect(await runningBuild(old)).toBe('new');
	await expect(stale).toHaveCount(0);
	await old.getByRole('textbox', { name: 'Glossary text' }).fill(page);
	await expect(old.getByRole('region', { name: /^\d+ cards?$/ })).toBeVisible();
});
