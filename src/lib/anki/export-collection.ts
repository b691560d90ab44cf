// A deck as the rows of an Anki collection of schema 11 (plain data; export-package.ts writes them
// to SQLite): its notes with their sort field and checksum, its cards with their schedule, the
// review log as Anki's revlog, and the JSON of `col` (note types, decks, the preset, settings).
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { dayStartTime, studyDay } from '$lib/srs/days';
import type { Grade } from '$lib/srs/sm2';
import type { LogEntry } from '$lib/srs/types';
import { ankiCardSchedule, revlogType, type AnkiTimeline } from './anki-schedule';
import { exportedNotes, GLOSSARY_NOTE_TYPE, GLOSSARY_NOTE_TYPE_MODIFIED, type ExportDeck, type ExportOptions } from './export-notes';
import { fieldChecksum, sortFieldText } from './note-keys';
import { collectionConfig, deckJson, noteTypeJson, presetJson } from './schema11';
import type { AnkiMediaFile } from './types';

export interface NoteRow {
	id: number;
	guid: string;
	mid: number;
	mod: number;
	tags: string;
	flds: string;
	sfld: string;
	csum: number;
}

export interface CardRow {
	id: number;
	nid: number;
	did: number;
	ord: number;
	mod: number;
	type: number;
	queue: number;
	due: number;
	ivl: number;
	factor: number;
	reps: number;
	lapses: number;
	left: number;
	data: string;
}

export interface RevlogRow {
	id: number;
	cid: number;
	ease: number;
	ivl: number;
	lastIvl: number;
	factor: number;
	time: number;
	type: number;
}

export interface CollectionRows {
	/** Day 0, in epoch seconds: the start of its study day. */
	crt: number;
	mod: number;
	conf: string;
	models: string;
	decks: string;
	dconf: string;
	notes: NoteRow[];
	cards: CardRow[];
	revlog: RevlogRow[];
	media: AnkiMediaFile[];
}

/** Anki's buttons (1 Again … 4 Easy) for the app's grades: 0 to 2 are all Again, as the four buttons map them (sm2.ts). */
export function easeOf(grade: Grade): number {
	return grade < 3 ? 1 : grade - 1;
}

/** The longest answer time Anki's revlog holds (rslib keeps it in a u32). */
const MAX_REVLOG_TIME = 4_294_967_295;

const KIND_ORDER = { answer: 0, reset: 1, undo: 2 } as const;
const byTime = (a: LogEntry, b: LogEntry) => a.time - b.time || KIND_ORDER[a.kind ?? 'answer'] - KIND_ORDER[b.kind ?? 'answer'];

/**
 * The collection's day 0: the deck's first study day, or that of its first answer or last
 * review if earlier, so that no review card is due before it.
 */
function firstDay(deck: ExportDeck, includeProgress: boolean): number {
	const hour = deck.settings.dayStartHour;
	let first = studyDay(deck.deck.createdAt, hour);
	if (!includeProgress) return first;
	for (const entry of deck.log) first = Math.min(first, entry.studyDay);
	for (const card of deck.cards) if (card.lastAnsweredAt > 0) first = Math.min(first, studyDay(card.lastAnsweredAt, hour));
	return first;
}

/** The names of a deck and of each deck above it ("A::B::C" → "A", "A::B", "A::B::C"). */
function deckPath(title: string): string[] {
	const parts = title.split('::');
	return parts.map((_, i) => parts.slice(0, i + 1).join('::'));
}

