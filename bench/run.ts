// `npm run bench`: builds the app, serves the production build on localhost and measures it in the
// Chromium the e2e tests use: bytes, Lighthouse, offline cold start, answer latency, the home page
// and the queue at 100,000 cards, the generator, backup import and export, memory. Writes
// bench/results.json and bench/RESULTS.md, and prints each figure beside its budget (bench/budgets.json).
//
// BENCH_ONLY=size,lighthouse,cold,answers,journal,generator,backup,fsrs,anki,sync runs only those parts (the other figures
// are kept from the last results.json); BENCH_QUICK=1 runs fewer repetitions; BENCH_SIZES=1000,10000
// picks the collections; BENCH_COLD_RUNS=20 times more cold starts; BENCH_PORT sets the port; BENCH_REPORT_ONLY=1 rewrites RESULTS.md from
// results.json and bench/NOTES.md.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { loadSqlite } from '../src/lib/anki/sqlite';
import { makePackage, type TestNote } from '../src/lib/anki/test-package';
import { DATABASE_NAME } from '../src/lib/db/schema';
import { generateDeck } from '../src/lib/glossary/index';
import { studyDay } from '../src/lib/srs/days';
import { defaultSettings, type Settings } from '../src/lib/srs/types';
import { cdpSession, chromiumExecutable, chromiumVersion, heapAfterGc, inPage, launchOptions, launchProfile } from './lib/browser';
import { buildApp } from './lib/build';
import { chunks, fileBytes, firstLoad, precache } from './lib/first-load';
import { evaluationInWorker, evaluationWorkerPath, fitInWorker, fsrsReplay } from './lib/fsrs';
import { syncFigures } from './lib/sync';
import { bigGlossaryPage } from './lib/glossary-page';
import { runLighthouse } from './lib/lighthouse';
import { chunkContents, SourceNamer, startProfile, stopProfile, summarizeProfile } from './lib/profile';
import { checkBudgets, writeReport, type Budgets, type ColdStart as ReportedColdStart, type Diagnostic, type Results } from './lib/report';
import { FloorServer } from './lib/floor';
import { StaticServer } from './lib/server';
import { startTrace, stopTrace, summarizeTrace } from './lib/trace';
import { rounded, summarize, type Summary } from './lib/stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const tmp = join(benchDir, '.tmp');
const mapsDir = join(tmp, 'maps');
const profiles = join(tmp, 'profiles');
/** The copy of the build the benchmark serves and measures (see lib/build.ts). */
const siteDir = join(tmp, 'site');
const buildDir = join(siteDir, 'build');
const port = Number(process.env.BENCH_PORT ?? 4317);
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const wanted = (part: string) => !only || only.has(part);

/** Repetitions: each timing is the median and p95 of `runs` after `warmup` runs that are not counted. */
const REPEAT = {
	coldStart: { warmup: 2, runs: quick ? 4 : Number(process.env.BENCH_COLD_RUNS ?? 10) },
	page100k: { warmup: 2, runs: quick ? 3 : 8 },
	answers: { warmup: 10, runs: quick ? 40 : 200 },
	generator: { warmup: 2, runs: quick ? 3 : 10 },
	backup: { warmup: 1, runs: quick ? 1 : 3 },
	fsrs: { warmup: 1, runs: quick ? 2 : 5 },
	anki: { warmup: 1, runs: quick ? 1 : 3 },
	lighthouse: { runs: quick ? 1 : 3 }
};
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [1_000, 10_000, 100_000];
const REVIEWS_PER_CARD = 10;
const DECK = { id: 'bench', title: 'Product Management' };

const budgets = JSON.parse(readFileSync(join(benchDir, 'budgets.json'), 'utf8')) as Budgets;
/** The most a figure may be to meet its budget. */
const limit = (id: string): number => {
	const budget = budgets[id];
	return typeof budget === 'object' && budget.max !== undefined ? budget.max : Infinity;
};
const previous: Partial<Results> =
	only && existsSync(join(benchDir, 'results.json')) ? JSON.parse(readFileSync(join(benchDir, 'results.json'), 'utf8')) : {};
const results: Results = { ...(previous as Results), diagnostics: { ...(previous.diagnostics ?? {}) } };
const server = new StaticServer(siteDir, port);
const namer = new SourceNamer(mapsDir);
const startedAt = performance.now();

function log(message: string): void {
	const s = ((performance.now() - startedAt) / 1000).toFixed(0).padStart(4);
	console.log(`[${s}s] ${message}`);
}

const ms = (s: Summary) => rounded(s, 1);
const url = (path: string) => `${server.origin}${path}`;

/** The settings of every benchmark collection: the defaults, with room for hundreds of reviews a day. */
const settings: Settings = { ...defaultSettings, reviewsPerDay: 9999 };

/** What the app has seeded from decks/, so it seeds nothing into a benchmark collection. */
function bundledPages(): Record<string, string> {
	const pages: Record<string, string> = {};
	for (const name of readdirSync(join(root, 'decks'))) {
		if (/\.(txt|md)$/.test(name)) pages[name.replace(/\.(txt|md)$/, '')] = readFileSync(join(root, 'decks', name), 'utf8');
	}
	return pages;
}

function collection(cards: number) {
	const now = Date.now();
	const DAY = 86_400_000;
	return {
		databaseName: DATABASE_NAME,
		deckId: DECK.id,
		deckTitle: DECK.title,
		cards,
		reviewsPerCard: REVIEWS_PER_CARD,
		now,
		today: studyDay(now, settings.dayStartHour),
		dayStartHour: settings.dayStartHour,
		installedAt: now - 400 * DAY,
		// A learner who last backed up ten days ago: the home page counts the answers since.
		lastBackupAt: now - 10 * DAY,
		settings,
		bundled: bundledPages(),
		batch: 22_000
	};
}

// ---------------------------------------------------------------------------------------------

async function openApp(page: Page): Promise<void> {
	await page.goto(url('/'));
	await page.getByRole('heading', { level: 1, name: 'Glossary Flashcards' }).waitFor();
	await inPage(page, 'controlled()');
	await page
		.getByRole('link', { name: /^Study / })
		.first()
		.waitFor({ timeout: 60_000 });
}

