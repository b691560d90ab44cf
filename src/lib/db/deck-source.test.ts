// A deck's source link: the web page a glossary was shared from, stored with the deck, kept across
// updates and backups, and never anything but an http or https address.
import { afterEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { backupSchema } from './backup-schema';
import { exportBackup, saveDeck } from './index';
import { closeDatabases, freshDatabase, makeDeck, numberedSpecs } from './test-helpers';

afterEach(closeDatabases);

const deck = () => makeDeck('pm', numberedSpecs(2), 'Product Management');

describe('a deck source link', () => {
	test('is stored with the deck and kept when the page is added again without one', async () => {
		const db = await freshDatabase();
		await saveDeck(db, deck(), 'v1', { now: 1, sourceUrl: 'https://example.com/glossary/pm' });
		expect((await db.get('decks', 'pm'))?.sourceUrl).toBe('https://example.com/glossary/pm');
		await saveDeck(db, deck(), 'v2', { now: 2 });
		expect((await db.get('decks', 'pm'))?.sourceUrl).toBe('https://example.com/glossary/pm');
		await saveDeck(db, deck(), 'v3', { now: 3, sourceUrl: 'https://example.com/glossary/pm-2' });
		expect((await db.get('decks', 'pm'))?.sourceUrl).toBe('https://example.com/glossary/pm-2');
	});

	test('is left out unless it is a web address', async () => {
		const db = await freshDatabase();
		for (const address of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'not a url', '']) {
			await saveDeck(db, deck(), 'v1', { now: 1, sourceUrl: address });
			expect(await db.get('decks', 'pm')).not.toHaveProperty('sourceUrl');
		}
	});

	test('goes into a backup, which refuses any other kind of link', async () => {
		const db = await freshDatabase();
		await saveDeck(db, deck(), 'v1', { now: 1, sourceUrl: 'https://example.com/pm' });
		const backup = await exportBackup(db, 5);
		expect(backup.decks[0]?.sourceUrl).toBe('https://example.com/pm');
		expect(v.safeParse(backupSchema(), backup).success).toBe(true);
		const hostile = { ...backup, decks: [{ ...backup.decks[0], sourceUrl: 'javascript:alert(1)' }] };
		expect(v.safeParse(backupSchema(), hostile).success).toBe(false);
	});
});
