import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/decision/evaluate';
import { parsePolicy } from '../../src/decision/policy';
import { CUSTOM_OPERATORS } from '../../src/decision/operators';
import { cleanFacts } from '../support/facts';
import type { Facts } from '../../src/decision/facts';

const operator = (name: string) => CUSTOM_OPERATORS.find((o) => o.name === name)!;
/** json-rules-engine runs the fact guard first; a refused fact value makes the condition false. */
const run = (name: string, fact: unknown, value: unknown) => (operator(name) as unknown as { evaluate(f: unknown, v: unknown): boolean }).evaluate(fact, value);

/** Whether a one-rule policy fires on the facts, through json-rules-engine. */
async function fires(condition: Record<string, unknown>, facts: Facts = cleanFacts()): Promise<boolean> {
  const policy = parsePolicy({
    name: 'one',
    defaultOutcome: 'APPROVE',
    rules: [{ name: 'r', conditions: { all: [condition] }, event: { type: 'REVIEW', params: { code: 'HIT', message: 'hit' } } }],
  });
  return (await evaluatePolicy(policy, facts)).reasons.some((r) => r.code === 'HIT');
}

describe('custom operators', () => {
  it('between: inclusive bounds over a finite number', async () => {
    expect(run('between', 70, [70, 74])).toBe(true);
    expect(run('between', 74, [70, 74])).toBe(true);
    expect(run('between', 74.5, [70, 74])).toBe(false);
    expect(run('between', 69, [70, 74])).toBe(false);
    expect(await fires({ fact: 'face', path: '$.similarity', operator: 'between', value: [80, 85] }, cleanFacts({ face: { liveness: 99, similarity: 82 } }))).toBe(true);
  });

  it('between validates its fact value: null, a string or NaN is never in range', async () => {
    expect(run('between', null, [0, 100])).toBe(false);
    expect(run('between', '72', [0, 100])).toBe(false);
    expect(run('between', Number.NaN, [0, 100])).toBe(false);
    expect(await fires({ fact: 'face', path: '$.similarity', operator: 'between', value: [0, 100] }, cleanFacts({ face: { liveness: null, similarity: null } }))).toBe(false);
  });

  it('between is refused at load time with a value that is not [min, max]', () => {
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'APPROVE', rules: [{ name: 'r', conditions: { all: [{ fact: 'face', path: '$.similarity', operator: 'between', value: [74, 70] }] }, event: { type: 'REVIEW', params: { code: 'X', message: 'x' } } }] })).toThrow(
      /between: the value must be \[min, max\]/,
    );
  });

  it('matchesPattern: a JavaScript regular expression over a string', async () => {
    expect(run('matchesPattern', 'ModelArts.4204', '^ModelArts\\.')).toBe(true);
    expect(run('matchesPattern', 'AIS.0103', '^ModelArts\\.')).toBe(false);
    const facts = cleanFacts({ vendors: { failed: [], timedOut: [], pending: [], skipped: [], notRequested: [], codes: { HUAWEI_OCR: 'ModelArts.4204' } } });
    expect(await fires({ fact: 'vendors', path: '$.codes.HUAWEI_OCR', operator: 'matchesPattern', value: '^ModelArts\\.' }, facts)).toBe(true);
  });

  it('matchesPattern validates its fact value: null, a number or a missing code never matches', async () => {
    expect(run('matchesPattern', null, '.*')).toBe(false);
    expect(run('matchesPattern', 42, '4')).toBe(false);
    expect(await fires({ fact: 'vendors', path: '$.codes.HUAWEI_OCR', operator: 'matchesPattern', value: '.*' })).toBe(false);
  });

  it('matchesPattern refuses an invalid expression at load time', () => {
    expect(() => parsePolicy({ name: 'p', defaultOutcome: 'APPROVE', rules: [{ name: 'r', conditions: { all: [{ fact: 'country', operator: 'matchesPattern', value: '([' }] }, event: { type: 'REVIEW', params: { code: 'X', message: 'x' } } }] })).toThrow(
      /not a valid regular expression/,
    );
  });

  it('containsAny validates its fact value: only a list can contain anything', () => {
    expect(run('containsAny', ['FORGED'], ['FORGED', 'PHOTOCOPY'])).toBe(true);
    expect(run('containsAny', ['BLUR'], ['FORGED'])).toBe(false);
    expect(run('containsAny', null, ['FORGED'])).toBe(false);
    expect(run('containsAny', 'FORGED', ['FORGED'])).toBe(false);
  });

  it('notEmpty, isEmpty and isNull read null as "nothing there"', () => {
    expect(run('notEmpty', ['BLUR'], true)).toBe(true);
    expect(run('notEmpty', { HUAWEI_OCR: 'x' }, true)).toBe(true);
    expect(run('notEmpty', null, true)).toBe(false);
    expect(run('notEmpty', [], false)).toBe(true);
    expect(run('isEmpty', null, true)).toBe(true);
    expect(run('isEmpty', [], true)).toBe(true);
    expect(run('isEmpty', ['x'], true)).toBe(false);
    expect(run('isNull', null, true)).toBe(true);
    expect(run('isNull', undefined, true)).toBe(true);
    expect(run('isNull', 0, true)).toBe(false);
    expect(run('isNull', 0, false)).toBe(true);
  });

  it('the holder’s age is the computed fact document.ageYears (no birth date is a fact)', async () => {
    expect(await fires({ fact: 'document', path: '$.ageYears', operator: 'lessThan', value: 21 }, cleanFacts({ document: { expired: false, ageYears: 19, daysToExpiry: 100 } }))).toBe(true);
    expect(await fires({ fact: 'document', path: '$.ageYears', operator: 'lessThan', value: 21 }, cleanFacts({ document: { expired: false, ageYears: null, daysToExpiry: 100 } }))).toBe(false);
  });
});
