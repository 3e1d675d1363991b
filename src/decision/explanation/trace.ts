import { Engine } from 'json-rules-engine';
import type { Outcome } from '../../signals/model';
import type { DecisionReason, RuleOutcome } from '../engine/decision';
import type { Facts } from '../engine/facts';
import { installOperators } from '../engine/operators';
import { combineOutcome, GATEWAY_RULE, GUARDS } from '../engine/outcome';
import { resolvePath } from '../engine/path-resolver';
import type { Policy, PolicyRule } from '../engine/policy';

/**
 * Why a case was decided as it was: every rule of the policy, whether it fired, and each of its
 * conditions with the value the fact had. Unlike the engine, which stops at the first failing
 * condition of an `all`, every condition is evaluated, so the trace shows all that failed. Nested
 * `all`/`any`/`not` groups are flattened in the order they are written.
 */
export interface ConditionTrace {
  fact: string;
  path: string | null;
  operator: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
}

export interface RuleTrace {
  rule: string;
  fired: boolean;
  /** The rule's outcome when it fired; null when it did not. */
  outcome: Outcome | null;
  conditions: ConditionTrace[];
}

/** Gateway guards, traced after the policy's rules under these names. */
const GUARD_PENDING = `${GATEWAY_RULE}:vendor-pending`;
const GUARD_UNAVAILABLE = `${GATEWAY_RULE}:vendor-unavailable`;
const GUARD_UNCLEAR = `${GATEWAY_RULE}:vendor-answer-unclear`;
const GUARD_CHECK_FAILED = `${GATEWAY_RULE}:vendor-check-failed`;
const GUARD_RULES: Record<string, string> = {
  VENDOR_UNAVAILABLE: GUARD_UNAVAILABLE,
  VENDOR_ANSWER_UNCLEAR: GUARD_UNCLEAR,
  VENDOR_CHECK_FAILED: GUARD_CHECK_FAILED,
};

/** An operator as json-rules-engine runs it: its fact guard, then its comparison. */
interface EvaluatingOperator {
  evaluate(factValue: unknown, value: unknown): boolean;
}

/** The operator map of an engine that is never run: the same operators, decorators included, as a decision uses. */
const OPERATORS = (() => {
  const host = new Engine([]);
  installOperators(host);
  return (host as unknown as { operators: { get(name: string): EvaluatingOperator | null } }).operators;
})();

export function explainDecision(policy: Policy, facts: Facts): { outcome: Outcome; reasons: DecisionReason[]; traces: RuleTrace[] } {
  const traces = policy.rules.map((rule) => traceRule(rule, facts));
  const fired: DecisionReason[] = traces
    .filter((t) => t.fired)
    .map((t) => {
      const rule = policy.rules.find((r) => r.name === t.rule)!;
      return { code: rule.event.params.code, message: rule.event.params.message, rule: rule.name, outcome: rule.event.type };
    });
  const { outcome, reasons } = combineOutcome(fired, policy.defaultOutcome, facts);
  const has = (code: string) => reasons.some((r) => r.rule === GATEWAY_RULE && r.code === code);
  traces.push(
    guard(GUARD_PENDING, has('VENDOR_PENDING'), 'PENDING', '$.pending', facts.vendors.pending),
    ...GUARDS.map((g) => guard(GUARD_RULES[g.code]!, has(g.code), 'REVIEW', g.path, [...g.vendors(facts)])),
  );
  return { outcome, reasons, traces };
}

function guard(rule: string, fired: boolean, outcome: Outcome, path: string, actual: unknown[]): RuleTrace {
  return {
    rule,
    fired,
    outcome: fired ? outcome : null,
    conditions: [{ fact: 'vendors', path, operator: 'notEmpty', expected: true, actual, passed: actual.length > 0 }],
  };
}

function traceRule(rule: PolicyRule, facts: Facts): RuleTrace {
  const conditions: ConditionTrace[] = [];
  const fired = evaluateNode(rule.conditions, facts, conditions);
  return { rule: rule.name, fired, outcome: fired ? (rule.event.type as RuleOutcome) : null, conditions };
}

/** json-rules-engine's semantics: `all` and `any` of nothing hold; `not` negates; a condition holds only when exactly true. */
function evaluateNode(node: unknown, facts: Facts, out: ConditionTrace[]): boolean {
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.all)) return n.all.map((c) => evaluateNode(c, facts, out)).every((r) => r === true);
  if (Array.isArray(n.any)) return n.any.length === 0 || n.any.map((c) => evaluateNode(c, facts, out)).some((r) => r === true);
  if ('not' in n) return !evaluateNode(n.not, facts, out);
  const trace = traceCondition(n, facts);
  out.push(trace);
  return trace.passed;
}

export function factValue(facts: Facts, fact: string, path: string | undefined): unknown {
  const value = (facts as unknown as Record<string, unknown>)[fact];
  if (path && value !== null && typeof value === 'object') return resolvePath(value, path);
  return value;
}

function traceCondition(n: Record<string, unknown>, facts: Facts): ConditionTrace {
  const fact = String(n.fact);
  const path = typeof n.path === 'string' ? n.path : undefined;
  const actual = factValue(facts, fact, path);
  const ref = n.value as Record<string, unknown> | null;
  const expected = ref !== null && typeof ref === 'object' && !Array.isArray(ref) && 'fact' in ref ? factValue(facts, String(ref.fact), ref.path as string | undefined) : n.value;
  const operator = OPERATORS.get(String(n.operator));
  const passed = operator !== null && operator.evaluate(actual, expected) === true;
  return { fact, path: path ?? null, operator: String(n.operator), expected, actual: actual === undefined ? null : actual, passed };
}
