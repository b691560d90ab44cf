import { expect, test } from 'vitest';
import { TODAY } from '$lib/db/test-helpers';
import { newCardSnapshot } from '$lib/srs/replay';
import { checkRecord } from './check';

const answer = {
	cardId: 'd:a',
	deckId: 'd',
	time: 1_700_000_000_000,
	studyDay: TODAY,
	grade: 4,
	wasNew: true,
	before: newCardSnapshot(),
	after: { ...newCardSnapshot(), status: 'review' },
	tookMs: 900,
	sessionId: 's',
	device: 'phone'
};
const record = (entry: unknown) => ({ v: 1, install: 'phone', entry });

test('the entries the app writes pass: answers, undos, resets, suspensions, edits, burials and withdrawals', () => {
	const { grade: _grade, wasNew: _wasNew, tookMs: _tookMs, ...event } = answer;
	const undo = { kind: 'undo', ...event, answerTime: answer.time };
	const reset = { kind: 'reset', ...event };
	const entries = [
		{ type: 'log', entry: answer },
		{ type: 'log', entry: { ...answer, kind: 'answer' } },
		{ type: 'log', entry: undo },
		{ type: 'log', entry: reset },
		{ type: 'suspend', cardId: 'd:a', time: 1, suspended: true },
		{ type: 'text', cardId: 'd:a', time: 1, front: 'F', back: 'B' },
		{ type: 'bury', cardId: 'd:a', time: 1, studyDay: TODAY, buried: false },
		{ type: 'withdrawn', key: 'log:d:a@1#answer', time: 2 }
	];
	for (const entry of entries) expect(checkRecord(record(entry)), JSON.stringify(entry)).toEqual(record(entry));
});

test('anything else is left out: unknown versions and keys, __proto__, wrong types, empty text, impossible values', () => {
	const refused = [
		{ v: 2, install: 'phone', entry: { type: 'log', entry: answer } },
		{ v: 1, install: 7, entry: { type: 'log', entry: answer } },
		{ v: 1, install: 'phone', entry: { type: 'log', entry: answer }, extra: 1 },
		record({ type: 'log', entry: { ...answer, grade: 9 } }),
		record({ type: 'log', entry: { ...answer, device: undefined } }),
		record({ type: 'log', entry: { ...answer, kind: 'delete' } }),
		record({ type: 'log', entry: { ...answer, before: { ...newCardSnapshot(), state: { repetitions: -1 } } } }),
		record(JSON.parse('{"type":"suspend","cardId":"d:a","time":1,"suspended":true,"__proto__":{"x":1}}')),
		record({ type: 'suspend', cardId: 'd:a', time: Infinity, suspended: true }),
		record({ type: 'text', cardId: 'd:a', time: 1, front: '  ', back: 'B' }),
		record({ type: 'bury', cardId: 'd:a', time: 1, studyDay: 1.5, buried: true }),
		record({ type: 'erase', cardId: 'd:a' }),
		record(null),
		'text',
		[record({ type: 'withdrawn', key: 'k', time: 1 })]
	];
	for (const value of refused) expect(checkRecord(value), JSON.stringify(value)).toBeUndefined();
});
