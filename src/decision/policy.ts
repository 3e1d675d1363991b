import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RuleProperties } from 'json-rules-engine';
import { CUSTOM_OPERATOR_NAMES, ENGINE_OPERATOR_NAMES } from './operators';
import type { RuleOutcome } from './decision';

export const RULE_OUTCOMES: readonly RuleOutcome[] = ['APPROVE', 'REVIEW', 'REJECT'];

export interface PolicyRule extends RuleProperties {
  name: string;
  priority?: number;
  event: { type: RuleOutcome; params: { code: string; message: string } };
}

/** A loaded, checked policy. `version` is a content hash: it changes whenever a rule changes. */
export interface Policy {
  name: string;
  defaultOutcome: RuleOutcome;
  rules: PolicyRule[];
  version: string;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const OPERATORS = new Set([...ENGINE_OPERATOR_NAMES, ...CUSTOM_OPERATOR_NAMES]);

/**
 * Checks a policy document and returns it with its version. Catches at load time what
 * json-rules-engine would only find at run time (unknown operators) or silently misread (a priority
 * that is not a positive integer reorders rules as NaN).
 */
export function parsePolicy(document: unknown, source = 'policy'): Policy {
  const problems: string[] = [];
  const doc = document as Partial<Policy> | null;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new PolicyError([`${source}: must be a JSON object`]);
  if (typeof doc.name !== 'string' || doc.name.trim() === '') problems.push(`${source}: "name" is required`);
  if (!RULE_OUTCOMES.includes(doc.defaultOutcome as RuleOutcome)) {
    problems.push(`${source}: "defaultOutcome" must be one of ${RULE_OUTCOMES.join(', ')}`);
  }
  if (!Array.isArray(doc.rules)) {
    problems.push(`${source}: "rules" must be an array`);
  } else {
    const names = new Set<string>();
    doc.rules.forEach((rule, i) => checkRule(rule, `${source}: rules[${i}]`, names, problems));
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return { name: doc.name!, defaultOutcome: doc.defaultOutcome!, rules: doc.rules!, version: policyVersion(document) };
}

export function loadPolicyFile(file: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError([`${file}: ${(error as Error).message}`]);
  }
  return parsePolicy(json, file);
}

function checkRule(rule: PolicyRule, where: string, names: Set<string>, problems: string[]): void {
  if (typeof rule !== 'object' || rule === null) {
    problems.push(`${where}: must be an object`);
    return;
  }
  const label = typeof rule.name === 'string' && rule.name !== '' ? `${where} "${rule.name}"` : where;
  if (typeof rule.name !== 'string' || rule.name.trim() === '') problems.push(`${where}: "name" is required`);
  else if (names.has(rule.name)) problems.push(`${label}: duplicate rule name`);
  else names.add(rule.name);
  if (rule.priority !== undefined && !(Number.isInteger(rule.priority) && rule.priority > 0)) {
    problems.push(`${label}: "priority" must be a positive integer`);
  }
  if (!RULE_OUTCOMES.includes(rule.event?.type)) problems.push(`${label}: event.type must be one of ${RULE_OUTCOMES.join(', ')}`);
  if (typeof rule.event?.params?.code !== 'string' || rule.event.params.code === '') problems.push(`${label}: event.params.code is required`);
  if (typeof rule.event?.params?.message !== 'string') problems.push(`${label}: event.params.message is required`);
  checkConditions(rule.conditions, `${label} conditions`, problems);
}

function checkConditions(node: unknown, where: string, problems: string[]): void {
  if (typeof node !== 'object' || node === null) {
    problems.push(`${where}: must be an object with all, any, not or a fact condition`);
    return;
  }
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    if (key in n) {
      if (!Array.isArray(n[key])) problems.push(`${where}.${key}: must be an array`);
      else (n[key] as unknown[]).forEach((c, i) => checkConditions(c, `${where}.${key}[${i}]`, problems));
      return;
    }
  }
  if ('not' in n) return checkConditions(n.not, `${where}.not`, problems);
  if ('condition' in n) return; // a named shared condition
  if (typeof n.fact !== 'string') problems.push(`${where}: "fact" is required`);
  if (typeof n.operator !== 'string' || !OPERATORS.has(n.operator)) {
    problems.push(`${where}: unknown operator ${JSON.stringify(n.operator)}`);
  }
  if (!('value' in n)) problems.push(`${where}: "value" is required`);
}

/** A stable content hash of the policy: key order and whitespace do not change it, any value does. */
export function policyVersion(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((k) => k !== '$schema')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
