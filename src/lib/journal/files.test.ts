import { describe, expect, test } from 'vitest';
import { appendRecords, compactRecords, journalInstalls, memoryFolder, readRecords, removeJournal, type Ends } from './files';
import { encodeFrames } from './codec';

const answer = (n: number) => ({ answer: n });

describe('the journal’s files', () => {
	test('appends go to one file per install, read back in order', async () => {
		const folder = memoryFolder();
		const ends: Ends = new Map();
		await appendRecords(folder, ends, 'phone', [answer(1)]);
		await appendRecords(folder, ends, 'phone', [answer(2), answer(3)]);
		await appendRecords(folder, ends, 'laptop', [answer(9)]);
		expect([...folder.files.keys()].sort()).toEqual(['journal-laptop-0.bin', 'journal-phone-0.bin']);
		expect(await readRecords(folder, 'phone')).toEqual({
			records: [answer(1), answer(2), answer(3)],
			ignored: 0,
			position: { generation: 0, ends: { 0: encodeFrames([answer(1), answer(2), answer(3)]).length } }
		});
		expect((await journalInstalls(folder)).sort()).toEqual(['laptop', 'phone']);
	});

	test('a write cut short (a killed tab) is ignored when read, and the next append writes over it', async () => {
		const folder = memoryFolder();
		await appendRecords(folder, new Map(), 'phone', [answer(1)]);
		folder.cut = 11;
		await appendRecords(folder, new Map(), 'phone', [answer(2)]);
		folder.cut = undefined;
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(1)]);
		expect((await readRecords(folder, 'phone')).ignored).toBe(11);
		// Another tab (its own idea of where the file ends) appends next.
		await appendRecords(folder, new Map(), 'phone', [answer(3)]);
		expect(await readRecords(folder, 'phone')).toMatchObject({ records: [answer(1), answer(3)], ignored: 0 });
	});

	test('a full disk takes part of an entry: the append fails as QuotaExceededError and the file is as it was', async () => {
		const folder = memoryFolder();
		const ends: Ends = new Map();
		await appendRecords(folder, ends, 'phone', [answer(1)]);
		const before = folder.files.get('journal-phone-0.bin')!.slice();
		folder.full = before.length + 5;
		await expect(appendRecords(folder, ends, 'phone', [answer(2)])).rejects.toMatchObject({ name: 'QuotaExceededError' });
		expect(folder.files.get('journal-phone-0.bin')).toEqual(before);
		folder.full = Infinity;
		await appendRecords(folder, ends, 'phone', [answer(2)]);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(1), answer(2)]);
	});

	test('an append by another tab since this one’s last is found, not written over', async () => {
		const folder = memoryFolder();
		const mine: Ends = new Map();
		await appendRecords(folder, mine, 'phone', [answer(1)]);
		await appendRecords(folder, new Map(), 'phone', [answer(2)]);
		await appendRecords(folder, mine, 'phone', [answer(3)]);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(1), answer(2), answer(3)]);
	});

	test('a compaction keeps what it is given and whatever was appended after the read, in a new generation', async () => {
		const folder = memoryFolder();
		const ends: Ends = new Map();
		await appendRecords(folder, ends, 'phone', [answer(1), answer(2)]);
		const read = await readRecords(folder, 'phone');
		await appendRecords(folder, ends, 'phone', [answer(3)]);
		expect(await compactRecords(folder, ends, 'phone', read.position, [answer(2)])).toBe(true);
		expect([...folder.files.keys()]).toEqual(['journal-phone-1.bin']);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(2), answer(3)]);
		// Appends go on in the new generation.
		await appendRecords(folder, ends, 'phone', [answer(4)]);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(2), answer(3), answer(4)]);
		// A compaction from a read another compaction replaced does nothing.
		expect(await compactRecords(folder, ends, 'phone', read.position, [])).toBe(false);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(2), answer(3), answer(4)]);
	});

	test('a compaction that cannot be written (a full disk) leaves the journal whole', async () => {
		const folder = memoryFolder();
		const ends: Ends = new Map();
		await appendRecords(folder, ends, 'phone', [answer(1), answer(2)]);
		const read = await readRecords(folder, 'phone');
		folder.full = folder.files.get('journal-phone-0.bin')!.length + 3;
		await expect(compactRecords(folder, ends, 'phone', read.position, [answer(1), answer(2)])).rejects.toMatchObject({
			name: 'QuotaExceededError'
		});
		expect([...folder.files.keys()]).toEqual(['journal-phone-0.bin']);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(1), answer(2)]);
	});

	test('a compaction stopped before the older generation went leaves both: every entry is still read', async () => {
		const folder = memoryFolder();
		const ends: Ends = new Map();
		await appendRecords(folder, ends, 'phone', [answer(1), answer(2)]);
		const read = await readRecords(folder, 'phone');
		const older = folder.files.get('journal-phone-0.bin')!.slice();
		await compactRecords(folder, ends, 'phone', read.position, [answer(2)]);
		folder.files.set('journal-phone-0.bin', older);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(1), answer(2), answer(2)]);
		// Appends go to the newest generation, which the next compaction reads to its end.
		await appendRecords(folder, ends, 'phone', [answer(3)]);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(1), answer(2), answer(2), answer(3)]);
	});

	test('a tab still appending to the generation a crashed compaction left behind loses nothing at the next compaction', async () => {
		const folder = memoryFolder();
		const stale: Ends = new Map();
		await appendRecords(folder, stale, 'phone', [answer(1)]);
		const read = await readRecords(folder, 'phone');
		const older = folder.files.get('journal-phone-0.bin')!.slice();
		await compactRecords(folder, new Map(), 'phone', read.position, [answer(1)]);
		folder.files.set('journal-phone-0.bin', older);
		// Read by the next backup's compaction; meanwhile a tab that remembers generation 0 appends there.
		const next = await readRecords(folder, 'phone');
		await appendRecords(folder, stale, 'phone', [answer(2)]);
		expect(await compactRecords(folder, new Map(), 'phone', next.position, [])).toBe(true);
		expect((await readRecords(folder, 'phone')).records).toEqual([answer(2)]);
	});

	test('removing an install’s journal removes every generation, and only its own', async () => {
		const folder = memoryFolder();
		const ends: Ends = new Map();
		await appendRecords(folder, ends, 'phone', [answer(1)]);
		await compactRecords(folder, ends, 'phone', (await readRecords(folder, 'phone')).position, [answer(1)]);
		await appendRecords(folder, ends, 'laptop', [answer(2)]);
		await removeJournal(folder, ends, 'phone');
		expect([...folder.files.keys()]).toEqual(['journal-laptop-0.bin']);
	});
});
