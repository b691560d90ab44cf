// Sizes in words, the one formatter for every size a learner reads (storage used, a backup's size).

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** A size as the learner reads it: "512 bytes", "1.2 MB", "2 GB", "37 GB" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '—';
	if (bytes < 1024) return `${Math.round(bytes)} ${Math.round(bytes) === 1 ? 'byte' : 'bytes'}`;
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	let text = rounded(value);
	// 1023.97 KB rounds to 1024 KB: say 1 MB instead.
	if (Number(text) >= 1024 && unit < UNITS.length - 1) {
		text = rounded(Number(text) / 1024);
		unit++;
	}
	return `${text} ${UNITS[unit]}`;
}

/** One decimal under 10 ("1.2", "2"), whole numbers above ("37"). */
function rounded(value: number): string {
	return value < 9.95 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}
