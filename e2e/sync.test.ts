// Two browser profiles as two devices of one learner, syncing through the embedded server,
// which each test starts on a free port (a process of its own, so it can be stopped mid-way).
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, cardFront, deckCounts, openHome, setStudyNumber, startStudy } from './helpers';
import { overflowing, seriousViolations } from './page-checks';

interface SyncServer {
	url: string;
	stop(): Promise<void>;
	start(): Promise<void>;
}

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

async function syncServer(): Promise<SyncServer & { remove(): Promise<void> }> {
	const dir = await mkdtemp(join(tmpdir(), 'sync-e2e-'));
	const port = await freePort();
	let child: ChildProcess | undefined;
	const server = {
		url: `http://localhost:${port}`,
		async start() {
			child = spawn(process.execPath, ['scripts/sync-server.js', '--dir', dir, '--port', String(port)], {
				stdio: ['ignore', 'pipe', 'inherit']
			});
			await new Promise<void>((done, fail) => {
				child!.stdout!.on('data', (chunk: Buffer) => {
					if (chunk.toString().includes('Sync server at')) done();
				});
				child!.on('exit', (code) => fail(new Error(`The sync server stopped (${code})`)));
			});
		},
		async stop() {
			if (!child || child.exitCode !== null) return;
			const exited = new Promise((done) => child!.once('exit', done));
			child.kill('SIGKILL');
			await exited;
		},
		async remove() {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		}
	};
	await server.start();
	return server;
}

let names = 0;
const learnerName = () => `learner-${Date.now().toString(36)}-${++names}`;

async function openSettings(page: Page) {
	await page.goto('/settings#sync');
	await expect(page.getByRole('heading', { level: 2, name: 'Sync' })).toBeVisible();
}

const syncStatus = (page: Page) => page.getByRole('region', { name: 'Sync' }).getByRole('status');

async function signIn(page: Page, server: string, name: string, how: 'Sign up' | 'Sign in') {
	await openSettings(page);
	await page.getByRole('textbox', { name: 'Server' }).fill(server);
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

/** The Sync section as a 320 px phone shows it: nothing past the edge, and nothing axe finds serious. */
async function fitsAPhone(page: Page) {
	await page.setViewportSize({ width: 320, height: 568 });
	expect(await overflowing(page)).toEqual([]);
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 1280, height: 720 });
}

/** The exported backup, less the moment of export: what two synced devices must share. */
async function exported(page: Page) {
	await page.goto('/settings#backup');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	const backup = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
	delete backup.exportedAt;
	return backup as { decks: { id: string; title: string }[]; cards: { id: string }[]; reviews: unknown[] };
}

async function device(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await openHome(page);
	// Offline later needs the service worker in charge of the page.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	return { context, page };
}

/** A new learner signed up on a laptop and signed in on a phone, each a browser context of its own. */
async function twoDevices(browser: Browser) {
	const laptop = await device(browser);
	const phone = await device(browser);
	const name = learnerName();
	await signIn(laptop.page, server.url, name, 'Sign up');
	await signIn(phone.page, server.url, name, 'Sign in');
	const close = async () => {
		await laptop.context.close();
		await phone.context.close();
	};
	return { laptop, phone, close };
}

let server: Awaited<ReturnType<typeof syncServer>>;

test.beforeEach(async () => {
	server = await syncServer();
});

test.afterEach(async () => {
	await server.remove();
});

test('the Server field is filled in with the sync server that npm start runs', async ({ page }) => {
	await openSettings(page);
	await expect(page.getByRole('textbox', { name: 'Server' })).toHaveValue(/^http:\/\/localhost:\d+$/);
	await page.getByRole('textbox', { name: 'Server' }).fill('http://sync.example.com');
	await page.getByRole('textbox', { name: 'Name' }).fill('someone');
	await page.getByLabel('Password').fill('secret');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'The server address must start with https:// (http:// is only for localhost and 127.0.0.1).'
	);
});

test('the Server field is not filled in under the learner who is in it', async ({ page }) => {
	let release = () => {};
	const focused = new Promise<void>((done) => (release = done));
	await page.route('**/sync-server.json', async (route) => {
		await focused;
		await route.continue();
	});
	const answered = page.waitForResponse('**/sync-server.json');
	await openSettings(page);
	const field = page.getByRole('textbox', { name: 'Server' });
	await field.focus();
	release();
	await answered;
	// The answer is read in the page's next tasks: let them run, then the field is still the learner's.
	await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
	await expect(field).toHaveValue('');
});

test('a wrong password is refused in words', async ({ page }) => {
	const name = learnerName();
	await signIn(page, server.url, name, 'Sign up');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('textbox', { name: 'Name' }).fill(name);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong name or password');
});

const softSkills = 'What are Soft Skills in Product Management?';

