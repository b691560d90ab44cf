// The production build, as `npm run build` makes it, copied to a place of the benchmark's own:
// other people rebuild build/ while the benchmark runs, and the service worker of a build that
// changes under it would not install. Source maps are kept apart so CPU profiles can name functions.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { firstLoad, precache } from './first-load';

function walk(dir: string, visit: (path: string) => void, base = ''): void {
	for (const name of readdirSync(join(dir, base))) {
		const path = base ? `${base}/${name}` : name;
		if (statSync(join(dir, path)).isDirectory()) walk(dir, visit, path);
		else visit(path);
	}
}

/** Whether every file the home page and the service worker name is in the build. */
function complete(buildDir: string): boolean {
	try {
		firstLoad(buildDir, 'index.html');
		firstLoad(buildDir, '200.html');
		return precache(buildDir).missing.length === 0;
	} catch {
		return false;
	}
}

/**
 * `vite build --sourcemap hidden` (the same code as `vite build`: without a sourceMappingURL
 * comment every byte counted is the same), then build/ and scripts/serve.js (with the servers it runs) copied to
 * `siteDir`, so that `siteDir/scripts/serve.js` serves `siteDir/build` exactly as the app's own
 * script serves build/. The .map files go to `mapsDir`. Retries when another build overwrote build/ meanwhile.
 */
export function buildApp(root: string, siteDir: string, mapsDir: string): { ms: number; attempts: number } {
	const started = performance.now();
	for (let attempt = 1; ; attempt++) {
		try {
			execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--sourcemap', 'hidden'], {
				cwd: root,
				stdio: ['ignore', 'pipe', 'pipe'],
				maxBuffer: 64 * 1024 * 1024
			});
		} catch (error) {
			const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
			if (attempt < 3) continue;
			throw new Error(`vite build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`, { cause: error });
		}
		rmSync(siteDir, { recursive: true, force: true });
		mkdirSync(join(siteDir, 'scripts'), { recursive: true });
		cpSync(join(root, 'build'), join(siteDir, 'build'), { recursive: true });
		// serve.js supervises the app's static server and the embedded sync server: their modules come along.
		for (const script of ['serve.js', 'static-server.js', 'sync-server.js', 'couch-rules.js'])
			copyFileSync(join(root, 'scripts', script), join(siteDir, 'scripts', script));
		rmSync(mapsDir, { recursive: true, force: true });
		const builtDir = join(siteDir, 'build');
		walk(builtDir, (path) => {
			if (!path.endsWith('.map')) return;
			mkdirSync(dirname(join(mapsDir, path)), { recursive: true });
			renameSync(join(builtDir, path), join(mapsDir, path));
			// build/ is left as `npm run build` leaves it.
			if (existsSync(join(root, 'build', path))) rmSync(join(root, 'build', path), { force: true });
		});
		if (complete(builtDir)) return { ms: performance.now() - started, attempts: attempt };
		if (attempt >= 3) throw new Error('build/ kept changing while it was copied (another build running?)');
	}
}
