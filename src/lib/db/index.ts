// The one door to IndexedDB: screens and state call these named operations, never idb itself.
export { openDatabase, StorageError, storageError } from './database';
export { DATABASE_NAME, SCHEMA_VERSION } from './schema';
export type { CardRecord, DeckRecord, FlashcardsDb } from './schema';
export { deckCards, deckChanges, deleteDeck, listDecks, saveDeck, seedBundledDecks, type DeckChanges, type BundledPage } from './decks';
export {
	answersOnDay,
	CardChangedError,
	countToday,
	currentStreak,
	dueRange,
	loadStudy,
	nextDueDay,
	recordAnswer,
	studiedDays,
	studyDayAt,
	undoLastAnswer,
	type AnswerRecord,
	type DeckCounts
} from './study';
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
export { answerCountsByDay, cardSchedules, recentAnswerFacts } from './stats';
export { dueTomorrow, sessionSummary, type SessionSummary, type Tomorrow } from './session';
