import type { Outcome } from '../signals/model';
import type { DecisionReason, RuleOutcome } from './decision';
import type { Facts } from './facts';

const SEVERITY: Record<RuleOutcome, number> = { APPROVE: 0, REVIEW: 1, REJECT: 2 };

export const GATEWAY_RULE = 'gateway';

/**
 * The outcome of a case (CONTRACTS.md section 4): the most severe outcome among the rules that
 * fired, else the policy's default; PENDING when no REJECT fired and a vendor is still processing;
 * never APPROVE when a routed vendor FAILED or TIMED OUT (lowered to REVIEW, VENDOR_UNAVAILABLE).
 * Reasons come most severe first.
 */
export function combineOutcome(
  fired: readonly DecisionReason[],
  defaultOutcome: RuleOutcome,
  facts: Facts,
): { outcome: Outcome; reasons: DecisionReason[] } {
  const reasons = [...fired].sort((a, b) => SEVERITY[b.outcome as RuleOutcome] - SEVERITY[a.outcome as RuleOutcome]);
  let outcome: Outcome = reasons.length > 0 ? (reasons[0]!.outcome as RuleOutcome) : defaultOutcome;

  if (outcome !== 'REJECT' && facts.vendors.pending.length > 0) {
    reasons.push({
      code: 'VENDOR_PENDING',
      message: `Still processing: ${facts.vendors.pending.join(', ')}`,
      rule: GATEWAY_RULE,
      outcome: 'PENDING',
    });
    return { outcome: 'PENDING', reasons };
  }
  if (outcome === 'APPROVE' && facts.vendors.failed.length > 0) {
    outcome = 'REVIEW';
    reasons.unshift({
      code: 'VENDOR_UNAVAILABLE',
      message: `No usable answer from: ${facts.vendors.failed.join(', ')}`,
      rule: GATEWAY_RULE,
      outcome: 'REVIEW',
    });
  }
  return { outcome, reasons };
}
