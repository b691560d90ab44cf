// The guarantee, in Node: whatever the learner did, the newest backup and the journal beside the
// database give back exactly the database the browser lost, and a journal cut short by a killed
// tab gives back exactly what was written before the cut.
import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import { exportBackup } from '$lib/db/backup';
import type { Backup } from '$lib/db/backup-schema';
import { buryCard, unburyCard } from '$lib/db/day-options';
import { restoreBackupWith } from '$lib/db/restore';
import { cardRecord, closeDatabases, dump, freshDatabase, NOW, putCards, reviewCard, settings, TODAY } from '$lib/db/test-helpers';
import { editCard, getCard, recordAnswer, resetCard, setSuspended, undoLastAnswer } from '$lib/db';
import type { CardRecord, FlashcardsDb } from '$lib/db/schema';
import { LEECH_THRESHOLD } from '$lib/srs/answer';
import { studyDayAt } from '$lib/srs/days';
import type { Grade } from '$lib/srs/sm2';
import { checkRecord } from './check';
import { folderJournal, type JournalStore } from './client';
import { decodeFrames, encodeFrames } from './codec';
import type { JournalEntry } from './entries';
import { memoryFolder } from './files';
import { coverageOf, keptAfterBackup, planRestore } from './plan';

afterEach(closeDatabases);

const INSTALL = 'phone';
const rules = { leechThreshold: LEECH_THRESHOLD, leechAction: settings.leechAction };

type Step =
	| { op: 'answer'; card: number; grade: Grade; wait: number }
	| { op: 'undo'; wait: number }
	| { op: 'edit'; card: number; wait: number }
	| { op: 'reset'; card: number; wait: number }
	| { op: 'suspend' | 'unsuspend' | 'bury' | 'unbury'; card: number; wait: number }
	| { op: 'session'; wait: number }
	/** The automatic backup runs: it is written, and the journal keeps only what it lacks. */
	| { op: 'backup'; wait: number };

const CARDS = 4;
const card = fc.nat(CARDS - 1);
// From a few seconds to a few days between steps, so answers fall on one day and on several.
const wait = fc.oneof(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 3_600_000, max: 4 * 86_400_000 }));
const grade = fc.constantFrom<Grade>(0, 1, 2, 3, 4, 5);
const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 8, arbitrary: fc.record({ op: fc.constant('answer' as const), card, grade, wait }) },
	{ weight: 3, arbitrary: fc.record({ op: fc.constant('undo' as const), wait }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('edit' as const), card, wait }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const), card, wait }) },
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constantFrom('suspend' as const, 'unsuspend' as const, 'bury' as const, 'unbury' as const), card, wait })
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('session' as const), wait }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('backup' as const), wait }) }
);

/** A device: its database, its journal, and the changes made as the screens make them (state/journal.svelte.ts). */
async function device(start?: CardRecord[]) {
	const db = await freshDatabase();
	await db.put('meta', INSTALL, 'installId');
	const cards = start ?? Array.from({ length: CARDS }, (_, i) => cardRecord('d', `c${i}`, { newOrder: i }));
	await putCards(db, 'd', cards);
	const journal = folderJournal(memoryFolder());
	const copy = (change: JournalEntry) => journal.append(INSTALL, [change]);
	// The seeded collection is the first "backup": a restore without one goes over what a new database holds.
	let backup = await exportBackup(db, NOW - 1);
	return { db, journal, ids: cards.map((c) => c.id), copy, backup: () => backup, setBackup: (next: Backup) => (backup = next) };
}

type Device = Awaited<ReturnType<typeof device>>;

/** Runs the steps on the device as the app would, each change copied to the journal beside it. */
async function play(dev: Device, steps: Step[]): Promise<number> {
	const { db, ids, copy } = dev;
	let now = NOW;
	let session = 0;
	for (const s of steps) {
		now += s.wait;
		const log = (entry: import('$lib/srs/types').LogEntry) => void copy({ type: 'log', entry });
		if (s.op === 'answer') {
			const stored = await getCard(db, ids[s.card]!);
			if (stored?.status !== 'new' && stored?.status !== 'review') continue;
			await recordAnswer(db, { cardId: ids[s.card]!, grade: s.grade, now, tookMs: 1000, sessionId: `s${session}`, settings, onEntry: log });
		} else if (s.op === 'undo') await undoLastAnswer(db, `s${session}`, now, log);
		else if (s.op === 'edit') {
			const text = { front: `Front ${now}`, back: 'Back' };
			await copy({ type: 'text', cardId: ids[s.card]!, time: now, ...text });
			await editCard(db, ids[s.card]!, text, now);
		} else if (s.op === 'reset') await resetCard(db, ids[s.card]!, now, log);
		else if (s.op === 'suspend' || s.op === 'unsuspend') {
			await copy({ type: 'suspend', cardId: ids[s.card]!, time: now, suspended: s.op === 'suspend' });
			await setSuspended(db, ids[s.card]!, s.op === 'suspend');
		} else if (s.op === 'bury' || s.op === 'unbury') {
			await copy({ type: 'bury', cardId: ids[s.card]!, time: now, studyDay: studyDayAt(now, settings).today, buried: s.op === 'bury' });
			await (s.op === 'bury' ? buryCard : unburyCard)(db, ids[s.card]!, now, settings);
		} else if (s.op === 'backup') {
			const backup = await exportBackup(db, now);
			dev.setBackup(backup);
			await compact(dev.journal, backup);
		} else session++;
	}
	return now;
}

