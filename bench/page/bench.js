// Injected into every benchmark page before the app's own scripts (context.addInitScript): seeding
// IndexedDB and timing inside the page. Plain JavaScript on purpose: tsx would add helpers
// (__name) to functions passed to page.evaluate that do not exist in the page.
(() => {
	if (globalThis.__bench) return;

	const marks = { idbOpen: undefined };
	const open = IDBFactory.prototype.open;
	// The first IndexedDB open is when the app, loaded and hydrated, starts reading the learner's data.
	IDBFactory.prototype.open = function (...args) {
		if (marks.idbOpen === undefined) marks.idbOpen = performance.now();
		return open.apply(this, args);
	};

	/** IndexedDB transactions the app opens, with the time from creation to `complete` (trace mode only). */
	const transactions = [];
	let tracing = false;
	function traceTransactions() {
		if (tracing) return;
		tracing = true;
		const create = IDBDatabase.prototype.transaction;
		IDBDatabase.prototype.transaction = function (stores, mode, options) {
			const tx = create.call(this, stores, mode, options);
			const entry = {
				stores: [].concat(stores).join('+'),
				mode: mode ?? 'readonly',
				durability: options?.durability ?? 'default',
				start: performance.now(),
				end: undefined
			};
			transactions.push(entry);
			const done = () => (entry.end = performance.now());
			tx.addEventListener('complete', done);
			tx.addEventListener('abort', done);
			return tx;
		};
	}

	/**
	 * Resolves once check() returns something truthy, checked at every change of the DOM's nodes
	 * and text (and of attributes, if `attributes`); rejects after `ms`.
	 */
	function waitFor(check, ms = 60_000, what = 'the page', attributes = false) {
		return new Promise((resolve, reject) => {
			const now = check();
			if (now) return resolve(now);
			const timer = setTimeout(() => {
				observer.disconnect();
				const alert = document.querySelector('[role="alert"]')?.textContent?.trim();
				reject(new Error(`Timed out after ${ms} ms waiting for ${what}${alert ? ` (the page says: ${alert})` : ''}`));
			}, ms);
			const observer = new MutationObserver(() => {
				const value = check();
				if (value) {
					clearTimeout(timer);
					observer.disconnect();
					resolve(value);
				}
			});
			observer.observe(document, { subtree: true, childList: true, characterData: true, attributes });
		});
	}

	/**
	 * Two times after a DOM change: `painted`, the task right after the next frame's rendering
	 * (rAF, then a message posted from it: the frame with the change has been painted), and
	 * `doubleRaf`, the start of the frame after that (requestAnimationFrame twice), and the
	 * `frameStart` of the frame that painted.
	 */
	function paintTimes() {
		return new Promise((resolve) => {
			const times = {};
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				times.painted = performance.now();
				if (times.doubleRaf !== undefined) resolve(times);
			};
			requestAnimationFrame((frameStart) => {
				// The frame's start (its vsync), which may be before a long task that delayed it ended.
				times.frameStart = frameStart;
				channel.port2.postMessage(0);
				requestAnimationFrame(() => {
					times.doubleRaf = performance.now();
					if (times.painted !== undefined) resolve(times);
				});
			});
		});
	}

	/** The card's front as the app shows it (not the one the service worker wrote into the page). */
	const frontText = () => {
		const text = document.querySelector('.front:not(#first-card .front)')?.textContent?.trim();
		return text ? text : undefined;
	};
	const writtenFrontText = () => {
		const text = document.querySelector('#first-card .front')?.textContent?.trim();
		return text ? text : undefined;
	};
	const button = (name) =>
		[...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === name);
	/** The button, once it is there and enabled (the app disables some until its data is loaded). */
	const enabled = (name) => {
		const found = button(name);
		return found && !found.disabled ? found : undefined;
	};

	/** Milestones of the page load, ms since navigation start (the service worker's answer included). */
	function loadPhases() {
		const nav = performance.getEntriesByType('navigation')[0];
		const script = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
		return {
			workerStart: nav?.workerStart,
			responseEnd: nav?.responseEnd,
			domInteractive: nav?.domInteractive,
			scriptsLoaded: script.length ? Math.max(...script.map((r) => r.responseEnd)) : undefined,
			idbOpen: marks.idbOpen
		};
	}

	/**
	 * When the first card's front is on screen (review pages), in ms since navigation start: as the
	 * app shows it, and (`written`) as the service worker wrote it into the page, if it did.
	 */
	async function firstFront() {
		const written = writtenFront();
		const visible = await waitFor(() => (frontText() ? performance.now() : undefined), 240_000, 'the first card');
		const painted = await paintTimes();
		return { ...loadPhases(), visible, ...painted, front: frontText(), written: await written };
	}

	/** The written front's times, or undefined when the app's own front came without one. */
	async function writtenFront() {
		const seen = await waitFor(
			() => (writtenFrontText() ? { visible: performance.now() } : frontText() ? { none: true } : undefined),
			240_000,
			'the first card'
		);
		if (seen.none) return undefined;
		const times = await paintTimes();
		// The browser's own record of the page's first paint with content: the written screen, as it
		// is in the page's HTML (the rAF-and-message `painted` also waits for tasks queued before it).
		const [fcp, element] = await Promise.all([firstContentfulPaint(), elementPainted('first-card')]);
		return { visible: seen.visible, ...times, fcp, element, front: writtenFrontText() };
	}

	/**
	 * The time of the first performance entry of `type` that `matches`, ms since navigation start,
	 * once the browser has recorded it (paint entries come after the frame was presented); undefined
	 * after `ms`.
	 */
	function paintEntry(type, matches, time, ms = 5000) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => (observer.disconnect(), resolve(undefined)), ms);
			const observer = new PerformanceObserver((list) => {
				const entry = list.getEntries().find(matches);
				if (!entry) return;
				clearTimeout(timer);
				observer.disconnect();
				resolve(time(entry));
			});
			observer.observe({ type, buffered: true });
		});
	}

	/** When the element with `elementtiming="<id>"` was painted (Element Timing). */
	function elementPainted(id) {
		return paintEntry(
			'element',
			(e) => e.identifier === id,
			(e) => e.renderTime || e.loadTime
		);
	}

	/** The page's first contentful paint. */
	function firstContentfulPaint() {
		return paintEntry(
			'paint',
			(e) => e.name === 'first-contentful-paint',
			(e) => e.startTime
		);
	}

	/** The floor page (bench/lib/floor.ts): its one heading painted, ms since navigation start. */
	async function floorPainted() {
		const visible = await waitFor(() => (document.querySelector('h1') ? performance.now() : undefined), 60_000, 'the heading');
		const times = await paintTimes();
		const [fcp, element] = await Promise.all([firstContentfulPaint(), elementPainted('floor')]);
		return { ...loadPhases(), visible, ...times, fcp, element };
	}

	/**
	 * When the home page shows a deck's counts and its Study link, in ms since navigation start:
	 * the first shown, and (`written`) the same times when the service worker wrote them into the
	 * page (first-paint/home.ts), with the page's first contentful paint.
	 */
	async function homeCounts() {
		const ready = () => {
			const link = [...document.querySelectorAll('a')].find((a) => a.textContent.trim().startsWith('Study '));
			const due = document.querySelector('.counts .due')?.textContent;
			return link && due
				? { visible: performance.now(), link: link.textContent.trim(), due, byWorker: !!link.closest('#first-home') }
				: undefined;
		};
		const { byWorker, ...shown } = await waitFor(ready, 240_000, 'the deck counts');
		const painted = await paintTimes();
		const written = byWorker ? { visible: shown.visible, ...painted, fcp: await firstContentfulPaint() } : undefined;
		return { ...loadPhases(), ...shown, ...painted, written };
	}

	/**
	 * Answers `warmup + count` cards with Show answer, then Good, clicking in the page. Times only
	 * Good: from the click until the next card's front has been painted (the IndexedDB commit of
	 * the answer happens in between, as the screen waits for it). Each Good comes at a different
	 * point of the display's 16.7 ms frame, as a learner's taps do.
	 */
	async function answerCards({ count, warmup = 0, trace = false }) {
		if (trace) traceTransactions();
		const samples = [];
		for (let i = 0; i < warmup + count; i++) {
			const shown = await waitFor(() => button('Show answer'), 30_000, '"Show answer"');
			shown.click();
			const good = await waitFor(() => button('Good'), 30_000, 'the "Good" button');
			await paintTimes();
			// Golden-ratio steps spread the taps evenly over the frame, the same way on every run.
			await new Promise((resolve) => setTimeout(resolve, ((i * 0.6180339887) % 1) * 16.7));
			const before = frontText();
			const txFrom = transactions.length;
			const start = performance.now();
			good.click();
			const changed = await waitFor(() => (frontText() !== before ? performance.now() : undefined), 30_000, 'the next card');
			const times = await paintTimes();
			if (i < warmup) continue;
			const commit = transactions.slice(txFrom).find((tx) => tx.mode === 'readwrite' && tx.stores.includes('log'));
			samples.push({
				changed: changed - start,
				painted: times.painted - start,
				doubleRaf: times.doubleRaf - start,
				// The time the answer kept the main thread and the database busy: all of it but the wait
				// for the display's next frame after the front changed.
				work: changed - start + (times.painted - Math.max(times.frameStart, changed)),
				commit: commit && commit.end !== undefined ? commit.end - commit.start : undefined,
				commitStart: commit ? commit.start - start : undefined
			});
		}
		return samples;
	}

	/** Resolves once a service worker controls the page (it answers the page's requests). */
	function controlled(ms = 60_000) {
		if (navigator.serviceWorker.controller) return Promise.resolve(true);
		return new Promise((resolve, reject) => {
			setTimeout(() => reject(new Error(`No service worker took control within ${ms} ms`)), ms);
			navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
		});
	}

	// The collection's records and the raw IndexedDB helpers: collection.js, injected just before this script.
	const { seed } = globalThis.__benchCollection;

	/** What the page fetched and the IndexedDB transactions it ran, ms after navigation start, in start order. */
	function timeline() {
		const fetched = performance.getEntriesByType('resource').map((r) => ({
			what: `fetch ${new URL(r.name).pathname}`,
			start: r.startTime,
			end: r.responseEnd
		}));
		const stored = transactions.map((t) => ({ what: `IndexedDB ${t.mode} ${t.stores}`, start: t.start, end: t.end }));
		const marked = performance.getEntriesByType('mark').map((m) => ({ what: `mark ${m.name}`, start: m.startTime, end: m.startTime }));
		return [...fetched, ...stored, ...marked].sort((a, b) => a.start - b.start);
	}

	/** The deepest element whose text starts with `prefix`. */
	const textStarting = (prefix) =>
		[...document.querySelectorAll('body *')].find((el) => el.children.length === 0 && el.textContent.trim().startsWith(prefix));

	/**
	 * The Settings page's import, a file already chosen in `Backup file`: click `Import backup`
	 * until the file has been read and checked ("Import this backup?"), then `Replace everything
	 * on this device` until "Imported …" is painted. ms.
	 */
	async function importChosenBackup() {
		const importButton = await waitFor(() => enabled('Import backup'), 60_000, 'an enabled "Import backup"', true);
		const start = performance.now();
		importButton.click();
		const replace = await waitFor(() => enabled('Replace everything on this device'), 120_000, 'the import choice', true);
		const read = (await paintTimes()).painted;
		const clicked = performance.now();
		replace.click();
		const status = await waitFor(() => textStarting('Imported'), 240_000, '"Imported"');
		const done = (await paintTimes()).painted;
		return { readAndCheck: read - start, write: done - clicked, total: read - start + (done - clicked), status: status.textContent.trim() };
	}

	/** The Settings page's export: click `Export backup` until "Exported …" is painted. ms. */
	async function exportAll() {
		const exportButton = await waitFor(() => enabled('Export backup'), 60_000, 'an enabled "Export backup"', true);
		const start = performance.now();
		exportButton.click();
		const status = await waitFor(() => textStarting('Exported'), 240_000, '"Exported"');
		return { total: (await paintTimes()).painted - start, status: status.textContent.trim() };
	}

	/** Resolves once every traced IndexedDB transaction has ended and none began for a second. */
	async function settled(ms = 300_000) {
		const until = performance.now() + ms;
		for (;;) {
			const count = transactions.length;
			await new Promise((resolve) => setTimeout(resolve, 1000));
			if (count === transactions.length && transactions.every((t) => t.end !== undefined)) return true;
			if (performance.now() > until) return false;
		}
	}

	globalThis.__bench = {
		settled,
		importChosenBackup,
		exportAll,
		timeline,
		marks,
		transactions,
		traceTransactions,
		waitFor,
		paintTimes,
		firstFront,
		homeCounts,
		answerCards,
		controlled,
		seed
	};

	// Watching starts at document start, before the app's scripts: `ready` is what the page showed first.
	if (location.protocol === 'http:' || location.protocol === 'https:') {
		const watch = location.pathname.startsWith('/review/')
			? firstFront
			: location.pathname === '/'
				? homeCounts
				: location.pathname === '/floor/'
					? floorPainted
					: undefined;
		if (watch) globalThis.__bench.ready = watch().catch((error) => ({ error: String(error) }));
	}
})();
