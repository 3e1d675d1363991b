import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/decision/engine/evaluate';
import type { Decision } from '../../src/decision/engine/decision';
import { loadPolicyFile } from '../../src/decision/authoring/policy-loader';
import { mixedFacts } from '../support/facts';

const policy = loadPolicyFile(join(__dirname, '../../rules/policy.json'));

describe('decisions under concurrency', () => {
  it('500 overlapping evaluations give exactly the sequential answers', async () => {
    const cases = mixedFacts(500);
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
