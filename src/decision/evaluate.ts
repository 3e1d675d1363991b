import { Engine } from 'json-rules-engine';
import type { Decision, DecisionReason, RuleOutcome } from './decision';
import type { Facts } from './facts';
import { CUSTOM_OPERATORS } from './operators';
import { combineOutcome } from './outcome';
import type { Policy } from './policy';

/**
 * Decides one case. A fresh Engine per evaluation: json-rules-engine keeps its run status on the
 * engine, so one Engine shared by overlapping run() calls silently mixes their results.
 */
export async function evaluatePolicy(policy: Policy, facts: Facts, now: Date = new Date()): Promise<Decision> {
  const engine = new Engine(policy.rules, { allowUndefinedFacts: false, allowUndefinedConditions: false });
  for (const operator of CUSTOM_OPERATORS) engine.addOperator(operator);
  // The engine may add facts of its own to the almanac: give it a copy, keep ours as stored.
  const { results } = await engine.run(structuredClone(facts) as unknown as Record<string, unknown>);
  const fired: DecisionReason[] = results.map((r) => {
    const event = r.event as { type: RuleOutcome; params?: { code?: string; message?: string } };
    return {
      code: String(event.params?.code ?? r.name),
      message: String(event.params?.message ?? ''),
      rule: String(r.name),
      outcome: event.type,
    };
  });
  const { outcome, reasons } = combineOutcome(fired, policy.defaultOutcome, facts);
  return { outcome, reasons, policyVersion: policy.version, decidedAt: now, facts, decidedBy: null, note: null };
}
