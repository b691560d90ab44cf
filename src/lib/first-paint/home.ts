// The home page with today's deck rows already in it, as the service worker returns it: the home
// screen (src/routes/+page.svelte: the same elements, classes and words, from the same homeView)
// written into the prerendered page before the app starts, the app's own markup hidden until it
// has its numbers (hand-over.ts). Everything from the learner's collection is escaped text.
import type { HomeDay } from '$lib/format/today';
import { homeView, type TodayFigures } from '$lib/format/today';
import type { Settings } from '$lib/srs/types';
import { escapeHtml, MOUNT, movePreloads } from './page';

/** The home page's scoped class, fixed by svelte.config.js (`cssHash`) so it can be written here. */
export const HOME_SCREEN_CLASS = 'svelte-home-screen';

/** The written page's `main`; the app's own follows it, hidden while it is there. */
export const FIRST_HOME_ID = 'first-home';

export interface WrittenHome {
	/** Each deck's today, in the order the home page lists them (by title). */
	days: readonly HomeDay[];
	streak: number;
	/** Today's study day. */
	today: number;
	backupReminder: boolean;
	settings: Pick<Settings, 'theme'>;
}

/** The home screen's `main` once its numbers are read, as the app renders it (white space included). */
export function homeMarkup(home: WrittenHome): string {
	const c = HOME_SCREEN_CLASS;
	const view = homeView(home.days, home.streak, home.today);
	// Ids of their own: the app's hidden page has the same elements meanwhile.
	const id = (name: string) => `${FIRST_HOME_ID}-${name}`;
	const nav = ['/import:Add a glossary', '/browse:Browse', '/stats:Stats', '/settings:Settings']
		.map((link) => {
			const [href, text] = link.split(':') as [string, string];
			return `<li><a href="${href}" class="${c}">${text}</a></li>`;
		})
		.join(' ');
	const numbers = (deckId: string, figures: TodayFigures) =>
		`<span class="counts ${c}" id="${id(`counts-${escapeHtml(deckId)}`)}"><span class="new ${c}">${figures.new} new</span> ` +
		`<span class="again ${c}">${figures.again} again <span class="visually-hidden">today</span></span> ` +
		`<span class="due ${c}">${figures.due} due</span></span>`;
	const rows = view.decks
		.map((deck, i) => {
			const title = escapeHtml(deck.title);
			const row = deck.studyable
				? `<a class="row ${c}" href="/review/${escapeHtml(encodeURIComponent(deck.id))}"><span class="visually-hidden">Study</span> ` +
					`<h3 class="title ${c}">${title}</h3> ${numbers(deck.id, deck.figures)}</a>`
				: `<div class="row ${c}"><h3 class="title ${c}" id="${id(`deck-title-${i}`)}">${title}</h3> ` +
					(deck.canStudyMore
						? `<button type="button" class="small ${c}" aria-describedby="${id(`deck-title-${i}`)}">Study more</button> `
						: '') +
					`${numbers(deck.id, deck.figures)}</div>`;
			const source = deck.sourceUrl
				? `<p class="source ${c}"><a href="${escapeHtml(deck.sourceUrl)}" rel="noopener noreferrer" target="_blank">Source page<span class="visually-hidden"> of ${title}</span></a></p>`
				: '';
			return `<li class="${c}">${row} ${source}</li>`;
		})
		.join('');
	return (
		`<main id="${FIRST_HOME_ID}"><header class="${c}"><h1 class="${c}">Glossary Flashcards</h1> ` +
		`<nav aria-label="More" class="${c}"><ul class="${c}">${nav}</ul></nav> ` +
		`<p class="summary ${c}" aria-live="polite"><span>${escapeHtml(view.line[0])}&nbsp;<span aria-hidden="true">·</span></span> <span>${escapeHtml(view.line[1])}</span> </p></header> ` +
		(home.backupReminder
			? `<aside class="panel" aria-label="Backup reminder"><p>You have studied since your last backup a week or more ago. Your progress lives only on this device.</p> ` +
				`<div class="actions ${c}"><a class="button primary" href="/settings#backup">Back up now</a> <button type="button">Not now</button></div></aside>`
			: '') +
		' ' +
		(view.done !== undefined
			? `<section class="panel done ${c}" aria-labelledby="${id('done-heading')}"><h2 id="${id('done-heading')}" class="${c}">All done for today</h2> <p class="${c}">${escapeHtml(view.done)}</p></section>`
			: '') +
		' ' +
		`<section aria-labelledby="${id('decks-heading')}"><div class="decks-head ${c}"><h2 id="${id('decks-heading')}">Decks</h2> ` +
		(view.studyAll ? `<a class="button" href="/review">Study all decks</a>` : '') +
		'</div> ' +
		(view.decks.length === 0 ? '<p>No decks yet. <a href="/import">Add a glossary</a> to make one.</p>' : '') +
		` <ul class="decks ${c}">${rows}</ul></section> </main>`
	);
}

/**
 * The prerendered home page with today's rows written in, or undefined when the page is not the
 * one expected (then it is served as it is).
 */
export function withHome(page: string, home: WrittenHome): string | undefined {
	const headEnd = page.indexOf('</head>');
	const mountAt = page.indexOf(MOUNT);
	if (mountAt < 0 || headEnd < 0 || headEnd > mountAt || !page.includes('<main')) return undefined;
	// No frame before the written page is parsed (`rel=expect`), and the app's own page, below it,
	// stays out of view until the app takes over.
	const head =
		page.slice(0, headEnd) +
		`<link rel="expect" href="#${FIRST_HOME_ID}" blocking="render"><style>#${FIRST_HOME_ID} ~ main { display: none }</style>`;
	const { head: lighter, preloads } = movePreloads(head);
	let written = lighter + page.slice(headEnd, mountAt + MOUNT.length) + homeMarkup(home) + preloads + page.slice(mountAt + MOUNT.length);
	if (home.settings.theme !== 'system')
		written = written.replace('<html lang="en">', `<html lang="en" data-theme="${home.settings.theme}">`);
	return written;
}
