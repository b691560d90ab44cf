// Cues for points a learner must recall in full: their first words, distinct within a list.
import { trimEnd } from './text';

/**
 * Each point's first words, ending in "…": three words, or a third of a long point, and more
 * where two points start alike, so that no two cues are the same.
 */
export function pointCues(points: readonly string[]): string[] {
	const words = points.map((point) => point.split(' '));
	const lengths = words.map((w) => Math.min(w.length - 1, Math.max(3, Math.ceil(w.length / 3)), 3));
	const cue = (i: number) => (words[i] as string[]).slice(0, lengths[i]).join(' ');
	for (let grown = true; grown;) {
		grown = false;
		const seen = new Map<string, number>();
		words.forEach((_, i) => {
			const key = cue(i).toLowerCase();
			const other = seen.get(key);
			if (other === undefined) return seen.set(key, i);
			for (const j of [other, i]) {
				if ((lengths[j] as number) < (words[j] as string[]).length - 1) {
					lengths[j] = (lengths[j] as number) + 1;
					grown = true;
				}
			}
		});
	}
	return words.map((w, i) => ((lengths[i] as number) < w.length ? `${trimEnd(cue(i), ',;:')} …` : cue(i)));
}
