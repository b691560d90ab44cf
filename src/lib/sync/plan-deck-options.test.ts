// The deck options' merge rule: last writer wins by when they were saved, over every revision CouchDB keeps.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { deckOptionsDoc, type DeckOptionsDoc } from './deck-options-doc';
import { planDeckOptions, type DeckOptionsHere } from './plan-deck-options';

/** A save of a deck's options at a moment: its own limit, or none (the global settings). */
const save = (savedAt: number) =>
	fc.option(fc.constantFrom(5, 10, 20), { nil: undefined }).map((newPerDay) => ({
		options: newPerDay === undefined ? {} : { newPerDay },
		savedAt
	}));

/** This device's save and the revisions CouchDB holds of the document (the first the winner), all at different moments. */
const saves = fc
	.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 4 })
	.chain((moments) => fc.tuple(...moments.map(save)))
	.map(([here, ...revisions]) => ({
		here: here!,
		revisions: revisions.map((revision, i): DeckOptionsDoc => ({
			...deckOptionsDoc('d', revision.options, revision.savedAt),
			_rev: `${i + 2}-r${i}`
		}))
	}));

/** What the device and the server have after the plan. */
function after(here: DeckOptionsHere, revisions: DeckOptionsDoc[]) {
	const [winner, ...conflicts] = revisions;
	const plan = planDeckOptions('d', here, { winner, conflicts: conflicts.map((doc) => ({ rev: doc._rev!, doc })) });
	const written = plan.outbox.find((doc): doc is DeckOptionsDoc => doc.type === 'deckOptions');
	return {
		plan,
		device: plan.take ? { options: plan.take.options, savedAt: plan.take.savedAt } : here,
		server: written ?? winner!
	};
}

const latest = (saves: DeckOptionsHere[]) => saves.reduce((a, b) => (b.savedAt > a.savedAt ? b : a));

describe('planDeckOptions', () => {
	test('the latest save wins on the device and the server, whichever revision CouchDB made the winner', () => {
		fc.assert(
			fc.property(saves, fc.nat(), ({ here, revisions }, turn) => {
				const rotated = revisions.map((_, i) => revisions[(i + turn) % revisions.length]!);
				const { plan, device, server } = after(here, rotated);
				const last = latest([here, ...revisions]);
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
				expect(planDeckOptions('d', first.device, { winner: server, conflicts: [] })).toEqual({ outbox: [] });
			})
		);
	});
});