/** Edits the front of the card that asks `front`, from Browse, and waits for "Saved.". */
async function editFront(page: Page, front: string, newFront: string) {
	await openHome(page);
	await page.getByRole('link', { name: 'Browse' }).click();
	await page.getByRole('link', { name: front }).click();
	await page.getByRole('button', { name: 'Edit' }).click();
	await page.getByLabel('Front').fill(newFront);
	await page.getByRole('button', { name: 'Save' }).click();
	// Offline, the layout's "Offline" is a status too.
	await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
}

async function browseShows(page: Page, front: string) {
	await openHome(page);
	await page.getByRole('link', { name: 'Browse' }).click();
	await expect(page.getByRole('link', { name: front })).toBeVisible();
}

const roadmap =
	'Product Roadmap\n\nWhat is a Product Roadmap?\n\nA product roadmap is a shared plan that shows how a product will evolve over time and why.\n\nKey Components\n\n- Vision: The long-term destination of the product.\n- Themes: Groups of related work tied to a customer problem.\n';

test('two devices study offline (one undoing), one adds a deck, both edit one card: synced, they end with the same decks, cards and log, and the later edit until the learner keeps one', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { laptop, phone, close } = await twoDevices(browser);

	await laptop.context.setOffline(true);
	await phone.context.setOffline(true);
	await openHome(laptop.page);
	await startStudy(laptop.page);
	await answer(laptop.page, 'Good');
	await answer(laptop.page, 'Again');
	// A deck added offline, with an answer of its own.
	await laptop.page.goto('/import');
	await laptop.page.getByRole('textbox', { name: 'Glossary text' }).fill(roadmap);
	await laptop.page.getByRole('button', { name: 'Create deck', exact: true }).click();
	await expect(laptop.page.getByRole('status').filter({ hasText: /^Created the deck Product Roadmap/ })).toBeVisible();
	await openHome(laptop.page);
	await startStudy(laptop.page, 'Product Roadmap');
	await answer(laptop.page, 'Good');

	await openHome(phone.page);
	await startStudy(phone.page);
	await answer(phone.page, 'Easy');
	const undone = await cardFront(phone.page).textContent();
	await answer(phone.page, 'Good');
	await phone.page.getByRole('button', { name: 'Undo' }).click();
	await expect(cardFront(phone.page)).toHaveText(undone!);
	await answer(phone.page, 'Hard');
	await openHome(phone.page);
	await expect(phone.page.getByRole('link', { name: /^Sync: / })).toHaveText(
		/^(2 answers waiting to sync|The server can't be reached; your answers are kept on this device)$/
	);
	// The same card edited on both, the phone's edit the later.
	await editFront(laptop.page, softSkills, 'Soft skills, in the laptop’s words');
	await editFront(phone.page, softSkills, 'Soft skills, in the phone’s words');

	// One back online after the other, so that the phone's sync, with the later edit, comes second.
	await laptop.context.setOffline(false);
	await syncNow(laptop.page);
	await phone.context.setOffline(false);
	await syncNow(phone.page);

	const conflicts = phone.page.getByRole('list', { name: 'Cards edited on two devices' });
	await expect(conflicts.getByRole('listitem')).toHaveCount(1);
	const shown = conflicts.getByRole('group', { name: 'Shown now' });
	const other = conflicts.getByRole('group', { name: 'The other edit' });
	await expect(shown).toContainText('Front Soft skills, in the phone’s words');
	await expect(shown).toContainText('edited on this device');
	await expect(other).toContainText('Front Soft skills, in the laptop’s words');
	await expect(other).toContainText('edited on another device');
	await fitsAPhone(phone.page);
	// Until one is kept, both devices show the later edit.
	await syncNow(laptop.page);
	await expect(laptop.page.getByRole('list', { name: 'Cards edited on two devices' })).toHaveCount(0);
	await browseShows(laptop.page, 'Soft skills, in the phone’s words');

	await other.getByRole('button', { name: 'Keep this one' }).click();
	await expect(conflicts).toHaveCount(0);
	await syncNow(phone.page);
	await syncNow(laptop.page);
	for (const { page } of [laptop, phone]) await browseShows(page, 'Soft skills, in the laptop’s words');

	const onLaptop = await exported(laptop.page);
	const onPhone = await exported(phone.page);
	expect(onPhone).toEqual(onLaptop);
	expect(onPhone.decks.map((deck) => deck.title).sort()).toEqual(['Product Roadmap', 'Soft Skills']);
	// Three answers from the laptop, two from the phone; the undone one is in neither.
	expect(onLaptop.reviews).toHaveLength(5);
	await openHome(laptop.page);
	await openHome(phone.page);
	for (const title of ['Soft Skills', 'Product Roadmap'])
		expect(await deckCounts(phone.page, title).textContent()).toBe(await deckCounts(laptop.page, title).textContent());
	await expect(laptop.page.getByText('5 answers today')).toBeVisible();
	await close();
});

