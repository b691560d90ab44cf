// Today's summary of each deck, one small record each in the `today` store: the numbers its screens
// show and the card a session opened now shows first, as the review screen's first page of today's
// session has them (the same reads as study-session.ts, as keys, and srs's rules). A write that can
// change them makes them again in its own transaction (keepToday); one that does not say what it
// did forgets them all (write.ts), and the next read makes them again. The home page and the review
// screen count from them, so the two always agree, and the service worker reads them to write the
// home page and a deck's first card into the page before the app starts: one read, not index scans.
import type { IDBPTransaction, StoreNames } from 'idb';
import { studyDayAt, type StudyDay } from '$lib/srs/days';
import { repeatOrder, sessionOrder, type TodayCounts } from '$lib/srs/today';
import { defaultSettings, type Settings } from '$lib/srs/types';
import { STREAK_KEY, type DeckRecord, type DeckToday, type FlashcardsDb, type FlashcardsSchema, type TodayStreak } from './schema';
import { dayOptions, deckToday, dueRange, firstOfToday, newCards, STUDY_PAGE, type DayOptions, type ReadTx } from './study';
import { markTodayKept, writeTransaction, type WriteTx } from './write';

/** What a summary is made from, and its own store. */
export const TODAY_STORES = ['decks', 'cards', 'log', 'meta', 'settings', 'today'] as const;
type TodayStore = (typeof TODAY_STORES)[number];
type TodayTx = IDBPTransaction<FlashcardsSchema, TodayStore[], IDBTransactionMode>;

/** A write transaction over at least the stores a summary needs (TODAY_STORES). */
type WithToday<Names extends StoreNames<FlashcardsSchema>[]> = TodayStore extends Names[number] ? WriteTx<Names> : never;

/** A deck as its summary names it: a stored deck, or what of it the summary already holds. */
type DeckName = Pick<DeckRecord, 'id' | 'title' | 'sourceUrl'>;

/**
 * One deck's today from the indexes, in `tx`, with `settings` and the day's `options`: what
 * loadStudy reads for a session of this deck, read as keys, and the first card's front.
 */
export async function readDeckToday(
	tx: TodayTx,
	deck: DeckName,
	day: StudyDay,
	settings: Settings,
	options: DayOptions,
	page = STUDY_PAGE
): Promise<DeckToday> {
	const { today, todayStartMs } = day;
	const cards = tx.objectStore('cards');
	const dueIndex = cards.index('byDeckStatusDue');
	const newIndex = cards.index('byDeckStatusOrder');
	const found = await deckToday(tx as unknown as ReadTx, deck.id, today, todayStartMs, settings, options);
	const [first, later] = await Promise.all([
		firstOfToday(
			found,
			deck.id,
			today,
			page,
			(which, range, count) => (which === 'due' ? dueIndex : newIndex).getAllKeys(range, count),
			(id) => id
		),
		dueIndex.openKeyCursor(dueRange(deck.id, 'review', today + 1, Infinity))
	]);
	const repeats = [...found.repeats].sort(repeatOrder(today, todayStartMs));
	const counts: TodayCounts = { new: first.fresh.length, again: repeats.length, due: first.due.length + first.ahead.length };
	if (first.moreNew) counts.moreNew = true;
	if (first.moreDue) counts.moreDue = true;
	const left = counts.new + counts.again + counts.due;
	const firstId = sessionOrder(
		[...first.due, ...first.ahead],
		first.fresh,
		repeats.map((card) => card.id)
	)[0];
	const [shown, unseen] = await Promise.all([
		firstId === undefined ? undefined : (repeats.find((card) => card.id === firstId) ?? cards.get(firstId)),
		left === 0 ? newIndex.getKey(newCards(deck.id)) : undefined
	]);
	const summary: DeckToday = {
		deckId: deck.id,
		studyDay: today,
		title: deck.title,
		counts,
		left,
		leftMore: first.moreDue || first.moreNew,
		answered: found.answers
	};
	if (deck.sourceUrl !== undefined) summary.sourceUrl = deck.sourceUrl;
	if (shown) summary.first = { id: shown.id, front: shown.front };
	const nextDue = later?.key[2];
	if (nextDue !== undefined) summary.nextDue = nextDue;
	// Done for the day, with unseen or not-yet-due cards: `Study more` can bring them.
	if (left === 0 && (unseen !== undefined || nextDue !== undefined)) summary.canStudyMore = true;
	return summary;
}

