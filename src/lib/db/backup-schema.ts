// The schema of a backup file, checked whole before anything is imported.
import * as v from 'valibot';
import { linkIdProblem } from '$lib/glossary/deck-id';
import { isWebAddress } from '$lib/glossary/source-link';
import { MAX_MAXIMUM_INTERVAL } from '$lib/srs/fsrs-options';
import { MAX_EASINESS, MAX_INTERVAL, MIN_EASINESS } from '$lib/srs/sm2';
import { fittedParametersSchema, settingsSchema } from './validate';

export const BACKUP_FORMAT = 'glossary-flashcards-backup';
export const BACKUP_VERSION = 1;

/** The most a Date can hold (±100,000,000 days of 1970): a time beyond it shows "Invalid Date". */
const MAX_TIME = 8.64e15;
/** How far from today a day of a backup may lie: the longest interval SM-2 gives, either way. */
export const DAY_WINDOW = MAX_INTERVAL;

/** Whole hundredths, as sm2.ts keeps easiness (2.36 is 236 / 100, exactly as the app writes it). */
const isHundredths = (value: number) => Math.round(value * 100) / 100 === value;
const isEasiness = (value: unknown) => typeof value === 'number' && value >= MIN_EASINESS && value <= MAX_EASINESS && isHundredths(value);
const isTime = (value: unknown) => typeof value === 'number' && value >= -MAX_TIME && value <= MAX_TIME;

function linkId(what: 'deck' | 'card') {
	return v.check<string, (issue: v.CheckIssue<string>) => string>(
		(id) => linkIdProblem(id) === undefined,
		(issue) => `the ${what} id ${JSON.stringify(issue.input)} cannot make a link: ${linkIdProblem(issue.input)}`
	);
}

