// The clock that orders saves between devices: a hybrid logical clock (HLC; Kulkarni et al., 2014).
// A device's wall clock may be wrong by days, so a save is stamped with the later of the wall clock
// and the latest stamp this device has made or seen, plus a count that breaks ties, plus the
// device: a stamp is never earlier than anything the device has seen, so a save made after a pull
// always comes after what the pull brought, whatever either clock says. The stamps of the last-
// writer-wins saves (the settings, each deck's options, each deck) are kept in meta (`saveStamps`,
// with the clock itself in `clock`) and travel in their documents (sync/plan-settings.ts and the
// others compare them). The rules are pure; stampSaves is the one write, inside a save's transaction.
import { DEVICE_SETTINGS, type Settings } from '$lib/srs/types';
import type { MetaRecords } from './schema';

/** A save's stamp. */
export interface Hlc {
	/** The wall-clock part, in epoch ms: the later of the device's clock and the latest stamp it knew. */
	time: number;
	/** Saves at the same `time` (a clock behind what it has seen), in order. */
	count: number;
	/** The install that saved: two saves at the same moment are ordered by it, the same way everywhere. */
	device: string;
}

/** The latest stamp a device has made or seen (its own id is the device). */
export type ClockState = Pick<Hlc, 'time' | 'count'>;

const ZERO: ClockState = { time: 0, count: 0 };

/** Order of two stamps: negative when `a` is the earlier save. The same on every device. */
export function compareHlc(a: Hlc, b: Hlc): number {
	return a.time - b.time || a.count - b.count || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}

/** The same save. */
export const sameHlc = (a: Hlc, b: Hlc) => compareHlc(a, b) === 0;

/** The later of two stamps (either when equal). */
export const laterHlc = (a: Hlc, b: Hlc): Hlc => (compareHlc(a, b) >= 0 ? a : b);

/** The stamp of a save made before stamps existed (a document or a device from an older version): its moment alone. */
export function stampOf(savedAt: number): Hlc {
	return { time: savedAt, count: 0, device: '' };
}

/** The clock once a stamp has been seen: never earlier than it. */
export function afterSeeing(clock: ClockState | undefined, stamp: ClockState): ClockState {
	const at = clock ?? ZERO;
	if (stamp.time > at.time || (stamp.time === at.time && stamp.count > at.count)) return { time: stamp.time, count: stamp.count };
	return at;
}

/** The stamp of a save at wall time `now`, and the clock after it. */
export function tick(clock: ClockState | undefined, now: number, device: string): { stamp: Hlc; clock: ClockState } {
	const at = clock ?? ZERO;
	const next = now > at.time ? { time: now, count: 0 } : { time: at.time, count: at.count + 1 };
	return { stamp: { ...next, device }, clock: next };
}

/** What a save stamps: the settings, a deck's options, a deck. */
export type SaveSubject = { settings: true } | { options: string } | { deck: string };

export type SaveStamps = MetaRecords['saveStamps'];

/** The stamps with `stamp` given to each subject. */
export function withStamp(stamps: SaveStamps | undefined, subjects: readonly SaveSubject[], stamp: Hlc): SaveStamps {
	const next: SaveStamps = { ...stamps, deckOptions: { ...stamps?.deckOptions }, decks: { ...stamps?.decks } };
	for (const subject of subjects) {
		if ('settings' in subject) next.settings = stamp;
		else if ('options' in subject) next.deckOptions[subject.options] = stamp;
		else next.decks[subject.deck] = stamp;
	}
	return next;
}

/** Whether two settings differ in what travels between devices (the theme stays each device's own). */
export function sharedSettingsDiffer(a: Settings | undefined, b: Settings): boolean {
	if (!a) return true;
	const shared = (settings: Settings) => {
		const copy: Record<string, unknown> = { ...settings };
		for (const key of DEVICE_SETTINGS) delete copy[key];
		return JSON.stringify(copy, Object.keys(copy).sort());
	};
	return shared(a) !== shared(b);
}

/** The part of a save's transaction that reads and writes the clock: the meta store. */
interface MetaStore {
	get(key: 'clock' | 'saveStamps' | 'installId'): Promise<unknown>;
	put(value: MetaRecords['clock'], key: 'clock'): Promise<unknown>;
	put(value: MetaRecords['saveStamps'], key: 'saveStamps'): Promise<unknown>;
}

/**
 * Stamps a save of `subjects` at `now`, inside the save's own transaction (its writes go in
 * `writes`, so they commit or fail with it). Resolves with the stamp.
 */
export async function stampSaves(meta: MetaStore, writes: Promise<unknown>[], now: number, subjects: readonly SaveSubject[]): Promise<Hlc> {
	const [clock, stamps, device] = (await Promise.all([meta.get('clock'), meta.get('saveStamps'), meta.get('installId')])) as [
		ClockState | undefined,
		SaveStamps | undefined,
		string | undefined
	];
	const next = tick(clock, now, device ?? '');
	writes.push(meta.put(next.clock, 'clock'), meta.put(withStamp(stamps, subjects, next.stamp), 'saveStamps'));
	return next.stamp;
}

/** The stamps of what was taken from other devices, and the clock after seeing every stamp a sync met. */
export function afterSync(
	clock: ClockState | undefined,
	stamps: SaveStamps | undefined,
	taken: readonly { subject: SaveSubject; stamp: Hlc }[],
	seen: readonly Hlc[]
): { clock: ClockState; stamps: SaveStamps } {
	let next = clock ?? ZERO;
	for (const stamp of [...seen, ...taken.map((one) => one.stamp)]) next = afterSeeing(next, stamp);
	let nextStamps: SaveStamps = { ...stamps, deckOptions: { ...stamps?.deckOptions }, decks: { ...stamps?.decks } };
	for (const { subject, stamp } of taken) nextStamps = withStamp(nextStamps, [subject], stamp);
	return { clock: next, stamps: nextStamps };
}
