/**
 * "Did you mean" for a misspelt fact, path, operator or outcome: the closest known name within a
 * distance that still reads as a typo (case differences count as half). An input longer than
 * MAX_TYPO_LENGTH is no typo of a name and gets no suggestion: the distance costs its length times
 * each name's, and a policy may hold a key of megabytes.
 */
const MAX_TYPO_LENGTH = 64;

export function closest(input: string, known: Iterable<string>): string | null {
  if (input.length > MAX_TYPO_LENGTH) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = typoDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(input.length, best?.length ?? 0) / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** `: did you mean X?` or nothing. */
export function didYouMean(input: string, known: Iterable<string>, show: (s: string) => string = (s) => s): string {
  const match = closest(input, known);
  return match === null ? '' : `: did you mean ${show(match)}?`;
}

function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  const folded = editDistance(a.toLowerCase(), b.toLowerCase());
  return folded === 0 ? 0.5 : folded;
}

/** Levenshtein distance (insert, delete, substitute), in code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}
