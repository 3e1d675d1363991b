import type { ValueType } from '../engine/fact-catalogue';
import { ENGINE_DECORATOR_NAMES, isRange, patternProblem } from '../engine/operators';
import { backtrackingProblem, MAX_MATCHED_LENGTH } from '../engine/pattern-safety';
import { echo } from '../engine/echo';
import { didYouMean } from '../engine/suggest';

/**
 * What each operator compares, so a policy is checked at load time for what json-rules-engine would
 * only get wrong at run time: `lessThan` on a list is always false, `in` with a non-array value throws.
 */

/** The kind of a fact value as an operator sees it. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'list' | 'object';

export interface OperatorSpec {
  name: string;
  /** Fact kinds the operator can compare; `any` for every kind. */
  reads: readonly ValueKind[] | 'any';
  /** A problem with the condition's value, or null. `allowed` are the closed set of the fact's values, if any. */
  checkValue(value: unknown, allowed?: readonly string[]): string | null;
  /** One line for the guide. */
  summary: string;
}

/**
 * The most entries of a condition's value list (`in`, `notIn`, `containsAny`, `someValue:`...). Each
 * entry is a candidate change of an explanation's counterfactuals, each decided again by the whole
 * policy: 10,000 entries held the event loop for 8 s.
 */
export const MAX_LIST_ENTRIES = 256;

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const show = echo;

function outsideSet(values: readonly unknown[], allowed?: readonly string[]): string | null {
  if (!allowed) return null;
  for (const v of values) {
    if (typeof v === 'string' && !allowed.includes(v)) return `${show(v)} is not one of ${allowed.join(', ')}${didYouMean(v, allowed, show)}`;
  }
  return null;
}

const scalar = (value: unknown, allowed?: readonly string[]) => (isScalar(value) ? outsideSet([value], allowed) : 'the value must be a string, number, boolean or null');
const scalarList = (value: unknown, allowed?: readonly string[]) =>
  Array.isArray(value) && value.every(isScalar) ? outsideSet(value, allowed) : 'the value must be a list of strings, numbers or booleans';
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? null : 'the value must be a number');
const flag = (value: unknown) => (typeof value === 'boolean' ? null : 'the value must be true or false');

export const OPERATOR_SPECS: readonly OperatorSpec[] = [
  { name: 'equal', reads: ['number', 'string', 'boolean'], checkValue: scalar, summary: 'the fact is exactly the value' },
  { name: 'notEqual', reads: ['number', 'string', 'boolean'], checkValue: scalar, summary: 'the fact is not the value' },
  { name: 'in', reads: ['number', 'string', 'boolean'], checkValue: scalarList, summary: 'the fact is one of the values (a list)' },
  { name: 'notIn', reads: ['number', 'string', 'boolean'], checkValue: scalarList, summary: 'the fact is none of the values (a list)' },
  { name: 'contains', reads: ['list'], checkValue: scalar, summary: 'the fact (a list) holds the value' },
  { name: 'doesNotContain', reads: ['list'], checkValue: scalar, summary: 'the fact (a list) does not hold the value' },
  { name: 'lessThan', reads: ['number'], checkValue: number, summary: 'fact < value' },
  { name: 'lessThanInclusive', reads: ['number'], checkValue: number, summary: 'fact <= value' },
  { name: 'greaterThan', reads: ['number'], checkValue: number, summary: 'fact > value' },
  { name: 'greaterThanInclusive', reads: ['number'], checkValue: number, summary: 'fact >= value' },
  {
    name: 'containsAny',
    reads: ['list'],
    checkValue: (value, allowed) => (Array.isArray(value) && value.length > 0 && value.every(isScalar) ? outsideSet(value, allowed) : 'the value must be a non-empty list'),
    summary: 'the fact (a list) holds at least one of the values (a list)',
  },
  { name: 'notEmpty', reads: ['list', 'object'], checkValue: flag, summary: 'the fact (a list or object) has an element; false inverts' },
  { name: 'isEmpty', reads: ['list', 'object'], checkValue: flag, summary: 'the fact (a list or object) is empty or null; false inverts' },
  { name: 'isNull', reads: 'any', checkValue: flag, summary: 'no vendor gave the value (null); false asks for "given"' },
  {
    name: 'between',
    reads: ['number'],
    checkValue: (value) => (isRange(value) ? null : 'the value must be [min, max], two numbers with min <= max'),
    summary: 'min <= fact <= max, with the value [min, max]',
  },
  {
    name: 'matchesPattern',
    reads: ['string'],
    checkValue: (value) => {
      if (typeof value !== 'string' || value === '') return 'the value must be a regular expression (a non-empty string)';
      const problem = patternProblem(value);
      if (problem !== null) return `the value is not a valid regular expression: ${problem}`;
      const slow = backtrackingProblem(value);
      return slow === null ? null : `the pattern could run too long: ${slow}`;
    },
    summary: `the fact (a string of at most ${MAX_MATCHED_LENGTH} characters) matches the regular expression (JavaScript syntax, unanchored: use ^ and $)`,
  },
];

