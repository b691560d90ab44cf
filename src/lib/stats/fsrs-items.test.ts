import { describe, expect, it } from 'vitest';
import { answerColumns } from './evaluation';
import { MAX_HISTORY, trainingItems } from './fsrs-items';

const DAY = 86_400_000;
const at = (day: number, minute = 0) => day * DAY + minute * 60_000;

/** Items as [ratings, delta_ts] pairs, read back from the optimizer's columns. */
function itemsOf(items: ReturnType<typeof trainingItems>): [number[], number[]][] {
	const out: [number[], number[]][] = [];
	let offset = 0;
	for (const length of items.lengths) {
		out.push([Array.from(items.ratings.slice(offset, offset + length)), Array.from(items.deltaTs.slice(offset, offset + length))]);
		offset += length;
	}
	return out;
}

describe('trainingItems', () => {
	// Card a: Again and Good on day 0 (a learning step), Hard on day 2, Easy on day 9. Card b:
	// Good on day 1, Good on day 3. Six-grade answers map to ratings as the buttons do (0-2 Again).
	const columns = answerColumns([
		{ cardId: 'a', studyDay: 0, time: at(0), grade: 1 },
		{ cardId: 'a', studyDay: 0, time: at(0, 10), grade: 4 },
		{ cardId: 'b', studyDay: 1, time: at(1), grade: 4 },
		{ cardId: 'a', studyDay: 2, time: at(2), grade: 3 },
		{ cardId: 'b', studyDay: 3, time: at(3), grade: 5 },
		{ cardId: 'a', studyDay: 9, time: at(9), grade: 0 }
	]);

	it('one item per review, holding the card’s answers up to it, in the order the reviews came', () => {
		const items = trainingItems(columns);
		expect(itemsOf(items)).toEqual([
			// a on day 2: Again and Good on day 0, then Hard two days later.
			[
				[1, 3, 2],
				[0, 0, 2]
			],
			// b on day 3.
			[
				[3, 4],
				[0, 2]
			],
			// a on day 9.
			[
				[1, 3, 2, 1],
				[0, 0, 2, 7]
			]
		]);
		expect(items).toMatchObject({ reviews: 3, answers: 6 });
	});

	it('only the answers before the split: the later reviews are left for scoring', () => {
		const items = trainingItems(columns, at(3));
		expect(itemsOf(items)).toEqual([
			[
				[1, 3, 2],
				[0, 0, 2]
			]
		]);
		expect(items).toMatchObject({ reviews: 1, answers: 4 });
	});

	it(`histories longer than ${MAX_HISTORY} answers are left out, as fsrs-rs leaves them out`, () => {
		const long = answerColumns(
			Array.from({ length: MAX_HISTORY + 2 }, (_, day) => ({ cardId: 'c', studyDay: day, time: at(day), grade: 4 }))
		);
		const items = trainingItems(long);
		expect(items.reviews).toBe(MAX_HISTORY - 1);
		expect(Math.max(...items.lengths)).toBe(MAX_HISTORY);
	});
});