/**
 * A profile with the app installed (service worker in control) and a seeded collection of `cards`
 * cards. Seeding a million reviews takes minutes, so each collection is seeded once a day into a
 * pristine profile (its service worker and caches removed, so the current build installs afresh)
 * and copied for each run; BENCH_RESEED=1 seeds anew.
 */
async function seededProfile(
	cards: number
): Promise<{ context: BrowserContext; page: Page; seed: { cards: number; reviews: number; ms: number; reused: boolean } }> {
	const config = collection(cards);
	const key = createHash('sha256')
		.update(readFileSync(join(benchDir, 'page', 'collection.js')))
		.update(readFileSync(join(root, 'src', 'lib', 'db', 'schema.ts')))
		.update(readFileSync(join(root, 'src', 'lib', 'db', 'log-codec.ts')))
		.update(JSON.stringify({ ...config, now: 0, installedAt: 0, lastBackupAt: 0 }))
		.digest('hex')
		.slice(0, 12);
	const seededDir = join(tmp, 'seeded');
	const pristine = join(seededDir, `c${cards}-${key}`);
	const record = join(pristine, 'bench-seed.json');
	let reused = true;
	if (process.env.BENCH_RESEED === '1' || !existsSync(record)) {
		reused = false;
		if (existsSync(seededDir))
			for (const name of readdirSync(seededDir))
				if (name.startsWith(`c${cards}-`)) rmSync(join(seededDir, name), { recursive: true, force: true });
		const { context, page } = await launchProfile(pristine, { fresh: true });
		try {
			await openApp(page);
			const seed = await inPage<{ cards: number; reviews: number; ms: number }>(page, `seed(${JSON.stringify(config)})`);
			if (seed.cards !== cards || seed.reviews !== cards * REVIEWS_PER_CARD)
				throw new Error(`Seeding made ${seed.cards} cards and ${seed.reviews} reviews`);
			await page.evaluate(`(async () => {
				for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
				for (const name of await caches.keys()) await caches.delete(name);
			})()`);
			await context.close();
			writeFileSync(record, JSON.stringify(seed));
		} catch (error) {
			await context.close();
			rmSync(pristine, { recursive: true, force: true });
			throw error;
		}
	}
	const seed = JSON.parse(readFileSync(record, 'utf8')) as { cards: number; reviews: number; ms: number };
	const dir = join(profiles, `c${cards}`);
	rmSync(dir, { recursive: true, force: true });
	cpSync(pristine, dir, { recursive: true });
	const { context, page } = await launchProfile(dir);
	await openApp(page);
	return { context, page, seed: { ...seed, reused } };
}

interface Ready {
	workerStart?: number;
	responseEnd?: number;
	domInteractive?: number;
	scriptsLoaded?: number;
	idbOpen?: number;
	visible: number;
	painted: number;
	doubleRaf: number;
	/** First contentful paint, and the heading's paint by Element Timing (the floor page only). */
	fcp?: number;
	element?: number;
	front?: string;
	written?: { visible: number; painted: number; doubleRaf: number; fcp?: number; element?: number; front?: string };
	error?: string;
}

async function ready(page: Page): Promise<Ready> {
	const r = await inPage<Ready>(page, 'ready');
	if (r.error) throw new Error(r.error);
	return r;
}

/** A new load of `path` (after about:blank, so that nothing of the last page is still running). */
async function goAndWait(page: Page, path: string): Promise<Ready> {
	await page.goto('about:blank');
	await page.goto(url(path), { waitUntil: 'commit' });
	return ready(page);
}

// ---- 1. Size ---------------------------------------------------------------------------------

function measureSize(): void {
	const load = firstLoad(buildDir, 'index.html');
	const cache = precache(buildDir);
	const all = chunks(buildDir);
	const sw = ['sw.js', ...readdirSync(buildDir).filter((name) => /^workbox-.*\.js$/.test(name))].map((path) => fileBytes(buildDir, path));
	const js = { ...load.js, files: load.js.files.map((f) => ({ ...f, contents: chunkContents(mapsDir, f.path, 6) })) };
	results.size = {
		firstLoad: { js, css: load.css },
		precache: { files: cache.files.length, raw: cache.raw, gzip: cache.gzip, missing: cache.missing },
		serviceWorker: { files: sw.map((f) => f.path), raw: sw.reduce((s, f) => s + f.raw, 0), gzip: sw.reduce((s, f) => s + f.gzip, 0) },
		largestChunk: all[0]!,
		chunks: all.length,
		browserFirstVisit: results.size?.browserFirstVisit
	};
	log(
		`size: first-load JS ${load.js.gzip} B gzip (${load.js.raw} raw, ${load.js.files.length} files), CSS ${load.css.gzip} B gzip; precache ${cache.files.length} files ${cache.gzip} B gzip; largest chunk ${all[0]!.path} ${all[0]!.gzip} B gzip`
	);
}

