import type { Decision } from '../decision/engine/decision';
import { evaluatePolicy } from '../decision/engine/evaluate';
import type { Facts } from '../decision/engine/facts';
import type { Policy } from '../decision/engine/policy';
import { inSpan } from './tracing';

/**
 * evaluatePolicy as a `policy.evaluate` span, child of the operation that asked for the decision. The
 * span carries the policy version, the outcome and the reason codes; never the facts (personal data).
 */
export function evaluatePolicyTraced(policy: Policy, facts: Facts, now: Date): Promise<Decision> {
  return inSpan('policy.evaluate', { attributes: { 'ekyc.policy.version': policy.version, 'ekyc.policy.rules': policy.rules.length } }, async (span) => {
    const decision = await evaluatePolicy(policy, facts, now);
    span.setAttribute('ekyc.decision.outcome', decision.outcome);
    span.setAttribute(
      'ekyc.decision.reasons',
      decision.reasons.map((r) => r.code),
    );
    return decision;
  });
}
