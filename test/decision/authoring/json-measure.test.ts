import { describe, expect, it } from 'vitest';
import { measureJson } from '../../../src/decision/authoring/json-measure';
import { validatePolicyDocument } from '../../../src/decision/authoring/policy-validator';

const event = { type: 'REVIEW', params: { code: 'X', message: 'x' } };
const policyOf = (...conditions: unknown[]) => ({ name: 'p', defaultOutcome: 'APPROVE', rules: conditions.map((c, i) => ({ name: `r${i}`, conditions: { all: [c] }, event })) });
const messages = (document: unknown) => validatePolicyDocument(document).map((p) => p.message);

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