/** What recovery.svelte.ts does once a backup is written: the journal keeps what the backup lacks. */
async function compact(journal: JournalStore, backup: Backup): Promise<void> {
	const read = await journal.read(INSTALL);
	const entries = read.records.flatMap((value) => checkRecord(value)?.entry ?? []);
	await journal.compact(INSTALL, read.position, keptAfterBackup(entries, coverageOf(backup)));
}

/** The journal as a restore reads it. */
async function journalOf(journal: JournalStore): Promise<JournalEntry[]> {
	return (await journal.read(INSTALL)).records.flatMap((value) => checkRecord(value)?.entry ?? []);
}

/** Restores `backup` and `journal` into a new database, as state/restore.ts does after a loss. */
async function restored(backup: Backup, journal: JournalEntry[]): Promise<FlashcardsDb> {
	const db = await freshDatabase();
	await restoreBackupWith(db, backup, INSTALL, (source) => planRestore(source, journal, rules));
	return db;
}

/** What the learner would see of a database: cards, the answers standing, today's burials. */
async function seen(db: FlashcardsDb) {
	const all = await dump(db);
	const buried = all.meta.find(([key]) => key === 'buried')?.[1];
	return {
		cards: all.cards,
		answers: all.reviews.map((entry) => `${entry.cardId}@${entry.time}`).sort(),
		buried
	};
}

test('the newest backup and the journal replay to the same cards, answers and burials as the database they replace', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
			const dev = await device();
			await play(dev, steps);
			const lost = await seen(dev.db);
			const back = await restored(dev.backup(), await journalOf(dev.journal));
			expect(await seen(back)).toEqual(lost);
			closeDatabases();
		}),
		{ numRuns: 120 }
	);
});

test('a journal whose last entry was cut short anywhere restores as if that entry had never been written', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), fc.nat(), async (steps, at) => {
			const dev = await device();
			await play(dev, steps);
			const records = (await dev.journal.read(INSTALL)).records;
			fc.pre(records.length > 0);
			// The file's bytes with its last frame cut somewhere inside it, as a killed tab leaves it.
			const last = encodeFrames(records.slice(-1));
			const torn = new Uint8Array([...encodeFrames(records.slice(0, -1)), ...last.subarray(0, at % last.length)]);
			const read = decodeFrames(torn);
			expect(read.entries).toEqual(records.slice(0, -1));
			const entries = read.entries.flatMap((value) => checkRecord(value)?.entry ?? []);
			const without = records.slice(0, -1).flatMap((value) => checkRecord(value)?.entry ?? []);
			expect(await seen(await restored(dev.backup(), entries))).toEqual(await seen(await restored(dev.backup(), without)));
			closeDatabases();
		}),
		{ numRuns: 40 }
	);
});

/** Plays `steps`, then restores the newest backup and the journal: the same as the database, or the test fails. */
async function restoresTheSame(steps: Step[], start?: CardRecord[]) {
	const dev = await device(start);
	await play(dev, steps);
	const lost = await seen(dev.db);
	expect(await seen(await restored(dev.backup(), await journalOf(dev.journal)))).toEqual(lost);
	return lost;
}

const minute = 60_000;
const day = 86_400_000;

test('a card reset, answered, backed up, then the answer undone: the reset the backup lacks comes from the journal', async () => {
	const lost = await restoresTheSame([
		{ op: 'answer', card: 0, grade: 5, wait: minute },
		{ op: 'answer', card: 0, grade: 5, wait: 2 * day },
		{ op: 'reset', card: 0, wait: minute },
		{ op: 'answer', card: 0, grade: 4, wait: minute },
		{ op: 'answer', card: 0, grade: 5, wait: 2 * day },
		{ op: 'backup', wait: minute },
		{ op: 'undo', wait: minute }
	]);
	// As the one answer since the reset left it: not the progress of the answers before the reset.
	expect(lost.cards[0]).toMatchObject({ id: 'd:c0', status: 'review', state: { repetitions: 1, interval: 1 } });
});

test('an unsuspension before the answer that made the card a leech does not unsuspend it again', async () => {
	const leechSoon = reviewCard('d', 'c0', TODAY, { lapses: LEECH_THRESHOLD - 1 });
	const lost = await restoresTheSame(
		[
			{ op: 'suspend', card: 0, wait: minute },
			{ op: 'unsuspend', card: 0, wait: minute },
			{ op: 'answer', card: 0, grade: 0, wait: minute }
		],
		[leechSoon]
	);
	expect(lost.cards[0]).toMatchObject({ status: 'suspended', leech: true });
});

test('answers, an edit, a suspension and a burial since the last backup all come back from the journal', async () => {
	const lost = await restoresTheSame([
		{ op: 'answer', card: 0, grade: 4, wait: minute },
		{ op: 'backup', wait: minute },
		{ op: 'answer', card: 1, grade: 3, wait: minute },
		{ op: 'edit', card: 2, wait: minute },
		{ op: 'suspend', card: 3, wait: minute },
		{ op: 'bury', card: 2, wait: minute }
	]);
	expect(lost.answers).toHaveLength(2);
	expect(lost.cards[2]).toMatchObject({ front: expect.stringMatching(/^Front \d+$/), edited: true });
	expect(lost.cards[3]).toMatchObject({ status: 'suspended' });
	expect(lost.buried).toEqual({ studyDay: TODAY, cardIds: ['d:c2'] });
});