const BY_NAME = new Map(OPERATOR_SPECS.map((o) => [o.name, o]));
export const OPERATOR_NAMES: readonly string[] = OPERATOR_SPECS.map((o) => o.name);

export function kindOf(type: ValueType | 'object'): ValueKind {
  return type === 'integer' ? 'number' : type;
}

/**
 * Checks `operator` (possibly decorated: `not:equal`, `someFact:lessThan`) against the kind of fact
 * it reads and the value it is given. Returns problems; empty when the condition is sound.
 * `kind` is undefined when the fact could not be resolved (another problem is reported for that).
 */
export function checkOperator(
  operator: string,
  kind: ValueKind | undefined,
  value: unknown,
  allowed: readonly string[] | undefined,
  where: string,
  valueIsFact: boolean,
): OperatorProblem[] {
  const parts = operator.split(':');
  const base = parts.pop()!;
  const spec = BY_NAME.get(base);
  const badDecorator = parts.find((d) => !ENGINE_DECORATOR_NAMES.includes(d));
  if (!spec || badDecorator !== undefined) {
    const known = parts.length === 0 ? OPERATOR_NAMES : [...OPERATOR_NAMES, ...ENGINE_DECORATOR_NAMES];
    const wrong = !spec ? base : badDecorator!;
    return [{ on: 'operator', message: `unknown operator ${show(operator)}${didYouMean(wrong, known, show)}` }];
  }
  if (parts.includes('swap') || valueIsFact) return [];

  const problems: OperatorProblem[] = [];
  let factKind = kind;
  let values: unknown[] = [value];
  let elementsAllowed = allowed;
  for (const decorator of parts) {
    if (decorator === 'someFact' || decorator === 'everyFact') {
      if (factKind !== undefined && factKind !== 'list') problems.push({ on: 'operator', message: `${decorator} needs a list, but ${where} is ${article(factKind)}` });
      factKind = 'string';
    } else if (decorator === 'someValue' || decorator === 'everyValue') {
      if (!Array.isArray(value)) problems.push({ on: 'value', message: `${decorator} needs a list as the value` });
      else values = value;
    }
  }
  if (factKind !== undefined && spec.reads !== 'any' && !spec.reads.includes(factKind)) {
    problems.push({ on: 'operator', message: `operator ${base} reads ${spec.reads.map(article).join(' or ')}, but ${where} is ${article(factKind)}` });
  }
  if (factKind === 'list' && !['contains', 'doesNotContain', 'containsAny'].includes(base)) elementsAllowed = undefined;
  for (const v of values) {
    const problem = spec.checkValue(v, elementsAllowed);
    if (problem !== null) {
      problems.push({ on: 'value', message: `${base}: ${problem}` });
      break;
    }
  }
  return problems;
}

export interface OperatorProblem {
  /** The property of the condition the problem is reported at. */
  on: 'operator' | 'value';
  message: string;
}

function article(kind: ValueKind): string {
  return { number: 'a number', string: 'a string', boolean: 'a boolean', list: 'a list', object: 'an object' }[kind];
}
