import { Authorized, FieldResolver, Resolver, Root } from 'type-graphql';
import { DecisionExplainer, type ExplainableDecision } from '../../decision/explanation/decision-explainer';
import type { Counterfactual } from '../../decision/explanation/counterfactuals';
import type { RuleTrace } from '../../decision/explanation/trace';
import type { GatewayServices } from '../services';
import { CounterfactualType } from '../types/counterfactual';
import { DecisionType } from '../types/decision';
import { RuleTraceType } from '../types/rule-trace';

/**
 * Why a decision came out as it did, and what would have changed it. Both reveal the policy's
 * thresholds, so they need the `policy:admin` scope (a partner should not learn what to change to pass).
 */
@Resolver(() => DecisionType)
export class DecisionExplanationResolver {
  private readonly explainer: DecisionExplainer;

  constructor(private readonly services: GatewayServices) {
    this.explainer = new DecisionExplainer((version) => this.findPolicy(version));
  }

  private async findPolicy(version: string) {
    const current = this.services.policies.policy;
    return current.version === version ? current : this.services.policyArchive.find(version);
  }

  @Authorized('policy:admin')
  @FieldResolver(() => [RuleTraceType], {
    // Evaluates every rule of the policy again: priced so a page of cases cannot ask for hundreds.
    complexity: 20,
    description:
      'Every rule of the policy that made this decision, evaluated on the facts stored with it (so it still explains after the policy changed). Empty for a manual decision.',
  })
  explanation(@Root() decision: ExplainableDecision): Promise<RuleTrace[]> {
    return this.explainer.explanation(decision);
  }

  @Authorized('policy:admin')
  @FieldResolver(() => [CounterfactualType], {
    // Re-evaluates the policy once per candidate change: the dearest field of the schema.
    complexity: 50,
    description: 'For a REVIEW or REJECT: the smallest changes of one fact value, all else equal, that would have given a better outcome with the same policy. Empty otherwise.',
  })
  counterfactuals(@Root() decision: ExplainableDecision): Promise<Counterfactual[]> {
    return this.explainer.counterfactuals(decision);
  }
}
