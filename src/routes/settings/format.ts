// Words and names the settings screen shows: storage sizes, the study-day hour, the backup file name.

// One byte formatter for the app (backup messages use it too).
export { formatBytes } from '$lib/format/bytes';

/** "04:00" for the hour a study day starts. */
export function hourLabel(hour: number): string {
	return `${String(hour).padStart(2, '0')}:00`;
}

/** glossary-flashcards-backup-2026-03-10.json, dated by the device's calendar. */
export function backupFileName(now: number): string {
	const date = new Date(now);
	const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
	return `glossary-flashcards-backup-${day}.json`;
}
