import { describe, expect, it } from 'vitest';
import { clip, echo, ECHO_LENGTH } from '../../src/decision/engine/echo';
import { parsePolicy, PolicyError } from '../../src/decision/authoring/policy-loader';
import { formatPath, formatProblem, MAX_LIST_ENTRIES, MAX_POLICY_BYTES, validatePolicyDocument, validatePolicyText } from '../../src/decision/authoring/policy-validator';
import { measureJson } from '../../src/decision/authoring/json-measure';
import { schemaProblems } from '../../src/decision/authoring/policy-schema-check';
import { closest, didYouMean } from '../../src/decision/engine/suggest';

const event = { type: 'REVIEW', params: { code: 'X', message: 'x' } };
const policyOf = (...conditions: unknown[]) => ({ name: 'p', defaultOutcome: 'APPROVE', rules: conditions.map((c, i) => ({ name: `r${i}`, conditions: { all: [c] }, event })) });
const countries = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);
const messages = (document: unknown) => validatePolicyDocument(document).map((p) => p.message);

describe('policy size limits', () => {
  it(`a value list of ${MAX_LIST_ENTRIES} entries passes; one more (or 10,000) is refused at the value, for any operator`, () => {
    expect(messages(policyOf({ fact: 'country', operator: 'in', value: countries(MAX_LIST_ENTRIES) }))).toEqual([]);
    for (const operator of ['in', 'notIn', 'swap:in']) {
      const problems = validatePolicyDocument(policyOf({ fact: 'country', operator, value: countries(10_000) }));
      expect(problems.map((p) => [p.path, p.message])).toEqual([[['rules', 0, 'conditions', 'all', 0, 'value'], 'a value list has at most 256 entries; this one has 10,000']]);
    }
    const kinds = Array.from({ length: MAX_LIST_ENTRIES + 1 }, () => 'FORGED');
    expect(messages(policyOf({ fact: 'forgery', path: '$.kinds', operator: 'containsAny', value: kinds }))).toEqual(['a value list has at most 256 entries; this one has 257']);
  });

  it('the JSON Schema says the same of in, notIn and containsAny', () => {
    const problems = schemaProblems(policyOf({ fact: 'country', operator: 'notIn', value: countries(MAX_LIST_ENTRIES + 1) }));
    expect(problems.map((p) => p.message)).toContain('does not match the policy schema at /rules/0/conditions/all/0/value: must NOT have more than 256 items');
    expect(schemaProblems(policyOf({ fact: 'country', operator: 'notIn', value: countries(MAX_LIST_ENTRIES) }))).toEqual([]);
  });

  it(`a policy over ${MAX_POLICY_BYTES / 1024} KiB as compact JSON is refused before anything else, from text and documents alike`, () => {
    const big = { ...policyOf({ fact: 'country', operator: 'equal', value: 'KH' }), description: 'x'.repeat(MAX_POLICY_BYTES) };
    expect(messages(big)).toEqual(['a policy is at most 256 KiB as compact JSON; this one is 256.2 KiB']);
    // Indentation does not count: the same policy pretty-printed is measured as compact JSON.
    const fits = { ...policyOf({ fact: 'country', operator: 'equal', value: 'KH' }), description: 'x'.repeat(MAX_POLICY_BYTES - 1_000) };
    expect(validatePolicyText(JSON.stringify(fits, null, 8)).problems).toEqual([]);
    expect(validatePolicyText(JSON.stringify(big)).problems.map((p) => p.message)).toEqual(['a policy is at most 256 KiB as compact JSON; this one is 256.2 KiB']);
    // Bytes, not characters: 140,000 "é" are 280,000 bytes (140,000 characters would fit).
    const wide = { ...policyOf({ fact: 'country', operator: 'equal', value: 'KH' }), description: 'é'.repeat(140_000) };
    expect(messages(wide)).toEqual(['a policy is at most 256 KiB as compact JSON; this one is 273.6 KiB']);
  });

  it('patterns: each within its own limit, but together over 4,000,000 ways is refused; a pattern from a fact counts 1,000,000', () => {
    // ^a{0,99}a{0,99}a{0,99}! has 100^3 = 1,000,000 ways: the single-pattern limit.
    const heavy = (i: number) => ({ fact: 'country', operator: 'matchesPattern', value: `^a{0,99}a{0,99}a{0,99}!${i}` });
    expect(messages(policyOf(...[0, 1, 2, 3].map(heavy)))).toEqual([]);
    const refusal = "the policy's matchesPattern conditions together have too many ways to match (over 4,000,000, a pattern from a fact counting 1,000,000); use fewer, anchored or bounded patterns";
    expect(messages(policyOf(...[0, 1, 2, 3, 4].map(heavy)))).toEqual([refusal]);
    const fromFact = { fact: 'vendors', path: '$.codes.ADVANCE_AI', operator: 'matchesPattern', value: { fact: 'vendors', path: '$.codes.VERIHUBS' } };
    expect(messages(policyOf(...[0, 1, 2, 3].map(heavy), fromFact))).toEqual([refusal]);
    // Simple patterns are nowhere near: 1,000 conditions of ^[A-Z]{2}$ (1 way each) pass.
    const rules = Array.from({ length: 100 }, (_, i) => ({ name: `r${i}`, conditions: { all: Array.from({ length: 10 }, () => ({ fact: 'country', operator: 'matchesPattern', value: '^[A-Z]{2}$' })) }, event }));
    expect(messages({ name: 'p', defaultOutcome: 'APPROVE', rules })).toEqual([]);
  });
});