/** The first visit of a new profile: what the page itself fetched (the worker's precache apart). */
async function firstVisit(page: Page): Promise<void> {
	const seen: { path: string; fromServiceWorker: boolean }[] = [];
	page.on('response', (response) => {
		const u = new URL(response.url());
		if (u.origin === server.origin) seen.push({ path: u.pathname.replace(/^\//, ''), fromServiceWorker: response.fromServiceWorker() });
	});
	await openApp(page);
	await page.waitForTimeout(1000);
	page.removeAllListeners('response');
	const listed = new Set(results.size.firstLoad.js.files.map((f) => f.path));
	const of = (ext: string) => {
		const files = [...new Set(seen.filter((s) => s.path.endsWith(ext) && existsSync(join(buildDir, s.path))).map((s) => s.path))].map((p) =>
			fileBytes(buildDir, p)
		);
		return {
			files: files.length,
			raw: files.reduce((s, f) => s + f.raw, 0),
			gzip: files.reduce((s, f) => s + f.gzip, 0),
			paths: files.map((f) => f.path)
		};
	};
	const js = of('.js');
	const css = of('.css');
	results.size.browserFirstVisit = {
		js: { files: js.files, raw: js.raw, gzip: js.gzip },
		css: { files: css.files, raw: css.raw, gzip: css.gzip },
		/** Loaded by the page after start (import() of the generator for the bundled deck, the deck text, the worker registration). */
		laterJs: js.paths.filter((p) => !listed.has(p)).map((p) => fileBytes(buildDir, p))
	};
	log(`first visit: the page loaded ${js.files} JS files, ${js.gzip} B gzip (${js.raw} raw); ${css.gzip} B CSS gzip`);
}

// ---- 3. Cold start, installed and offline ----------------------------------------------------

/** A cold start's figures (bench/lib/report.ts), the written card's always measured now. */
type ColdStart = ReportedColdStart & { written: NonNullable<ReportedColdStart['written']> };

const PHASES = ['responseEnd', 'domInteractive', 'scriptsLoaded', 'idbOpen', 'visible', 'painted'] as const;

const floorServer = new FloorServer(port + 1);
const floorProfile = join(profiles, 'floor');

/** The floor page installed in a new profile of its own, then its server stopped (offline for real). */
async function installFloor(): Promise<void> {
	await floorServer.start();
	try {
		const { context, page } = await launchProfile(floorProfile, { fresh: true });
		try {
			await page.goto(floorServer.url);
			await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
			await page.reload();
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		} finally {
			await context.close();
		}
	} finally {
		await floorServer.stop();
	}
}

/**
 * A new browser launch on profile `dir`, offline at CPU throttling `rate`, opening `address`: what
 * the page showed first (bench/page/bench.js), and whether the service worker answered.
 */
async function offlineStart(dir: string, address: string, rate: number, onPage?: (page: Page) => void) {
	const { context, page } = await launchProfile(dir);
	try {
		await context.setOffline(true);
		const cdp = await cdpSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		onPage?.(page);
		const response = await page.goto(address, { waitUntil: 'commit' });
		return { ready: await ready(page), fromServiceWorker: response?.fromServiceWorker() ?? false };
	} finally {
		await context.close();
	}
}

/** One offline cold start of the floor page at `rate`: its heading painted. */
async function floorColdStart(rate: number): Promise<Ready> {
	const start = await offlineStart(floorProfile, floorServer.url, rate);
	if (!start.fromServiceWorker) throw new Error('The floor page did not come from its service worker');
	return start.ready;
}

async function coldStarts(dir: string, path: string, rate: number, withFloor = false): Promise<ColdStart> {
	const floors: Ready[] = [];
	const painted: number[] = [];
	const doubleRaf: number[] = [];
	const visible: number[] = [];
	const loads: Ready[] = [];
	const failed = new Set<string>();
	let fromSw = true;
	let { warmup, runs } = REPEAT.coldStart;
	for (let i = 0; i < warmup + runs; i++) {
		const { ready: r, fromServiceWorker } = await offlineStart(dir, url(path), rate, (page) =>
			page.on('requestfailed', (request) => failed.add(new URL(request.url()).pathname))
		);
		fromSw &&= fromServiceWorker;
		// Starts of many seconds say enough in three runs; more would take the benchmark past its quarter hour.
		if (i === 0 && r.painted > 3000) [warmup, runs] = [1, 3];
		if (i < warmup) continue;
		painted.push(r.painted);
		doubleRaf.push(r.doubleRaf);
		visible.push(r.visible);
		loads.push(r);
		if (withFloor) floors.push(await floorColdStart(rate));
	}
	const above = (of: (r: Ready) => number | undefined, floor: (f: Ready) => number | undefined) =>
		ms(summarize(loads.map((r, i) => (r.written && floors[i] ? (of(r) ?? NaN) - (floor(floors[i]!) ?? NaN) : NaN))));
	const phases = Object.fromEntries(PHASES.map((phase) => [phase, Math.round(summarize(loads.map((r) => r[phase] ?? NaN)).median)]));
	const written = loads.flatMap((r) => (r.written ? [r.written] : []));
	return {
		written: {
			painted: ms(summarize(written.map((w) => w.painted))),
			doubleRaf: ms(summarize(written.map((w) => w.doubleRaf))),
			fcp: ms(summarize(written.map((w) => w.fcp ?? NaN))),
			element: ms(summarize(written.map((w) => w.element ?? NaN))),
			// The browser's record of the written front's paint; the app's own front where none was written.
			firstCard: ms(summarize(loads.map((r) => r.written?.element ?? r.written?.painted ?? r.painted))),
			runs: written.length,
			of: loads.length,
			// The app took over with the card the worker wrote, in every run.
			sameFront: loads.every((r) => !r.written || r.written.front === r.front)
		},
		floor: withFloor
			? {
					painted: ms(summarize(floors.map((f) => f.painted))),
					fcp: ms(summarize(floors.map((f) => f.fcp ?? NaN))),
					element: ms(summarize(floors.map((f) => f.element ?? NaN))),
					writtenAbove: above(
						(r) => r.written?.painted,
						(f) => f.painted
					),
					// Every pair: what the page showed first (written or the app's own), minus the floor.
					firstAbove: ms(summarize(loads.map((r, i) => (floors[i] ? (r.written?.painted ?? r.painted) - floors[i]!.painted : NaN)))),
					writtenFcpAbove: above(
						(r) => r.written?.fcp,
						(f) => f.fcp
					),
					writtenElementAbove: above(
						(r) => r.written?.element,
						(f) => f.element
					)
				}
			: undefined,
		painted: ms(summarize(painted)),
		doubleRaf: ms(summarize(doubleRaf)),
		visible: ms(summarize(visible)),
		phases,
		documentFromServiceWorker: fromSw,
		failedRequests: [...failed]
	};
}

/**
 * One cold start under the profiler, with the app's IndexedDB transactions and fetches timed, and
 * one traced (the first navigation stays in the launch's renderer process, so both see it all).
 */
async function diagnoseColdStart(dir: string, path: string, rate: number): Promise<Pick<Diagnostic, 'profile' | 'trace' | 'timeline'>> {
	const once = async <T>(start: (cdp: CDPSession) => Promise<void>, stop: (cdp: CDPSession, page: Page) => Promise<T>): Promise<T> => {
		const { context, page } = await launchProfile(dir);
		try {
			await context.addInitScript({ content: 'globalThis.__bench && globalThis.__bench.traceTransactions();' });
			await context.setOffline(true);
			const cdp = await cdpSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate });
			await start(cdp);
			await page.goto(url(path), { waitUntil: 'commit' });
			const r = await ready(page);
			await page.evaluate(`performance.mark('front painted', { startTime: ${r.painted} })`);
			return await stop(cdp, page);
		} finally {
			await context.close();
		}
	};
	const profiled = await once(startProfile, async (cdp, page) => ({
		profile: summarizeProfile(await stopProfile(cdp), namer),
		timeline: await pageTimeline(page)
	}));
	const trace = await once(startTrace, async (cdp) => summarizeTrace(await stopTrace(cdp)));
	return { ...profiled, trace };
}

async function pageTimeline(page: Page): Promise<Diagnostic['timeline']> {
	const events = await inPage<{ what: string; start: number; end?: number }[]>(page, 'timeline()');
	return events.map((e) => ({ what: e.what, startMs: Math.round(e.start), endMs: e.end === undefined ? null : Math.round(e.end) }));
}

// ---- 4., 5., 7. Collections: answer latency, home page and queue, memory ----------------------

interface Answer {
	changed: number;
	work: number;
	painted: number;
	doubleRaf: number;
	commit?: number;
	commitStart?: number;
}

async function answerLatency(page: Page, warmup: number, count: number, trace = false): Promise<Answer[]> {
	await goAndWait(page, `/review/${DECK.id}`);
	return inPage<Answer[]>(page, `answerCards(${JSON.stringify({ count, warmup, trace })})`);
}

function answerSummary(samples: Answer[]) {
	return {
		work: ms(summarize(samples.map((s) => s.work))),
		painted: ms(summarize(samples.map((s) => s.painted))),
		doubleRaf: ms(summarize(samples.map((s) => s.doubleRaf))),
		changed: ms(summarize(samples.map((s) => s.changed)))
	};
}

/** 30 answers under the profiler, with each answer's IndexedDB transaction timed. */
async function diagnoseAnswers(page: Page, cards: number): Promise<void> {
	const cdp = await cdpSession(page);
	await goAndWait(page, `/review/${DECK.id}`);
	await startProfile(cdp);
	const samples = await inPage<Answer[]>(page, `answerCards(${JSON.stringify({ count: 30, warmup: 0, trace: true })})`);
	const profile = summarizeProfile(await stopProfile(cdp), namer);
	const commits = samples.map((s) => s.commit).filter((c): c is number => c !== undefined);
	const starts = samples.map((s) => s.commitStart).filter((c): c is number => c !== undefined);
	results.diagnostics[`answerLatency${cards / 1000}k`] = {
		what: `30 answers at ${cards.toLocaleString('en')} cards, profiled (sampling 200 µs; profiling slows JavaScript, so compare shares, not times)`,
		profile,
		facts: {
			'answers profiled': samples.length,
			'latency (work) while profiled, median ms': summarize(samples.map((s) => s.work)).median,
			'answer transaction (cards+log, strict durability) from open to complete, median ms': summarize(commits).median,
			'answer transaction opened after the click, median ms': summarize(starts).median,
			'profiled main-thread busy time per answer, ms': Math.round((profile.busyMs / samples.length) * 10) / 10
		}
	};
}

/**
 * Run in every page of the journal comparison: with sessionStorage 'bench-journal' = 'left-out', the
 * journal's worker is replaced by one that answers at once and writes nothing, so the page runs the
 * same code to the same point, less the file's write and flush (src/lib/journal/worker.ts).
 */
const JOURNAL_LEFT_OUT = `(() => {
	if (sessionStorage.getItem('bench-journal') !== 'left-out') return;
	const idle = "onmessage = (e) => { const op = e.data.op; postMessage({ id: e.data.id, ok: true, value: op === 'hello' ? true : op === 'installs' ? [] : op === 'read' ? { records: [], ignored: 0, position: { generation: 0, end: 0 } } : undefined }); };";
	const stub = URL.createObjectURL(new Blob([idle], { type: 'text/javascript' }));
	const Real = globalThis.Worker;
	globalThis.Worker = class extends Real {
		constructor(url, options) {
			super(/\\/workers\\/worker-[\\w-]+\\.js$/.test(String(url)) ? stub : url, options);
		}
	};
})();`;

/**
 * What the journal adds to an answer, paired in one run: at 10,000 cards, blocks of answers with the
 * journal written (flushed to the disk) and with its write left out, alternately, each block in a
 * page of its own, the order swapped every pair.
 */
async function journalCost(): Promise<void> {
	const cards = 10_000;
	const pairs = quick ? 2 : 6;
	log(`the journal's cost: ${pairs} pairs of 30 answers at ${cards.toLocaleString('en')} cards, written and left out in turn`);
	const { context, page } = await seededProfile(cards);
	await context.addInitScript({ content: JOURNAL_LEFT_OUT });
	const samples: Record<'written' | 'leftOut', Answer[]> = { written: [], leftOut: [] };
	try {
		for (let pair = 0; pair < pairs; pair++) {
			for (const which of pair % 2 === 0 ? (['written', 'leftOut'] as const) : (['leftOut', 'written'] as const)) {
				await page.evaluate(`sessionStorage.setItem('bench-journal', ${JSON.stringify(which === 'leftOut' ? 'left-out' : 'written')})`);
				samples[which].push(...(await answerLatency(page, 3, 30)));
			}
		}
	} finally {
		await context.close();
	}
	results.journal10k = { written: answerSummary(samples.written), leftOut: answerSummary(samples.leftOut), pairs };
	const { written, leftOut } = results.journal10k;
	log(
		`  work with the journal written: median ${written.work.median} ms, p95 ${written.work.p95} ms; left out: median ${leftOut.work.median} ms, p95 ${leftOut.work.p95} ms`
	);
}

async function diagnosePageLoad(page: Page, path: string, key: string, what: string): Promise<void> {
	await page.context().addInitScript({ content: 'globalThis.__bench && globalThis.__bench.traceTransactions();' });
	await goAndWait(page, path);
	const cdp = await cdpSession(page);
	await startProfile(cdp);
	const r = await goAndWait(page, path);
	const profile = summarizeProfile(await stopProfile(cdp), namer);
	await page.evaluate(`performance.mark('shown', { startTime: ${r.painted} })`);
	// Everything the page started, the work after it showed its figures included.
	await inPage(page, 'settled()');
	const timeline = await pageTimeline(page);
	await startTrace(cdp);
	await goAndWait(page, path);
	const trace = summarizeTrace(await stopTrace(cdp));
	results.diagnostics[key] = {
		what,
		profile,
		trace,
		facts: {
			'first IndexedDB open, ms after navigation start': Math.round(r.idbOpen ?? NaN),
			'shown (painted), ms after navigation start': Math.round(r.painted)
		},
		timeline
	};
}

async function collections(): Promise<void> {
	results.answers = results.answers ?? {};
	results.seeding = results.seeding ?? {};
	for (const cards of SIZES) {
		log(`collection of ${cards.toLocaleString('en')} cards`);
		const { context, page, seed } = await seededProfile(cards);
		results.seeding[cards] = { cards: seed.cards, reviews: seed.reviews, ms: Math.round(seed.ms) };
		log(
			`  ${seed.reused ? 'reused the collection seeded today' : 'seeded'}: ${seed.cards} cards and ${seed.reviews} reviews (seeding took ${(seed.ms / 1000).toFixed(1)} s)`
		);
		try {
			if (cards === 100_000) await homeAndQueue(page);
			const samples = await answerLatency(page, REPEAT.answers.warmup, REPEAT.answers.runs);
			results.answers[cards] = answerSummary(samples);
			if (cards === 100_000) {
				const heap = await heapAfterGc(await cdpSession(page));
				results.memory = {
					afterSession100k: { usedBytes: heap.used, totalBytes: heap.total, answers: REPEAT.answers.warmup + REPEAT.answers.runs }
				};
				log(`  JS heap after the session: ${(heap.used / 1024 / 1024).toFixed(1)} MB used`);
			}
			const answers = results.answers[cards]!;
			log(
				`  answer latency: work median ${answers.work.median} ms, p95 ${answers.work.p95} ms; painted p95 ${answers.painted.p95} ms; double rAF p95 ${answers.doubleRaf.p95} ms`
			);
			if (answers.work.p95 > limit(`answerLatency${cards / 1000}k`)) {
				log('  over budget: profiling 30 answers');
				await diagnoseAnswers(page, cards);
			}
			if (cards === 100_000) {
				if (results.home100k.counts.median > limit('homeCounts100k')) {
					log('  home counts over budget: profiling a load of the home page');
					await diagnosePageLoad(
						page,
						'/',
						'homeCounts100k',
						"One load of the home page at 100,000 cards, profiled, with the app's IndexedDB transactions timed; then one traced"
					);
				}
				if (results.home100k.queue.median > limit('queue100k')) {
					log('  queue over budget: profiling a load of the review page');
					await diagnosePageLoad(
						page,
						`/review/${DECK.id}`,
						'queue100k',
						"One load of the review page at 100,000 cards, profiled, with the app's IndexedDB transactions timed; then one traced"
					);
				}
			}
		} finally {
			await context.close();
		}
		if (cards === 100_000) await coldStartsOf100k();
	}
}

async function homeAndQueue(page: Page): Promise<void> {
	const { warmup, runs } = REPEAT.page100k;
	const home: Ready[] = [];
	const queue: Ready[] = [];
	let link = '';
	/** Loads of many seconds say enough in three runs; they would take the benchmark past its quarter hour. */
	const repeat = async (path: string, into: Ready[]) => {
		let warm = warmup;
		let count = warmup + runs;
		for (let i = 0; i < count; i++) {
			const r = await goAndWait(page, path);
			if (path === '/') link = `${(r as Ready & { link?: string }).link} · ${(r as Ready & { due?: string }).due}`;
			if (i === 0 && r.painted > 3000) [warm, count] = [1, 4];
			if (i >= warm) into.push(r);
		}
	};
	await repeat('/', home);
	await repeat(`/review/${DECK.id}`, queue);
	const fromOpen = (list: Ready[]) => ms(summarize(list.map((r) => r.painted - (r.idbOpen ?? NaN))));
	const fromNav = (list: Ready[]) => ms(summarize(list.map((r) => r.painted)));
	results.home100k = {
		counts: fromOpen(home),
		countsFromNavigation: fromNav(home),
		queue: fromOpen(queue),
		queueFromNavigation: fromNav(queue),
		shown: link
	};
	log(
		`  home counts ${results.home100k.counts.median} ms after the app opens the database (${results.home100k.countsFromNavigation.median} ms after navigation), "${link}"`
	);
	log(
		`  first card ${results.home100k.queue.median} ms after the app opens the database (${results.home100k.queueFromNavigation.median} ms after navigation)`
	);
}

async function coldStartsOf100k(): Promise<void> {
	log('  cold start offline at 100,000 cards');
	await server.stop();
	try {
		const dir = join(profiles, 'c100000');
		results.coldStart = results.coldStart ?? ({} as Results['coldStart']);
		results.coldStart.collection100k = {
			throttled4x: await coldStarts(dir, `/review/${DECK.id}`, 4),
			unthrottled: await coldStarts(dir, `/review/${DECK.id}`, 1)
		};
		log(
			`  4x: ${results.coldStart.collection100k.throttled4x.painted.median} ms; 1x: ${results.coldStart.collection100k.unthrottled.painted.median} ms`
		);
		const h = await coldStarts(dir, '/', 4);
		results.coldStart.home100k = { throttled4x: h };
		const review = results.coldStart.collection100k.throttled4x.written;
		log(
			`  the worker wrote the page at 4x: home in ${h.written.runs} of ${h.written.of} cold starts (counts painted median ${h.painted.median} ms), the review's first card in ${review?.runs} of ${review?.of}`
		);
	} finally {
		await server.start();
	}
}

// ---- FSRS: replay and the "which fits you" evaluation -----------------------------------------

async function fsrsFigures(): Promise<void> {
	const { warmup, runs } = REPEAT.fsrs;
	const replay = ms(fsrsReplay(warmup, runs));
	log(`FSRS replay of 100,000 answers (Node): median ${replay.median} ms`);
	const { context, page } = await launchProfile(join(profiles, 'fsrs'), { fresh: true });
	try {
		await page.goto(url('/stats'));
		const evaluation = ms(await evaluationInWorker(page, evaluationWorkerPath(buildDir), warmup, runs));
		log(`which-fits evaluation of 100,000 answers in the Worker: median ${evaluation.median} ms`);
		const fit = ms(await fitInWorker(page, evaluationWorkerPath(buildDir, 'fit.worker'), warmup, runs));
		log(`Fit to my reviews on 100,000 answers in the Worker: median ${fit.median} ms`);
		results.fsrs = { replay100k: replay, evaluation100k: evaluation, fit100k: fit };
	} finally {
		await context.close();
	}
}

// ---- Anki: a package of 8,000 cards imported through Add a glossary, and exported again ---------

/** 8,000 cloze and basic cards, each answered 3 times: a package of a deck studied for some months. */
async function ankiPackageFile(): Promise<{ file: string; cards: number; answers: number }> {
	const sqlite = await loadSqlite({ binary: readFileSync(join(root, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm')) });
	const notes: TestNote[] = [];
	for (let i = 0; i < 4000; i++) {
		notes.push({
			guid: `bench-cloze-${i}`,
			type: 'cloze',
			fields: [`Term ${i} is {{c1::the first::hint}} and {{c2::the second}} part`, `Extra ${i}`],
			reviews: 3
		});
	}
	const file = join(tmp, 'anki-8000.apkg');
	writeFileSync(file, makePackage(sqlite, { notes: notes.map((note) => ({ ...note, deck: 'Bench::Clozes' })) }));
	return { file, cards: 8000, answers: 24_000 };
}

async function ankiImport(): Promise<void> {
	const { file, cards, answers } = await ankiPackageFile();
	log(`anki: ${(readFileSync(file).length / 1024 / 1024).toFixed(1)} MB package of ${cards} cards and ${answers} answers`);
	const runs: { read: number; save: number; total: number; longestTask: number; export: number }[] = [];
	const { warmup } = REPEAT.anki;
	let { runs: count } = REPEAT.anki;
	for (let i = 0; i < warmup + count; i++) {
		// A fresh profile each time: the first import of the deck, as a learner makes it.
		const { context, page } = await launchProfile(join(profiles, `anki-${i}`), { fresh: true });
		try {
			await openApp(page);
			await page.goto(url('/import'));
			await page.getByLabel('Anki package').waitFor();
			await page.evaluate(() => {
				const times = ((globalThis as unknown as { __anki: Record<string, number> }).__anki = {
					start: 0,
					preview: 0,
					click: 0,
					saved: 0,
					longest: 0
				});
				document.getElementById('anki-file')!.addEventListener('change', () => (times.start = performance.now()), { capture: true });
				document.addEventListener(
					'click',
					(event) => {
						if ((event.target as Element).closest('button.primary')?.textContent?.startsWith('Import ')) times.click = performance.now();
					},
					{ capture: true }
				);
				new MutationObserver(() => {
					if (!times.preview && document.getElementById('anki-preview-heading')) times.preview = performance.now();
					if (!times.saved && document.body.textContent?.includes('Imported Bench::Clozes')) times.saved = performance.now();
				}).observe(document.body, { subtree: true, childList: true, characterData: true });
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) times.longest = Math.max(times.longest, entry.duration);
				}).observe({ type: 'longtask' });
			});
			await page.getByLabel('Anki package').setInputFiles(file);
			await page.getByRole('button', { name: `Import ${cards} cards` }).click({ timeout: 120_000 });
			await page.getByText('Imported Bench::Clozes').waitFor({ timeout: 120_000 });
			const t = await page.evaluate(() => (globalThis as unknown as { __anki: Record<string, number> }).__anki);
			// The same deck, studied, exported back with its progress from Deck options (in its Worker).
			await page.goto(url('/settings'));
			await page.getByRole('link', { name: 'Deck options of Bench::Clozes' }).click();
			const exportButton = page.getByRole('button', { name: 'Export for Anki (.apkg)' });
			await exportButton.waitFor();
			await page.evaluate(() => {
				const times = ((globalThis as unknown as { __export: Record<string, number> }).__export = { click: 0, done: 0 });
				document.addEventListener('click', () => (times.click ||= performance.now()), { capture: true });
				new MutationObserver(() => {
					if (!times.done && document.body.textContent?.includes('Exported ')) times.done = performance.now();
				}).observe(document.body, { subtree: true, childList: true, characterData: true });
			});
			await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), exportButton.click()]);
			await page.getByText(`Exported ${cards} cards`).waitFor({ timeout: 120_000 });
			const e = await page.evaluate(() => (globalThis as unknown as { __export: Record<string, number> }).__export);
			const run = {
				read: t.preview! - t.start!,
				save: t.saved! - t.click!,
				total: t.preview! - t.start! + (t.saved! - t.click!),
				longestTask: t.longest!,
				export: e.done! - e.click!
			};
			if (i === 0 && run.total > 20_000) count = Math.min(count, 1);
			if (i >= warmup) runs.push(run);
		} finally {
			await context.close();
		}
	}
	results.anki = {
		package: { cards, answers, bytes: readFileSync(file).length },
		read: ms(summarize(runs.map((r) => r.read))),
		save: ms(summarize(runs.map((r) => r.save))),
		total: ms(summarize(runs.map((r) => r.total))),
		longestTaskMs: Math.round(Math.max(...runs.map((r) => r.longestTask))),
		export: ms(summarize(runs.map((r) => r.export)))
	};
	log(
		`  read and preview ${results.anki.read.median} ms + save ${results.anki.save.median} ms (medians); the page's longest task ${results.anki.longestTaskMs} ms`
	);
	log(`  exported again for Anki with its progress: median ${results.anki.export?.median} ms`);
}

