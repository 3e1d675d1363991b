import type { Outcome } from '../../signals/model';
import type { DecisionReason, RuleOutcome } from './decision';
import type { Facts } from './facts';

const SEVERITY: Record<RuleOutcome, number> = { APPROVE: 0, REVIEW: 1, REJECT: 2 };

export const GATEWAY_RULE = 'gateway';

/**
 * The outcome of a case (CONTRACTS.md section 4): the most severe outcome among the rules that
 * fired, else the policy's default; PENDING when no REJECT fired and a vendor is still processing;
 * never APPROVE unless every routed check positively passed: a routed vendor that FAILED or TIMED OUT
 * (VENDOR_UNAVAILABLE), an answer the gateway did not fully understand (VENDOR_ANSWER_UNCLEAR) and a
 * documented negative verdict (VENDOR_CHECK_FAILED) each lower APPROVE to REVIEW, whatever the policy
 * says. Reasons come most severe first.
 */
export function combineOutcome(fired: readonly DecisionReason[], defaultOutcome: RuleOutcome, facts: Facts): { outcome: Outcome; reasons: DecisionReason[] } {
  const reasons = [...fired].sort((a, b) => SEVERITY[b.outcome as RuleOutcome] - SEVERITY[a.outcome as RuleOutcome]);
  const outcome: Outcome = reasons.length > 0 ? (reasons[0]!.outcome as RuleOutcome) : defaultOutcome;

  if (outcome !== 'REJECT' && facts.vendors.pending.length > 0) {
    reasons.push({
      code: 'VENDOR_PENDING',
      message: `Still processing: ${facts.vendors.pending.join(', ')}`,
      rule: GATEWAY_RULE,
      outcome: 'PENDING',
    });
    return { outcome: 'PENDING', reasons };
  }
  if (outcome !== 'APPROVE') return { outcome, reasons };
  const lowered = GUARDS.map((g) => ({ guard: g, vendors: g.vendors(facts) })).filter((g) => g.vendors.length > 0);
  for (const { guard, vendors } of lowered.reverse()) {
    reasons.unshift({ code: guard.code, message: `${guard.message}: ${vendors.join(', ')}`, rule: GATEWAY_RULE, outcome: 'REVIEW' });
  }
  return { outcome: lowered.length > 0 ? 'REVIEW' : outcome, reasons };
}

/** A gateway guard that keeps a case from APPROVE: its reason code and the vendors that trip it. */
export interface ApproveGuard {
  code: string;
  message: string;
  /** The facts path it reads, under `vendors` (for the explanation). */
  path: string;
  vendors(facts: Facts): readonly string[];
}

/**
 * In the order their reasons are listed. Facts stored before a guard's fact existed lack it: no
 * vendor trips that guard.
 */
export const GUARDS: readonly ApproveGuard[] = [
  { code: 'VENDOR_UNAVAILABLE', message: 'No usable answer from', path: '$.failed', vendors: (f) => f.vendors.failed ?? [] },
  { code: 'VENDOR_ANSWER_UNCLEAR', message: 'An answer the gateway did not fully understand from', path: '$.unclear', vendors: (f) => f.vendors.unclear ?? [] },
  { code: 'VENDOR_CHECK_FAILED', message: 'A check failed at', path: '$.checksFailed', vendors: (f) => f.vendors.checksFailed ?? [] },
];
