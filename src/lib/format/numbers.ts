// Short human texts for durations and percentages (the stats page, the review screen's end, a card's page).
// One formatter each, so every screen shows the same numbers the same way.

/** Shown where there is no number yet (no reviews, no timed answers). */
export const NO_VALUE = '—';

/**
 * A duration in whole seconds, minutes and hours: "12 s", "1 min 5 s", "2 min", "1 h 3 min".
 * Seconds are dropped from an hour or more, where they are noise. Anything under half a second
 * but above zero shows as "< 1 s" rather than a misleading "0 s".
 */
export function formatDuration(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms) || ms < 0) return NO_VALUE;
	if (ms > 0 && ms < 500) return '< 1 s';
	const totalSeconds = Math.round(ms / 1000);
	if (totalSeconds < 60) return `${totalSeconds} s`;
	if (totalSeconds < 3600) {
		const minutes = Math.floor(totalSeconds / 60);
		const seconds = totalSeconds % 60;
		return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
	}
	const totalMinutes = Math.round(totalSeconds / 60);
	const hours = Math.floor(totalMinutes / 60);
	const minutes = totalMinutes % 60;
	return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/**
 * A rate 0..1 as a whole percentage ("87%"), or "—" for null.
 * Rounding never shows 100% unless everything was recalled, nor 0% unless nothing was:
 * 199 of 200 reads 99%, so the learner is not told a lapse never happened.
 */
export function percent(rate: number | null): string {
	if (rate === null || !Number.isFinite(rate)) return NO_VALUE;
	let whole = Math.round(rate * 100);
	if (whole >= 100 && rate < 1) whole = 99;
	if (whole <= 0 && rate > 0) whole = 1;
	return `${whole}%`;
}