// ---- 6. Generator, backup import and export ---------------------------------------------------

function generator(): void {
	const source = bigGlossaryPage(readFileSync(join(root, 'decks', 'soft-skills.txt'), 'utf8'));
	const times: number[] = [];
	let cards = 0;
	for (let i = 0; i < REPEAT.generator.warmup + REPEAT.generator.runs; i++) {
		const start = performance.now();
		const deck = generateDeck(source);
		const t = performance.now() - start;
		cards = deck.cards.length;
		if (i >= REPEAT.generator.warmup) times.push(t);
	}
	results.generator = { chars: source.length, bytes: Buffer.byteLength(source), cards, ms: ms(summarize(times)) };
	// The pages that froze the tab or backtracked a regex before the parser was made linear (issue #19).
	const head = 'Velocity\n\nWhat is Velocity?\n\nVelocity is the work a team completes in one sprint.\n\n';
	const hostile: Record<string, string> = {
		'30,000 FAQ-like headings': head + Array.from({ length: 30_000 }, (_, i) => `FAQ ${i}?\n`).join(''),
		'a synonyms line of 100,000 dots': head + `Synonyms: A${'.'.repeat(100_000)} B\n`
	};
	results.generatorHostile = {};
	for (const [name, page] of Object.entries(hostile)) {
		const runs: number[] = [];
		for (let i = 0; i < 1 + REPEAT.generator.runs; i++) {
			const start = performance.now();
			try {
				generateDeck(page);
			} catch {
				// Refused or not, the time to decide is what is measured.
			}
			if (i > 0) runs.push(performance.now() - start);
		}
		results.generatorHostile[name] = { bytes: Buffer.byteLength(page), ms: ms(summarize(runs)) };
		log(`generator: ${name} in ${results.generatorHostile[name].ms.median} ms (median)`);
	}
	log(`generator: ${(source.length / 1024 / 1024).toFixed(2)} MB page -> ${cards} cards in ${results.generator.ms.median} ms (median)`);
}

