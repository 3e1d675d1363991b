import { setImmediate } from 'node:timers/promises';
import type { GraphQLError } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Query, Mutation, Resolver } from 'type-graphql';
import { completeFacts } from '../../decision/engine/complete-facts';
import { measureJson } from '../../decision/authoring/json-measure';
import { MAX_JSON_DEPTH } from '../../decision/authoring/json-source';
import type { ExplainableDecision } from '../../decision/explanation/decision-explainer';
import { evaluatePolicy } from '../../decision/engine/evaluate';
import { compilePolicy } from '../../decision/engine/policy';
import { formatPath, validatePolicyDocument } from '../../decision/authoring/policy-validator';
import type { GatewayServices } from '../services';
import { ErrorCode } from '../error-code';
import { gatewayError } from '../gateway-error';
import { DecisionType } from '../types/decision';
import { PolicyInfoType } from '../types/policy-info';

/** A problem of a dry-run input, as BAD_USER_INPUT's `extensions.problems` lists it. */
interface InputProblem {
  path: string;
  rule: string | null;
  message: string;
}

/** The running policy, and deciding with a candidate policy without storing anything (policy authors' tools). */
@Resolver()
export class PolicyResolver {
  constructor(private readonly services: GatewayServices) {}

  @Authorized('policy:admin')
  @Query(() => PolicyInfoType, { description: 'The policy deciding new cases, and why the last change to it was refused, if it was.' })
  policy(): PolicyInfoType {
    const holder = this.services.policies;
    return { version: holder.policy.version, name: holder.policy.name, loadedAt: holder.loadedAt, lastError: holder.lastError };
  }

  @Authorized('policy:admin')
  @Mutation(() => DecisionType, {
    description:
      'Decides the given facts with a candidate policy (a policy file as JSON) and returns the decision, with its ' +
      'explanation and counterfactuals. Stores nothing and changes nothing. A policy the validator refuses is a ' +
      'BAD_USER_INPUT error listing every problem in `extensions.problems`; missing facts read as "nothing observed".',
  })
  async evaluatePolicy(@Arg('policy', () => GraphQLJSON) policyDocument: unknown, @Arg('facts', () => GraphQLJSON) factsDocument: unknown): Promise<ExplainableDecision> {
    const policyProblems: InputProblem[] = validatePolicyDocument(policyDocument).map((p) => ({ path: formatPath(p.path), rule: p.rule, message: p.message }));
    if (policyProblems.length > 0) throw badInput('policy', policyProblems);
    const size = measureJson(factsDocument, MAX_JSON_DEPTH, MAX_FACTS_BYTES);
    if (size.tooDeep || !size.complete) {
      throw badInput('facts', [{ path: '', rule: null, message: `facts are at most ${MAX_FACTS_BYTES / 1024} KiB as compact JSON, nested at most ${MAX_JSON_DEPTH} levels` }]);
    }
    const { facts, problems } = completeFacts(factsDocument);
    if (problems.length > 0)
      throw badInput(
        'facts',
        problems.map((p) => ({ path: p.path, rule: null, message: p.message })),
      );
    const policy = compilePolicy(policyDocument);
    // Checking a policy and deciding with it each hold the event loop for a bounded while; not both at once.
    await setImmediate();
    return { ...(await evaluatePolicy(policy, facts)), policy };
  }
}

/** The most bytes of a dry run's facts as compact JSON: a case's facts are a few KiB. */
const MAX_FACTS_BYTES = 64 * 1024;
/** The most problems one error lists (a 256 KiB policy can hold thousands of unknown keys); the count is of all. */
const MAX_LISTED_PROBLEMS = 50;

function badInput(field: 'policy' | 'facts', all: InputProblem[]): GraphQLError {
  const problems = all.slice(0, MAX_LISTED_PROBLEMS);
  const lines = problems.map((p) => [p.path || field, p.rule !== null ? `rule "${p.rule}"` : null, p.message].filter(Boolean).join('  '));
  const count = all.length === 1 ? '1 problem' : `${all.length.toLocaleString('en')} problems`;
  const more = all.length > problems.length ? `; and ${(all.length - problems.length).toLocaleString('en')} more` : '';
  return gatewayError(ErrorCode.BAD_USER_INPUT, `${field}: ${count}: ${lines.join('; ')}${more}`, { extensions: { field, problems } });
}
