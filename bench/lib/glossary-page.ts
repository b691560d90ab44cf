// A 2 MB glossary page for the generator: the bundled Soft Skills page grown with hundreds of
// prose sections, named lists and FAQ entries, the shapes a long real page has.

const TOPICS = ['Communication', 'Empathy', 'Leadership', 'Adaptability', 'Problem-solving', 'Negotiation', 'Facilitation', 'Coaching'];

/** The page, at least `chars` characters long. */
export function bigGlossaryPage(seed: string, chars = 2 * 1024 * 1024): string {
	const sectionsAt = seed.indexOf('Why Soft Skills are Crucial');
	const faqAt = seed.indexOf('Frequently Asked Questions');
	const tailAt = seed.indexOf('Try Innerview');
	if (sectionsAt < 0 || faqAt < 0 || tailAt < 0) throw new Error('decks/soft-skills.txt no longer has the expected sections');
	const head = seed.slice(0, faqAt);
	const tail = seed.slice(tailAt);
	const sections: string[] = [];
	const faq: string[] = [];
	let length = head.length + tail.length + 40;
	for (let k = 1; length < chars; k++) {
		const topic = TOPICS[k % TOPICS.length]!;
		const section =
			`How Team ${k} Practises ${topic}\n\n` +
			`Team ${k} treats ${topic.toLowerCase()} as a habit rather than a talent: every sprint review ends with ten minutes on how the team worked together, and product managers ask for specific feedback on meetings they ran.\n\n` +
			`The result, after a quarter, is fewer escalations, clearer decisions and stakeholders who hear about trade-offs before they are surprised by them.\n\n` +
			`${topic} Habits of Team ${k}\n\n` +
			Array.from(
				{ length: 5 },
				(_, i) =>
					`  ${i + 1}. Habit ${k}.${i + 1}: Practising ${topic.toLowerCase()} in situation ${i + 1} with the whole team, every week, and writing down what changed.`
			).join('\n') +
			'\n\n';
		const entry = `  • Question ${k}: How does team ${k} keep its ${topic.toLowerCase()} from slipping under deadline pressure? Answer: By naming one habit for the sprint and reviewing it in the retrospective, team ${k} keeps ${topic.toLowerCase()} visible when time is short.\n\n`;
		sections.push(section);
		faq.push(entry);
		length += section.length + entry.length;
	}
	return `${head}${sections.join('')}Frequently Asked Questions\n\n${faq.join('')}${tail}`;
}
