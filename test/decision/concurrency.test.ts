import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/decision/evaluate';
import type { Decision } from '../../src/decision/decision';
import type { Facts } from '../../src/decision/facts';
import { loadPolicyFile } from '../../src/decision/policy';
import { cleanFacts } from '../support/facts';

const policy = loadPolicyFile(join(__dirname, '../../rules/policy.json'));

/** A deterministic mix of clean and failing cases covering every outcome. */
function mixedCases(n: number): Facts[] {
  const variants: Array<Partial<Facts>> = [
    {},
    { face: { liveness: 12, similarity: 88 } },
    { face: { liveness: 95, similarity: 40 } },
    { forgery: { detected: true, kinds: ['PHOTOCOPY'] } },
    { quality: { failed: ['BLUR', 'DARK'] } },
    { landmarks: { min: 31, count: 7, scores: {} } },
    { vendors: { failed: [], timedOut: [], pending: ['ADVANCE_AI'], skipped: [], codes: {} } },
    { vendors: { failed: ['VERIHUBS'], timedOut: [], pending: [], skipped: [], codes: { VERIHUBS: 'INTERNAL_SERVER_ERROR' } } },
    { document: { expired: true, ageYears: 50, daysToExpiry: -10 } },
    { ocr: { minConfidence: 0.2, confidence: {}, missing: [] }, mrz: { present: true, valid: false } },
  ];
  return Array.from({ length: n }, (_, i) => cleanFacts(variants[(i * 7) % variants.length]));
}

describe('decisions under concurrency', () => {
  it('500 overlapping evaluations give exactly the sequential answers', async () => {
    const cases = mixedCases(500);
    const sequential: Array<Pick<Decision, 'outcome' | 'reasons'>> = [];
    for (const facts of cases) {
      const d = await evaluatePolicy(policy, facts);
      sequential.push({ outcome: d.outcome, reasons: d.reasons });
    }
    expect(new Set(sequential.map((d) => d.outcome))).toEqual(new Set(['APPROVE', 'REVIEW', 'REJECT', 'PENDING']));

    const concurrent = await Promise.all(cases.map((facts) => evaluatePolicy(policy, facts)));
    concurrent.forEach((d, i) => {
      expect({ outcome: d.outcome, reasons: d.reasons }).toEqual(sequential[i]);
    });
  });
});
