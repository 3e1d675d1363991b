import { Engine, Fact, Rule, type EngineOptions } from 'json-rules-engine';
import type { Decision, DecisionReason, RuleOutcome } from './decision';
import type { Facts } from './facts';
import { installOperators } from './operators';
import { combineOutcome } from './outcome';
import { resolvePath } from './path-resolver';
import type { Policy } from './policy';

const ENGINE_OPTIONS: EngineOptions = {
  allowUndefinedFacts: false,
  allowUndefinedConditions: false,
  pathResolver: resolvePath as EngineOptions['pathResolver'],
};

/**
 * A rule built once per policy and reused by every evaluation. json-rules-engine points each rule at
 * the engine it is added to; a prepared rule instead stays bound to one host engine that is never run
 * (it only lends its operators), so engines evaluating at the same time share no mutable state: a
 * rule keeps no per-run state (results go to a per-run RuleResult and almanac).
 */
class PreparedRule extends Rule {
  bind(host: Engine): this {
    super.setEngine(host);
    return this;
  }

  override setEngine(): this {
    return this;
  }
}

declare module 'json-rules-engine' {
  interface Rule {
    setEngine(engine: Engine): this;
  }
}

interface Prepared {
  rules: Rule[];
  /** The facts the rules read: only these are handed to the engine. */
  facts: string[];
}

const PREPARED = new WeakMap<Policy, Prepared>();

function prepared(policy: Policy): Prepared {
  let found = PREPARED.get(policy);
  if (!found) {
    const host = new Engine([], ENGINE_OPTIONS);
    installOperators(host);
    const facts = new Set<string>();
    for (const rule of policy.rules) collectFacts(rule.conditions, facts);
    found = { rules: policy.rules.map((r) => new PreparedRule(r).bind(host)), facts: [...facts] };
    PREPARED.set(policy, found);
  }
  return found;
}

function collectFacts(node: unknown, into: Set<string>): void {
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach((c) => collectFacts(c, into));
  if ('not' in n) collectFacts(n.not, into);
  if (typeof n.fact === 'string') into.add(n.fact);
  if (typeof n.value === 'object' && n.value !== null && typeof (n.value as Record<string, unknown>).fact === 'string') {
    into.add((n.value as Record<string, unknown>).fact as string);
  }
}

/**
 * Facts as constant json-rules-engine facts without a result cache: the cache only serves computed
 * facts, and its key is a hash of every fact on every run.
 */
const NO_CACHE = { cache: false };

/** The rules that fired, in json-rules-engine's order (priority, then completion). */
export async function firedRules(policy: Policy, facts: Facts): Promise<DecisionReason[]> {
  // A fresh Engine per evaluation: json-rules-engine keeps its run status on the engine, so one
  // Engine shared by overlapping run() calls silently mixes their results (upstream issue #303).
  // The rules take their operators from their host engine, so this one needs none added.
  const { rules, facts: used } = prepared(policy);
  const engine = new Engine(rules, ENGINE_OPTIONS);
  const runtime: Record<string, Fact> = {};
  const given = facts as unknown as Record<string, unknown>;
  // A fact a rule reads that is not given stays absent, so the engine refuses it as it always did.
  for (const name of used) if (Object.prototype.hasOwnProperty.call(given, name)) runtime[name] = new Fact(name, given[name], NO_CACHE);
  const { results } = await engine.run(runtime);
  return results.map((r) => {
    const event = r.event as { type: RuleOutcome; params?: { code?: string; message?: string } };
    return {
      code: String(event.params?.code ?? r.name),
      message: String(event.params?.message ?? ''),
      rule: String(r.name),
      outcome: event.type,
    };
  });
}

/** Decides one case. */
export async function evaluatePolicy(policy: Policy, facts: Facts, now: Date = new Date()): Promise<Decision> {
  const fired = await firedRules(policy, facts);
  const { outcome, reasons } = combineOutcome(fired, policy.defaultOutcome, facts);
  return { outcome, reasons, policyVersion: policy.version, decidedAt: now, facts, decidedBy: null, note: null };
}
