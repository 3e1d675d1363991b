import { FACTS, type FieldSpec } from '../../src/decision/engine/fact-catalogue';
import type { Facts } from '../../src/decision/engine/facts';
import { kindOf, OPERATOR_SPECS, type ValueKind } from '../../src/decision/authoring/operator-specs';

/**
 * Seeded random policies and facts over the whole fact catalogue and every operator, for tests that
 * compare the gateway's evaluator with json-rules-engine as shipped. Values cluster around the
 * thresholds the policies use, so rules fire and do not fire in every combination.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Random, p: number) => r() < p;
const subset = <T>(r: Random, xs: readonly T[], p = 0.3): T[] => xs.filter(() => chance(r, p));

const CODES = ['SUCCESS', 'STRATEGY_HIT', 'NO_FACE_DETECTED', 'ModelArts.4204', 'AIS.0103', 'FAIL_ON_2', 'OK'];
const THRESHOLDS = [0, 0.5, 0.6, 1, 17, 18, 30, 49, 50, 50.5, 69, 70, 74, 100];

interface Slot {
  fact: string;
  path?: string;
  kind: ValueKind;
  spec: Omit<FieldSpec, 'path' | 'empty'>;
}

/** Every value a condition can read: fields, maps and map entries. */
const SLOTS: Slot[] = FACTS.flatMap((fact) => [
  ...fact.fields.map((f) => ({ fact: fact.name, path: f.path || undefined, kind: kindOf(f.type), spec: f })),
  ...fact.maps.flatMap((m) => [
    ...(m.keys ?? ['l-kh-id-back-logo1', 'l-kh-id-back-national']).map((k) => ({ fact: fact.name, path: `${m.path}.${k}`, kind: kindOf(m.value.type), spec: m.value })),
  ]),
]);

function numberNear(r: Random, spec: Omit<FieldSpec, 'path' | 'empty'>): number {
  const t = pick(r, THRESHOLDS);
  const v = pick(r, [t, t - 1, t + 1, t - 0.01, t + 0.01, t * 0.5]);
  return spec.type === 'integer' ? Math.round(v) : v;
}

function valueFor(r: Random, slot: Slot): unknown {
  const { spec } = slot;
  if (spec.nullable && chance(r, 0.15)) return null;
  switch (spec.type) {
    case 'number':
    case 'integer':
      return numberNear(r, spec);
    case 'boolean':
      return chance(r, 0.5);
    case 'string':
      return spec.values ? pick(r, spec.values) : slot.fact === 'country' ? pick(r, ['KH', 'VN', 'ID', 'TH']) : pick(r, CODES);
    case 'list':
      return subset(r, spec.values ?? CODES, 0.25);
  }
}

export function randomFacts(r: Random): Facts {
  const facts: Record<string, unknown> = {};
  for (const fact of FACTS) {
    const scalar = fact.fields.find((f) => f.path === '');
    if (scalar) {
      facts[fact.name] = valueFor(r, { fact: fact.name, kind: kindOf(scalar.type), spec: scalar });
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const f of fact.fields) out[f.path.slice(2)] = valueFor(r, { fact: fact.name, path: f.path, kind: kindOf(f.type), spec: f });
    for (const m of fact.maps) {
      const keys = subset(r, m.keys ?? ['l-kh-id-back-logo1', 'l-kh-id-back-national', 'l-kh-id-back-logo2'], 0.4);
      out[m.path.slice(2)] = Object.fromEntries(keys.map((k) => [k, valueFor(r, { fact: fact.name, kind: kindOf(m.value.type), spec: m.value })]));
    }
    facts[fact.name] = out;
  }
  return facts as unknown as Facts;
}

function randomLeaf(r: Random): Record<string, unknown> {
  const slot = pick(r, SLOTS);
  const usable = OPERATOR_SPECS.filter((o) => o.reads === 'any' || o.reads.includes(slot.kind));
  const op = pick(r, usable);
  const sample = () => valueFor(r, { ...slot, spec: { ...slot.spec, nullable: false } });
  let value: unknown;
  switch (op.name) {
    case 'in':
    case 'notIn':
      value = [sample(), chance(r, 0.2) ? null : sample()];
      break;
    case 'equal':
    case 'notEqual':
      // null tells a value no vendor gave (null) from a key that is not there at all (undefined).
      value = chance(r, 0.2) ? null : sample();
      break;
    case 'contains':
    case 'doesNotContain':
      value = pick(r, slot.spec.values ?? CODES);
      break;
    case 'containsAny':
      value = [pick(r, slot.spec.values ?? CODES), pick(r, slot.spec.values ?? CODES)];
      break;
    case 'notEmpty':
    case 'isEmpty':
    case 'isNull':
      value = chance(r, 0.8);
      break;
    case 'between': {
      const a = numberNear(r, slot.spec);
      const b = numberNear(r, slot.spec);
      value = [Math.min(a, b), Math.max(a, b)];
      break;
    }
    case 'matchesPattern':
      value = pick(r, ['^Model', 'STRATEGY', '^K', 'H$', '\\d{4}']);
      break;
    default:
      value = sample();
  }
  let operator = op.name;
  if (chance(r, 0.1) && op.name !== 'isNull') operator = `not:${operator}`;
  if (slot.kind === 'list' && chance(r, 0.15)) {
    operator = pick(r, ['someFact:equal', 'everyFact:notEqual']);
    value = pick(r, slot.spec.values ?? CODES);
  }
  return { fact: slot.fact, ...(slot.path ? { path: slot.path } : {}), operator, value };
}

function randomNode(r: Random, depth: number): Record<string, unknown> {
  if (depth > 2 || chance(r, 0.55)) return randomLeaf(r);
  const kind = pick(r, ['all', 'any', 'not'] as const);
  if (kind === 'not') return { not: randomNode(r, depth + 1) };
  return { [kind]: Array.from({ length: Math.floor(r() * 4) }, () => randomNode(r, depth + 1)) };
}

export function randomPolicy(r: Random, index: number): Record<string, unknown> {
  const outcomes = ['APPROVE', 'REVIEW', 'REJECT'];
  return {
    name: `random-${index}`,
    defaultOutcome: pick(r, outcomes),
    rules: Array.from({ length: 1 + Math.floor(r() * 12) }, (_, i) => ({
      name: `rule-${i}`,
      ...(chance(r, 0.8) ? { priority: 1 + Math.floor(r() * 4) } : {}),
      conditions: { [pick(r, ['all', 'any'])]: Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomNode(r, 1)) },
      event: { type: pick(r, outcomes), params: { code: `CODE_${i}`, message: `rule ${i}` } },
    })),
  };
}
