import { byCodePoint } from './_order';
import { show } from './_rules';

/** ` (did you mean "replicas"?)` when a known word is one or two edits away */
export function didYouMean(word: string, known: readonly string[]): string {
  const best = known
    .map(candidate => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || byCodePoint(a.candidate, b.candidate))[0];
  return best && best.distance <= 2 ? ` (did you mean ${show(best.candidate)}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
