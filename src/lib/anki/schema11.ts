// Anki's collection schema 11, the one every Anki since 2.0 and AnkiDroid open: its tables and
// indexes exactly as Anki creates them (rslib storage/schema11.sql), and the JSON its `col` row
// holds, with the keys and values Anki's own exporter writes (a downgraded 2.1.5x collection, as
// in fixtures/anki21-small-deck.apkg). Anki reads this JSON into its newer tables when it opens the
// file; a key it requires and does not find would refuse the whole package.
import type { AnkiNoteType } from './types';

export const SCHEMA11_SQL = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

/** The indexes of schema 11, by name, with their table. */
export const SCHEMA11_INDEXES: Readonly<Record<string, string>> = {
	ix_notes_usn: 'notes',
	ix_cards_usn: 'cards',
	ix_revlog_usn: 'revlog',
	ix_cards_nid: 'cards',
	ix_cards_sched: 'cards',
	ix_revlog_cid: 'revlog',
	ix_notes_csum: 'notes'
};

/** Schema 11's version number, in `col.ver`. */
export const SCHEMA11 = 11;

/** Anki's LaTeX preamble and ending of a new note type. */
const LATEX_PRE =
	'\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

/** The fields a template's front shows ({{Field}}, {{cloze:Field}}, sections…), for the legacy `req`. */
function fieldsShown(template: string, fields: readonly string[]): number[] {
	const named = new Set<string>();
	for (const match of template.matchAll(/\{\{([^}]*)\}\}/g)) {
		const name = match[1]!
			.replace(/^[#^/]/, '')
			.split(':')
			.at(-1)!
			.trim();
		named.add(name);
	}
	return fields.flatMap((name, ord) => (named.has(name) ? [ord] : []));
}

/** A note type as `col.models` holds it. */
export function noteTypeJson(type: AnkiNoteType, modified: number) {
	return {
		id: type.id,
		name: type.name,
		type: type.kind === 'cloze' ? 1 : 0,
		mod: modified,
		usn: 0,
		sortf: 0,
		did: null,
		tmpls: type.templates.map((template, ord) => ({
			name: template.name,
			ord,
			qfmt: template.question,
			afmt: template.answer,
			bqfmt: '',
			bafmt: '',
			did: null,
			bfont: '',
			bsize: 0
		})),
		flds: type.fields.map((name, ord) => ({
			name,
			ord,
			sticky: false,
			rtl: false,
			font: 'Arial',
			size: 20,
			description: '',
			plainText: false,
			collapsed: false,
			excludeFromSearch: false
		})),
		css: type.css,
		latexPre: LATEX_PRE,
		latexPost: LATEX_POST,
		latexsvg: false,
		// Anki 2.1.28+ works out which cards a note has from the templates; older versions read this.
		req: type.templates.map((template, ord) => {
			const shown = fieldsShown(template.question, type.fields);
			return [ord, shown.length > 0 ? 'any' : 'none', shown];
		})
	};
}

export interface DeckJsonOptions {
	id: number;
	name: string;
	/** Seconds. */
	modified: number;
	/** This deck's own daily limits (Anki 2.1.55+'s "This deck" limits); null follows the preset. */
	newLimit?: number | null;
	reviewLimit?: number | null;
}

/** A normal deck as `col.decks` holds it, on preset 1. */
export function deckJson(deck: DeckJsonOptions) {
	return {
		id: deck.id,
		mod: deck.modified,
		name: deck.name,
		usn: 0,
		lrnToday: [0, 0],
		revToday: [0, 0],
		newToday: [0, 0],
		timeToday: [0, 0],
		collapsed: deck.id === 1,
		browserCollapsed: deck.id === 1,
		desc: '',
		dyn: 0,
		conf: 1,
		extendNew: 0,
		extendRev: 0,
		reviewLimit: deck.reviewLimit ?? null,
		newLimit: deck.newLimit ?? null,
		reviewLimitToday: null,
		newLimitToday: null
	};
}

export interface PresetOptions {
	newPerDay: number;
	reviewsPerDay: number;
	/** Minutes. */
	learningSteps: readonly number[];
	relearningSteps: readonly number[];
	maximumInterval: number;
	/** Anki's leech action: 0 suspends, 1 only tags. */
	leechAction: 0 | 1;
	leechThreshold: number;
	desiredRetention: number;
}

/** Anki's "Default" preset (id 1) as `col.dconf` holds it, with the learner's limits and steps. */
export function presetJson(options: PresetOptions) {
	return {
		id: 1,
		mod: 0,
		name: 'Default',
		usn: 0,
		maxTaken: 60,
		autoplay: true,
		timer: 0,
		replayq: true,
		new: {
			bury: false,
			delays: [...options.learningSteps],
			initialFactor: 2500,
			ints: [1, 4, 0],
			order: 1,
			perDay: options.newPerDay
		},
		rev: { bury: false, ease4: 1.3, ivlFct: 1.0, maxIvl: options.maximumInterval, perDay: options.reviewsPerDay, hardFactor: 1.2 },
		lapse: {
			delays: [...options.relearningSteps],
			leechAction: options.leechAction,
			leechFails: options.leechThreshold,
			minInt: 1,
			mult: 0.0
		},
		dyn: false,
		newMix: 0,
		newPerDayMinimum: 0,
		interdayLearningMix: 0,
		reviewOrder: 0,
		newSortOrder: 0,
		newGatherPriority: 0,
		buryInterdayLearning: false,
		desiredRetention: options.desiredRetention
	};
}

/** The collection's settings as `col.conf` holds them: Anki 2.1's scheduler, the time zone and rollover of its day 0. */
export function collectionConfig(options: { creationOffset: number; rollover: number; currentNoteType: number; nextPosition: number }) {
	return {
		schedVer: 2,
		creationOffset: options.creationOffset,
		rollover: options.rollover,
		activeDecks: [1],
		curDeck: 1,
		newSpread: 0,
		collapseTime: 1200,
		timeLim: 0,
		estTimes: true,
		dueCounts: true,
		curModel: options.currentNoteType,
		nextPos: options.nextPosition,
		sortType: 'noteFld',
		sortBackwards: false,
		addToCur: true,
		dayLearnFirst: false
	};
}
