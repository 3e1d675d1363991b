import { describe, expect, it } from 'vitest';
import { counterfactuals, MAX_CANDIDATES, MAX_VALUES_PER_FACT } from '../../src/decision/explanation/counterfactuals';
import * as evaluate from '../../src/decision/engine/evaluate';
import { compilePolicy } from '../../src/decision/engine/policy';
import { PolicyTooCostlyError } from '../../src/decision/explanation/policy-too-costly';
import { cleanFacts } from '../support/facts';
import { vi } from 'vitest';

const event = { type: 'REJECT', params: { code: 'X', message: 'x' } };
/** A policy on record is compiled unchecked (today's limits may be stricter than when it was loaded). */
const onRecord = (conditions: unknown[]) =>
  compilePolicy({ name: 'old', defaultOutcome: 'APPROVE', rules: conditions.map((c, i) => ({ name: `r${i}`, conditions: { all: [c] }, event })) });
const countries = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);

describe('counterfactuals are bounded whatever the policy', () => {
  it(`a 10,000-entry list tries at most ${MAX_VALUES_PER_FACT} of its entries, and still finds the change`, async () => {
    const spy = vi.spyOn(evaluate, 'evaluatePolicy');
    try {
      const policy = onRecord([{ fact: 'country', operator: 'notIn', value: countries(10_000) }]);
      const found = await counterfactuals(policy, cleanFacts({ country: 'ZZ' }), 'REJECT');
      expect(found).toEqual([{ fact: 'country', path: null, from: 'ZZ', to: 'C0', outcome: 'APPROVE' }]);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(MAX_VALUES_PER_FACT);
    } finally {
      spy.mockRestore();
    }
  });

  it(`many facts, many thresholds: at most ${MAX_CANDIDATES} evaluations in all, shared out so every fact value gets its first candidates`, async () => {
    const spy = vi.spyOn(evaluate, 'evaluatePolicy');
    try {
      // 300 thresholds on similarity, and one rule on liveness written last.
      const thresholds = Array.from({ length: 300 }, (_, i) => ({ fact: 'face', path: '$.similarity', operator: 'lessThan', value: 30 + i / 10 }));
      const policy = onRecord([...thresholds, { fact: 'face', path: '$.liveness', operator: 'lessThan', value: 50 }, { fact: 'country', operator: 'notIn', value: countries(1_000) }]);
      const found = await counterfactuals(policy, cleanFacts({ country: 'ZZ', face: { liveness: 10, similarity: 20 } }), 'REJECT');
      expect(spy.mock.calls.length).toBeLessThanOrEqual(MAX_CANDIDATES);
      // No single change approves (three facts fail), so nothing better is found; but liveness was tried.
      expect(found).toEqual([]);
      const tried = spy.mock.calls.map(([, facts]) => facts.face.liveness);
      expect(tried).toContain(50);
    } finally {
      spy.mockRestore();
    }
  });

  it('past its time budget: PolicyTooCostlyError, not a partial answer', async () => {
    const policy = onRecord([{ fact: 'country', operator: 'notIn', value: countries(100) }]);
    await expect(counterfactuals(policy, cleanFacts({ country: 'ZZ' }), 'REJECT', 0)).rejects.toThrow(PolicyTooCostlyError);
    await expect(counterfactuals(policy, cleanFacts({ country: 'ZZ' }), 'REJECT', 0)).rejects.toThrow(/counterfactuals took over 0 ms \(0 candidate changes decided\)/);
  });

  it('containsAny: emptying the fact list of the tested values, as before', async () => {
    const policy = onRecord([{ fact: 'forgery', path: '$.kinds', operator: 'containsAny', value: ['FORGED', 'PHOTOCOPY'] }]);
    const found = await counterfactuals(policy, cleanFacts({ forgery: { detected: true, kinds: ['PHOTOCOPY', 'BLUR_TEXT'] as never } }), 'REJECT');
    expect(found).toEqual([{ fact: 'forgery', path: '$.kinds', from: ['PHOTOCOPY', 'BLUR_TEXT'], to: ['BLUR_TEXT'], outcome: 'APPROVE' }]);
  });
});
