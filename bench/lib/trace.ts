// A Chromium trace (CDP Tracing) summarised as DevTools' Summary would: where the page's main
// thread and its service worker spent their time, by trace event, self time.
import type { CDPSession } from '@playwright/test';

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: { name?: string; data?: { url?: string } };
}

export interface ThreadSummary {
	thread: string;
	/** Sum of top-level task time, ms. */
	busyMs: number;
	byEvent: { event: string; selfMs: number }[];
}

const CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'v8',
	'blink',
	'loading',
	'toplevel',
	'ServiceWorker'
];

export async function startTrace(cdp: CDPSession): Promise<void> {
	await cdp.send('Tracing.start', {
		transferMode: 'ReturnAsStream',
		traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }
	});
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
	const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
	await cdp.send('Tracing.end');
	const { stream } = await complete;
	if (!stream) return [];
	let text = '';
	for (;;) {
		const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
		text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
		if (chunk.eof) break;
	}
	await cdp.send('IO.close', { handle: stream });
	const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** Self time per event name on one thread, from its complete ('X') events, which nest. */
function selfTimes(events: TraceEvent[]): { busy: number; self: Map<string, number> } {
	const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	const self = new Map<string, number>();
	const stack: { end: number; name: string }[] = [];
	let busy = 0;
	for (const e of complete) {
		while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
		const parent = stack[stack.length - 1];
		if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
		else busy += e.dur!;
		self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
		stack.push({ end: e.ts + e.dur!, name: e.name });
	}
	return { busy, self };
}

/**
 * The renderer main thread that did the most work (the page's), and every service worker
 * thread, each with its busiest events.
 */
export function summarizeTrace(events: TraceEvent[], top = 12): ThreadSummary[] {
	const names = new Map<string, string>();
	for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
	const byThread = new Map<string, TraceEvent[]>();
	for (const e of events) {
		const key = `${e.pid}:${e.tid}`;
		const name = names.get(key);
		if (name !== 'CrRendererMain' && !/ServiceWorker/i.test(name ?? '')) continue;
		(byThread.get(key) ?? byThread.set(key, []).get(key)!).push(e);
	}
	const summaries = [...byThread.entries()].map(([key, list]) => {
		const { busy, self } = selfTimes(list);
		return {
			thread: names.get(key)!,
			busyMs: Math.round(busy / 100) / 10,
			byEvent: [...self.entries()]
				.map(([event, us]) => ({ event, selfMs: Math.round(us / 100) / 10 }))
				.filter((e) => e.selfMs > 0)
				.sort((a, b) => b.selfMs - a.selfMs)
				.slice(0, top)
		};
	});
	const main = summaries.filter((s) => s.thread === 'CrRendererMain').sort((a, b) => b.busyMs - a.busyMs)[0];
	return [...(main ? [main] : []), ...summaries.filter((s) => s.thread !== 'CrRendererMain' && s.busyMs > 0)];
}