/** Days in a row with an answer, ending yesterday: one index look-up per day of the streak. */
async function streakBefore(tx: TodayTx, today: number): Promise<number> {
	const days = tx.objectStore('log').index('byDay');
	let streak = 0;
	while ((await days.getKey(today - 1 - streak)) !== undefined) streak++;
	return streak;
}

/** The stored settings, the defaults filling in what an older version did not save. */
async function storedSettings(tx: TodayTx): Promise<Settings> {
	return { ...defaultSettings, ...(await tx.objectStore('settings').get('study')) };
}

/**
 * Makes today's summaries of `decks` again from what `tx` holds now (after the write's own
 * requests) and puts them in the same transaction; a deck given by id and no longer stored loses
 * its summary. 'all': every deck's, the streak's too, and nothing else is left in the store.
 * A deck given as a record is not read again. Resolves with the summaries made, by deck id.
 */
export async function keepToday<Names extends StoreNames<FlashcardsSchema>[]>(
	within: WithToday<Names>,
	writes: Promise<unknown>[],
	decks: Iterable<string | DeckName> | 'all',
	now: number
): Promise<Map<string, DeckToday>> {
	markTodayKept(within);
	const tx = within as unknown as WriteTx<TodayStore[]>;
	const made = new Map<string, DeckToday>();
	const named =
		decks === 'all'
			? undefined
			: new Map([...decks].map((deck): [string, string | DeckName] => (typeof deck === 'string' ? [deck, deck] : [deck.id, deck])));
	if (named?.size === 0) return made;
	const store = tx.objectStore('today');
	const settings = await storedSettings(tx);
	const day = studyDayAt(now, settings);
	const [options, found] = await Promise.all([
		dayOptions(tx as unknown as ReadTx, day.today),
		named
			? Promise.all(
					[...named.values()].map(async (deck) => (typeof deck === 'string' ? ((await tx.objectStore('decks').get(deck)) ?? deck) : deck))
				)
			: tx.objectStore('decks').getAll()
	]);
	if (!named) {
		writes.push(store.clear());
		const streak: TodayStreak = { studyDay: day.today, before: await streakBefore(tx, day.today) };
		writes.push(store.put(streak, STREAK_KEY));
	}
	const summaries = await Promise.all(
		found.map((deck) => (typeof deck === 'string' ? deck : readDeckToday(tx, deck, day, settings, options)))
	);
	for (const summary of summaries) {
		if (typeof summary === 'string') writes.push(store.delete(summary));
		else {
			writes.push(store.put(summary, summary.deckId));
			made.set(summary.deckId, summary);
		}
	}
	return made;
}

/** Today as the home page and the review screen show it. */
export interface Today {
	settings: Settings;
	studyDay: number;
	/** The summaries asked for, by title as the home page lists them. */
	decks: DeckToday[];
	/** Days in a row with an answer, ending today once it has one (all decks only; else 0). */
	streak: number;
	/** Some were missing or of another day: they were made here from the indexes, and not stored. */
	made: boolean;
}

/**
 * Today's summaries of `deckIds` (every deck: null, the streak too), read in one transaction;
 * those missing or of another day are made from the indexes in the same transaction, and not
 * stored (the service worker must not write; the app keeps them with `todayOf`).
 */
