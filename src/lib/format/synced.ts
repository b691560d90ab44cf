// Words for when something was synced or saved, as Settings › Sync and the home page say them.

/** "Synced just now", "Synced 2 minutes ago", "Synced 3 hours ago", "Synced on 4 March". */
export function syncedWords(at: number, now: number): string {
	const minutes = Math.floor((now - at) / 60_000);
	if (minutes < 1) return 'Synced just now';
	if (minutes < 60) return `Synced ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `Synced ${hours} hour${hours === 1 ? '' : 's'} ago`;
	return `Synced on ${new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'long' })}`;
}

/** The moment of a save, as a notice names it ("4 Mar 2026, 10:15"). */
export const savedWhen = (time: number) => new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
