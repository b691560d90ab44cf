// A read package in the app's terms: decks (subdecks keep their path in the title), cards rendered
// from their templates with their schedule, the review log, notes and note types (kept for updates
// and for exporting back to Anki), and the media each deck's cards use. Plain data, no database:
// db/anki.ts plans it against what the device has and saves it in one transaction.
import { FsrsScheduler, type FsrsState } from '$lib/srs/fsrs';
import { fsrsFold } from '$lib/srs/fsrs-switch';
import type { CardSnapshot, ReviewEntry } from '$lib/srs/types';
import { CardRenderer, mediaNames, type TypeAnswer } from './render';
import { ANKI_DEVICE, cardHistory, dayZero, fsrsMemory, fsrsStateOf, type ScheduleContext } from './schedule';
import type { AnkiCard, AnkiNoteType, AnkiPackage, AnkiReview, PackageFormat } from './types';

/** What a card made from an Anki note keeps, besides the text every card has. */
export interface AnkiFace {
	/** The note's GUID: a later import of the same note updates this card. */
	note: string;
	/** Its template (or cloze number minus 1). */
	ord: number;
	/** The front and back as Anki renders them (HTML, shown only through the sanitizer). */
	question: string;
	answer: string;
	typeAnswer?: TypeAnswer;
	/** Anki cannot show it either: its template is broken, or it is empty. */
	problem?: 'broken' | 'empty';
}

export interface ImportedDeck {
	id: string;
	/** Anki's full name: subdecks keep their path ("French::Verbs"). */
	title: string;
	/** Its cards carry FSRS's memory: Anki scheduled it with FSRS. */
	scheduler?: 'fsrs';
	cards: number;
}

export interface ImportedNote {
	guid: string;
	noteTypeId: number;
	fields: string[];
	tags: string[];
	/** When Anki last changed it, in epoch milliseconds: a newer one replaces an older one. */
	modified: number;
	/** The decks its cards are in. */
	deckIds: string[];
}

export interface ImportedCard {
	id: string;
	deckId: string;
	front: string;
	back: string;
	anki: AnkiFace;
	schedule: CardSnapshot;
	/** Where it comes among the deck's new cards. */
	newOrder: number;
	fsrs?: FsrsState;
}

export interface ImportedMedia {
	deckId: string;
	name: string;
	type: string;
	data: Uint8Array;
	/** SHA-1 of the data, in hex: the same file imported again is not written again. */
	sha1: string;
}

export interface ImportSummary {
	format: PackageFormat;
	notes: number;
	cards: number;
	/** Answers imported into the log. */
	answers: number;
	/** Cards with at least one answer imported. */
	cardsWithHistory: number;
	/** Cards Anki cannot show either (kept: they show Anki's reason). */
	broken: number;
	empty: number;
	/** Cards that were in filtered decks, now in their home decks. */
	fromFiltered: number;
	/** Cards buried in Anki: a burial lasts until Anki's next day, so they are not buried here. */
	buried: number;
	/** Media files imported, and names the cards use that the package does not hold. */
	media: number;
	missingMedia: number;
	/** What is left out, and why. */
	skipped: { reason: string; count: number }[];
}

export interface AnkiImport {
	decks: ImportedDeck[];
	noteTypes: AnkiNoteType[];
	notes: ImportedNote[];
	cards: ImportedCard[];
	/** Each answer once, with the device `anki` (no install of the app gave it). */
	log: ReviewEntry[];
	media: ImportedMedia[];
	summary: ImportSummary;
}

/** What every Anki card's id starts with: they are one key range. */
export const ANKI_CARDS = 'anki:';

/** A card's id: its note's GUID (any printable characters, "/" among them) made safe for a link, and its number. */
export function ankiCardId(guid: string, ord: number): string {
	return `${ANKI_CARDS}${encodeURIComponent(guid)}:${ord}`;
}

/** cyrb53, a fast 53-bit string hash: deck ids from names, the same on every device. */
function hash(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** A deck's id from its name, which Anki compares without case: importing it again finds the same deck. */
export function ankiDeckId(name: string): string {
	return `anki-${hash(name.normalize('NFC').toLowerCase())}`;
}

const MEDIA_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	avif: 'image/avif',
	bmp: 'image/bmp',
	svg: 'image/svg+xml',
	ico: 'image/x-icon',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/ogg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	webm: 'audio/webm',
	mp4: 'video/mp4',
	mov: 'video/quicktime'
};