test('settings changed on two devices: the later save is kept on both, also against a clock running ahead, the device whose save lost is told, each keeps its theme, and a deck’s own limit travels', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { laptop, phone, close } = await twoDevices(browser);

	// Offline, so that no sync on opening a page takes a change across before the other is made.
	await laptop.context.setOffline(true);
	await phone.context.setOffline(true);
	await setStudyNumber(laptop.page, 'New cards per day', '30');
	await setStudyNumber(phone.page, 'New cards per day', '5');
	await phone.page.getByRole('radio', { name: 'Dark' }).check();
	await laptop.context.setOffline(false);
	await syncNow(laptop.page);
	await phone.context.setOffline(false);
	await syncNow(phone.page);
	// The phone saved last: its settings stand, and it has nothing to be told.
	await expect(phone.page.getByRole('list', { name: 'Changed on two devices' })).toHaveCount(0);

	await syncNow(laptop.page);
	await expect(laptop.page.getByLabel('New cards per day')).toHaveValue('5');
	await expect(laptop.page.getByRole('radio', { name: 'System' })).toBeChecked();
	const notices = laptop.page.getByRole('list', { name: 'Changed on two devices' });
	await expect(notices.getByRole('listitem')).toHaveText([
		/^Your settings from this device \(saved .+\) were overruled by a later save on another device \(saved .+\): New cards per day 5 \(this device had 30\)\.$/
	]);
	await fitsAPhone(laptop.page);
	// Saved again here, the notice is out of date: it goes without being dismissed.
	await setStudyNumber(laptop.page, 'New cards per day', '7');
	await expect(notices).toHaveCount(0);
	await syncNow(laptop.page);
	await syncNow(phone.page);
	await expect(phone.page.getByLabel('New cards per day')).toHaveValue('7');
	await expect(phone.page.getByRole('list', { name: 'Changed on two devices' })).toHaveCount(0);
	await phone.page.reload();
	await expect(phone.page.getByRole('radio', { name: 'Dark' })).toBeChecked();

	// A deck's own New cards per day, set on the laptop, is used on the phone; and so is going back.
	await laptop.page.goto('/decks/soft-skills');
	const newPerDay = laptop.page.getByLabel('New cards per day');
	await expect(newPerDay).toBeEnabled();
	await newPerDay.fill('3');
	await newPerDay.press('Enter');
	await expect(laptop.page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
	await syncNow(laptop.page);
	await syncNow(phone.page);
	await openHome(phone.page);
	await expect(deckCounts(phone.page)).toContainText('3 new');
	await phone.page.goto('/decks/soft-skills');
	await expect(phone.page.getByLabel('New cards per day')).toHaveValue('3');
	await phone.page.getByRole('button', { name: 'Use the global settings' }).click();
	await expect(phone.page.getByLabel('New cards per day')).toHaveValue('');
	await syncNow(phone.page);
	await syncNow(laptop.page);
	await openHome(laptop.page);
	await expect(deckCounts(laptop.page)).toContainText('7 new');

	// The laptop's clock runs two days ahead: its save is stamped "later", yet the phone's save
	// after it, two days "earlier" by the phone's clock, is the later one and wins on both.
	await laptop.context.clock.setFixedTime(Date.now() + 2 * 86_400_000);
	await setStudyNumber(laptop.page, 'New cards per day', '30');
	await syncNow(laptop.page);
	await syncNow(phone.page);
	await expect(phone.page.getByLabel('New cards per day')).toHaveValue('30');
	await setStudyNumber(phone.page, 'New cards per day', '12');
	await syncNow(phone.page);
	await syncNow(laptop.page);
	for (const { page } of [laptop, phone]) {
		await expect(page.getByLabel('New cards per day')).toHaveValue('12');
		await expect(page.getByRole('list', { name: 'Changed on two devices' })).toHaveCount(0);
	}
	await close();
});

