import { expect, test } from 'vitest';
import type { HomeDay } from '$lib/format/today';
import { FIRST_HOME_ID, homeMarkup, withHome, type WrittenHome } from './home';

const page = `<!doctype html>
<html lang="en">
	<head>
		<title>Glossary Flashcards</title>
		<link href="/_app/immutable/entry/start.js" rel="modulepreload">
		<style>:root{color:black}</style>
	</head>
	<body>
		<div style="display: contents"><!--[--><main class="svelte-home-screen"></main><!--]--><script>start()</script></div>
	</body>
</html>`;

const hostile: HomeDay = {
	deckId: 'x"><img src=x onerror=alert(1)>',
	title: '<script>alert(1)</script> & "Terms"',
	sourceUrl: 'javascript:alert(1)" onmouseover="alert(2)',
	counts: { new: 3, again: 1, due: 100, moreDue: true },
	left: 104,
	leftMore: true,
	answered: 2
};

const done: HomeDay = {
	deckId: 'done',
	title: 'Done Deck',
	counts: { new: 0, again: 0, due: 0 },
	left: 0,
	leftMore: false,
	answered: 1,
	nextDue: 101
};

const home: WrittenHome = { days: [hostile, done], streak: 4, today: 100, backupReminder: false, settings: { theme: 'system' } };

test('deck titles, ids and source addresses are written as escaped text; nothing from the collection becomes markup', () => {
	const markup = homeMarkup(home);
	expect(markup).not.toContain('<img');
	expect(markup).not.toContain('<script>');
	expect(markup).not.toContain('" onmouseover="');
	expect(markup).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Terms&#34;');
	expect(markup).toContain(`href="/review/${encodeURIComponent(hostile.deckId).replace(/'/g, '&#39;')}"`);
	expect(markup).toContain('href="javascript:alert(1)&#34; onmouseover=&#34;alert(2)"');
});

test('the rows say what the home screen says: the numbers with "+" past the review’s page, the streak line, done decks as text', () => {
	const markup = homeMarkup(home);
	expect(markup).toContain(
		'<span class="new svelte-home-screen">3 new</span> <span class="again svelte-home-screen">1 again <span class="visually-hidden">today</span></span> <span class="due svelte-home-screen">100+ due</span>'
	);
	expect(markup).toContain('<span>4 days streak&nbsp;<span aria-hidden="true">·</span></span> <span>3 answers today</span>');
	// A deck with nothing left is not a link, and no deck is done while another waits.
	expect(markup).toContain(
		'<div class="row svelte-home-screen"><h3 class="title svelte-home-screen" id="first-home-deck-title-1">Done Deck</h3>'
	);
	expect(markup).not.toContain('All done for today');
	expect(markup).toContain('<a class="button" href="/review">Study all decks</a>');
	expect(homeMarkup({ ...home, days: [done] })).toContain('All done for today');
	expect(homeMarkup({ ...home, days: [] })).toContain('No decks yet.');
});

test('the written page goes before the app’s, which a style hides meanwhile; the preloads move after it; the theme is set', () => {
	const written = withHome(page, { ...home, settings: { theme: 'dark' } })!;
	const head = written.slice(0, written.indexOf('</head>'));
	expect(head).toContain(
		`<link rel="expect" href="#${FIRST_HOME_ID}" blocking="render"><style>#${FIRST_HOME_ID} ~ main { display: none }</style>`
	);
	expect(head).not.toContain('modulepreload');
	const at = written.indexOf(`<main id="${FIRST_HOME_ID}">`);
	expect(at).toBeGreaterThan(written.indexOf('<div style="display: contents">'));
	expect(written.indexOf('rel="modulepreload"')).toBeGreaterThan(at);
	expect(written.indexOf('rel="modulepreload"')).toBeLessThan(written.indexOf('<!--[-->'));
	expect(written).toContain('<html lang="en" data-theme="dark">');
	expect(withHome(page, home)).toContain('<html lang="en">\n');
});

test('a page not shaped as expected is served as it is', () => {
	expect(withHome(page.replace('<div style="display: contents">', '<div>'), home)).toBeUndefined();
	expect(withHome(page.replace('<main class="svelte-home-screen"></main>', ''), home)).toBeUndefined();
	expect(withHome(page.replace('</head>', ''), home)).toBeUndefined();
});
