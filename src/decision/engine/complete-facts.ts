import { FACTS, FACT_NAMES, type FieldSpec, type MapSpec } from './fact-catalogue';
import type { Facts } from './facts';
import { clip, echo } from './echo';
import { didYouMean } from './suggest';

/**
 * Facts as a policy needs them, from facts that may be partial: a case stored before a fact existed,
 * or the facts a policy author gives a dry run. What is missing becomes what the gateway records when
 * nothing was observed (null, an empty list, 0 or false); what is given is checked against the
 * catalogue, so a dry run with `face.liveness: "high"` is refused instead of quietly never matching.
 */
export interface FactProblem {
  /** `face.liveness` */
  path: string;
  message: string;
}

export function completeFacts(input: unknown): { facts: Facts; problems: FactProblem[] } {
  const problems: FactProblem[] = [];
  const given = isObject(input) ? input : {};
  if (!isObject(input)) problems.push({ path: '', message: 'facts must be a JSON object such as {"face": {"liveness": 42}}' });
  for (const key of Object.keys(given)) {
    if (!FACT_NAMES.includes(key)) problems.push({ path: clip(key), message: `unknown fact${didYouMean(key, FACT_NAMES)}` });
  }
  const facts: Record<string, unknown> = {};
  for (const fact of FACTS) {
    const value = given[fact.name];
    const scalar = fact.fields.find((f) => f.path === '');
    if (scalar) {
      facts[fact.name] = value === undefined ? scalar.empty : checked(value, scalar, fact.name, problems);
      continue;
    }
    if (value !== undefined && value !== null && !isObject(value)) problems.push({ path: fact.name, message: 'must be an object' });
    const object = isObject(value) ? value : {};
    const known = [...fact.fields.map((f) => key(f.path)), ...fact.maps.map((m) => key(m.path))];
    for (const k of Object.keys(object)) {
      if (!known.includes(k)) problems.push({ path: `${fact.name}.${clip(k)}`, message: `unknown field${didYouMean(k, known)}` });
    }
    const out: Record<string, unknown> = {};
    for (const field of fact.fields) {
      const k = key(field.path);
      out[k] = object[k] === undefined ? field.empty : checked(object[k], field, `${fact.name}.${k}`, problems);
    }
    for (const map of fact.maps) out[key(map.path)] = checkedMap(object[key(map.path)], map, `${fact.name}.${key(map.path)}`, problems);
    facts[fact.name] = out;
  }
  return { facts: facts as unknown as Facts, problems };
}

function key(path: string): string {
  return path.slice(2);
}

function checked(value: unknown, spec: Omit<FieldSpec, 'path' | 'empty'>, path: string, problems: FactProblem[]): unknown {
  const problem = typeProblem(value, spec);
  if (problem !== null) problems.push({ path, message: problem });
  return value;
}

function checkedMap(value: unknown, map: MapSpec, path: string, problems: FactProblem[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    problems.push({ path, message: `must be an object of ${map.keyLabel} → value` });
    return {};
  }
  for (const [k, v] of Object.entries(value)) {
    const ok = map.keys ? map.keys.includes(k) : map.keyPattern!.test(k);
    if (!ok) problems.push({ path: `${path}.${clip(k)}`, message: `not a ${map.keyLabel}${map.keys ? didYouMean(k, map.keys) : ''}` });
    else checked(v, map.value, `${path}.${k}`, problems);
  }
  return value;
}

function typeProblem(value: unknown, spec: Omit<FieldSpec, 'path' | 'empty'>): string | null {
  if (value === null) return spec.nullable ? null : 'must not be null';
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number${spec.nullable ? ' or null' : ''}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (spec.range && (value < spec.range[0] || value > spec.range[1])) return `must be within ${spec.range[0]}..${spec.range[1]}`;
      return null;
    }
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return spec.values && !spec.values.includes(value) ? `must be one of ${spec.values.join(', ')}${didYouMean(value, spec.values)}` : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false${spec.nullable ? ' or null' : ''}`;
    case 'list': {
      if (!Array.isArray(value)) return 'must be a list';
      const odd = spec.values ? value.find((v) => typeof v !== 'string' || !spec.values!.includes(v)) : undefined;
      return odd === undefined ? null : `${echo(odd)} is not one of ${spec.values!.join(', ')}${typeof odd === 'string' ? didYouMean(odd, spec.values!) : ''}`;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
