import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, type BacktestProgress, type DecisionSource, type PastDecision } from '../../../src/decision/authoring/backtest';
import { parsePolicyText } from '../../../src/decision/authoring/policy-loader';
import { evaluatePolicy } from '../../../src/decision/engine/evaluate';
import type { Facts } from '../../../src/decision/engine/facts';
import { cleanFacts } from '../../support/facts';

const DEFAULT = readFileSync(join(__dirname, '../../../rules/policy.json'), 'utf8');
const policy = parsePolicyText(DEFAULT, 'policy.json');
/** The candidate: face similarity must reach 75 instead of 70. */
const candidate = parsePolicyText(
  DEFAULT.replace('"path": "$.similarity", "operator": "lessThan", "value": 70', '"path": "$.similarity", "operator": "lessThan", "value": 75'),
  'candidate.json',
);

async function decided(caseNo: string, facts: Facts): Promise<PastDecision> {
  const at = new Date('2026-01-01T00:00:00Z');
  const d = await evaluatePolicy(policy, facts, at);
  return { identityId: `id-${caseNo}`, caseNo, outcome: d.outcome, reasons: d.reasons, policyVersion: d.policyVersion, decidedAt: at, facts: JSON.parse(JSON.stringify(facts)) };
}

/** Hands `past` over in batches of `size`, as the store does. */
function inMemory(past: PastDecision[], size: number): DecisionSource {
  return async (onStart, onBatch) => {
    onStart(past.length);
    for (let i = 0; i < past.length; i += size) await onBatch(past.slice(i, i + size));
    return past.length;
  };
}

describe('backtest over a source of past decisions', () => {
  it('replays each through the candidate: the outcome matrix, the changed cases and which rules started firing', async () => {
    const past = [
      await decided('sim-64', cleanFacts({ face: { liveness: 99, similarity: 64 } })),
      await decided('sim-72', cleanFacts({ face: { liveness: 99, similarity: 72 } })),
      await decided('sim-90', cleanFacts({ face: { liveness: 99, similarity: 90 } })),
    ];
    const progress: BacktestProgress[] = [];
    const report = await backtest(inMemory(past, 2), candidate, (p) => progress.push(p));

    expect(report.cases).toBe(3);
    expect(report.candidate).toEqual({ name: candidate.name, version: candidate.version, rules: candidate.rules.length });
    expect(report.matrix.REJECT.REJECT).toBe(1);
    expect(report.matrix.APPROVE.REJECT).toBe(1);
    expect(report.matrix.APPROVE.APPROVE).toBe(1);
    expect(report.changed).toEqual([
      { identityId: 'id-sim-72', caseNo: 'sim-72', from: { outcome: 'APPROVE', reasons: [] }, to: { outcome: 'REJECT', reasons: ['SIMILARITY_FAIL'] } },
    ]);
    expect(report.rules).toEqual([{ rule: 'similarity-fail', starts: 1, stops: 0 }]);
    expect(progress).toEqual([
      { done: 0, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
  });

  it('facts stored before a fact existed read as nothing observed for it', async () => {
    const { consistency: _absent, ...older } = cleanFacts();
    const past = { ...(await decided('old', cleanFacts())), facts: older };
    const report = await backtest(inMemory([past], 10), candidate);
    expect(report.cases).toBe(1);
    expect(report.changed).toEqual([]);
    expect(report.matrix.APPROVE.APPROVE).toBe(1);
  });
});