describe('problems quote keys and values clipped', () => {
  const huge = 'k'.repeat(20_000);

  it(`clip and echo keep at most ${ECHO_LENGTH} characters and an ellipsis`, () => {
    expect(clip('short')).toBe('short');
    expect(clip(huge)).toBe(`${'k'.repeat(ECHO_LENGTH)}…`);
    expect(echo(huge)).toBe(`"${'k'.repeat(ECHO_LENGTH - 1)}…`);
    expect(echo(42)).toBe('42');
    // Never half a surrogate pair.
    expect(clip(`${'a'.repeat(ECHO_LENGTH - 1)}😀tail`)).toBe(`${'a'.repeat(ECHO_LENGTH - 1)}…`);
  });

  it('an unknown key, fact, path, operator, priority, outcome and rule name of 20,000 characters: each problem is short', () => {
    const policy = {
      name: 'p',
      defaultOutcome: huge,
      [huge]: 1,
      rules: [
        {
          name: huge,
          priority: huge,
          conditions: {
            all: [
              { fact: huge, operator: 'equal', value: 1 },
              { fact: 'face', path: `$.${huge}`, operator: 'lessThan', value: 1 },
              { fact: 'face', path: huge, operator: 'lessThan', value: 1 },
              { fact: 'face', path: '$.liveness', operator: huge, value: 1 },
              { fact: 'documentType', operator: 'equal', value: huge },
            ],
          },
          event: { type: huge, params: { code: 'X', message: 'x' } },
        },
        { name: huge, conditions: { all: [{ fact: 'country', operator: 'equal', value: 'KH' }] }, event },
      ],
    };
    const problems = validatePolicyDocument(policy);
    expect(problems.length).toBeGreaterThanOrEqual(9);
    for (const p of problems) {
      expect(p.message.length).toBeLessThan(300);
      expect(formatPath(p.path).length).toBeLessThan(200);
      expect(formatProblem('p.json', p).length).toBeLessThan(500);
      if (p.rule !== null) expect(p.rule).toBe(`${'k'.repeat(ECHO_LENGTH)}…`);
    }
    expect(problems.find((p) => p.path[0] !== 'rules')!.message).toBe(`unknown property "${'k'.repeat(ECHO_LENGTH - 1)}…`);
    expect(() => parsePolicy(policy)).toThrow(PolicyError);
    try {
      parsePolicy(policy);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(5_000);
    }
  });

  it('from text too: a key given twice, and a syntax error after a huge key', () => {
    const twice = `{"name": "p", "defaultOutcome": "APPROVE", "rules": [], "${huge}": 1, "${huge}": 2}`;
    for (const p of validatePolicyText(twice).problems) expect(formatProblem('p.json', p).length).toBeLessThan(300);
    const broken = validatePolicyText(`{"${huge}" 1}`).problems;
    expect(broken.map((p) => p.message)).toEqual([`not JSON: expected ":" after the property name "${'k'.repeat(ECHO_LENGTH)}…"`]);
  });

  it('"did you mean" is not computed for a name over 64 characters, and still is for a typo', () => {
    expect(closest('x'.repeat(65), ['x'.repeat(64)])).toBeNull();
    expect(didYouMean('fase', ['face', 'forgery'])).toBe(': did you mean face?');
  });
});

describe('measuring a policy is bounded by the limit, not by its size', () => {
  it('a 2,000,000-entry list is refused as "over 1,024 KiB" after walking about that much of it', () => {
    const value = Array.from({ length: 2_000_000 }, (_, i) => `C${i}`);
    const measure = measureJson({ value }, 256, 1 << 20);
    expect(measure.complete).toBe(false);
    expect(measure.bytes).toBeGreaterThan(1 << 20);
    expect(measure.bytes).toBeLessThan((1 << 20) + 100);
    expect(messages(policyOf({ fact: 'country', operator: 'in', value }))).toEqual(['a policy is at most 256 KiB as compact JSON; this one is over 1,024 KiB']);
  });

  it('bytes exactly as JSON.stringify writes them, and the path of the first value nested too deep', () => {
    for (const value of [{}, [], 'é😀"\n', { a: [1, 2.5, -3e-7, null, true, false, { 'k"é': 'v' }], b: {} }, policyOf({ fact: 'country', operator: 'in', value: ['KH'] })]) {
      expect(measureJson(value, 256, 1 << 20)).toEqual({ bytes: Buffer.byteLength(JSON.stringify(value)), complete: true, tooDeep: null });
    }
    let deep: unknown = 1;
    for (let i = 0; i < 10; i++) deep = { p: [deep] };
    expect(measureJson({ top: deep }, 5, 1 << 20).tooDeep).toEqual(['top', 'p', 0, 'p', 0, 'p']);
  });
});
