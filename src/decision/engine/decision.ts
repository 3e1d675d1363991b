import type { Outcome } from '../../signals/model';
import type { Facts } from './facts';

export type RuleOutcome = Exclude<Outcome, 'PENDING'>;

/** The outcomes a rule may give (its event type); PENDING is the gateway's own. */
export const RULE_OUTCOMES: readonly RuleOutcome[] = ['APPROVE', 'REVIEW', 'REJECT'];

export interface DecisionReason {
  code: string;
  message: string;
  /** The rule that fired; `gateway` for the gateway's own guards (VENDOR_UNAVAILABLE, VENDOR_PENDING). */
  rule: string;
  outcome: Outcome;
}

/** One decision on a case, with everything needed to explain or replay it later. */
export interface Decision {
  outcome: Outcome;
  reasons: DecisionReason[];
  /** The policy's version, or `manual` for a person's review. */
  policyVersion: string;
  decidedAt: Date;
  /** The exact facts the policy evaluated; null for a manual decision. */
  facts: Facts | null;
  /** Who decided, for a manual review when the caller is known. */
  decidedBy: string | null;
  note: string | null;
}
