import { describe, expect, test } from 'vitest';
import { BROKEN_TEMPLATE, CardRenderer, mediaNames, TYPE_ANSWER_MARK, type CardToRender } from './render';
import type { AnkiNoteType } from './types';

const basic = (question: string, answer = '{{FrontSide}}<hr id=answer>{{Back}}', fields = ['Front', 'Back']): AnkiNoteType => ({
	id: 1,
	name: 'Basic',
	kind: 'normal',
	fields,
	templates: [{ name: 'Card 1', ord: 0, question, answer }],
	css: ''
});

const cloze = (question = '{{cloze:Text}}', answer = '{{cloze:Text}}<br>{{Back Extra}}'): AnkiNoteType => ({
	id: 2,
	name: 'Cloze',
	kind: 'cloze',
	fields: ['Text', 'Back Extra'],
	templates: [{ name: 'Cloze', ord: 0, question, answer }],
	css: ''
});

function render(noteType: AnkiNoteType, fields: string[], options: Partial<CardToRender> = {}) {
	return new CardRenderer().render({ noteType, fields, tags: [], ord: 0, deckName: 'Default', cardId: 1, ...options });
}

describe('CardRenderer', () => {
	test('{{Field}} and {{FrontSide}}: the back repeats the front, and the text of the back leaves it out', () => {
		const card = render(basic('{{Front}}'), ['<b>hello</b>', 'world']);
		expect(card.question).toBe('<b>hello</b>');
		expect(card.answer).toBe('<b>hello</b><hr id=answer>world');
		expect(card).toMatchObject({ front: 'hello', back: 'world' });
		expect(card.problem).toBeUndefined();
	});

	test('{{Tags}}, {{Type}}, {{Deck}}, {{Subdeck}}, {{Card}} and {{CardID}}', () => {
		const card = render(basic('{{Tags}}|{{Type}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{CardID}}'), ['f', 'b'], {
			tags: ['verbs', 'french::grammar'],
			deckName: 'French::Verbs::Irregular',
			cardId: 1234
		});
		expect(card.question).toBe('verbs french::grammar|Basic|French::Verbs::Irregular|Irregular|Card 1|1234');
	});

	test('a note field named like a special field wins over it', () => {
		expect(render(basic('{{Deck}}', '{{Deck}}', ['Deck']), ['my own deck field']).question).toBe('my own deck field');
	});

	test('cloze cards c1 … cN, each hiding its own deletion; the hint shows in brackets', () => {
		const noteType = cloze();
		const fields = ['{{c1::Paris}} is the capital of {{c2::France::country}}', 'extra'];
		expect(render(noteType, fields, { ord: 0 }).front).toBe('[...] is the capital of France');
		expect(render(noteType, fields, { ord: 1 }).front).toBe('Paris is the capital of [country]');
		expect(render(noteType, fields, { ord: 1 }).back).toBe('Paris is the capital of France\nextra');
	});

	test('a cloze card whose number the note no longer has is empty, in Anki’s words', () => {
		const card = render(cloze(), ['{{c1::Paris}}', ''], { ord: 2 });
		expect(card).toMatchObject({ problem: 'empty', front: 'This card is empty in Anki too: its note has no cloze 3.' });
		expect(card.question).toBe('<p class="anki-problem">This card is empty in Anki too: its note has no cloze 3.</p>');
	});

	test('a blank front is an empty card', () => {
		const card = render(basic('{{#Back}}{{Front}}{{/Back}}'), ['f', '']);
		expect(card).toMatchObject({ problem: 'empty', front: 'The front of this card is blank in Anki too.' });
	});

	test('a broken template gives the card the message, never a crash', () => {
		const card = render(basic('{{#Front}}{{Front}}{{/z}}'), ['f', 'b']);
		expect(card.problem).toBe('broken');
		expect(card.front).toBe(`${BROKEN_TEMPLATE}: {{/z}} closes a section, but the open one is {{#Front}}.`);
		expect(card.question).toContain('This card’s template is broken in Anki too');
		expect(card.answer).toBe(card.question);
		const back = render(basic('{{Front}}', '{{Nowhere}}'), ['f', 'b']);
		expect(back).toMatchObject({ problem: 'broken', front: `${BROKEN_TEMPLATE}: there is no field called “Nowhere”.` });
	});

	test('a message made from a field name is escaped', () => {
		expect(render(basic('{{<img src=x onerror=alert(1)>}}'), ['f', 'b']).question).toBe(
			'<p class="anki-problem">This card’s template is broken in Anki too: there is no field called “&lt;img src=x onerror=alert(1)&gt;”.</p>'
		);
	});

	test('{{text:Field}} strips the HTML; filters run nearest the field first', () => {
		const noteType = cloze('{{text:cloze:Text}} / {{cloze:text:Text}}', '{{cloze:Text}}');
		const card = render(noteType, ['{{c1::<b>bold</b>}} rest', '']);
		expect(card.question).toBe('[...] rest / <span class="cloze" data-cloze="bold" data-ordinal="1">[...]</span> rest');
	});

	test('furigana filters: ruby, the reading alone, the kanji alone', () => {
		const noteType = basic('{{furigana:Front}}|{{kana:Front}}|{{kanji:Front}}', '{{Front}}');
		expect(render(noteType, ['日本語[にほんご]を 話[はな]す', '']).question).toBe(
			'<ruby><rb>日本語</rb><rt>にほんご</rt></ruby>を<ruby><rb>話</rb><rt>はな</rt></ruby>す|にほんごをはなす|日本語を話す'
		);
	});

	test('a furigana filter leaves sounds alone', () => {
		expect(render(basic('{{furigana:Front}}', '{{Front}}'), ['x[sound:a.mp3]', '']).question).toBe(
			'x<button type="button" class="anki-sound" data-sound="a.mp3" aria-label="Play a.mp3">▶</button>'
		);
	});

	test('{{hint:Field}} is a disclosure naming the field; an empty field gives nothing', () => {
		const noteType = basic('{{Front}}{{hint:Back}}', '{{Back}}');
		expect(render(noteType, ['q', 'the hint']).question).toBe('q<details class="hint"><summary>Back</summary>the hint</details>');
		expect(render(noteType, ['q', ' ']).question).toBe('q ');
	});

	test('{{type:Field}}: one place for the answer on each side, and what it is compared with', () => {
		const noteType = basic('{{Front}} {{type:Back}} {{type:Back}}', '{{Front}}<hr id=answer>{{type:Back}}');
		const card = render(noteType, ['capital of France?', 'Paris']);
		expect(card.question).toBe(`capital of France? ${TYPE_ANSWER_MARK} `);
		expect(card.answer).toBe(`capital of France?<hr id=answer>${TYPE_ANSWER_MARK}`);
		expect(card.typeAnswer).toEqual({ expected: 'Paris', combining: true });
	});

	test('{{type:cloze:Text}} expects the card’s cloze; {{type:nc:Field}} ignores combining marks', () => {
		const typing = cloze('{{cloze:Text}}{{type:cloze:Text}}', '{{cloze:Text}}{{type:cloze:Text}}');
		expect(render(typing, ['{{c1::cat}} and {{c2::dog}}', ''], { ord: 1 }).typeAnswer).toEqual({ expected: 'dog', combining: true });
		const nc = basic('{{Front}}{{type:nc:Back}}', '{{type:nc:Back}}');
		expect(render(nc, ['q', 'שִׁנּוּן']).typeAnswer).toEqual({ expected: 'שִׁנּוּן', combining: false });
	});

	test('sounds become play buttons; text-to-speech keeps its text', () => {
		const card = render(basic('{{Front}}{{tts en_US:Back}}', '{{Front}}'), ['[sound:a &amp; b.mp3]', 'spoken']);
		expect(card.question).toBe(
			'<button type="button" class="anki-sound" data-sound="a &amp; b.mp3" aria-label="Play a &amp; b.mp3">▶</button>spoken'
		);
		expect(mediaNames(card.question)).toEqual(new Set(['a & b.mp3']));
	});

	test('a front of only a sound is named by its file in lists', () => {
		expect(render(basic('{{Front}}'), ['[sound:foo.wav]', '']).front).toBe('foo.wav');
	});

	test('Image Occlusion: the canvas becomes masks over the image, the card’s own shape hidden, then outlined', () => {
		const noteType: AnkiNoteType = {
			...cloze(),
			fields: ['Occlusion', 'Image'],
			templates: [
				{
					name: 'Image Occlusion',
					ord: 0,
					question:
						'<div style="display: none">{{cloze:Occlusion}}</div><div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>',
					answer:
						'<div style="display: none">{{cloze:Occlusion}}</div><div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>'
				}
			]
		};
		const fields = [
			'{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.2:oi=1}}',
			'<img src="a.png">'
		];
		const card = render(noteType, fields, { ord: 0 });
		const svg = (first: string) =>
			`<svg class="anki-io-masks" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true"><rect x="0.1" y="0.2" width="0.3" height="0.4" class="anki-io-${first}" vector-effect="non-scaling-stroke"></rect><ellipse cx="0.6" cy="0.7" rx="0.1" ry="0.2" class="anki-io-inactive" vector-effect="non-scaling-stroke"></ellipse></svg>`;
		expect(card.question).toBe(
			`<div style="display: none"></div><div id="image-occlusion-container" class="anki-io"><img src="a.png">${svg('active')}</div>`
		);
		expect(card.answer).toBe(
			`<div style="display: none"></div><div id="image-occlusion-container" class="anki-io"><img src="a.png">${svg('revealed')}</div>`
		);
		expect(card.front).toBe('a.png');
	});
});

describe('mediaNames', () => {
	test('images of the package, never addresses elsewhere', () => {
		const html = `<img src="a b.png"><IMG alt=x SRC='c.jpg'><img src=d.gif><img src="https://example.com/e.png"><img src="//example.com/f.png"><img src="data:image/png;base64,AA">`;
		expect(mediaNames(html)).toEqual(new Set(['a b.png', 'c.jpg', 'd.gif']));
	});
});
