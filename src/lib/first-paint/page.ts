// The review page with its first card already in it, as the service worker returns it: the
// review screen's first paint (ReviewScreen.svelte, same elements and classes), written into the
// app's plain shell page before the app starts. Everything from the learner's collection is
// written as escaped text: a card reading `<img src=x onerror=...>` shows those characters.
import type { FirstCard } from '$lib/db/first-card';

/** ReviewScreen.svelte's scoped class, fixed by svelte.config.js (`cssHash`) so it can be written here. */
export const REVIEW_SCREEN_CLASS = 'svelte-review-screen';

/** The written screen's id; the app replaces it by its own (hand-over.ts). */
export const FIRST_CARD_ID = 'first-card';

/**
 * A tap on the written `Show answer` opens this (invisible, manual) popover: no script runs before
 * the app (the page's CSP allows none), yet the tap is kept, once however often it is repeated.
 */
export const FIRST_TAP_ID = 'first-card-tap';

/** Where the kit's shell page mounts the app (src/app.html): the written screen goes first in it. */
const MOUNT = '<div style="display: contents">';

/** The deck of a review page's path (`<base>/review/<deck>`, the id decoded), or undefined for any other page. */
export function reviewDeckOf(pathname: string, base: string): string | undefined {
	const match = pathname.match(/^(.*)\/review\/([^/]+)$/);
	if (!match || match[1] !== base) return undefined;
	try {
		return decodeURIComponent(match[2]!);
	} catch {
		return undefined;
	}
}

/** `&`, `<`, `>`, `"` and `'` as character references: safe as element text and as a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The screen's markup for `first` (which has a card); `base` is the kit's base path ('' at the root). */
export function firstCardMarkup(first: FirstCard & { card: { id: string; front: string } }, base: string): string {
	const c = REVIEW_SCREEN_CLASS;
	const card = encodeURIComponent(first.card.id);
	const { counts } = first;
	return (
		`<div class="screen ${c}" id="${FIRST_CARD_ID}" data-deck="${escapeHtml(first.deckId)}" data-card="${escapeHtml(first.card.id)}">` +
		`<header class="top ${c}"><a href="${base}/" class="back ${c}">Home</a><h1 class="${c}">${escapeHtml(first.title)}</h1></header>` +
		`<div class="progress ${c}" aria-hidden="true"><div class="bar ${c}" style="transform: scaleX(${first.left === 0 ? 1 : 0})"></div></div>` +
		`<main class="${c}"><p class="status ${c}" role="status"></p>` +
		`<ul class="today ${c}" aria-label="Left today">` +
		`<li class="new ${c}">${counts.new} new</li><li class="again ${c}">${counts.again} again today</li>` +
		`<li class="due ${c}">${counts.due} due</li><li class="left ${c}">${first.left}${first.leftMore ? '+' : ''} left</li></ul>` +
		// elementtiming: the browser records when the front is painted (Element Timing; npm run bench reads it).
		`<article class="card ${c} tappable" aria-label="Card"><h2 class="visually-hidden ${c}">Question</h2>` +
		`<p class="front card-text ${c}" elementtiming="${FIRST_CARD_ID}">${escapeHtml(first.card.front)}</p><div aria-live="polite" class="${c}"></div></article></main>` +
		// The answer bar's `six` class only lays out grade buttons, which the first paint has none of.
		`<footer class="answer-bar ${c}">` +
		`<div class="actions ${c}" role="toolbar" aria-label="Card actions">` +
		`<button type="button" class="small ${c}" disabled aria-keyshortcuts="Z Control+Z">Undo</button>` +
		`<a class="button small ${c}" href="${base}/browse/${card}">Card info</a>` +
		`<a class="button small ${c}" href="${base}/browse/${card}?edit">Edit</a>` +
		`<button type="button" class="small ${c}" disabled aria-label="Bury until tomorrow">Bury</button>` +
		`<button type="button" class="small ${c}" disabled>Suspend</button></div>` +
		// autofocus: the browser focuses it as it paints, so no script forces a layout to do it.
		`<button type="button" class="primary show ${c}" popovertarget="${FIRST_TAP_ID}" popovertargetaction="show" aria-keyshortcuts="Space Enter" autofocus>Show answer</button>` +
		`</footer><div id="${FIRST_TAP_ID}" popover="manual" style="position: fixed; inset: auto; width: 0; height: 0; margin: 0; padding: 0; border: 0"></div></div>`
	);
}

/**
 * The shell page with `first`'s screen written in, its stylesheet linked and its title set, or
 * undefined when the shell is not the one expected (then the plain shell is served as it is).
 */
export function withFirstCard(shell: string, first: FirstCard, stylesheet: string, base: string): string | undefined {
	if (!first.card) return undefined;
	const headEnd = shell.indexOf('</head>');
	const mountAt = shell.indexOf(MOUNT);
	if (mountAt < 0 || headEnd < 0 || headEnd > mountAt) return undefined;
	const card = { ...first, card: first.card };
	// The screen's stylesheet blocks the first paint: it goes first, to be asked for at once. And no
	// frame is painted before the written screen is parsed (`rel=expect`): on a slow phone the
	// parser may yield after the head, and the first frame would be an empty page.
	const links = `<link rel="expect" href="#${FIRST_CARD_ID}" blocking="render"><link href="${escapeHtml(stylesheet)}" rel="stylesheet">`;
	const shellHead = shell.slice(0, headEnd);
	const at = shellHead.search(FIRST_LINK);
	// The kit's module preloads move out of the head to just after the written screen: requesting
	// them was most of the head's parse, and Chromium's parser yields when its slice of time is up.
	// They still start before the kit's script asks for the modules.
	const preloads: string[] = [];
	const head = (at < 0 ? shellHead + links : shellHead.slice(0, at) + links + shellHead.slice(at)).replace(
		PRELOAD,
		(preload) => (preloads.push(preload.trim()), '')
	);
	let page =
		head +
		shell.slice(headEnd, mountAt + MOUNT.length) +
		firstCardMarkup(card, base) +
		preloads.join('') +
		shell.slice(mountAt + MOUNT.length);
	page = page.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(first.title)} · Review</title>`);
	if (first.settings.theme !== 'system') page = page.replace('<html lang="en">', `<html lang="en" data-theme="${first.settings.theme}">`);
	return page;
}

/** A module preload of the kit's shell, with the white space after it. */
const PRELOAD = /<link href="[^"]*" rel="modulepreload">\s*/g;

/** The first resource the shell's head asks for, after its content security policy. */
const FIRST_LINK = /<link (?=href="[^"]*" rel="(?:modulepreload|stylesheet)")/;