/** The backup file of 10,000 cards and 100,000 reviews, made by the same code as the seeded collections. */
function backupFile(): string {
	const sandbox: { __benchCollection?: { backup(c: unknown): unknown } } = {};
	vm.createContext(sandbox);
	vm.runInContext(readFileSync(join(benchDir, 'page', 'collection.js'), 'utf8'), sandbox);
	const file = join(tmp, 'backup-10000.json');
	writeFileSync(file, JSON.stringify(sandbox.__benchCollection!.backup(collection(10_000))));
	return file;
}

async function openSettings(page: Page): Promise<void> {
	await page.goto(url('/settings'));
	await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
	await page.getByRole('button', { name: 'Export backup' }).waitFor();
}

async function backup(): Promise<void> {
	const notMeasured = (reason: string) => {
		results.backup = { import: { notMeasured: reason }, export: { notMeasured: reason } };
		log(`backup: not measured: ${reason}`);
	};
	const { context, page } = await launchProfile(join(profiles, 'backup'), { fresh: true });
	try {
		await openApp(page);
		await page.goto(url('/settings'));
		await page.getByRole('heading', { level: 1 }).first().waitFor();
		if ((await page.getByLabel('Backup file').count()) === 0) return notMeasured('the Settings page has no "Backup file" input yet');
		const file = backupFile();
		log(`backup: ${(readFileSync(file).length / 1024 / 1024).toFixed(1)} MB file of 10,000 cards and 100,000 reviews`);
		type Import = { readAndCheck: number; write: number; total: number; status: string };
		const imports: Import[] = [];
		const { warmup } = REPEAT.backup;
		let { runs } = REPEAT.backup;
		for (let i = 0; i < warmup + runs; i++) {
			await openSettings(page);
			await page.getByLabel('Backup file').setInputFiles(file);
			const r = await inPage<Import>(page, 'importChosenBackup()');
			if (!/10,?000 cards/.test(r.status)) throw new Error(`The import said: ${r.status}`);
			// Imports of many seconds say enough in two runs; more would take the benchmark past its quarter hour.
			if (i === 0 && r.total > 5000) runs = Math.min(runs, 2);
			if (i >= warmup) imports.push(r);
		}
		log(
			`  import: read and check ${summarize(imports.map((r) => r.readAndCheck)).median.toFixed(0)} ms + write ${summarize(imports.map((r) => r.write)).median.toFixed(0)} ms (medians)`
		);
		const exports: number[] = [];
		for (let i = 0; i < REPEAT.backup.warmup + REPEAT.backup.runs; i++) {
			await openSettings(page);
			const [download, r] = await Promise.all([
				page.waitForEvent('download', { timeout: 300_000 }),
				inPage<{ total: number; status: string }>(page, 'exportAll()')
			]);
			await download.delete();
			if (i >= REPEAT.backup.warmup) exports.push(r.total);
		}
		results.backup = {
			file: { cards: 10_000, reviews: 100_000, bytes: readFileSync(file).length },
			import: {
				ms: ms(summarize(imports.map((r) => r.total))),
				readAndCheck: ms(summarize(imports.map((r) => r.readAndCheck))),
				write: ms(summarize(imports.map((r) => r.write)))
			},
			export: { ms: ms(summarize(exports)) }
		};
		log(`  export: ${summarize(exports).median.toFixed(0)} ms (median)`);
		if (summarize(imports.map((r) => r.total)).median > limit('import10k')) {
			log('  import over budget: profiling one import');
			await diagnoseImport(page, file);
		}
	} catch (error) {
		notMeasured(`driving the Settings page failed: ${(error as Error).message.split('\n')[0]}`);
	} finally {
		await context.close();
	}
}

