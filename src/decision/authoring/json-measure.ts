import type { PathSegment } from './json-source';

/**
 * The size of a JSON value as compact JSON (UTF-8 bytes, as `JSON.stringify` would write it) and the
 * first place it nests past a depth, found in one iterative walk that stops once the size passes
 * `stopAfter` bytes: what it costs is bounded by that, however large the value (a child's path links to
 * its parent's, never a copy). Meant for values parsed from JSON (no cycles,
 * `undefined`, functions or `toJSON`).
 */
export interface JsonMeasure {
  /** Exact while `complete`; otherwise more than `stopAfter`. */
  bytes: number;
  complete: boolean;
  /** The path of the first value nested deeper than `maxDepth` (in walk order), or null. */
  tooDeep: PathSegment[] | null;
}

interface Step {
  value: unknown;
  depth: number;
  at: Link | null;
}

/** A path as a chain to the parent, so pushing a child costs one object, not a copy of its path. */
interface Link {
  segment: PathSegment;
  parent: Link | null;
}

export function measureJson(value: unknown, maxDepth: number, stopAfter: number): JsonMeasure {
  let bytes = 0;
  const stack: Step[] = [{ value, depth: 0, at: null }];
  while (stack.length > 0) {
    const { value: v, depth, at } = stack.pop()!;
    if (depth > maxDepth) return { bytes, complete: false, tooDeep: pathOf(at) };
    if (Array.isArray(v)) {
      bytes += 2;
      for (let i = v.length - 1; i >= 0 && bytes <= stopAfter; i--) {
        bytes += i > 0 ? 1 : 0; // the comma before it
        stack.push({ value: v[i], depth: depth + 1, at: { segment: i, parent: at } });
      }
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      bytes += 2;
      for (let i = keys.length - 1; i >= 0 && bytes <= stopAfter; i--) {
        const key = keys[i]!;
        bytes += stringBytes(key, stopAfter) + 1 + (i > 0 ? 1 : 0); // the key, its colon, the comma before it
        stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1, at: { segment: key, parent: at } });
      }
    } else if (typeof v === 'string') bytes += stringBytes(v, stopAfter);
    else bytes += String(JSON.stringify(v)).length;
    if (bytes > stopAfter) return { bytes, complete: false, tooDeep: null };
  }
  return { bytes, complete: true, tooDeep: null };
}

/** A string's bytes as JSON; a string longer than the limit is only known to be over it. */
function stringBytes(text: string, stopAfter: number): number {
  if (text.length > stopAfter) return text.length + 2;
  return Buffer.byteLength(JSON.stringify(text));
}

function pathOf(link: Link | null): PathSegment[] {
  const path: PathSegment[] = [];
  for (let l = link; l !== null; l = l.parent) path.push(l.segment);
  return path.reverse();
}
