// CPU profiles of the page (CDP Profiler), summarised by self and total time per function, with
// the app's minified functions named through the build's source maps (bench/.tmp/maps).
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
}

export interface FunctionTime {
	/** Original function (or the minified name) and where it is in the sources. */
	name: string;
	where: string;
	selfMs: number;
	totalMs: number;
}

export interface ProfileSummary {
	/** Sampled wall time of the profile, ms. */
	ms: number;
	/** Time with JavaScript or rendering on the main thread (everything but idle), ms. */
	busyMs: number;
	bySelf: FunctionTime[];
	/** The app's own functions (sources under src/) by total time, callees included. */
	appByTotal: FunctionTime[];
}

export async function startProfile(cdp: CDPSession, intervalUs = 200): Promise<void> {
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
	await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: CDPSession): Promise<CpuProfile> {
	const { profile } = await cdp.send('Profiler.stop');
	await cdp.send('Profiler.disable');
	return profile as unknown as CpuProfile;
}

export class SourceNamer {
	#maps = new Map<string, TraceMap | null>();
	constructor(readonly mapsDir: string) {}

	#map(url: string): TraceMap | null {
		let path: string;
		try {
			path = new URL(url).pathname.replace(/^\//, '');
		} catch {
			return null;
		}
		if (!this.#maps.has(path)) {
			const file = join(this.mapsDir, `${path}.map`);
			this.#maps.set(path, existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null);
		}
		return this.#maps.get(path)!;
	}

	/** "name", "src/lib/srs/queue.ts:123" for a frame of the app; the frame as it is otherwise. */
	name(frame: CallFrame): { name: string; where: string; app: boolean } {
		const minified = frame.functionName || '(anonymous)';
		if (!frame.url || frame.lineNumber < 0)
			return { name: minified, where: frame.url ? frame.url.replace(/^https?:\/\/[^/]+\//, '') : '', app: false };
		// The benchmark's own init scripts (page/*.js), named as such rather than by a path on this machine.
		if (!/^https?:/.test(frame.url))
			return {
				name: minified,
				where: `${frame.url.replace(/^.*\/bench\/page\//, 'bench/page/')}:${frame.lineNumber + 1} (benchmark helper)`,
				app: false
			};
		const map = this.#map(frame.url);
		const file = frame.url.replace(/^https?:\/\/[^/]+\//, '');
		if (!map) return { name: minified, where: `${file}:${frame.lineNumber + 1}`, app: false };
		const original = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
		if (!original.source) return { name: minified, where: `${file}:${frame.lineNumber + 1}`, app: false };
		const source = original.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
		let name = original.name ?? '';
		if (!name) {
			// The mapped line of the original source names the function better than the minifier did.
			const index = map.sources.indexOf(original.source);
			const text = index >= 0 ? map.sourcesContent?.[index]?.split('\n')[original.line - 1] : undefined;
			const declared =
				text &&
				/(?:function\s*\*?\s*|(?:async\s+)?(?:get\s+|set\s+)?)(#?[A-Za-z_$][\w$]*)\s*(?:=\s*(?:async\s*)?\(|\(|=)/.exec(
					text.slice(original.column)
				);
			name = declared?.[1] ?? (text?.trim().slice(0, 40) || minified);
		}
		return { name, where: `${source}:${original.line}`, app: !source.startsWith('node_modules/') };
	}
}

/** What a built chunk is made of: its app sources (src/...), else its packages, from its source map. */
export function chunkContents(mapsDir: string, url: string, max = 4): string {
	let path: string;
	try {
		path = new URL(url, 'http://x/').pathname.replace(/^\//, '');
	} catch {
		return '';
	}
	const file = join(mapsDir, `${path}.map`);
	if (!existsSync(file)) return '';
	const sources = (JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
	const app = sources.filter((s) => s.startsWith('src/'));
	const packages = [
		...new Set(sources.filter((s) => s.includes('node_modules/')).map((s) => s.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, '$1')))
	];
	const named = app.length ? app : packages;
	return named.slice(0, max).join(', ') + (named.length > max ? `, … (${named.length} modules)` : '');
}

/** Self time per function (and total time for the app's own functions), largest first. */
export function summarizeProfile(profile: CpuProfile, namer: SourceNamer, top = 15): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	const names = new Map<number, { key: string; name: string; where: string; app: boolean }>();
	const nameOf = (id: number) => {
		let named = names.get(id);
		if (!named) {
			const info = namer.name(byId.get(id)!.callFrame);
			named = { ...info, key: `${info.name}@${info.where}` };
			names.set(id, named);
		}
		return named;
	};
	const self = new Map<string, FunctionTime>();
	const total = new Map<string, FunctionTime>();
	let ms = 0;
	let idle = 0;
	for (let i = 0; i < samples.length; i++) {
		// A sample's time is the gap to the next one.
		const dt = (deltas[i + 1] ?? 0) / 1000;
		ms += dt;
		const leaf = nameOf(samples[i]!);
		if (leaf.name === '(idle)') idle += dt;
		const entry = self.get(leaf.key) ?? { name: leaf.name, where: leaf.where, selfMs: 0, totalMs: 0 };
		entry.selfMs += dt;
		self.set(leaf.key, entry);
		const seen = new Set<string>();
		for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
			const named = nameOf(id);
			if (!named.app || seen.has(named.key)) continue;
			seen.add(named.key);
			const t = total.get(named.key) ?? { name: named.name, where: named.where, selfMs: 0, totalMs: 0 };
			t.totalMs += dt;
			total.set(named.key, t);
		}
	}
	for (const [key, t] of total) t.selfMs = self.get(key)?.selfMs ?? 0;
	for (const [key, s] of self) s.totalMs = total.get(key)?.totalMs ?? s.selfMs;
	const round = (f: FunctionTime) => ({ ...f, selfMs: Math.round(f.selfMs * 10) / 10, totalMs: Math.round(f.totalMs * 10) / 10 });
	return {
		ms: Math.round(ms),
		busyMs: Math.round(ms - idle),
		bySelf: [...self.values()]
			.filter((f) => f.name !== '(idle)')
			.sort((a, b) => b.selfMs - a.selfMs)
			.slice(0, top)
			.map(round),
		appByTotal: [...total.values()]
			.sort((a, b) => b.totalMs - a.totalMs)
			.slice(0, top)
			.map(round)
	};
}