export function mediaType(name: string): string {
	return MEDIA_TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

async function sha1(data: Uint8Array): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', data as Uint8Array<ArrayBuffer>));
	return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface ImportOptions {
	dayStartHour: number;
	/** Today's study day. */
	today: number;
	/** Called every few hundred cards while they are rendered. */
	progress?: (done: number, total: number) => void;
}

/** The package in the app's terms; see the module comment. */
export async function importPackage(pkg: AnkiPackage, options: ImportOptions): Promise<AnkiImport> {
	const { collection } = pkg;
	const context: ScheduleContext = {
		dayZero: dayZero(collection.clock),
		dayStartHour: options.dayStartHour,
		schedulerVersion: collection.schedulerVersion,
		today: options.today
	};
	const notes = new Map(collection.notes.map((note) => [note.id, note]));
	const reviewsOf = new Map<number, AnkiReview[]>();
	for (const review of collection.reviews) {
		const list = reviewsOf.get(review.cardId);
		if (list) list.push(review);
		else reviewsOf.set(review.cardId, [review]);
	}
	const renderer = new CardRenderer();
	const summary: ImportSummary = {
		format: pkg.format,
		notes: 0,
		cards: 0,
		answers: 0,
		cardsWithHistory: 0,
		broken: 0,
		empty: 0,
		fromFiltered: 0,
		buried: 0,
		media: 0,
		missingMedia: 0,
		skipped: []
	};
	const homeDeckOf = (card: AnkiCard) => {
		const deck = collection.decks.get(card.deckId);
		const home = deck?.filtered || card.originalDeckId !== 0 ? collection.decks.get(card.originalDeckId) : deck;
		return home && !home.filtered ? home.name : 'Default';
	};
	const decks = new Map<string, ImportedDeck>();
	const importedNotes = new Map<string, ImportedNote>();
	const usedNoteTypes = new Map<number, AnkiNoteType>();
	const cards: ImportedCard[] = [];
	const log: ReviewEntry[] = [];
	const mediaByDeck = new Map<string, Set<string>>();
	const positions = new Map<ImportedCard, [number, number, number]>();
	const withMemory: { card: ImportedCard; anki: AnkiCard; memory?: { stability: number; difficulty: number }; answers: ReviewEntry[] }[] =
		[];
	let notAnswers = 0;
	let orphanNotes = 0;
	/** Cards of two notes that share a GUID (a damaged collection): the first is kept. */
	let duplicates = 0;
	const cardIds = new Set<string>();
	let orphanCardAnswers = 0;
	const total = collection.cards.length;
	collection.cards.forEach((ankiCard, index) => {
		if (index % 250 === 0) options.progress?.(index, total);
		const note = notes.get(ankiCard.noteId);
		const noteType = note && collection.noteTypes.get(note.noteTypeId);
		if (!note || !noteType) {
			orphanNotes++;
			// Its answers go with it: counted with those of cards the package no longer has.
			orphanCardAnswers += reviewsOf.get(ankiCard.id)?.length ?? 0;
			return;
		}
		// A note without a GUID (a damaged collection) is known by its id: it must have a key.
		const guid = note.guid || `nid-${note.id}`;
		const id = ankiCardId(guid, ankiCard.ord);
		if (cardIds.has(id)) {
			duplicates++;
			orphanCardAnswers += reviewsOf.get(ankiCard.id)?.length ?? 0;
			return;
		}
		cardIds.add(id);
		const deckName = homeDeckOf(ankiCard);
		const deckId = ankiDeckId(deckName);
		let deck = decks.get(deckId);
		if (!deck) decks.set(deckId, (deck = { id: deckId, title: deckName, cards: 0 }));
		deck.cards++;
		if (collection.decks.get(ankiCard.deckId)?.filtered || ankiCard.originalDeckId !== 0) summary.fromFiltered++;
		if (ankiCard.queue === -2 || ankiCard.queue === -3) summary.buried++;
		usedNoteTypes.set(noteType.id, noteType);
		let imported = importedNotes.get(guid);
		if (!imported) {
			importedNotes.set(
				guid,
				(imported = {
					guid,
					noteTypeId: noteType.id,
					fields: note.fields,
					tags: note.tags,
					modified: note.modified * 1000,
					deckIds: []
				})
			);
		}
		if (!imported.deckIds.includes(deckId)) imported.deckIds.push(deckId);
		const rendered = renderer.render({ noteType, fields: note.fields, tags: note.tags, ord: ankiCard.ord, deckName, cardId: ankiCard.id });
		if (rendered.problem === 'broken') summary.broken++;
		if (rendered.problem === 'empty') summary.empty++;
		const leech = note.tags.some((tag) => tag.toLowerCase() === 'leech');
		const history = cardHistory(ankiCard, reviewsOf.get(ankiCard.id) ?? [], context, leech);
		notAnswers += history.notAnswers;
		const card: ImportedCard = {
			id,
			deckId,
			front: rendered.front,
			back: rendered.back,
			anki: {
				note: guid,
				ord: ankiCard.ord,
				question: rendered.question,
				answer: rendered.answer,
				...(rendered.typeAnswer ? { typeAnswer: rendered.typeAnswer } : {}),
				...(rendered.problem ? { problem: rendered.problem } : {})
			},
			schedule: history.schedule,
			newOrder: 0
		};
		const answers = history.entries.map((entry) => ({ ...entry, cardId: id, deckId }));
		log.push(...answers);
		if (answers.length > 0) summary.cardsWithHistory++;
		const memory = fsrsMemory(ankiCard);
		if (memory) deck.scheduler = 'fsrs';
		if (history.schedule.lastAnsweredAt > 0) withMemory.push({ card, anki: ankiCard, memory, answers });
		cards.push(card);
		// New cards in Anki's order (their due is their position), then the rest as they were made.
		positions.set(card, [ankiCard.type === 0 ? 0 : 1, ankiCard.type === 0 ? ankiCard.due : ankiCard.id, ankiCard.ord]);
		let used = mediaByDeck.get(deckId);
		if (!used) mediaByDeck.set(deckId, (used = new Set()));
		for (const name of mediaNames(rendered.question)) used.add(name);
		for (const name of mediaNames(rendered.answer)) used.add(name);
	});
	options.progress?.(total, total);

	// FSRS decks: Anki's memory where it kept one, else FSRS's fold of the card's imported answers.
	let folder: FsrsScheduler | undefined;
	for (const { card, anki, memory, answers } of withMemory) {
		if (decks.get(card.deckId)?.scheduler !== 'fsrs') continue;
		let known = memory;
		if (!known && answers.length > 0) {
			const state = fsrsFold(answers, (folder ??= new FsrsScheduler()), options.dayStartHour);
			if (state.stability > 0) known = { stability: state.stability, difficulty: state.difficulty };
		}
		if (known) card.fsrs = fsrsStateOf(anki, card.schedule, known, context);
	}

	const byDeck = new Map<string, ImportedCard[]>();
	for (const card of cards) {
		const list = byDeck.get(card.deckId);
		if (list) list.push(card);
		else byDeck.set(card.deckId, [card]);
	}
	for (const list of byDeck.values()) {
		const key = (card: ImportedCard) => positions.get(card)!;
		list.sort((a, b) => {
			const [x, y] = [key(a), key(b)];
			return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
		});
		list.forEach((card, order) => (card.newOrder = order));
	}

	const files = new Map(pkg.media.map((file) => [file.name, file]));
	const media: ImportedMedia[] = [];
	const missing = new Set<string>();
	const used = new Set<string>();
	for (const [deckId, names] of mediaByDeck) {
		for (const name of names) {
			const file = files.get(name) ?? files.get(safeDecode(name));
			if (!file) {
				missing.add(name);
				continue;
			}
			used.add(file.name);
			media.push({ deckId, name: file.name, type: mediaType(file.name), data: file.data, sha1: await sha1(file.data) });
		}
	}
	summary.notes = importedNotes.size;
	summary.cards = cards.length;
	summary.answers = log.length;
	summary.media = used.size;
	summary.missingMedia = missing.size;
	const ankiCardIds = new Set(collection.cards.map((card) => card.id));
	const orphanAnswers = collection.reviews.filter((review) => !ankiCardIds.has(review.cardId)).length + orphanCardAnswers;
	const unused = pkg.media.length - used.size;
	const skipped: [string, number][] = [
		['answers to cards that are no longer in the package', orphanAnswers],
		['changes made by hand in Anki (a new due date, a reset), which are not answers', notAnswers],
		['cards whose note or note type is missing from the package', orphanNotes],
		['cards of a note whose GUID another note has too', duplicates],
		['media files that no card uses', unused]
	];
	summary.skipped = skipped.filter(([, count]) => count > 0).map(([reason, count]) => ({ reason, count }));
	return {
		decks: [...decks.values()].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)),
		noteTypes: [...usedNoteTypes.values()],
		notes: [...importedNotes.values()],
		cards,
		log,
		media,
		summary
	};
}

/** A name as a URL would write it ("a%20b.png"), decoded; as it is when it is not one. */
function safeDecode(name: string): string {
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/** The device the imported answers carry (see schedule.ts). */
export { ANKI_DEVICE };
