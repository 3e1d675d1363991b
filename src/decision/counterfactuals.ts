import type { Outcome } from '../signals/model';
import { evaluatePolicy } from './evaluate';
import { factSpec, lookupPath } from './fact-catalogue';
import type { Facts } from './facts';
import type { Policy } from './policy';
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

export async function counterfactuals(policy: Policy, facts: Facts, outcome: Outcome): Promise<Counterfactual[]> {
  if (outcome !== 'REVIEW' && outcome !== 'REJECT') return [];
  const candidates = new Map<string, { fact: string; path: string | undefined; values: unknown[] }>();
  const add = (fact: string, path: string | undefined, values: unknown[]) => {
    const key = `${fact}\u0000${path ?? ''}`;
    const entry = candidates.get(key) ?? { fact, path, values: [] };
    entry.values.push(...values);
    candidates.set(key, entry);
  };
  for (const rule of policy.rules) forEachLeaf(rule.conditions, (leaf) => add(leaf.fact, leaf.path, candidateValues(leaf, facts)));
  if (facts.vendors.failed.length > 0) add('vendors', '$.failed', [[]]);

  const found: Counterfactual[] = [];
  for (const { fact, path, values } of candidates.values()) {
    const from = factValue(facts, fact, path) ?? null;
    const best = new Map<Outcome, { to: unknown; distance: number }>();
    for (const to of dedupe(values)) {
      if (same(to, from)) continue;
      const changed = withValue(facts, fact, path, to);
      const result = (await evaluatePolicy(policy, changed)).outcome;
      if (RANK[result] >= RANK[outcome]) continue;
      const d = distance(from, to);
      const held = best.get(result);
      if (!held || d < held.distance) best.set(result, { to, distance: d });
    }
    // A farther change is only worth showing when it reaches a better outcome than every nearer one.
    const kept = [...best.entries()].sort((a, b) => a[1].distance - b[1].distance);
    let bestRank = RANK[outcome];
    for (const [result, { to }] of kept) {
      if (RANK[result] >= bestRank) continue;
      bestRank = RANK[result];
      found.push({ fact, path: path ?? null, from, to, outcome: result });
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
      return [...(Array.isArray(v) ? v : []), ...(spec?.nullable || found?.kind === 'map-entry' ? [null] : []), ...(spec?.values ?? [])];
    case 'contains':
    case 'doesNotContain':
      return [list.filter((x) => x !== v), list.includes(v) ? list : [...list, v]];
    case 'containsAny':
      return Array.isArray(v) ? [list.filter((x) => !v.includes(x))] : [];
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
  if (Array.isArray(from) && Array.isArray(to)) return from.filter((x) => !to.includes(x)).length + to.filter((x) => !from.includes(x)).length;
  return 1;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function round(x: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(x.toFixed(decimals));
}

function clamp(x: number, range: readonly [number, number] | undefined): number {
  return range ? Math.min(range[1], Math.max(range[0], x)) : x;
}
