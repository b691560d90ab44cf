// Summaries of repeated timings.

export interface Summary {
	median: number;
	p95: number;
	min: number;
	max: number;
	runs: number;
}

/** Nearest-rank percentile of `values` (0 < p <= 100). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(values: number[]): Summary {
	const finite = values.filter((v) => Number.isFinite(v));
	return {
		median: percentile(finite, 50),
		p95: percentile(finite, 95),
		min: Math.min(...finite),
		max: Math.max(...finite),
		runs: finite.length
	};
}

/** Rounds every number in a summary to `digits` decimals, for the results file. */
export function rounded(summary: Summary, digits = 1): Summary {
	const factor = 10 ** digits;
	const round = (v: number) => (Number.isInteger(v) ? v : Math.round(v * factor) / factor);
	return { median: round(summary.median), p95: round(summary.p95), min: round(summary.min), max: round(summary.max), runs: summary.runs };
}
