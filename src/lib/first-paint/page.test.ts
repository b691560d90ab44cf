import { expect, test } from 'vitest';
import type { FirstCard } from '$lib/db/first-card';
import { reviewDeckOf, withFirstCard } from './page';

const shell = `<!doctype html>
<html lang="en">
	<head>
		<title>Glossary Flashcards</title>
		<meta http-equiv="content-security-policy" content="default-src 'self'">
		<link href="/_app/immutable/entry/start.js" rel="modulepreload">
		<link href="/_app/immutable/chunks/a.js" rel="modulepreload">
		<style>:root{color:black}</style>
		<link href="/_app/immutable/assets/0.css" rel="stylesheet" disabled media="(max-width: 0)">
	</head>
	<body>
		<div style="display: contents"><script>start()</script></div>
	</body>
</html>`;

const first: FirstCard = {
	deckId: 'soft-skills',
	title: 'Soft <Skills> & "more"',
	card: { id: 'soft-skills:item:a&b', front: `<img src=x onerror=alert('1')>` },
	counts: { new: 3, again: 1, due: 2 },
	left: 6,
	leftMore: true,
	settings: { theme: 'system' }
};

test('the card, the title and the ids are written as escaped text, before the app’s script', () => {
	const page = withFirstCard(shell, first, '/_app/immutable/assets/review.abc.css', '')!;
	expect(page).toContain(
		'<p class="front card-text svelte-review-screen" elementtiming="first-card">&#60;img src=x onerror=alert(&#39;1&#39;)&#62;</p>'
	);
	expect(page).toContain('<h1 class="svelte-review-screen">Soft &#60;Skills&#62; &#38; &#34;more&#34;</h1>');
	expect(page).toContain('<title>Soft &#60;Skills&#62; &#38; &#34;more&#34; · Review</title>');
	expect(page).toContain('data-card="soft-skills:item:a&#38;b"');
	expect(page).toContain('href="/browse/soft-skills%3Aitem%3Aa%26b?edit"');
	expect(page).not.toContain('<img');
	expect(page.indexOf('id="first-card"')).toBeLessThan(page.indexOf('<script>start()</script>'));
	expect(page).toContain('<li class="new svelte-review-screen">3 new</li><li class="again svelte-review-screen">1 again today</li>');
	expect(page).toContain('<li class="due svelte-review-screen">2 due</li><li class="left svelte-review-screen">6+ left</li>');
	expect(page).toContain('<html lang="en">');
});

test('the head holds the first frame for the written screen, asks for its stylesheet first, and the module preloads wait until after the card', () => {
	const page = withFirstCard(shell, first, '/_app/immutable/assets/review.abc.css', '')!;
	const head = page.slice(0, page.indexOf('</head>'));
	expect(head).toContain(
		`content="default-src 'self'">\n\t\t<link rel="expect" href="#first-card" blocking="render">` +
			`<link href="/_app/immutable/assets/review.abc.css" rel="stylesheet"><style>:root{color:black}</style>`
	);
	expect(head).not.toContain('modulepreload');
	expect(page).toContain(
		'<div id="first-card-tap" popover="manual" style="position: fixed; inset: auto; width: 0; height: 0; margin: 0; padding: 0; border: 0"></div></div>' +
			'<link href="/_app/immutable/entry/start.js" rel="modulepreload"><link href="/_app/immutable/chunks/a.js" rel="modulepreload">' +
			'<script>start()</script>'
	);
});

test('a shell without preloads or links still gets the stylesheet, at the end of its head', () => {
	const bare =
		'<html lang="en"><head><title>x</title></head><body><div style="display: contents"><script>start()</script></div></body></html>';
	const page = withFirstCard(bare, first, '/r.css', '')!;
	expect(page).toContain('<link rel="expect" href="#first-card" blocking="render"><link href="/r.css" rel="stylesheet"></head>');
});

test('the learner’s theme and the base path come along', () => {
	const page = withFirstCard(shell, { ...first, settings: { theme: 'dark' } }, '/app/x.css', '/app')!;
	expect(page).toContain('<html lang="en" data-theme="dark">');
	expect(page).toContain('<a href="/app/" class="back svelte-review-screen">Home</a>');
});

test('nothing is written without a card, or into a page that is not the shell expected', () => {
	expect(withFirstCard(shell, { ...first, card: undefined }, '/x.css', '')).toBeUndefined();
	expect(withFirstCard(shell.replace('<div style="display: contents">', '<div>'), first, '/x.css', '')).toBeUndefined();
});

test('only a deck’s review page under the app’s base path gets a first card', () => {
	expect(reviewDeckOf('/review/soft-skills', '')).toBe('soft-skills');
	expect(reviewDeckOf('/review/a%20deck%2Fwith%3Aslash', '')).toBe('a deck/with:slash');
	expect(reviewDeckOf('/app/review/soft-skills', '/app')).toBe('soft-skills');
	expect(reviewDeckOf('/review/soft-skills', '/app')).toBeUndefined();
	expect(reviewDeckOf('/app/review/soft-skills', '')).toBeUndefined();
	expect(reviewDeckOf('/review', '')).toBeUndefined();
	expect(reviewDeckOf('/review/', '')).toBeUndefined();
	expect(reviewDeckOf('/review/a/b', '')).toBeUndefined();
	expect(reviewDeckOf('/browse/soft-skills', '')).toBeUndefined();
	expect(reviewDeckOf('/review/%E0%A4%A', '')).toBeUndefined();
});
