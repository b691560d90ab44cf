// Chromium as the e2e tests launch it (playwright.config.ts: $CHROMIUM_PATH, /usr/bin/chromium or
// Playwright's own, with the same flags), as a phone, with the benchmark's in-page helpers.
import { chromium, devices, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchOptions } from '../../playwright.config';

export { chromiumPath, launchOptions };

const pageScripts = ['collection.js', 'bench.js'].map((name) => fileURLToPath(new URL(`../page/${name}`, import.meta.url)));

/**
 * The app's own review log codec (log-codec.ts and its writing half log-write.ts, which import
 * nothing else of the app's) as a page script defining globalThis.__logCodec, so the seeded
 * databases hold exactly what the app writes.
 */
function logCodecScript(): string {
	const module = (name: string) => {
		const source = readFileSync(fileURLToPath(new URL(`../../src/lib/db/${name}.ts`, import.meta.url)), 'utf8');
		return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
	};
	return `(() => {
const codec = {};
(function (exports) { ${module('log-codec')}\n})(codec);
const writer = {};
(function (exports, require) { ${module('log-write')}\n})(writer, () => codec);
globalThis.__logCodec = { ...codec, ...writer };
})();`;
}

/** The phone of playwright.config.ts's one project. */
const { defaultBrowserType: _, ...pixel } = devices['Pixel 7'];
export const phone = { ...pixel, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** The Chromium binary Lighthouse should start: the one the tests use. */
export function chromiumExecutable(): string {
	return chromiumPath ?? chromium.executablePath();
}

export function chromiumVersion(): string {
	try {
		return execFileSync(chromiumExecutable(), ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

/**
 * A browser with a profile directory of its own that outlives it: the service worker, its
 * caches and IndexedDB stay there between launches, as on an installed phone.
 */
export async function launchProfile(dir: string, options: { fresh?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
	if (options.fresh) rmSync(dir, { recursive: true, force: true });
	const context = await chromium.launchPersistentContext(dir, {
		...launchOptions,
		...phone,
		headless: true,
		serviceWorkers: 'allow'
	});
	await context.addInitScript({ content: logCodecScript() });
	for (const path of pageScripts) await context.addInitScript({ path });
	const page = context.pages()[0] ?? (await context.newPage());
	return { context, page };
}

export async function cdpSession(page: Page): Promise<CDPSession> {
	return page.context().newCDPSession(page);
}

/** The page's JavaScript heap after a full garbage collection, in bytes. */
export async function heapAfterGc(cdp: CDPSession): Promise<{ used: number; total: number }> {
	await cdp.send('HeapProfiler.enable');
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.send('Performance.enable');
	const { metrics } = await cdp.send('Performance.getMetrics');
	const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
	await cdp.send('Performance.disable');
	return { used: metric('JSHeapUsedSize'), total: metric('JSHeapTotalSize') };
}

/**
 * Evaluates `__bench.<call>` in the page (see page/bench.js) and returns what it resolves to;
 * fails after `timeoutMs` rather than wait for ever on a page that stopped answering.
 */
export async function inPage<T>(page: Page, call: string, timeoutMs = 600_000): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`__bench.${call.slice(0, 40)} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
	});
	try {
		return (await Promise.race([page.evaluate(`globalThis.__bench.${call}`), timeout])) as T;
	} finally {
		clearTimeout(timer);
	}
}
