import { Almanac, type PathResolver } from 'json-rules-engine';

/**
 * The path resolver handed to json-rules-engine. Its default runs every `$.a.b` through a JSONPath
 * parser, most of the cost of a decision; policies only use plain property paths, which this walks
 * directly with JSONPath's own semantics (own properties only, a missing step is undefined). Any
 * other path (filters, wildcards, brackets) goes through JSONPath exactly as before.
 */
const SIMPLE = /^\$(?:\.[A-Za-z0-9_-]+)+$/;
const SPLIT = new Map<string, string[] | null>();
const MAX_CACHED = 10_000;

export function resolvePath(value: object, path: string): unknown {
  let steps = SPLIT.get(path);
  if (steps === undefined) {
    steps = SIMPLE.test(path) ? path.slice(2).split('.') : null;
    if (SPLIT.size >= MAX_CACHED) SPLIT.clear();
    SPLIT.set(path, steps);
  }
  if (steps === null) return jsonPath(value, path);
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || current === undefined) return undefined;
    if (typeof current !== 'object') return jsonPath(value, path); // a step into a string or number: rare, exact
    if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** json-rules-engine's own default resolver (JSONPath), taken from an almanac built without one. */
const DEFAULT_RESOLVER = (new Almanac() as unknown as { pathResolver: PathResolver }).pathResolver;

/** What json-rules-engine's default resolver returns. */
function jsonPath(value: object, path: string): unknown {
  return DEFAULT_RESOLVER(value, path);
}
