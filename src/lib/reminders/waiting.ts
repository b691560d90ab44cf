// What the daily reminder and the app icon's badge say: today's waiting cards, as the home page
// counts them (today's summaries, db/today.ts), in the app and in the service worker alike.
import type { FlashcardsDb, MetaRecords } from '$lib/db/schema';
import { getMeta, loadSettings, setMeta } from '$lib/db/settings';
import { studyDayAt } from '$lib/db/study';
import { readToday } from '$lib/db/today';

export interface Waiting {
	reviews: number;
	fresh: number;
}

export type Reminder = MetaRecords['reminder'];

/** Off until the learner turns it on; 09:00 is when a morning review usually fits. */
export const defaultReminder: Reminder = { on: false, minutes: 9 * 60 };

/** The periodic sync's tag, shared by the page that registers it and the worker that answers it. */
export const REMINDER_TAG = 'daily-reminder';

/** Today's due reviews (same-day repeats included) and new cards, over every deck, within the daily limits. */
export async function cardsWaiting(db: FlashcardsDb, now: number): Promise<Waiting> {
	let reviews = 0;
	let fresh = 0;
	for (const { counts } of (await readToday(db, null, now)).decks) {
		reviews += counts.due + counts.again;
		fresh += counts.new;
	}
	return { reviews, fresh };
}

/** "12 cards waiting: 8 reviews, 4 new", or nothing when no card waits. */
export function reminderText({ reviews, fresh }: Waiting): string | undefined {
	const total = reviews + fresh;
	if (total === 0) return undefined;
	return `${total} ${total === 1 ? 'card' : 'cards'} waiting: ${reviews} ${reviews === 1 ? 'review' : 'reviews'}, ${fresh} new`;
}

/** The part of Navigator (a page's or a worker's) that draws the count on the app's icon. */
export interface Badging {
	setAppBadge?(count?: number): Promise<void>;
	clearAppBadge?(): Promise<void>;
}

/** Shows `count` on the app's icon, or clears it at 0; quietly nothing where badges don't exist. */
export async function showBadge(badging: Badging, { reviews, fresh }: Waiting): Promise<void> {
	const count = reviews + fresh;
	try {
		if (count > 0) await badging.setAppBadge?.(count);
		else await badging.clearAppBadge?.();
	} catch {
		// Refused (no permission on iOS, not installed): the badge is a nicety, never an error.
	}
}

/** Minutes since local midnight. */
export function minutesOfDay(now: number): number {
	const date = new Date(now);
	return date.getHours() * 60 + date.getMinutes();
}

/** "09:05" for 545, as a time input shows it. */
export function timeLabel(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Whether the reminder is due at `now`: on, past its time of day, not yet shown this study day. */
export function reminderDue(reminder: Reminder, shownDay: number | undefined, today: number, now: number): boolean {
	return reminder.on && shownDay !== today && minutesOfDay(now) >= reminder.minutes;
}

/**
 * The worker's daily look at the database: the badge always, and when the reminder is due and
 * some card waits, `show` with its text, then the day remembered so it comes once a day at most.
 */
export async function dailyReminder(
	db: FlashcardsDb,
	now: number,
	badging: Badging,
	show: (text: string) => Promise<void>
): Promise<string | undefined> {
	const waiting = await cardsWaiting(db, now);
	await showBadge(badging, waiting);
	const reminder = (await getMeta(db, 'reminder')) ?? defaultReminder;
	const { today } = studyDayAt(now, await loadSettings(db));
	const text = reminderText(waiting);
	const due = text !== undefined && reminderDue(reminder, await getMeta(db, 'reminderShownDay'), today, now);
	if (due) {
		await show(text);
		await setMeta(db, 'reminderShownDay', today);
	}
	// Settings tells the learner when the worker last looked: a reminder that never comes is seen.
	await setMeta(db, 'reminderLooked', due ? { at: now, shown: text } : { at: now });
	return due ? text : undefined;
}
