import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/decision/engine/evaluate';
import { parsePolicy } from '../../../src/decision/authoring/policy-loader';
import { CUSTOM_OPERATORS } from '../../../src/decision/engine/operators';
import { cleanFacts } from '../../support/facts';
import type { Facts } from '../../../src/decision/engine/facts';

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
    expect(() =>
      parsePolicy({
        name: 'p',
        defaultOutcome: 'APPROVE',
        rules: [
          {
            name: 'r',
            conditions: { all: [{ fact: 'face', path: '$.similarity', operator: 'between', value: [74, 70] }] },
            event: { type: 'REVIEW', params: { code: 'X', message: 'x' } },
          },
        ],
      }),
    ).toThrow(/between: the value must be \[min, max\]/);
  });

  it('matchesPattern: a JavaScript regular expression over a string', async () => {
    expect(run('matchesPattern', 'ModelArts.4204', '^ModelArts\\.')).toBe(true);
    expect(run('matchesPattern', 'AIS.0103', '^ModelArts\\.')).toBe(false);
    const facts = cleanFacts({
      vendors: { failed: [], timedOut: [], pending: [], skipped: [], notRequested: [], codes: { HUAWEI_OCR: 'ModelArts.4204' }, unclear: [], checksFailed: [] },
    });
    expect(await fires({ fact: 'vendors', path: '$.codes.HUAWEI_OCR', operator: 'matchesPattern', value: '^ModelArts\\.' }, facts)).toBe(true);
  });

  it('matchesPattern validates its fact value: null, a number or a missing code never matches', async () => {
    expect(run('matchesPattern', null, '.*')).toBe(false);
    expect(run('matchesPattern', 42, '4')).toBe(false);
    expect(await fires({ fact: 'vendors', path: '$.codes.HUAWEI_OCR', operator: 'matchesPattern', value: '.*' })).toBe(false);
  });

  it('matchesPattern refuses an invalid expression at load time', () => {
    expect(() =>
      parsePolicy({
        name: 'p',
        defaultOutcome: 'APPROVE',
        rules: [{ name: 'r', conditions: { all: [{ fact: 'country', operator: 'matchesPattern', value: '([' }] }, event: { type: 'REVIEW', params: { code: 'X', message: 'x' } } }],
      }),
    ).toThrow(/not a valid regular expression/);
  });

  it('matchesPattern refuses at load time a pattern that could backtrack for seconds', () => {
    const load = (value: string) => () =>
      parsePolicy({
        name: 'p',
        defaultOutcome: 'APPROVE',
        rules: [{ name: 'r', conditions: { all: [{ fact: 'country', operator: 'matchesPattern', value }] }, event: { type: 'REVIEW', params: { code: 'X', message: 'x' } } }],
      });
    expect(load('^(a+)+$')).toThrow(/matchesPattern: the pattern could run too long: it repeats "\(a\+\)\+", which itself has a choice/);
    expect(load('^(a|ab)*$')).toThrow(/it repeats "\(a\|ab\)\*", which itself has a choice/);
    expect(load('^(a{1,2})+$')).toThrow(/it repeats "\(a\{1,2\}\)\+"/);
    expect(load('^(a)\\1$')).toThrow(/it uses a backreference \(\\1\)/);
    expect(load('^(?<x>a)\\k<x>$')).toThrow(/it uses a backreference \(\\k<x>\)/);
    expect(load('a*a*a*b')).toThrow(/it has too many ways to match \(.* over 1,000,000 on a 100-character value\)/);
    expect(load('^' + '(?:a|a)'.repeat(20) + '$')).toThrow(/too many ways to match/);
    expect(load('^' + 'a?'.repeat(20) + 'a'.repeat(20) + '$')).toThrow(/too many ways to match/);
    expect(load('(?:'.repeat(10_000) + 'a' + ')'.repeat(10_000))).toThrow(/it nests groups more than 50 deep/);
    for (const fine of ['^ModelArts\\.', '^[A-Z]{2}$', '\\d{4}', '^(?:VN|ID|MY)$', '^\\d+-\\d+$', '(?:\\.\\d+)?$', '^(?:ab)+$', '^(?:\\d{3})+$', '^a*a*a*b']) {
      expect(load(fine), fine).not.toThrow();
    }
  });

  it('matchesPattern never runs a slow pattern that reaches it without the validator (a fact as the pattern, an old policy)', () => {
    expect(run('matchesPattern', 'aa', '^(a+)+$')).toBe(false);
    expect(run('matchesPattern', 'aa', '(a)\\1')).toBe(false);
    expect(run('matchesPattern', 'aa', '^a+$')).toBe(true);
  });

  it('matchesPattern never matches a value over 100 characters: patterns are only bounded up to that length', async () => {
    expect(run('matchesPattern', 'a'.repeat(100), '^a+$')).toBe(true);
    expect(run('matchesPattern', 'a'.repeat(101), '^a+$')).toBe(false);
    const facts = (code: string) =>
      cleanFacts({ vendors: { failed: [], timedOut: [], pending: [], skipped: [], notRequested: [], codes: { HUAWEI_OCR: code }, unclear: [], checksFailed: [] } });
    expect(await fires({ fact: 'vendors', path: '$.codes.HUAWEI_OCR', operator: 'matchesPattern', value: '^ModelArts\\.' }, facts(`ModelArts.${'4'.repeat(91)}`))).toBe(false);
    expect(await fires({ fact: 'vendors', path: '$.codes.HUAWEI_OCR', operator: 'matchesPattern', value: '^ModelArts\\.' }, facts(`ModelArts.${'4'.repeat(90)}`))).toBe(true);
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
    expect(
      await fires({ fact: 'document', path: '$.ageYears', operator: 'lessThan', value: 21 }, cleanFacts({ document: { expired: false, ageYears: 19, daysToExpiry: 100 } })),
    ).toBe(true);
    expect(
      await fires({ fact: 'document', path: '$.ageYears', operator: 'lessThan', value: 21 }, cleanFacts({ document: { expired: false, ageYears: null, daysToExpiry: 100 } })),
    ).toBe(false);
  });
});
