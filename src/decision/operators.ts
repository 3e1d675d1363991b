import { Operator } from 'json-rules-engine';

/**
 * Operators the gateway adds to json-rules-engine's own. Each guards its fact value, so a null fact
 * (a value no vendor gave) makes the condition false, never an error.
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
];

export const CUSTOM_OPERATOR_NAMES: readonly string[] = CUSTOM_OPERATORS.map((o) => o.name);

/** json-rules-engine's built-in operators (v7). */
export const ENGINE_OPERATOR_NAMES: readonly string[] = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return false;
}
