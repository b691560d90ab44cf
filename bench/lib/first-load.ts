// Bytes of the production build: what the home page loads first, the service worker's precache,
// the largest chunk. Read from build/ alone, so the e2e size test and the benchmark agree exactly.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileBytes {
	/** Path inside build/, e.g. "_app/immutable/entry/start.DqBoiC3j.js". */
	path: string;
	raw: number;
	/** gzip level 9 of the file alone, as a static host would send it. */
	gzip: number;
}

export interface Bytes {
	files: FileBytes[];
	raw: number;
	gzip: number;
}

export function fileBytes(buildDir: string, path: string): FileBytes {
	const content = readFileSync(join(buildDir, path));
	return { path, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

function total(buildDir: string, paths: Iterable<string>): Bytes {
	const files = [...new Set(paths)].sort().map((path) => fileBytes(buildDir, path));
	return { files, raw: files.reduce((sum, f) => sum + f.raw, 0), gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

function attribute(tag: string, name: string): string | undefined {
	const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
	return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** A URL written in `page` (relative or root-relative) as a path inside build/, or undefined if external. */
function inBuild(page: string, href: string): string | undefined {
	if (/^[a-z]+:|^\/\//i.test(href)) return undefined;
	const clean = href.replace(/[?#].*$/, '');
	const resolved = clean.startsWith('/') ? clean : posix.join(posix.dirname(`/${page}`), clean);
	return posix.normalize(resolved).replace(/^\//, '');
}

export interface FirstLoad {
	page: string;
	js: Bytes;
	css: Bytes;
}

/**
 * The JavaScript and CSS a page of the build loads before it can run: its modulepreload links
 * (SvelteKit lists the entry chunks, the root layout node, the page's node and their imports),
 * module scripts and the modules its inline bootstrap script imports; its stylesheets.
 * Modules imported later at run time (import() in the app's code) are not counted.
 */
export function firstLoad(buildDir = 'build', page = 'index.html'): FirstLoad {
	const html = readFileSync(join(buildDir, page), 'utf8');
	const js = new Set<string>();
	const css = new Set<string>();
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
		const href = attribute(tag, 'href');
		const path = href && inBuild(page, href);
		if (!path) continue;
		if (rel.includes('modulepreload')) js.add(path);
		else if (rel.includes('stylesheet')) css.add(path);
	}
	for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/gi)) {
		const src = attribute(`<script ${attrs}>`, 'src');
		const path = src && inBuild(page, src);
		if (path) js.add(path);
		for (const [, specifier] of body!.matchAll(/import\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
			const imported = inBuild(page, specifier!);
			if (imported) js.add(imported);
		}
	}
	return { page, js: total(buildDir, js), css: total(buildDir, css) };
}

/** Everything the service worker stores on install: the precache manifest in sw.js (not sw.js itself). */
export function precache(buildDir = 'build'): Bytes & { missing: string[] } {
	const sw = readFileSync(join(buildDir, 'sw.js'), 'utf8');
	// The manifest as workbox-build writes it into the worker: `url:"…"`, or `"url":"…"` since the
	// worker is the app's own (injectManifest).
	const urls = [...sw.matchAll(/(?:\burl|"url"):\s*"([^"]+)"/g)].map((m) => inBuild('sw.js', m[1]!)!);
	// Prerendered pages are listed by URL ("/", "stats"): the host answers them with index.html, stats.html.
	const asFile = (path: string) =>
		[path, `${path}.html`, path ? `${path}/index.html` : 'index.html'].find(
			(p) => p && existsSync(join(buildDir, p)) && statSync(join(buildDir, p)).isFile()
		);
	const missing = urls.filter((path) => !asFile(path));
	return {
		...total(
			buildDir,
			urls.map(asFile).filter((p): p is string => p !== undefined)
		),
		missing
	};
}

/** Every JavaScript file of the app, largest first. */
export function chunks(buildDir = 'build'): FileBytes[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(join(buildDir, dir))) {
			const path = dir ? `${dir}/${name}` : name;
			if (statSync(join(buildDir, path)).isDirectory()) walk(path);
			else if (name.endsWith('.js')) found.push(path);
		}
	};
	walk('_app');
	return found.map((path) => fileBytes(buildDir, path)).sort((a, b) => b.raw - a.raw);
}
