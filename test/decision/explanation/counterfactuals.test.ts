import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadPolicyFile } from '../../../src/decision/authoring/policy-loader';
import { counterfactuals, MAX_CANDIDATES, MAX_VALUES_PER_FACT } from '../../../src/decision/explanation/counterfactuals';
import * as evaluate from '../../../src/decision/engine/evaluate';
import { compilePolicy } from '../../../src/decision/engine/policy';
import { PolicyTooCostlyError } from '../../../src/decision/explanation/policy-too-costly';
import { cleanFacts } from '../../support/facts';

const event = { type: 'REJECT', params: { code: 'X', message: 'x' } };
/** A policy on record is compiled unchecked (today's limits may be stricter than when it was loaded). */
const onRecord = (conditions: unknown[]) =>
  compilePolicy({ name: 'old', defaultOutcome: 'APPROVE', rules: conditions.map((c, i) => ({ name: `r${i}`, conditions: { all: [c] }, event })) });
const countries = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);
const policy = loadPolicyFile(join(__dirname, '../../../rules/policy.json'));
const vendors = (over: object) => ({ failed: [], timedOut: [], pending: [], skipped: [], notRequested: [], codes: {}, unclear: [], checksFailed: [], ...over });

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
      const policy = onRecord([
        ...thresholds,
        { fact: 'face', path: '$.liveness', operator: 'lessThan', value: 50 },
        { fact: 'country', operator: 'notIn', value: countries(1_000) },
      ]);
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

describe('counterfactuals', () => {
  it('similarity 64 → 70 would APPROVE', async () => {
    expect(await counterfactuals(policy, cleanFacts({ face: { liveness: 99, similarity: 64 } }), 'REJECT')).toEqual([
      { fact: 'face', path: '$.similarity', from: 64, to: 70, outcome: 'APPROVE' },
    ]);
  });

  it('a REVIEW: OCR confidence 0.41 → 0.6, and the nearest change to each better outcome', async () => {
    expect(await counterfactuals(policy, cleanFacts({ ocr: { minConfidence: 0.41, confidence: {}, missing: [], readBy: [] } }), 'REVIEW')).toEqual([
      { fact: 'ocr', path: '$.minConfidence', from: 0.41, to: 0.6, outcome: 'APPROVE' },
    ]);
    const both = await counterfactuals(policy, cleanFacts({ face: { liveness: 99, similarity: 64 }, quality: { failed: ['BLUR'] } }), 'REJECT');
    expect(both).toEqual([{ fact: 'face', path: '$.similarity', from: 64, to: 70, outcome: 'REVIEW' }]);
  });

  it('lists and flags: removing the forgery kind, emptying failed quality checks, clearing a vendor flag', async () => {
    expect(await counterfactuals(policy, cleanFacts({ forgery: { detected: true, kinds: ['PHOTOCOPY', 'CORNER_CLIPPED'] } }), 'REJECT')).toEqual([
      { fact: 'forgery', path: '$.kinds', from: ['PHOTOCOPY', 'CORNER_CLIPPED'], to: ['CORNER_CLIPPED'], outcome: 'REVIEW' },
    ]);
    expect(await counterfactuals(policy, cleanFacts({ quality: { failed: ['BLUR', 'DARK'] } }), 'REVIEW')).toEqual([
      { fact: 'quality', path: '$.failed', from: ['BLUR', 'DARK'], to: [], outcome: 'APPROVE' },
    ]);
    expect(await counterfactuals(policy, cleanFacts({ vendors: vendors({ failed: ['VERIHUBS'] }) }), 'REVIEW')).toEqual([
      { fact: 'vendors', path: '$.failed', from: ['VERIHUBS'], to: [], outcome: 'APPROVE' },
    ]);
  });

  it('none when no single change helps (two independent rejections), and none for APPROVE', async () => {
    expect(await counterfactuals(policy, cleanFacts({ face: { liveness: 20, similarity: 40 } }), 'REJECT')).toEqual([]);
    expect(await counterfactuals(policy, cleanFacts(), 'APPROVE')).toEqual([]);
  });
});
