// Schemas for what comes from outside the code: settings typed by the learner and backup files.
import * as v from 'valibot';
import type { Settings } from '$lib/srs/types';

const wholeNumber = (min: number, max: number, what: string) =>
	v.pipe(
		v.number(`${what} must be a number`),
		v.integer(`${what} must be a whole number`),
		v.minValue(min, `${what} must be at least ${min}`),
		v.maxValue(max, `${what} must be at most ${max}`)
	);

export const settingsSchema = v.strictObject({
	newPerDay: wholeNumber(0, 9999, 'New cards per day'),
	reviewsPerDay: wholeNumber(0, 99999, 'Reviews per day'),
	dayStartHour: wholeNumber(0, 23, 'The hour a study day starts'),
	gradeScale: v.picklist(['four', 'six'], 'The answer buttons must be "four" or "six"'),
	theme: v.picklist(['system', 'light', 'dark'], 'The theme must be system, light or dark'),
	leechAction: v.picklist(['suspend', 'tag'], 'A leech must be suspended or tagged')
}, 'The settings must be a set of named values');

/** Validates settings; throws a SettingsError naming the first wrong value. */
export class SettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SettingsError';
	}
}

export function validSettings(input: unknown): Settings {
	const result = v.safeParse(settingsSchema, input);
	if (!result.success) {
		const issue = result.issues[0];
		// valibot words an extra key as 'Invalid key: Expected never but received "x"'.
		const unknownKey = issue.type === 'strict_object' && issue.path?.length ? issue.path.at(-1)?.key : undefined;
		throw new SettingsError(unknownKey === undefined ? issue.message : `Unknown setting "${String(unknownKey)}"`);
	}
	return result.output;
}

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

export const BACKUP_FORMAT = 'glossary-flashcards-backup';
export const BACKUP_VERSION = 1;

export const backupSchema = v.strictObject({
	format: v.literal(BACKUP_FORMAT),
	version: v.literal(BACKUP_VERSION),
	exportedAt: time,
	schemaVersion: count,
	decks: v.array(deckSchema),
	cards: v.array(cardSchema),
	reviews: v.array(reviewSchema),
	settings: settingsSchema
});

export type Backup = v.InferOutput<typeof backupSchema>;

/** Where in the file a problem is, e.g. "cards[3].state.easiness". */
export function issuePath(issue: v.BaseIssue<unknown>): string {
	return (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('').replace(/^\./, '');
}
