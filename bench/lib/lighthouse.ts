// Lighthouse 12 (its default config: the mobile preset, simulated slow 4G and 4x CPU) on the home
// page, in the Chromium the tests use, started by chrome-launcher with the tests' flags.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { summarize, type Summary } from './stats';

export interface LighthouseRun {
	performance: number;
	accessibility: number;
	bestPractices: number;
	fcp: number;
	lcp: number;
	tbt: number;
	cls: number;
	/** Audits that cost points: id, score, and what they found (display value). */
	losses: { category: string; id: string; score: number | null; display?: string }[];
	/** Where the simulated load spent its time: Lighthouse's own breakdowns, ms. */
	breakdown: {
		mainThread: { group: string; ms: number }[];
		bootup: { url: string; total: number; scripting: number; parseCompile: number; contents?: string }[];
		longTasks: { url: string; startTime: number; duration: number }[];
		lcpPhases: { phase: string; ms: number }[];
		lcpElement?: string;
		/** The elements that moved (layout-shifts audit) and their share of CLS. */
		layoutShifts: { element: string; score: number }[];
	};
}

type Items = Record<string, unknown>[];
const itemsOf = (audit: unknown): Items => ((audit as { details?: { items?: Items } } | undefined)?.details?.items ?? []) as Items;
const short = (url: unknown) => String(url ?? '').replace(/^https?:\/\/[^/]+\//, '/');

/** The element of the LCP element audit. */
function lcpElement(audit: unknown): string | undefined {
	const visit = (items: Items): string | undefined => {
		for (const item of items) {
			const node = item.node as { snippet?: string } | undefined;
			if (node?.snippet) return node.snippet;
			if (Array.isArray(item.items)) {
				const found = visit(item.items as Items);
				if (found) return found;
			}
		}
		return undefined;
	};
	return visit(itemsOf(audit));
}

/** The phases table of the LCP element audit (TTFB, load delay, load time, render delay). */
function lcpPhases(audit: unknown): { phase: string; ms: number }[] {
	const found: { phase: string; ms: number }[] = [];
	const visit = (items: Items) => {
		for (const item of items) {
			if (typeof item.phase === 'string' && typeof item.timing === 'number') found.push({ phase: item.phase, ms: Math.round(item.timing) });
			if (Array.isArray(item.items)) visit(item.items as Items);
		}
	};
	visit(itemsOf(audit));
	return found;
}

export interface LighthouseResult {
	runs: LighthouseRun[];
	performance: Summary;
	accessibility: Summary;
	bestPractices: Summary;
	fcp: Summary;
	lcp: Summary;
	tbt: Summary;
	cls: Summary;
	version: string;
}

export async function runLighthouse(
	url: string,
	chromePath: string,
	flags: string[],
	runs: number,
	contents: (url: string) => string = () => ''
): Promise<LighthouseResult> {
	const results: LighthouseRun[] = [];
	let version = '';
	for (let i = 0; i < runs; i++) {
		const chrome = await launch({ chromePath, chromeFlags: ['--headless=new', ...flags], logLevel: 'silent' });
		try {
			const result = await lighthouse(url, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance', 'accessibility', 'best-practices']
			});
			if (!result) throw new Error('Lighthouse returned no result');
			const lhr = result.lhr;
			if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
			version = lhr.lighthouseVersion;
			const score = (id: string) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
			const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
			const losses: LighthouseRun['losses'] = [];
			for (const [category, { auditRefs }] of Object.entries(lhr.categories)) {
				for (const ref of auditRefs) {
					const a = lhr.audits[ref.id];
					if (!a || ref.weight === 0 || a.score === null || a.score >= 1) continue;
					if (a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'informative' || a.scoreDisplayMode === 'manual') continue;
					losses.push({ category, id: ref.id, score: a.score, display: a.displayValue });
				}
			}
			results.push({
				performance: score('performance'),
				accessibility: score('accessibility'),
				bestPractices: score('best-practices'),
				fcp: audit('first-contentful-paint'),
				lcp: audit('largest-contentful-paint'),
				tbt: audit('total-blocking-time'),
				cls: audit('cumulative-layout-shift'),
				losses,
				breakdown: {
					mainThread: itemsOf(lhr.audits['mainthread-work-breakdown']).map((i) => ({
						group: String(i.groupLabel ?? i.group),
						ms: Math.round(Number(i.duration))
					})),
					bootup: itemsOf(lhr.audits['bootup-time']).map((i) => ({
						url: short(i.url),
						total: Math.round(Number(i.total)),
						scripting: Math.round(Number(i.scripting)),
						parseCompile: Math.round(Number(i.scriptParseCompile)),
						contents: contents(short(i.url))
					})),
					longTasks: itemsOf(lhr.audits['long-tasks']).map((i) => ({
						url: short(i.url),
						startTime: Math.round(Number(i.startTime)),
						duration: Math.round(Number(i.duration))
					})),
					lcpPhases: lcpPhases(lhr.audits['largest-contentful-paint-element']),
					lcpElement: lcpElement(lhr.audits['largest-contentful-paint-element']),
					layoutShifts: itemsOf(lhr.audits['layout-shifts']).map((i) => {
						const node = i.node as { snippet?: string; selector?: string } | undefined;
						return { element: `${node?.selector ?? ''} ${node?.snippet ?? ''}`.trim(), score: Math.round(Number(i.score) * 10000) / 10000 };
					})
				}
			});
		} finally {
			chrome.kill();
		}
	}
	const of = (key: keyof Omit<LighthouseRun, 'losses' | 'breakdown'>) => summarize(results.map((r) => r[key]));
	return {
		runs: results,
		performance: of('performance'),
		accessibility: of('accessibility'),
		bestPractices: of('bestPractices'),
		fcp: of('fcp'),
		lcp: of('lcp'),
		tbt: of('tbt'),
		cls: of('cls'),
		version
	};
}
