import { setImmediate } from 'node:timers/promises';
import type { Outcome } from '../../signals/model';
import { evaluatePolicy } from '../engine/evaluate';
import { factSpec, lookupPath } from '../engine/fact-catalogue';
import type { Facts } from '../engine/facts';
import type { Policy } from '../engine/policy';
import { PolicyTooCostlyError } from './policy-too-costly';
import { factValue } from './trace';

/**
 * For a REVIEW or REJECT, the smallest changes of one fact value that would have given a better
 * outcome ("similarity 64 → 70 would APPROVE"). Candidates are the values just either side of every
 * threshold the policy tests on that value (and emptying a list, clearing a flag); each is decided
 * again by the whole policy, gateway guards included, with every other fact as it was. Per fact value,
 * only the nearest change to each better outcome is kept.
 */
export interface Counterfactual {
  fact: string;
  path: string | null;
  from: unknown;
  to: unknown;
  outcome: Outcome;
}

const RANK: Record<Outcome, number> = { APPROVE: 0, REVIEW: 1, REJECT: 2, PENDING: 3 };

/**
 * The most candidate changes decided again per call, whatever the policy: each is a whole evaluation.
 * They are shared out fact value by fact value in turn (the first candidate of each, then the second...),
 * so a long list on one fact cannot crowd out the others.
 */
export const MAX_CANDIDATES = 128;
/** The most candidate values kept for one fact value (an `in` list gives one per entry). */
export const MAX_VALUES_PER_FACT = 32;
/** How long one call may take in all, yielding to other requests between evaluations. */
const COUNTERFACTUALS_BUDGET_MS = 2_000;

interface Candidates {
  fact: string;
  path: string | undefined;
  from: unknown;
  values: unknown[];
  /** JSON of the values kept, and of `from`: each value is kept once. */
  seen: Set<string>;
}

/**
 * Throws PolicyTooCostlyError past `budgetMs`. Between two evaluations it yields to the event loop, so
 * other requests wait at most one evaluation, never the whole search.
 */
