import { join } from 'node:path';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import type { DecisionReason, RuleOutcome } from '../../../src/decision/engine/decision';
import { evaluatePolicy } from '../../../src/decision/engine/evaluate';
import type { Facts } from '../../../src/decision/engine/facts';
import { installOperators } from '../../../src/decision/engine/operators';
import { combineOutcome } from '../../../src/decision/engine/outcome';
import type { Policy } from '../../../src/decision/engine/policy';
import { loadPolicyFile, parsePolicy } from '../../../src/decision/authoring/policy-loader';
import { explainDecision } from '../../../src/decision/explanation/trace';
import { randomFacts, randomPolicy, rng } from '../../support/random-policies';

/**
 * The gateway evaluates with json-rules-engine, but faster: a direct resolver for `$.a.b` paths and
 * rules built once per policy. This is json-rules-engine as shipped (JSONPath resolver, rules built
 * from JSON on every run, facts copied) — the reference every decision must equal exactly.
 */
async function reference(policy: Policy, facts: Facts) {
  const engine = new Engine(structuredClone(policy.rules), { allowUndefinedFacts: false, allowUndefinedConditions: false });
  installOperators(engine);
  const { results } = await engine.run(structuredClone(facts) as unknown as Record<string, unknown>);
  const fired: DecisionReason[] = results.map((r) => {
    const event = r.event as { type: RuleOutcome; params: { code: string; message: string } };
    return { code: event.params.code, message: event.params.message, rule: String(r.name), outcome: event.type };
  });
  return combineOutcome(fired, policy.defaultOutcome, facts);
}

const sorted = (reasons: DecisionReason[]) => reasons.map((r) => `${r.rule}/${r.code}`).sort();

describe('the faster evaluator decides exactly as json-rules-engine', () => {
  it('on 400 random policies × 40 random cases each (16,000 decisions), outcome and reasons in order', async () => {
    const seed = 20_260_115;
    const r = rng(seed);
    let compared = 0;
    let fired = 0;
    const outcomes = new Set<string>();
    for (let p = 0; p < 400; p++) {
      const policy = parsePolicy(randomPolicy(r, p), `random policy ${p} (seed ${seed})`);
      const cases = Array.from({ length: 40 }, () => randomFacts(r));
      // Evaluated concurrently: engines running at once must not share anything that changes.
      const fast = await Promise.all(cases.map((facts) => evaluatePolicy(policy, facts)));
      for (const [i, facts] of cases.entries()) {
        const want = await reference(policy, facts);
        const got = fast[i]!;
        expect({ outcome: got.outcome, reasons: got.reasons }, `policy ${p}, case ${i}, seed ${seed}`).toEqual(want);
        // The explanation re-evaluates every condition itself: it must agree on what fired.
        const explained = explainDecision(policy, facts);
        expect(explained.outcome, `explained outcome, policy ${p}, case ${i}`).toBe(want.outcome);
        expect(sorted(explained.reasons), `explained rules, policy ${p}, case ${i}`).toEqual(sorted(want.reasons));
        compared += 1;
        fired += got.reasons.filter((x) => x.rule !== 'gateway').length;
        outcomes.add(got.outcome);
      }
    }
    expect(compared).toBe(16_000);
    // The corpus exercises the rules, not only the default outcome.
    expect(fired).toBeGreaterThan(compared);
    expect(outcomes).toEqual(new Set(['APPROVE', 'REVIEW', 'REJECT', 'PENDING']));
  }, 120_000);

  it('on the default policy × 5,000 random cases', async () => {
    const policy = loadPolicyFile(join(__dirname, '../../../rules/policy.json'));
    const r = rng(7);
    for (let i = 0; i < 5_000; i++) {
      const facts = randomFacts(r);
      const got = await evaluatePolicy(policy, facts);
      expect({ outcome: got.outcome, reasons: got.reasons }, `case ${i}`).toEqual(await reference(policy, facts));
    }
  }, 60_000);
});
