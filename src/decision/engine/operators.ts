import { OperatorDecorator, type Engine, Operator } from 'json-rules-engine';
import { backtrackingProblem, MAX_MATCHED_LENGTH } from './pattern-safety';

/**
 * Operators the gateway adds to json-rules-engine's own. Each guards its fact value (json-rules-engine
 * calls the guard first and the condition is false when it refuses), so a null fact (a value no vendor
 * gave) or a value of the wrong type makes the condition false, never an error.
 */
export const CUSTOM_OPERATORS: readonly Operator[] = [
  /** The fact (an array) shares at least one element with the value (an array). */
  new Operator<unknown[], unknown[]>(
    'containsAny',
    (fact, value) => Array.isArray(value) && value.some((v) => fact.includes(v)),
    (fact) => Array.isArray(fact),
  ),
  /** The fact (an array or object) has at least one element or key. */
  new Operator<unknown, boolean>('notEmpty', (fact, expected) => hasContent(fact) === (expected !== false)),
  /** The fact (an array or object) is empty, or null. */
  new Operator<unknown, boolean>('isEmpty', (fact, expected) => !hasContent(fact) === (expected !== false)),
  /** The fact is null (a value no vendor gave); `false` as value asks for "not null". */
  new Operator<unknown, boolean>('isNull', (fact, expected) => (fact === null || fact === undefined) === (expected !== false)),
  /** The fact (a finite number) lies within [min, max], both ends included. */
  new Operator<number, unknown>(
    'between',
    (fact, range) => isRange(range) && range[0] <= fact && fact <= range[1],
    (fact) => typeof fact === 'number' && Number.isFinite(fact),
  ),
  /**
   * The fact (a string) matches the value, a regular expression (JavaScript syntax, unanchored). A
   * string over MAX_MATCHED_LENGTH never matches: patterns are only checked to run fast up to it.
   */
  new Operator<string, unknown>(
    'matchesPattern',
    (fact, pattern) => {
      const regex = typeof pattern === 'string' ? compiledPattern(pattern) : null;
      return regex !== null && regex.test(fact);
    },
    (fact) => typeof fact === 'string' && fact.length <= MAX_MATCHED_LENGTH,
  ),
];

/** json-rules-engine's operator decorators (v7): `not:equal`, `someFact:lessThan`, ... */
export const ENGINE_DECORATOR_NAMES: readonly string[] = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];

const known = (fact: unknown): boolean => fact !== null && fact !== undefined;

/**
 * json-rules-engine's `swap:` and `not:` with a guard on the fact: a null fact makes the condition false,
 * as it does for every plain operator. Unguarded, `swap:greaterThan 70` compared 70 > null (true: null
 * is 0) and `not:lessThan 70` negated the guard's refusal, so both fired on a value no vendor gave.
 */
const GUARDED_DECORATORS: readonly OperatorDecorator[] = [
  new OperatorDecorator('swap', (fact, value, next) => next(value, fact), known),
  new OperatorDecorator('not', (fact, value, next) => !next(fact, value), known),
];

/** The gateway's operators and guarded decorators on an engine (every engine that decides or explains). */
export function installOperators(host: Engine): void {
  for (const operator of CUSTOM_OPERATORS) host.addOperator(operator);
  for (const decorator of GUARDED_DECORATORS) host.addOperatorDecorator(decorator);
}

function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return false;
}

export function isRange(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    value[0] <= value[1]
  );
}

/**
 * Patterns compiled once per distinct source; an invalid or slow one is remembered as null (never
 * matches). Slow ones are checked here too, not only by the validator: a pattern can also come from
 * a fact (`swap:`, a fact as value) or from a policy on record checked by older rules.
 */
const PATTERNS = new Map<string, RegExp | null>();
const MAX_PATTERNS = 1_000;

function compiledPattern(source: string): RegExp | null {
  let regex = PATTERNS.get(source);
  if (regex === undefined) {
    regex = patternProblem(source) === null && backtrackingProblem(source) === null ? new RegExp(source, 'u') : null;
    if (PATTERNS.size >= MAX_PATTERNS) PATTERNS.clear();
    PATTERNS.set(source, regex);
  }
  return regex;
}

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(source: string): string | null {
  try {
    new RegExp(source, 'u');
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
