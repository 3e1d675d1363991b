import { setImmediate } from 'node:timers/promises';
import { completeFacts } from '../engine/complete-facts';
import { counterfactuals, type Counterfactual } from './counterfactuals';
import type { Decision } from '../engine/decision';
import type { Policy } from '../engine/policy';
import { explainDecision, type RuleTrace } from './trace';

/** A decision, and for a dry run the candidate policy that made it (it is on record nowhere). */
export interface ExplainableDecision extends Decision {
  policy?: Policy;
}

/**
 * Explains decisions as they were made: the stored facts, re-evaluated with the policy of the version
 * that decided (from the policies on record), so the explanation holds after the policy changed.
 * A manual decision, or one whose policy is not on record, has no explanation (empty lists).
 * Each starts on a turn of the event loop of its own: a request asking for the decision, its
 * explanation and its counterfactuals holds other requests for one evaluation at a time.
 */
export class DecisionExplainer {
  constructor(private readonly findPolicy: (version: string) => Promise<Policy | null>) {}

  async explanation(decision: ExplainableDecision): Promise<RuleTrace[]> {
    const context = await this.context(decision);
    if (!context) return [];
    await setImmediate();
    return explainDecision(context.policy, context.facts).traces;
  }

  async counterfactuals(decision: ExplainableDecision): Promise<Counterfactual[]> {
    const context = await this.context(decision);
    return context ? counterfactuals(context.policy, context.facts, decision.outcome) : [];
  }

  private async context(decision: ExplainableDecision) {
    if (decision.facts === null || decision.policyVersion === 'manual') return null;
    const policy = decision.policy ?? (await this.findPolicy(decision.policyVersion));
    // Facts stored before a fact existed read as "nothing observed" for it.
    return policy ? { policy, facts: completeFacts(decision.facts).facts } : null;
  }
}