test('a backup from an install that never synced, imported on a new device, reaches a second device; when the server ends the session, the device asks for the password once, then sends what waited', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// An install that never synced: two answers, kept in a backup file.
	const old = await device(browser);
	await startStudy(old.page);
	await answer(old.page, 'Good');
	await answer(old.page, 'Again');
	await old.page.goto('/settings#backup');
	const downloading = old.page.waitForEvent('download');
	await old.page.getByRole('button', { name: 'Export backup' }).click();
	const file = { name: 'backup.json', mimeType: 'application/json', buffer: await readFile(await (await downloading).path()) };
	const kept = await exported(old.page);
	await old.context.close();

	const { laptop, phone, close } = await twoDevices(browser);
	await laptop.page.goto('/settings#backup');
	await laptop.page.getByLabel('Backup file').setInputFiles(file);
	await laptop.page.getByRole('button', { name: 'Import backup' }).click();
	await laptop.page.getByRole('button', { name: 'Replace everything on this device' }).click();
	await expect(laptop.page.getByRole('status').filter({ hasText: /^Imported 1 deck, \d+ cards, 2 reviews\.$/ })).toBeVisible();
	await syncNow(laptop.page);
	await syncNow(phone.page);
	await openHome(phone.page);
	await expect(phone.page.getByText('2 answers today')).toBeVisible();
	expect((await exported(phone.page)).reviews).toEqual(kept.reviews);

	// The server ends the laptop's session: its next answer waits, and the password is asked once.
	await laptop.context.clearCookies({ name: 'AuthSession' });
	await openHome(laptop.page);
	await startStudy(laptop.page);
	await answer(laptop.page, 'Good');
	await openHome(laptop.page);
	const notice = laptop.page.getByRole('alert').filter({ hasText: "Sync stopped: the server ended this device's session." });
	await expect(notice).toHaveCount(1, { timeout: 15_000 });
	await notice.getByRole('link', { name: 'Sign in again' }).click();
	const again = laptop.page.getByRole('form', { name: 'Sign in again' });
	await expect(again).toContainText('1 answer waits to be sent');
	await again.getByLabel('Password').fill('a long secret');
	await again.getByRole('button', { name: 'Sign in again' }).click();
	await expect(syncStatus(laptop.page)).toHaveText('Synced just now', { timeout: 15_000 });
	await expect(again).toHaveCount(0);
	await syncNow(phone.page);
	await openHome(phone.page);
	await expect(phone.page.getByText('3 answers today')).toBeVisible();
	expect(await exported(phone.page)).toEqual(await exported(laptop.page));
	await close();
});

test('hostile documents written into the learner’s own database are all refused and all named, and the store is unchanged', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const laptop = await device(browser);
	const name = learnerName();
	await signIn(laptop.page, server.url, name, 'Sign up');
	await openHome(laptop.page);
	await startStudy(laptop.page);
	await answer(laptop.page, 'Good');
	await syncNow(laptop.page);
	const before = await exported(laptop.page);
	const good = before.reviews[0] as { deckId: string; studyDay: number; time: number; after: object };

	// Anyone with the learner's password can write straight into their database.
	const signedIn = await fetch(`${server.url}/_session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, password: 'a long secret' })
	});
	const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
	const database = `${server.url}/userdb-${Buffer.from(name).toString('hex')}`;
	const logId = (device: string) => `log:${good.deckId}:${good.studyDay}:${device}`;
	const put = async (device: string, entry: object, extra = '') => {
		const doc = JSON.stringify({ type: 'log', deckId: good.deckId, studyDay: good.studyDay, device, entries: [{ ...entry, device }] });
		const response = await fetch(`${database}/${encodeURIComponent(logId(device))}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', cookie },
			body: extra ? doc.replace('"type":"log"', `"type":"log",${extra}`) : doc
		});
		expect(response.status).toBe(201);
	};
	const farDay = good.studyDay + 200 * 365;
	await put('future', { ...good, time: good.time + 50 * 365 * 86_400_000 });
	await put('ctor', good, '"constructor":{"polluted":true}');
	await put('far', { ...good, after: { ...good.after, dueDay: farDay } });
	await put('proto', good);
	// CouchDB keeps a `__proto__` key as written (the embedded server drops it): the device reads
	// that document as CouchDB would send it.
	await laptop.context.route(`${database}/**`, async (route) => {
		const response = await route.fetch();
		const body = (await response.text()).replaceAll('"device":"proto"', '"device":"proto","__proto__":{"polluted":true}');
		await route.fulfill({ response, body });
	});

	const named = [
		`The synced document "${logId('ctor')}" was not taken: it has a "constructor" field, which no device writes.`,
		`The synced document "${logId('far')}" was not taken: entry 1 has a due day more than 100 years away (${farDay}).`,
		`The synced document "${logId('future')}" was not taken: entry 1 is dated 50 years after the present (the clock of the device that wrote it may be wrong).`,
		`The synced document "${logId('proto')}" was not taken: it has a "__proto__" field, which no device writes.`
	];
	const refused = laptop.page.getByRole('list', { name: 'Not taken from the server' }).getByRole('listitem');
	// Every one (in the order of their ids), and again at the next sync.
	for (let i = 0; i < 2; i++) {
		await syncNow(laptop.page);
		await expect(refused).toHaveText(named);
	}
	await fitsAPhone(laptop.page);
	expect(await exported(laptop.page)).toEqual(before);
	expect(await laptop.page.evaluate(() => 'polluted' in {})).toBe(false);
	await openHome(laptop.page);
	await expect(laptop.page.getByText('1 answer today')).toBeVisible();
	await laptop.context.close();
});