/** The deck's collection; see the module comment. */
export async function collectionRows(deck: ExportDeck, options: ExportOptions): Promise<CollectionRows> {
	const { settings } = deck;
	const { includeProgress } = options;
	const dayZero = firstDay(deck, includeProgress);
	const crt = Math.floor(dayStartTime(dayZero, settings.dayStartHour) / 1000);
	const timeline: AnkiTimeline = {
		dayZero,
		dayStartHour: settings.dayStartHour,
		learningSteps: settings.learningSteps.length,
		relearningSteps: settings.relearningSteps.length
	};
	const notes = await exportedNotes(deck, includeProgress);
	// Ids in Anki are times in ms; from the deck's creation on, one apart, the same in every export.
	const base = Math.max(deck.deck.createdAt, 2);
	const deckId = base;
	const modified = Math.floor(options.now / 1000);

	const logOf = new Map<string, LogEntry[]>();
	if (includeProgress) {
		for (const entry of deck.log) {
			const list = logOf.get(entry.cardId);
			if (list) list.push(entry);
			else logOf.set(entry.cardId, [entry]);
		}
	}
	const noteRows: NoteRow[] = [];
	const cardRows: CardRow[] = [];
	const revlog: RevlogRow[] = [];
	const revlogIds = new Set<number>();
	const uniqueRevlogId = (time: number) => {
		let id = Math.round(time);
		while (revlogIds.has(id)) id++;
		revlogIds.add(id);
		return id;
	};
	const checksums = await Promise.all(notes.map((note) => fieldChecksum(note.fields[0] ?? '')));
	for (const [n, note] of notes.entries()) {
		const nid = base + n;
		noteRows.push({
			id: nid,
			guid: note.guid,
			mid: note.noteType.id,
			mod: note.modified,
			tags: note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '',
			flds: note.fields.join('\x1f'),
			sfld: sortFieldText(note.fields[0] ?? ''),
			csum: checksums[n]!
		});
		for (const { card, ord } of note.cards) {
			const cid = base + cardRows.length;
			const position = cardRows.length + 1;
			let reps = 0;
			if (includeProgress) {
				let lastIvl = 0;
				const entries = (logOf.get(card.id) ?? []).sort(byTime);
				const undone = new Set(entries.flatMap((entry) => (entry.kind === 'undo' ? [entry.answerTime] : [])));
				for (const entry of entries) {
					if (entry.kind === 'undo') continue;
					if (entry.kind === 'reset') {
						// Anki's "Forget": a manual entry with no interval, after which the card is new.
						revlog.push({ id: uniqueRevlogId(entry.time), cid, ease: 0, ivl: 0, lastIvl, factor: 0, time: 0, type: 4 });
						lastIvl = 0;
						reps = 0;
						continue;
					}
					if (undone.has(entry.time)) continue;
					// Days until it was due again; 0 when it was to be seen again the same day.
					const ivl = Math.max(0, entry.after.dueDay - entry.studyDay);
					const before = ankiCardSchedule({ ...entry.before, newOrder: 0 }, timeline);
					revlog.push({
						id: uniqueRevlogId(entry.time),
						cid,
						ease: easeOf(entry.grade),
						ivl,
						lastIvl,
						factor: Math.round(entry.after.state.easiness * 1000),
						// Anki reads the time taken as a 32-bit count of milliseconds.
						time: Math.min(MAX_REVLOG_TIME, Math.max(0, Math.round(entry.tookMs))),
						type: revlogType(before.type)
					});
					lastIvl = ivl;
					reps++;
				}
			}
			const schedule = includeProgress
				? ankiCardSchedule(card, timeline)
				: { type: 0, queue: 0, due: position, ivl: 0, factor: 0, left: 0 };
			const memory = includeProgress && card.fsrs && card.fsrs.phase !== 'new' ? card.fsrs : undefined;
			cardRows.push({
				id: cid,
				nid,
				did: deckId,
				ord,
				mod: Math.floor(Math.max(card.addedAt, includeProgress ? card.lastAnsweredAt : 0) / 1000),
				...schedule,
				// A card never answered here has no progress to carry, whatever it shows.
				due: schedule.type === 0 ? position : schedule.due,
				// FSRS counts a card's reviews itself (Anki's own count, for a card from Anki, which need
				// not match its review log); on SM-2 the answers in the log are the count.
				reps: memory ? memory.reps : reps,
				lapses: includeProgress ? card.lapses : 0,
				// FSRS's memory where Anki keeps it: stability, difficulty, desired retention.
				data: JSON.stringify(memory ? { s: memory.stability, d: memory.difficulty, dr: settings.desiredRetention } : {})
			});
		}
	}
	revlog.sort((a, b) => a.id - b.id);

	const noteTypes = new Map(notes.map((note) => [note.noteType.id, note.noteType]));
	const models = Object.fromEntries(
		[...noteTypes.values()].map((type) => [
			String(type.id),
			noteTypeJson(type, type.id === GLOSSARY_NOTE_TYPE.id ? GLOSSARY_NOTE_TYPE_MODIFIED : 0)
		])
	);
	const names = deckPath(deck.deck.title);
	const decks: Record<string, ReturnType<typeof deckJson>> = { 1: deckJson({ id: 1, name: 'Default', modified: 0 }) };
	names.forEach((name, i) => {
		const own = i === names.length - 1;
		const id = own ? deckId : deckId + names.length - i;
		decks[id] = deckJson({
			id,
			name,
			modified,
			...(own ? { newLimit: deck.deckOptions.newPerDay ?? null, reviewLimit: deck.deckOptions.reviewsPerDay ?? null } : {})
		});
	});
	const preset = presetJson({
		newPerDay: settings.newPerDay,
		reviewsPerDay: settings.reviewsPerDay,
		learningSteps: settings.learningSteps,
		relearningSteps: settings.relearningSteps,
		maximumInterval: settings.maximumInterval,
		leechAction: settings.leechAction === 'suspend' ? 0 : 1,
		leechThreshold: LEECH_THRESHOLD,
		desiredRetention: settings.desiredRetention
	});
	const conf = collectionConfig({
		// Minutes west of UTC at day 0, as Anki's creationOffset (JavaScript's getTimezoneOffset is the same).
		creationOffset: new Date(crt * 1000).getTimezoneOffset(),
		rollover: settings.dayStartHour,
		currentNoteType: notes[0]?.noteType.id ?? GLOSSARY_NOTE_TYPE.id,
		nextPosition: cardRows.length + 1
	});
	return {
		crt,
		mod: options.now,
		conf: JSON.stringify(conf),
		models: JSON.stringify(models),
		decks: JSON.stringify(decks),
		dconf: JSON.stringify({ 1: preset }),
		notes: noteRows,
		cards: cardRows,
		revlog,
		media: deck.media
	};
}
