import { afterEach, expect, test } from 'vitest';
import { recordAnswer, undoLastAnswer } from './answers';
import { exportBackup } from './backup';
import { restoreBackupWith, restoreInPlace } from './restore';
import { cardRecord, closeDatabases, freshDatabase, logEntries, NOW, putCards, settings, TODAY } from './test-helpers';

afterEach(closeDatabases);

test('a restore over the device reads its whole log, undos too, and writes the plan with the lost install id in one transaction', async () => {
	const db = await freshDatabase();
	await db.put('meta', 'new-install', 'installId');
	await putCards(db, 'd', [cardRecord('d', 'a'), cardRecord('d', 'b')]);
	await recordAnswer(db, { cardId: 'd:a', grade: 4, now: NOW, tookMs: 1, sessionId: 's', settings });
	await undoLastAnswer(db, 's', NOW + 1000);
	await db.put('meta', { studyDay: TODAY, cardIds: ['d:b'] }, 'buried');
	const { changes } = await restoreInPlace(db, 'lost-install', (source) => {
		expect(source.log.map((entry) => entry.kind)).toEqual(['answer', 'undo']);
		expect(source.buried).toEqual({ studyDay: TODAY, cardIds: ['d:b'] });
		return { cards: [{ ...source.cards[1]!, front: 'Restored' }], days: [], buried: { studyDay: TODAY, cardIds: [] } };
	});
	expect(changes.cards).toHaveLength(1);
	expect((await db.get('cards', 'd:b'))?.front).toBe('Restored');
	expect(await db.get('meta', 'buried')).toEqual({ studyDay: TODAY, cardIds: [] });
	expect(await db.get('meta', 'installId')).toBe('lost-install');
});

test('a restore over a backup replaces everything: its answers without a device become the lost install’s', async () => {
	const source = await freshDatabase();
	await putCards(source, 'd', [cardRecord('d', 'a')]);
	await recordAnswer(source, { cardId: 'd:a', grade: 4, now: NOW, tookMs: 1, sessionId: 's', settings });
	const backup = await exportBackup(source, NOW + 1);
	const { device: _device, ...old } = backup.reviews[0]!;
	const db = await freshDatabase();
	await putCards(db, 'other', [cardRecord('other', 'x')]);
	await restoreBackupWith(db, { ...backup, reviews: [old] }, 'lost-install', () => ({ cards: [], days: [] }));
	expect(await db.getAllKeys('decks')).toEqual(['d']);
	expect((await logEntries(db)).map((entry) => entry.device)).toEqual(['lost-install']);
	expect(await db.get('meta', 'installId')).toBe('lost-install');
});
