// The schema of a backup file, checked whole before anything is imported.
import * as v from 'valibot';
import { settingsSchema } from './validate';

export const BACKUP_FORMAT = 'glossary-flashcards-backup';
export const BACKUP_VERSION = 1;

function makeBackupSchema() {
	const text = v.string();
	const count = v.pipe(v.number(), v.integer(), v.minValue(0));
	const day = v.pipe(v.number(), v.integer());
	const time = v.pipe(v.number(), v.finite());
	const grade = v.picklist([0, 1, 2, 3, 4, 5] as const);
	const status = v.picklist(['new', 'review', 'suspended', 'retired'] as const);
	const kind = v.picklist(['definition', 'synonyms', 'explanation', 'item', 'item-reverse', 'list', 'faq'] as const);

	const sm2State = v.strictObject({
		repetitions: count,
		interval: v.pipe(count, v.maxValue(36500)),
		easiness: v.pipe(v.number(), v.minValue(1.3), v.maxValue(100)),
		repeatToday: v.boolean()
	});

	const snapshot = v.strictObject({
		status,
		state: sm2State,
		dueDay: day,
		lapses: count,
		leech: v.boolean(),
		lastAnsweredAt: time
	});

	const deckSchema = v.strictObject({
		id: v.pipe(text, v.nonEmpty()),
		title: text,
		question: text,
		source: text,
		bundled: v.boolean(),
		createdAt: time,
		updatedAt: time
	});

	const cardText = v.strictObject({ front: text, back: text });

	const cardSchema = v.strictObject({
		id: v.pipe(text, v.nonEmpty()),
		deckId: text,
		kind,
		front: text,
		back: text,
		generated: cardText,
		edited: v.boolean(),
		pageChanged: v.optional(cardText),
		status,
		state: sm2State,
		dueDay: day,
		newOrder: count,
		lapses: count,
		leech: v.boolean(),
		lastAnsweredAt: time,
		addedAt: time
	});

	const reviewSchema = v.strictObject({
		id: v.optional(v.pipe(count, v.minValue(1))),
		cardId: text,
		deckId: text,
		time,
		studyDay: day,
		grade,
		wasNew: v.boolean(),
		before: snapshot,
		after: snapshot,
		tookMs: count,
		sessionId: text
	});

	return v.strictObject({
		format: v.literal(BACKUP_FORMAT),
		version: v.literal(BACKUP_VERSION),
		exportedAt: time,
		schemaVersion: count,
		decks: v.array(deckSchema),
		cards: v.array(cardSchema),
		reviews: v.array(reviewSchema),
		settings: settingsSchema()
	});
}

let schema: ReturnType<typeof makeBackupSchema> | undefined;

/** Built on first use: only the backup screens need it. */
export function backupSchema(): ReturnType<typeof makeBackupSchema> {
	return (schema ??= makeBackupSchema());
}

export type Backup = v.InferOutput<ReturnType<typeof makeBackupSchema>>;

/** Where in the file a problem is, e.g. "cards[3].state.easiness". */
export function issuePath(issue: v.BaseIssue<unknown>): string {
	return (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('').replace(/^\./, '');
}