export async function counterfactuals(policy: Policy, facts: Facts, outcome: Outcome, budgetMs = COUNTERFACTUALS_BUDGET_MS): Promise<Counterfactual[]> {
  if (outcome !== 'REVIEW' && outcome !== 'REJECT') return [];
  const started = performance.now();
  const groups = new Map<string, Candidates>();
  const add = (fact: string, path: string | undefined, values: unknown[]) => {
    const key = `${fact}\u0000${path ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const from = factValue(facts, fact, path) ?? null;
      group = { fact, path, from, values: [], seen: new Set([JSON.stringify(from)]) };
      groups.set(key, group);
    }
    for (const value of values) {
      if (group.values.length >= MAX_VALUES_PER_FACT) return;
      const json = JSON.stringify(value);
      if (group.seen.has(json)) continue;
      group.seen.add(json);
      group.values.push(value);
    }
  };
  for (const rule of policy.rules) forEachLeaf(rule.conditions, (leaf) => add(leaf.fact, leaf.path, candidateValues(leaf, facts)));
  if (facts.vendors.failed.length > 0) add('vendors', '$.failed', [[]]);

  const results = new Map<Candidates, Array<{ to: unknown; result: Outcome }>>();
  const all = [...groups.values()];
  let tried = 0;
  for (let round = 0; round < MAX_VALUES_PER_FACT && tried < MAX_CANDIDATES; round++) {
    for (const group of all) {
      if (round >= group.values.length || tried >= MAX_CANDIDATES) continue;
      await setImmediate();
      if (performance.now() - started > budgetMs) {
        throw new PolicyTooCostlyError(`counterfactuals took over ${budgetMs} ms (${tried} candidate changes decided): the policy is too costly to explain`);
      }
      const to = group.values[round];
      const result = (await evaluatePolicy(policy, withValue(facts, group.fact, group.path, to))).outcome;
      tried++;
      if (RANK[result] < RANK[outcome]) results.set(group, [...(results.get(group) ?? []), { to, result }]);
    }
  }

  const found: Counterfactual[] = [];
  for (const group of all) {
    const best = new Map<Outcome, { to: unknown; distance: number }>();
    for (const { to, result } of results.get(group) ?? []) {
      const d = distance(group.from, to);
      const held = best.get(result);
      if (!held || d < held.distance) best.set(result, { to, distance: d });
    }
    // A farther change is only worth showing when it reaches a better outcome than every nearer one.
    const kept = [...best.entries()].sort((a, b) => a[1].distance - b[1].distance);
    let bestRank = RANK[outcome];
    for (const [result, { to }] of kept) {
      if (RANK[result] >= bestRank) continue;
      bestRank = RANK[result];
      found.push({ fact: group.fact, path: group.path ?? null, from: group.from, to, outcome: result });
    }
  }
  return found.sort((a, b) => RANK[a.outcome] - RANK[b.outcome]);
}

interface Leaf {
  fact: string;
  path: string | undefined;
  operator: string;
  value: unknown;
}

function forEachLeaf(node: unknown, visit: (leaf: Leaf) => void): void {
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.all)) n.all.forEach((c) => forEachLeaf(c, visit));
  else if (Array.isArray(n.any)) n.any.forEach((c) => forEachLeaf(c, visit));
  else if ('not' in n) forEachLeaf(n.not, visit);
  else if (typeof n.fact === 'string' && typeof n.operator === 'string') {
    const isRef = typeof n.value === 'object' && n.value !== null && !Array.isArray(n.value) && 'fact' in n.value;
    if (!isRef && !n.operator.includes(':')) visit({ fact: n.fact, path: n.path as string | undefined, operator: n.operator, value: n.value });
  }
}

/** The values just on either side of what the condition tests. */
function candidateValues(leaf: Leaf, facts: Facts): unknown[] {
  const fact = factSpec(leaf.fact);
  const found = fact ? lookupPath(fact, leaf.path) : null;
  const spec = found && (found.kind === 'field' || found.kind === 'map-entry') ? found.spec : null;
  const current = factValue(facts, leaf.fact, leaf.path);
  const step = spec?.step ?? 1;
  const v = leaf.value;
  const num = (x: number) => clamp(round(x, step), spec?.range);
  const list = Array.isArray(current) ? current : [];
  switch (leaf.operator) {
    case 'lessThan':
    case 'greaterThanInclusive':
      return typeof v === 'number' ? [num(v), num(v - step)] : [];
    case 'lessThanInclusive':
    case 'greaterThan':
      return typeof v === 'number' ? [num(v), num(v + step)] : [];
    case 'between':
      return Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number' ? [num(v[0] - step), num(v[0]), num(v[1]), num(v[1] + step)] : [];
    case 'equal':
    case 'notEqual':
      return [v, ...(typeof v === 'boolean' ? [!v] : []), ...(spec?.nullable ? [null] : []), ...(spec?.values ?? [])];
    case 'in':
    case 'notIn':
      return [...(Array.isArray(v) ? v.slice(0, MAX_VALUES_PER_FACT) : []), ...(spec?.nullable || found?.kind === 'map-entry' ? [null] : []), ...(spec?.values ?? [])];
    case 'contains':
    case 'doesNotContain':
      return [list.filter((x) => x !== v), list.includes(v) ? list : [...list, v]];
    case 'containsAny': {
      if (!Array.isArray(v)) return [];
      const tested = new Set(v);
      return [list.filter((x) => !tested.has(x))];
    }
    case 'notEmpty':
    case 'isEmpty':
      return Array.isArray(current) ? [[]] : current && typeof current === 'object' ? [{}] : [];
    case 'isNull':
      return spec?.nullable ? [null] : [];
    default:
      return [];
  }
}

function withValue(facts: Facts, fact: string, path: string | undefined, to: unknown): Facts {
  const copy = structuredClone(facts) as unknown as Record<string, unknown>;
  if (!path || path === '$') {
    copy[fact] = to;
    return copy as unknown as Facts;
  }
  const steps = path.replace(/^\$\.?/, '').split('.');
  let target = copy[fact] as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) {
    target[step] ??= {};
    target = target[step] as Record<string, unknown>;
  }
  target[steps.at(-1)!] = to;
  return copy as unknown as Facts;
}

function distance(from: unknown, to: unknown): number {
  if (typeof from === 'number' && typeof to === 'number') return Math.abs(to - from);
  if (Array.isArray(from) && Array.isArray(to)) {
    const [a, b] = [new Set(from), new Set(to)];
    return from.filter((x) => !b.has(x)).length + to.filter((x) => !a.has(x)).length;
  }
  return 1;
}

function round(x: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(x.toFixed(decimals));
}

function clamp(x: number, range: readonly [number, number] | undefined): number {
  return range ? Math.min(range[1], Math.max(range[0], x)) : x;
}
