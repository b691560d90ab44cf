// End-to-end journeys in a real Chromium against the production build (service worker included).
import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Browsers cannot be downloaded on every machine (`npx playwright install` may be blocked),
 * so use, in order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own build.
 */
function findChromium(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
	for (const path of candidates) if (path && existsSync(path)) return path;
	try {
		const bundled = chromium.executablePath();
		if (bundled && existsSync(bundled)) return undefined; // Playwright's default finds it itself.
	} catch {
		// Playwright does not know of a browser of its own: fall through to the message below.
	}
	console.error('No Chromium found: set CHROMIUM_PATH, or run `apt-get install chromium` (Debian) or `npx playwright install chromium`.');
	process.exit(1);
}

export const chromiumPath = findChromium();

export const launchOptions = {
	executablePath: chromiumPath,
	args: chromiumPath
		? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		: []
};

/** A phone of this size: touch, a mobile user agent, and the same Chromium for every project. */
function phone(viewport: { width: number; height: number }) {
	return { ...devices['Pixel 7'], browserName: 'chromium' as const, viewport, hasTouch: true, isMobile: true };
}

// PORT lets two checkouts on one machine test side by side.
const port = Number(process.env.PORT ?? 4173);

export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.test.ts',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'list' : [['list']],
	timeout: 60_000,
	use: {
		baseURL: `http://localhost:${port}`,
		serviceWorkers: 'allow',
		launchOptions,
		// A trace costs about a quarter of the suite's time on two cores: asked for when a failure
		// needs one (PW_TRACE=1 npm run test:e2e). The page's state at a failure is kept either way.
		trace: process.env.PW_TRACE ? 'retain-on-failure' : 'off'
	},
	projects: [
		// Every journey on a 390 px phone; e2e/phone-width.test.ts checks each screen at 320 px.
		{
			name: 'phone',
			use: phone({ width: 390, height: 844 })
		}
	],
	webServer: {
		// `npm test` builds just before; reuse that build instead of building twice.
		command: existsSync('build/index.html') ? 'node scripts/serve.js' : 'npx vite build && node scripts/serve.js',
		port,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	}
});
