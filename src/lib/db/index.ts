// The one door to IndexedDB. The rule: only db/ touches idb; state modules (src/lib/state, and a
// route's own *.svelte.ts or *.ts beside it) call these named operations; screens (.svelte) call
// state, never db (a lint rule; types are fine). Every write runs in write.ts writeTransaction, and
// the rules a write follows are pure (srs, plan-*.ts). State that the first screen loads may import
// a module here directly (e.g. '$lib/db/study' rather than this index): the index leads to backups
// and validation, which the first load must not carry.
export { openDatabase, StorageError, storageError } from './database';
export { DATABASE_NAME, SCHEMA_VERSION } from './schema';
export type { CardRecord, DeckRecord, FlashcardsDb } from './schema';
export { deckCards, deckChanges, deleteDeck, listDecks, saveDeck, seedBundledDecks, type DeckChanges, type BundledPage } from './decks';
export { answersOnDay, currentStreak, dueRange, nextDueDay, studyDayAt } from './study';
export { countToday, deckCounts, readToday, todayOf, type DeckCounts, type Today } from './today';
export { CardChangedError, recordAnswer, stillShown, undoLastAnswer, type AnswerRecord } from './answers';
export {
	BackupError,
	exportBackup,
	importBackup,
	markBackedUp,
	parseBackup,
	MAX_BACKUP_BYTES,
	type ImportResult,
	type ParseOptions
} from './backup';
export { backupReminderDue, ensureInstall, getMeta, loadSettings, readStartup, saveSettings, setMeta, type Startup } from './settings';
export { SettingsError, validSettings } from './validate';
export type { Backup } from './backup-schema';
export { allCards, cardHistory, cardLog, editCard, getCard, keepMyText, resetCard, setSuspended, takePageText } from './cards';
export { answerCountsByDay, cardSchedules, recentAnswerFacts, studiedDays } from './stats';
// Not here: session.ts and study-session.ts, the review screen's own reads (its chunk, see vite.config.ts).