/** One import profiled, with its IndexedDB transactions timed. */
async function diagnoseImport(page: Page, file: string): Promise<void> {
	await page.context().addInitScript({ content: 'globalThis.__bench && globalThis.__bench.traceTransactions();' });
	await openSettings(page);
	await page.getByLabel('Backup file').setInputFiles(file);
	const cdp = await cdpSession(page);
	await startProfile(cdp, 1000);
	const r = await inPage<{ readAndCheck: number; write: number }>(page, 'importChosenBackup()');
	const profile = summarizeProfile(await stopProfile(cdp), namer);
	const timeline = (await pageTimeline(page))?.filter((e) => e.what.startsWith('IndexedDB') && (e.endMs ?? e.startMs) - e.startMs >= 5);
	results.diagnostics.import10k = {
		what: 'One import of the 10,000-card backup (Replace), profiled (sampling 1 ms), with the IndexedDB transactions that took 5 ms or more',
		profile,
		timeline,
		facts: {
			'read and check (file.text, JSON.parse, valibot), ms while profiled': Math.round(r.readAndCheck),
			'write (importBackup and what follows), ms while profiled': Math.round(r.write)
		}
	};
}

// ---------------------------------------------------------------------------------------------

function versionOf(pkg: string): string {
	try {
		return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
	} catch {
		return 'unknown';
	}
}

