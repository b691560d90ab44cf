// The app as `npm start` runs it, opened at 127.0.0.1: scripts/serve.js supervising the app's
// static server and the embedded sync server, two processes of their own (a supervisor for this
// file, on free ports, its data in a temporary folder). The sync server killed in the middle of a
// sync comes back by itself, and a browser closed and opened again is still signed in.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOptions } from '../playwright.config';
import { answer, openHome, startStudy } from './helpers';

test.describe.configure({ mode: 'serial' });

async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
		probe.on('error', fail);
	});
}

/** `npm start`'s supervisor on ports of its own; what it printed, to know its processes. */
let supervisor: ChildProcess;
let printed = '';
let app = '';
let syncPort = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'sync-server-e2e-'));

/** The sync server's process ids, in the order the supervisor started them. */
const syncProcesses = () => [...printed.matchAll(/Sync server started \(process (\d+)\)/g)].map((match) => Number(match[1]));
const syncStarts = () => printed.match(/Sync server at /g)?.length ?? 0;

test.beforeAll(async () => {
	const port = await freePort();
	app = `http://127.0.0.1:${port}`;
	supervisor = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), SYNC_DIR: dataDir, SYNC_PORT: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	supervisor.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
	supervisor.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
	await expect.poll(() => /Serving build\//.test(printed) && syncStarts() === 1, { timeout: 30_000 }).toBe(true);
	syncPort = Number(/Sync server at http:\/\/localhost:(\d+)/.exec(printed)![1]);
});

test.afterAll(async () => {
	const exited = new Promise((done) => supervisor.once('exit', done));
	supervisor.kill('SIGTERM');
	await exited;
	rmSync(dataDir, { recursive: true, force: true });
});

let names = 0;
const learnerName = () => `learner-${Date.now().toString(36)}-${++names}`;
const syncStatus = (page: Page) => page.getByRole('region', { name: 'Sync' }).getByRole('status');

async function openSettings(page: Page) {
	await page.goto('/settings#sync');
	await expect(page.getByRole('heading', { level: 2, name: 'Sync' })).toBeVisible();
}

/** Signs in with the Server field as the page filled it in: the sync server under the page's own host. */
async function signIn(page: Page, name: string, how: 'Sign up' | 'Sign in') {
	await openSettings(page);
	await expect(page.getByRole('textbox', { name: 'Server' })).toHaveValue(`http://127.0.0.1:${syncPort}`);
	await page.getByRole('textbox', { name: 'Name' }).fill(name);
	await page.getByLabel('Password').fill('a long secret');
	await page.getByRole('button', { name: how }).click();
	await expect(syncStatus(page)).toHaveText('Synced just now', { timeout: 15_000 });
}

async function syncNow(page: Page) {
	await openSettings(page);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 15_000 });
	await expect(syncStatus(page)).toHaveText('Synced just now');
}

/** The exported backup, less the moment of export: what two synced devices must share. */
async function exported(page: Page) {
	await page.goto('/settings#backup');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	const backup = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
	delete backup.exportedAt;
	return backup as { reviews: unknown[] };
}

async function device(browser: Browser) {
	const context = await browser.newContext({ baseURL: app });
	const page = await context.newPage();
	await openHome(page);
	return { context, page };
}

test('two devices at 127.0.0.1: the sync server killed in the middle of a sync comes back, and nothing is lost or doubled', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const laptop = await device(browser);
	const phone = await device(browser);
	const name = learnerName();
	await signIn(laptop.page, name, 'Sign up');
	await signIn(phone.page, name, 'Sign in');

	// The first sync to send these answers kills the sync server once it is pushing (PouchDB asks
	// which revisions the server lacks before it sends them); the supervisor starts it again.
	const first = syncProcesses().at(-1)!;
	let killed = false;
	await laptop.context.route(
		`http://127.0.0.1:${syncPort}/**/_revs_diff`,
		async (route) => {
			process.kill(first, 'SIGKILL');
			killed = true;
			await route.continue().catch(() => {});
		},
		{ times: 1 }
	);
	await openHome(laptop.page);
	await startStudy(laptop.page);
	await answer(laptop.page, 'Good');
	await answer(laptop.page, 'Easy');
	await openSettings(laptop.page);
	await laptop.page.getByRole('button', { name: 'Sync now' }).click();
	await expect.poll(() => killed, { timeout: 15_000 }).toBe(true);
	await expect.poll(() => syncStarts(), { timeout: 30_000 }).toBe(2);
	expect(syncProcesses().at(-1)).not.toBe(first);

	await syncNow(laptop.page);
	await syncNow(phone.page);
	await openHome(phone.page);
	await expect(phone.page.getByText('2 answers today')).toBeVisible();
	const onPhone = await exported(phone.page);
	expect(onPhone.reviews).toHaveLength(2);
	expect(onPhone).toEqual(await exported(laptop.page));
	await laptop.context.close();
	await phone.context.close();
});

test('the browser closed and opened again is still signed in, and its next answer travels', async ({ browser }) => {
	test.setTimeout(120_000);
	const profile = mkdtempSync(join(tmpdir(), 'flashcards-profile-'));
	try {
		const open = () =>
			chromium.launchPersistentContext(profile, {
				...launchOptions,
				baseURL: app,
				viewport: { width: 390, height: 844 },
				hasTouch: true,
				isMobile: true,
				serviceWorkers: 'allow'
			});
		let context = await open();
		let page = context.pages()[0] ?? (await context.newPage());
		await openHome(page);
		const name = learnerName();
		await signIn(page, name, 'Sign up');
		await openHome(page);
		await startStudy(page);
		await answer(page, 'Good');
		await syncNow(page);
		await context.close();

		context = await open();
		page = context.pages()[0] ?? (await context.newPage());
		await openHome(page);
		await startStudy(page);
		await answer(page, 'Good');
		await syncNow(page);
		await expect(page.getByRole('region', { name: 'Sync' }).getByText(`Signed in as ${name}`)).toBeVisible();
		await context.close();

		const phone = await device(browser);
		await signIn(phone.page, name, 'Sign in');
		await openHome(phone.page);
		await expect(phone.page.getByText('2 answers today')).toBeVisible();
		await phone.context.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});
