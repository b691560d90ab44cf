// The schema of a backup file, checked whole before anything is imported.
import * as v from 'valibot';
import { isWebAddress } from '$lib/glossary/source-link';
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
		// Only a web address: a backup must not bring a javascript: link onto the home page.
		sourceUrl: v.optional(v.pipe(text, v.check(isWebAddress, 'a deck source link must be an http or https address'))),
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

	const fileSchema = <T extends v.GenericSchema>(reviews: T) =>
		v.strictObject({
			format: v.literal(BACKUP_FORMAT),
			version: v.literal(BACKUP_VERSION),
			exportedAt: time,
			schemaVersion: count,
			decks: v.array(deckSchema),
			cards: v.array(cardSchema),
			reviews: v.array(reviews),
			settings: settingsSchema()
		});

	return { file: fileSchema(reviewSchema), review: reviewSchema, withoutReviews: fileSchema(v.unknown()) };
}

let schemas: ReturnType<typeof makeBackupSchema> | undefined;

/** Built on first use: only the backup screens need them. */
function built(): ReturnType<typeof makeBackupSchema> {
	return (schemas ??= makeBackupSchema());
}

/** The whole file. */
export function backupSchema() {
	return built().file;
}

/** One entry of `reviews` (for the tests of isValidReview). */
export function reviewSchema() {
	return built().review;
}

/** The file with its reviews unchecked: isValidReview checks them, many times faster than valibot. */
export function backupSchemaWithoutReviews() {
	return built().withoutReviews;
}

export type Backup = v.InferOutput<ReturnType<typeof backupSchema>>;

const REVIEW_KEYS = new Set(['id', 'cardId', 'deckId', 'time', 'studyDay', 'grade', 'wasNew', 'before', 'after', 'tookMs', 'sessionId']);
const SNAPSHOT_KEYS = new Set(['status', 'state', 'dueDay', 'lapses', 'leech', 'lastAnsweredAt']);
const STATE_KEYS = new Set(['repetitions', 'interval', 'easiness', 'repeatToday']);
const STATUSES = new Set<unknown>(['new', 'review', 'suspended', 'retired']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isFinite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/** Has exactly these keys (all of them, but `optional`, which may be missing). */
function hasKeys(value: Record<string, unknown>, keys: Set<string>, optional?: string): boolean {
	let found = 0;
	for (const key in value) {
		if (!keys.has(key)) return false;
		found++;
	}
	return found === keys.size || (optional !== undefined && found === keys.size - 1 && !(optional in value));
}

function isSnapshot(value: unknown): boolean {
	if (!isObject(value) || !hasKeys(value, SNAPSHOT_KEYS) || !STATUSES.has(value.status)) return false;
	const state = value.state;
	return (
		isObject(state) &&
		hasKeys(state, STATE_KEYS) &&
		isCount(state.repetitions) &&
		isCount(state.interval) &&
		(state.interval as number) <= 36500 &&
		typeof state.easiness === 'number' &&
		state.easiness >= 1.3 &&
		state.easiness <= 100 &&
		typeof state.repeatToday === 'boolean' &&
		Number.isInteger(value.dueDay) &&
		isCount(value.lapses) &&
		typeof value.leech === 'boolean' &&
		isFinite(value.lastAnsweredAt)
	);
}

/**
 * Whether one entry of a file's `reviews` passes reviewSchema(): the same rules, written out so
 * that a backup of 100,000 answers is checked in milliseconds (valibot took ~0.25 s of a 2 s
 * import). A file with an entry that fails is checked again by valibot, for the message.
 */
export function isValidReview(value: unknown): boolean {
	return (
		isObject(value) &&
		hasKeys(value, REVIEW_KEYS, 'id') &&
		(value.id === undefined || (Number.isInteger(value.id) && (value.id as number) >= 1)) &&
		typeof value.cardId === 'string' &&
		typeof value.deckId === 'string' &&
		isFinite(value.time) &&
		Number.isInteger(value.studyDay) &&
		typeof value.grade === 'number' &&
		[0, 1, 2, 3, 4, 5].includes(value.grade) &&
		typeof value.wasNew === 'boolean' &&
		isSnapshot(value.before) &&
		isSnapshot(value.after) &&
		isCount(value.tookMs) &&
		typeof value.sessionId === 'string'
	);
}

/** Where in the file a problem is, e.g. "cards[3].state.easiness". */
export function issuePath(issue: v.BaseIssue<unknown>): string {
	return (issue.path ?? [])
		.map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
		.join('')
		.replace(/^\./, '');
}
