// Restoring after a lost database, in one transaction each: a backup (or what the device holds)
// with the changes a plan makes of it, and the install id of the lost database taken back, so the
// device goes on as the install it was (its journal, backups and sync documents are its own).
// The plan is the caller's (src/lib/journal/plan.ts): a pure function of the collection read here.
import type { Buried } from '$lib/srs/today';
import { defaultSettings, type LogEntry, type ReviewEntry } from '$lib/srs/types';
import type { Backup } from './backup-schema';
import { decodeEntries } from './log-codec';
import { encodeDay, encodeLog } from './log-write';
import type { CardRecord, DeckRecord, FlashcardsDb } from './schema';
import { writeTransaction } from './write';

/** The collection a plan is made from. */
export interface RestoreSource {
	decks: readonly DeckRecord[];
	cards: readonly CardRecord[];
	/** The whole log: answers, undos and resets. */
	log: readonly LogEntry[];
	settings: Backup['settings'];
	/** Today's burials, when known (a backup has none). */
	buried?: Buried;
}

/** What a plan changes: whole cards, whole days of the log (every entry of each), and the burials. */
export interface RestoreChanges {
	cards: readonly CardRecord[];
	days: readonly { deckId: string; studyDay: number; entries: readonly LogEntry[] }[];
	buried?: Buried;
}

const dayKey = (deckId: string, studyDay: number) => `${studyDay}\u0000${deckId}`;

/** The log of `base` with the plan's days in place of the same days. */
function withDays(base: readonly LogEntry[], days: RestoreChanges['days']): LogEntry[] {
	const replaced = new Set(days.map((day) => dayKey(day.deckId, day.studyDay)));
	return [...base.filter((entry) => !replaced.has(dayKey(entry.deckId, entry.studyDay))), ...days.flatMap((day) => day.entries)];
}

/**
 * Replaces everything on the device with `backup` as `plan` changes it (src/lib/journal's restore),
 * and makes the device the install `installId` again. The backup's answers without a device
 * (older files) were that install's. Deck options stay as saved in the backup, not stamped as a
 * new save: another device's later ones win in sync, as after any restore.
 */
export function restoreBackupWith(
	db: FlashcardsDb,
	backup: Backup,
	installId: string,
	plan: (source: RestoreSource) => RestoreChanges
): Promise<{ changes: RestoreChanges; log: LogEntry[] }> {
	const answers: LogEntry[] = backup.reviews.map((entry) =>
		entry.device === undefined ? { ...entry, device: installId } : (entry as ReviewEntry)
	);
	const changes = plan({ decks: backup.decks, cards: backup.cards as CardRecord[], log: answers, settings: backup.settings });
	const changedCards = new Map(changes.cards.map((card) => [card.id, card]));
	const log = withDays(answers, changes.days);
	return writeTransaction(db, ['decks', 'cards', 'log', 'settings', 'meta'], 'The restore', (tx, writes) => {
		writes.push(tx.objectStore('decks').clear(), tx.objectStore('cards').clear(), tx.objectStore('log').clear());
		for (const deck of backup.decks) writes.push(tx.objectStore('decks').put(deck));
		for (const card of backup.cards as CardRecord[]) writes.push(tx.objectStore('cards').put(changedCards.get(card.id) ?? card));
		for (const record of encodeLog(log)) writes.push(tx.objectStore('log').put(record));
		writes.push(tx.objectStore('settings').put(backup.settings, 'study'));
		const meta = tx.objectStore('meta');
		writes.push(backup.deckOptions ? meta.put(backup.deckOptions, 'deckOptions') : meta.delete('deckOptions'));
		writes.push(changes.buried ? meta.put(changes.buried, 'buried') : meta.delete('buried'));
		writes.push(meta.put(installId, 'installId'));
		return { changes, log };
	});
}

/**
 * Applies `plan` to what the device holds now (after a sync brought the server's collection), in
 * the same transaction that reads it, and makes the device the install `installId` again.
 */
export function restoreInPlace(
	db: FlashcardsDb,
	installId: string,
	plan: (source: RestoreSource) => RestoreChanges
): Promise<{ changes: RestoreChanges; log: LogEntry[] }> {
	return writeTransaction(db, ['decks', 'cards', 'log', 'settings', 'meta'], 'The restore', async (tx, writes) => {
		const meta = tx.objectStore('meta');
		const [decks, cards, records, settings, buried] = await Promise.all([
			tx.objectStore('decks').getAll(),
			tx.objectStore('cards').getAll(),
			tx.objectStore('log').getAll(),
			tx.objectStore('settings').get('study'),
			meta.get('buried') as Promise<Buried | undefined>
		]);
		const log = records.flatMap(decodeEntries);
		const changes = plan({ decks, cards, log, settings: { ...defaultSettings, ...settings }, ...(buried ? { buried } : {}) });
		for (const card of changes.cards) writes.push(tx.objectStore('cards').put(card));
		for (const day of changes.days) writes.push(tx.objectStore('log').put(encodeDay(day.deckId, day.studyDay, day.entries)));
		if (changes.buried) writes.push(meta.put(changes.buried, 'buried'));
		writes.push(meta.put(installId, 'installId'));
		return { changes, log: withDays(log, changes.days) };
	});
}
