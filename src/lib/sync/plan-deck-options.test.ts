// The deck options' merge rule: last writer wins by the saves' stamps, over every revision CouchDB
// keeps; the device whose save lost is told.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareHlc, stampOf } from '$lib/db/clock';
import { deckOptionsDoc, type CheckedDeckOptionsDoc } from './deck-options-doc';
import { planDeckOptions, planDeckOptionsSync, type DeckOptionsHere } from './plan-deck-options';

/** A save of a deck's options: its own limit, or none (the global settings), with its stamp. */
const save = (time: number, device: string) =>
	fc.option(fc.constantFrom(5, 10, 20), { nil: undefined }).map((newPerDay) => ({
		options: newPerDay === undefined ? {} : { newPerDay },
		savedAt: time,
		stamp: { time, count: 0, device }
	}));

/** This device's save and the revisions CouchDB holds of the document (the first the winner), all at different moments. */
const saves = fc
	.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 4 })
	.chain((moments) => fc.tuple(...moments.map((time, i) => save(time, `device${i}`))))
	.map(([here, ...revisions]) => ({
		here: { ...here!, title: 'Deck' } as DeckOptionsHere,
		revisions: revisions.map((revision, i): CheckedDeckOptionsDoc => ({
			...deckOptionsDoc('d', revision.options, revision.savedAt, revision.stamp),
			_rev: `${i + 2}-r${i}`
		}))
	}));

/** What the device and the server have after the plan. */
function after(here: DeckOptionsHere, revisions: CheckedDeckOptionsDoc[]) {
	const [winner, ...conflicts] = revisions;
	const plan = planDeckOptions('d', here, { winner, conflicts: conflicts.map((doc) => ({ rev: doc._rev!, doc })) });
	const written = plan.outbox.find((doc): doc is CheckedDeckOptionsDoc => doc.type === 'deckOptions');
	return {
		plan,
		device: plan.take ? { ...here, options: plan.take.options, savedAt: plan.take.savedAt, stamp: plan.take.stamp } : here,
		server: written ?? winner!
	};
}

const latest = (saves: DeckOptionsHere[]) => saves.reduce((a, b) => (compareHlc(b.stamp, a.stamp) > 0 ? b : a));

describe('planDeckOptions', () => {
	test('the latest save wins on the device and the server, whichever revision CouchDB made the winner', () => {
		fc.assert(
			fc.property(saves, fc.nat(), ({ here, revisions }, turn) => {
				const rotated = revisions.map((_, i) => revisions[(i + turn) % revisions.length]!);
				const { plan, device, server } = after(here, rotated);
				const last = latest([here, ...revisions.map((doc) => ({ ...doc, title: 'Deck' }))]);
				expect(device.options).toEqual(last.options);
				expect(server.options).toEqual(last.options);
				// The other revisions are deleted, so the next sync finds one.
				expect(plan.outbox.filter((doc) => '_deleted' in doc).map((doc) => doc._rev)).toEqual(rotated.slice(1).map((doc) => doc._rev));
			})
		);
	});

	test("a second sync against the server's copy changes nothing", () => {
		fc.assert(
			fc.property(saves, ({ here, revisions }) => {
				const first = after(here, revisions);
				const server = { ...first.server, _rev: '9-after' };
				const again = planDeckOptions('d', { ...first.device, synced: first.plan.synced! }, { winner: server, conflicts: [] });
				expect(again.outbox).toEqual([]);
				expect(again.take).toBeUndefined();
			})
		);
	});

	test('a save made after the pull wins over what was pulled, whatever the clocks say; the loser of a save made on both is told', () => {
		const ahead = 2 * 86_400_000;
		// The phone's clock runs two days ahead; the laptop took its save, then saved again.
		const pulled = {
			...deckOptionsDoc('d', { newPerDay: 5 }, 1000 + ahead, { time: 1000 + ahead, count: 0, device: 'phone' }),
			_rev: '2-p'
		};
		const laptop: DeckOptionsHere = {
			options: { newPerDay: 30 },
			savedAt: 2000,
			// Its clock had seen the phone's stamp: the save comes after it.
			stamp: { time: 1000 + ahead, count: 1, device: 'laptop' },
			synced: pulled.stamp,
			title: 'Deck'
		};
		const plan = planDeckOptionsSync('d', laptop, pulled);
		expect(plan.send).toMatchObject({ options: { newPerDay: 30 }, stamp: laptop.stamp, _rev: '2-p' });
		expect(plan.send?.overruled).toBeUndefined();
		expect(plan.notice).toBeUndefined();

		// Saved on both since they last agreed: the later stamp wins, and the device that lost says what it had.
		const both: DeckOptionsHere = { ...laptop, stamp: { time: 1500, count: 0, device: 'laptop' }, synced: stampOf(10) };
		const lost = planDeckOptionsSync('d', both, pulled);
		expect(lost.take).toBe(pulled);
		expect(lost.notice?.text).toMatch(
			/^The options of "Deck" from this device \(saved .+\) were overruled by a later save on another device \(saved .+\): New cards per day 5 \(this device had 30\)\.$/
		);
		const phone: DeckOptionsHere = {
			options: { newPerDay: 5 },
			savedAt: pulled.savedAt,
			stamp: pulled.stamp,
			synced: stampOf(10),
			title: 'Deck'
		};
		const laptopDoc = { ...deckOptionsDoc('d', { newPerDay: 30 }, 1500, both.stamp), _rev: '2-l' };
		const won = planDeckOptionsSync('d', phone, laptopDoc);
		expect(won.send).toMatchObject({ stamp: phone.stamp, overruled: both.stamp });
		expect(won.notice).toBeUndefined();
		// The laptop takes the phone's and is told: the document names its save.
		const told = planDeckOptionsSync('d', { ...both, synced: both.stamp }, { ...won.send!, _rev: '3-p' });
		expect(told.take?.options).toEqual({ newPerDay: 5 });
		expect(told.notice?.kept).toEqual(phone.stamp);
	});
});