function makeBackupSchema() {
	const text = v.string();
	const count = v.pipe(v.number(), v.integer(), v.minValue(0));
	// Days are checked against today once the file has passed (see dayProblem).
	const day = v.pipe(v.number(), v.integer());
	const timeMessage = (issue: v.BaseIssue<unknown>) =>
		`a time must be a date between the years -271821 and 275760 (got ${String(issue.input)})`;
	const time = v.pipe(v.number(), v.minValue(-MAX_TIME, timeMessage), v.maxValue(MAX_TIME, timeMessage));
	const easinessMessage = (issue: v.BaseIssue<unknown>) =>
		`easiness must be from ${MIN_EASINESS} to ${MAX_EASINESS} in whole hundredths, such as 2.36 (got ${String(issue.input)})`;
	const grade = v.picklist([0, 1, 2, 3, 4, 5] as const);
	const status = v.picklist(['new', 'review', 'suspended', 'retired'] as const);
	const kind = v.picklist(['definition', 'synonyms', 'explanation', 'item', 'item-reverse', 'list', 'faq', 'anki'] as const);

	const sm2State = v.strictObject({
		repetitions: count,
		interval: v.pipe(count, v.maxValue(MAX_INTERVAL)),
		easiness: v.pipe(
			v.number(),
			v.minValue(MIN_EASINESS, easinessMessage),
			v.maxValue(MAX_EASINESS, easinessMessage),
			v.check<number, typeof easinessMessage>(isHundredths, easinessMessage)
		),
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

	// FSRS's memory of a card (srs/fsrs.ts FsrsState), kept only while its deck uses FSRS.
	const fsrsState = v.strictObject({
		phase: v.picklist(['new', 'learning', 'review', 'relearning'] as const),
		stability: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_TIME)),
		difficulty: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
		step: count,
		reps: count,
		lapses: count,
		scheduledDays: v.pipe(count, v.maxValue(MAX_MAXIMUM_INTERVAL)),
		lastDay: v.nullable(day),
		due: time
	});

	const deckSchema = v.strictObject({
		id: v.pipe(text, linkId('deck')),
		title: text,
		question: text,
		source: text,
		bundled: v.boolean(),
		// Only a web address: a backup must not bring a javascript: link onto the home page.
		sourceUrl: v.optional(v.pipe(text, v.check(isWebAddress, 'a deck source link must be an http or https address'))),
		createdAt: time,
		updatedAt: time,
		/** The deck's own scheduler; missing, it follows Settings. */
		scheduler: v.optional(v.picklist(['sm2', 'fsrs'] as const))
	});

	const cardText = v.strictObject({ front: text, back: text });

	// A card made from an Anki note (anki/import-package.ts AnkiFace): its note, its number, its sides.
	const guid = v.pipe(text, v.minLength(1, 'an Anki note needs its GUID'));
	const ankiFace = v.strictObject({
		note: guid,
		ord: count,
		question: text,
		answer: text,
		typeAnswer: v.optional(v.strictObject({ expected: text, combining: v.boolean() })),
		problem: v.optional(v.picklist(['broken', 'empty'] as const))
	});
	const noteSchema = v.strictObject({
		guid,
		noteTypeId: v.pipe(v.number(), v.integer()),
		fields: v.array(text),
		tags: v.array(text),
		modified: time,
		deckIds: v.array(text)
	});
	const noteTypeSchema = v.strictObject({
		id: v.pipe(v.number(), v.integer()),
		name: text,
		kind: v.picklist(['normal', 'cloze'] as const),
		fields: v.array(text),
		templates: v.array(v.strictObject({ name: text, ord: count, question: text, answer: text })),
		css: text
	});

	const cardSchema = v.strictObject({
		id: v.pipe(text, linkId('card')),
		deckId: text,
		kind,
		front: text,
		back: text,
		generated: cardText,
		edited: v.boolean(),
		pageChanged: v.optional(cardText),
		editedAt: v.optional(time),
		status,
		state: sm2State,
		dueDay: day,
		newOrder: count,
		lapses: count,
		leech: v.boolean(),
		lastAnsweredAt: time,
		addedAt: time,
		fsrs: v.optional(fsrsState),
		anki: v.optional(ankiFace)
	});

	// A card's state as imported (srs/types StateEntry): the log's fold starts from it.
	const stateSchema = v.strictObject({
		kind: v.literal('state'),
		cardId: text,
		deckId: text,
		time,
		studyDay: day,
		sessionId: text,
		device: text,
		before: snapshot,
		after: snapshot,
		fsrs: v.optional(fsrsState)
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
		sessionId: text,
		/** The install that gave the answer; files from before devices were named have none. */
		device: v.optional(text)
	});

	// A deck's own daily limits (meta deckOptions), in the same bounds as the settings'.
	const limit = (max: number, what: string) =>
		v.optional(
			v.pipe(
				v.number(`${what} must be a number`),
				v.integer(`${what} must be a whole number`),
				v.minValue(0, `${what} must be at least 0`),
				v.maxValue(max, `${what} must be at most ${max}`)
			)
		);
	const oneDeckOptions = v.strictObject({
		newPerDay: limit(9999, 'New cards per day'),
		reviewsPerDay: limit(99999, 'Reviews per day'),
		// FSRS parameters fitted to this deck's answers (Deck options `Fit to my reviews`).
		fsrsParameters: v.optional(fittedParametersSchema())
	});
	const deckOptionsSchema = v.record(text, oneDeckOptions);

	const fileSchema = <T extends v.GenericSchema>(reviews: T) =>
		v.strictObject({
			format: v.literal(BACKUP_FORMAT),
			version: v.literal(BACKUP_VERSION),
			exportedAt: time,
			schemaVersion: count,
			decks: v.array(deckSchema),
			cards: v.array(cardSchema),
			reviews: v.array(reviews),
			settings: settingsSchema(),
			/** Files from before deck options have none. */
			deckOptions: v.optional(deckOptionsSchema),
			/** Anki notes and note types of imported Anki decks; files without such decks have none. */
			notes: v.optional(v.array(noteSchema)),
			noteTypes: v.optional(v.array(noteTypeSchema)),
			/** The states cards were imported with (from Anki); files from before them, or without such cards, have none. */
			states: v.optional(v.array(stateSchema))
		});

	return {
		file: fileSchema(reviewSchema),
		review: reviewSchema,
		state: stateSchema,
		withoutReviews: fileSchema(v.unknown()),
		deckOptions: oneDeckOptions
	};
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

/** One entry of `states`: a card's state as imported. */
export function stateSchema() {
	return built().state;
}

/** Whether a value is a card's state as imported (srs/types StateEntry), by stateSchema(): sync checks pulled ones with it. */
export function isValidState(value: unknown): boolean {
	return v.is(built().state, value);
}

/** The file with its reviews unchecked: isValidReview checks them, many times faster than valibot. */
export function backupSchemaWithoutReviews() {
	return built().withoutReviews;
}

/**
 * What is wrong with one deck's options as a backup's `deckOptions` would hold them ("New cards per
 * day must be at least 0"), or undefined: sync checks a pulled deck's options with it.
 */
export function deckOptionsProblem(value: unknown): string | undefined {
	// valibot's object schemas take an array with no unknown keys.
	if (Array.isArray(value)) return 'its options are not a set of options';
	const result = v.safeParse(built().deckOptions, value);
	if (result.success) return undefined;
	const issue = result.issues[0];
	const at = v.getDotPath(issue);
	return at && issue.kind === 'schema' && issue.type === 'strict_object' ? `it has an unknown option "${at}"` : issue.message;
}

export type Backup = v.InferOutput<ReturnType<typeof backupSchema>>;

const REVIEW_KEYS = new Set([
	'id',
	'cardId',
	'deckId',
	'time',
	'studyDay',
	'grade',
	'wasNew',
	'before',
	'after',
	'tookMs',
	'sessionId',
	'device'
]);
const OPTIONAL_REVIEW_KEYS = new Set(['id', 'device']);
const SNAPSHOT_KEYS = new Set(['status', 'state', 'dueDay', 'lapses', 'leech', 'lastAnsweredAt']);
const STATE_KEYS = new Set(['repetitions', 'interval', 'easiness', 'repeatToday']);
const STATUSES = new Set<unknown>(['new', 'review', 'suspended', 'retired']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

/**
 * Has exactly these keys (all of them, but those in `optional`, which may be missing). Its own
 * keys only: nothing inherited counts, and an object whose prototype is not a plain object's or
 * null (a `__proto__` key made into one) has none of them.
 */
function hasKeys(value: Record<string, unknown>, keys: Set<string>, optional?: Set<string>): boolean {
	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	const own = Object.keys(value);
	if (own.some((key) => !keys.has(key))) return false;
	if (own.length === keys.size) return true;
	let missing = 0;
	for (const key of optional ?? []) if (!Object.hasOwn(value, key)) missing++;
	return own.length + missing === keys.size;
}

function isSnapshot(value: unknown): boolean {
	if (!isObject(value) || !hasKeys(value, SNAPSHOT_KEYS) || !STATUSES.has(value.status)) return false;
	const state = value.state;
	return (
		isObject(state) &&
		hasKeys(state, STATE_KEYS) &&
		isCount(state.repetitions) &&
		isCount(state.interval) &&
		(state.interval as number) <= MAX_INTERVAL &&
		isEasiness(state.easiness) &&
		typeof state.repeatToday === 'boolean' &&
		Number.isInteger(value.dueDay) &&
		isCount(value.lapses) &&
		typeof value.leech === 'boolean' &&
		isTime(value.lastAnsweredAt)
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
		hasKeys(value, REVIEW_KEYS, OPTIONAL_REVIEW_KEYS) &&
		(value.id === undefined || (Number.isInteger(value.id) && (value.id as number) >= 1)) &&
		typeof value.cardId === 'string' &&
		typeof value.deckId === 'string' &&
		isTime(value.time) &&
		Number.isInteger(value.studyDay) &&
		typeof value.grade === 'number' &&
		[0, 1, 2, 3, 4, 5].includes(value.grade) &&
		typeof value.wasNew === 'boolean' &&
		isSnapshot(value.before) &&
		isSnapshot(value.after) &&
		isCount(value.tookMs) &&
		typeof value.sessionId === 'string' &&
		(value.device === undefined || typeof value.device === 'string')
	);
}

/**
 * The first day of a checked backup that lies more than 100 years from `today` (the app never
 * writes one, and the screens cannot show it: "Due Invalid Date"), as "where: what", or undefined.
 * A new card's due day is 0 (1 January 1970), which is always accepted.
 */
export function dayProblem(backup: Backup, today: number): string | undefined {
	const far = (day: number) => day < today - DAY_WINDOW || day > today + DAY_WINDOW;
	const problem = (where: string, what: string, day: number) => `${where}: ${what} must lie within 100 years of today (got ${day})`;
	for (const [i, card] of backup.cards.entries()) {
		if (card.dueDay !== 0 && far(card.dueDay)) return problem(`cards[${i}].dueDay`, 'a due day', card.dueDay);
	}
	for (const [list, entries] of [
		['reviews', backup.reviews],
		['states', backup.states ?? []]
	] as const) {
		for (const [i, entry] of entries.entries()) {
			if (far(entry.studyDay)) return problem(`${list}[${i}].studyDay`, 'a study day', entry.studyDay);
			for (const side of ['before', 'after'] as const) {
				const dueDay = entry[side].dueDay;
				if (dueDay !== 0 && far(dueDay)) return problem(`${list}[${i}].${side}.dueDay`, 'a due day', dueDay);
			}
		}
	}
	return undefined;
}

/** Where in the file a problem is, e.g. "cards[3].state.easiness". */
export function issuePath(issue: v.BaseIssue<unknown>): string {
	return (issue.path ?? [])
		.map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`))
		.join('')
		.replace(/^\./, '');
}