export async function readToday(db: FlashcardsDb, deckIds: string[] | null, now: number): Promise<Today> {
	const tx = db.transaction([...TODAY_STORES], 'readonly');
	const store = tx.objectStore('today');
	const [settings, ids, stored, streakRecord] = await Promise.all([
		storedSettings(tx),
		deckIds ?? tx.objectStore('decks').getAllKeys(),
		Promise.all((deckIds ?? []).map((id) => store.get(id))),
		deckIds ? undefined : store.getAll()
	]);
	const day = studyDayAt(now, settings);
	const kept = new Map<unknown, DeckToday | TodayStreak>();
	if (streakRecord) for (const record of streakRecord) kept.set('deckId' in record ? record.deckId : STREAK_KEY, record);
	else stored.forEach((record, i) => record && kept.set(deckIds![i], record));
	const current = (id: unknown) => {
		const record = kept.get(id);
		return record && record.studyDay === day.today ? record : undefined;
	};
	const missing = ids.filter((id) => !current(id));
	const streak = deckIds ? undefined : (current(STREAK_KEY) as TodayStreak | undefined);
	let made: DeckToday[] = [];
	let before = streak?.before ?? 0;
	if (missing.length > 0 || (!deckIds && !streak)) {
		const [options, decks] = await Promise.all([
			dayOptions(tx as unknown as ReadTx, day.today),
			Promise.all(missing.map((id) => tx.objectStore('decks').get(id)))
		]);
		made = await Promise.all(decks.flatMap((deck) => (deck ? [readDeckToday(tx, deck, day, settings, options)] : [])));
		if (!deckIds && !streak) before = await streakBefore(tx, day.today);
	}
	const decks = [...ids.flatMap((id) => (current(id) as DeckToday | undefined) ?? []), ...made].sort(
		// As byTitle (deck-list.ts) lists the decks.
		(a, b) => a.title.localeCompare(b.title) || a.deckId.localeCompare(b.deckId)
	);
	const answered = decks.some((deck) => deck.answered > 0);
	return {
		settings,
		studyDay: day.today,
		decks,
		streak: deckIds ? 0 : before + (answered ? 1 : 0),
		made: missing.length > 0 || (!deckIds && !streak)
	};
}

/**
 * Today's summaries for the app (readToday), stored again when some had to be made: after a
 * day change, an upgrade, or a write that forgot them.
 */
export async function todayOf(db: FlashcardsDb, deckIds: string[] | null, now: number): Promise<Today> {
	const read = await readToday(db, deckIds, now);
	if (!read.made) return read;
	await writeTransaction(db, [...TODAY_STORES], 'Today’s numbers', (tx, writes) => keepToday(tx, writes, deckIds ?? 'all', now));
	return read;
}

/** Home's numbers of a deck: `due` counts the same-day repeats too, `again` says how many. */
export interface DeckCounts {
	new: number;
	due: number;
	again?: number;
	moreNew?: true;
	moreDue?: true;
	canStudyMore?: true;
}

export function deckCounts(day: Pick<DeckToday, 'counts' | 'canStudyMore'>): DeckCounts {
	const { counts } = day;
	const result: DeckCounts = { new: counts.new, due: counts.due + counts.again };
	if (counts.again > 0) result.again = counts.again;
	if (counts.moreNew) result.moreNew = true;
	if (counts.moreDue) result.moreDue = true;
	if (day.canStudyMore) result.canStudyMore = true;
	return result;
}

/**
 * Today's numbers per deck, made afresh from the indexes with `settings` (nothing read from or
 * written to the summaries): what the summaries must equal. `page`: how far each count goes.
 */
export async function countToday(db: FlashcardsDb, now: number, settings: Settings, page = STUDY_PAGE): Promise<Map<string, DeckCounts>> {
	const tx = db.transaction([...TODAY_STORES], 'readonly');
	const day = studyDayAt(now, settings);
	const [decks, options] = await Promise.all([tx.objectStore('decks').getAll(), dayOptions(tx as unknown as ReadTx, day.today)]);
	const made = await Promise.all(decks.map((deck) => readDeckToday(tx, deck, day, settings, options, page)));
	return new Map(made.map((summary) => [summary.deckId, deckCounts(summary)]));
}