async function main(): Promise<void> {
	if (process.env.BENCH_REPORT_ONLY === '1') {
		// Rewrites RESULTS.md from results.json (after editing bench/NOTES.md), measuring nothing.
		const saved = JSON.parse(readFileSync(join(benchDir, 'results.json'), 'utf8')) as Results;
		saved.budgets = checkBudgets(budgets, saved);
		writeReport(benchDir, saved);
		return;
	}
	mkdirSync(tmp, { recursive: true });
	const cpus = os.cpus();
	results.date = new Date().toISOString();
	results.machine = {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memoryGB: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 10) / 10)
	};
	results.versions = {
		chromium: chromiumVersion(),
		playwright: versionOf('@playwright/test'),
		lighthouse: versionOf('lighthouse'),
		svelte: versionOf('svelte'),
		'@sveltejs/kit': versionOf('@sveltejs/kit'),
		vite: versionOf('vite'),
		idb: versionOf('idb')
	};
	results.repetitions = REPEAT;

	log('building (vite build --sourcemap hidden)');
	const built = buildApp(root, siteDir, mapsDir);
	log(
		`built in ${(built.ms / 1000).toFixed(1)} s${built.attempts > 1 ? ` (${built.attempts} attempts: build/ changed under the benchmark)` : ''}`
	);
	if (wanted('size')) measureSize();

	await server.start();
	log(`serving build/ at ${server.origin}`);
	try {
		const defaultProfile = join(profiles, 'default');
		if (wanted('size') || wanted('cold')) {
			const { context, page } = await launchProfile(defaultProfile, { fresh: true });
			try {
				if (wanted('size')) await firstVisit(page);
				else await openApp(page);
			} finally {
				await context.close();
			}
		}
		if (wanted('cold')) {
			log('cold start offline, bundled deck (service worker installed, server stopped), each run followed by the floor page');
			await installFloor();
			await server.stop();
			try {
				results.coldStart = {
					...(results.coldStart ?? {}),
					bundled: {
						throttled4x: await coldStarts(defaultProfile, '/review/soft-skills', 4, true),
						unthrottled: await coldStarts(defaultProfile, '/review/soft-skills', 1, true)
					}
				} as Results['coldStart'];
				// Home, where the installed app opens: its deck rows with today's counts, written by the worker or the app's own.
				const h = await coldStarts(defaultProfile, '/', 4, true);
				results.coldStart.home = { throttled4x: h };
				log(
					`  home at 4x: counts painted median ${h.painted.median} ms; written by the worker in ${h.written.runs} of ${h.written.of} runs; above the floor, per pair: median ${h.floor!.firstAbove!.median} ms (p95 ${h.floor!.firstAbove!.p95} ms, ${h.floor!.firstAbove!.runs} pairs)`
				);
				const c = results.coldStart.bundled;
				log(
					`  4x: median ${c.throttled4x.painted.median} ms, p95 ${c.throttled4x.painted.p95} ms; 1x: median ${c.unthrottled.painted.median} ms`
				);
				const w = c.throttled4x.written!;
				log(
					`  written by the worker (${w.runs} of ${w.of} runs${w.sameFront ? '' : ', NOT the card the app showed'}): 4x median ${w.painted.median} ms, p95 ${w.painted.p95} ms (first contentful paint ${w.fcp?.median} ms, front painted by Element Timing ${w.element?.median} ms); 1x median ${c.unthrottled.written!.painted.median} ms; first card painted, either way: 4x median ${w.firstCard.median} ms`
				);
				for (const [label, x] of [
					['4x', c.throttled4x],
					['1x', c.unthrottled]
				] as const)
					log(
						`  the floor, ${label}: median ${x.floor!.painted.median} ms (first contentful paint ${x.floor!.fcp.median} ms, Element Timing ${x.floor!.element.median} ms); the written card above it, per pair: median ${x.floor!.writtenAbove.median} ms (first contentful paints: ${x.floor!.writtenFcpAbove.median} ms, Element Timing: ${x.floor!.writtenElementAbove.median} ms)`
					);
				if (c.throttled4x.painted.median > limit('coldStartOffline4x')) {
					log('  over budget: profiling one cold start at 4x');
					results.diagnostics.coldStartOffline4x = {
						what: 'One offline cold start of /review/soft-skills at 4x CPU throttling profiled (sampling 200 µs), and one traced',
						...(await diagnoseColdStart(defaultProfile, '/review/soft-skills', 4)),
						facts: Object.fromEntries(
							Object.entries(c.throttled4x.phases).map(([phase, at]) => [`${phase}, median ms after navigation start (4x)`, at])
						)
					};
				}
			} finally {
				await server.start();
			}
		}
		if (wanted('lighthouse')) {
			log(`lighthouse x${REPEAT.lighthouse.runs} (mobile preset) on /`);
			results.lighthouse = await runLighthouse(url('/'), chromiumExecutable(), launchOptions.args, REPEAT.lighthouse.runs, (u) =>
				chunkContents(mapsDir, u)
			);
			const l = results.lighthouse;
			log(
				`  performance ${l.performance.median}, accessibility ${l.accessibility.median}, best practices ${l.bestPractices.median}; FCP ${Math.round(l.fcp.median)} ms, LCP ${Math.round(l.lcp.median)} ms, TBT ${Math.round(l.tbt.median)} ms, CLS ${l.cls.median}`
			);
		}
		if (wanted('generator')) generator();
		if (wanted('answers')) await collections();
		if (wanted('journal')) await journalCost();
		if (wanted('backup')) await backup();
		if (wanted('fsrs')) await fsrsFigures();
		if (wanted('anki')) await ankiImport();
		if (wanted('sync')) {
			// Node and the embedded server; about 8 minutes on the reference machine.
			const figures = await syncFigures(quick ? 1 : 3);
			results.sync = { ...figures, roundTrip: ms(figures.roundTrip) };
			log(
				`sync of 100,000 answers: upload ${Math.round(figures.firstSyncUpload100k)} ms, download ${Math.round(figures.firstSyncDownload100k)} ms; one answer's round trip: median ${results.sync.roundTrip.median} ms`
			);
		}
	} finally {
		await server.stop();
	}

	results.machine.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 10) / 10);
	results.minutes = Math.round((performance.now() - startedAt) / 6000) / 10;
	results.budgets = checkBudgets(budgets, results);
	writeReport(benchDir, results);
	console.log('');
	for (const b of results.budgets) {
		const mark = b.pass === undefined ? '  ?  ' : b.pass ? '  ok ' : 'MISS ';
		console.log(`${mark} ${b.label}: ${b.figureText}  (budget ${b.budgetText})`);
	}
	log(`done: bench/results.json, bench/RESULTS.md`);
}

main().then(
	// Every server the bench started is stopped by now; but once express-pouchdb (the embedded
	// sync server) has made a database, something of it keeps Node's loop alive after the server
	// is closed (nothing getActiveResourcesInfo() lists), so the bench ends itself.
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	}
);
