import { createHash } from 'node:crypto';
import type { RuleProperties } from 'json-rules-engine';
import type { RuleOutcome } from './decision';

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
  /** The policy document as written, kept so a decision can be explained with the policy that made it. */
  document: unknown;
}

/**
 * A Policy from a document without checking it: only for documents that were checked when they were
 * first loaded (the policies on record), which must stay readable even if today's checks are stricter.
 */
export function compilePolicy(document: unknown): Policy {
  const doc = document as { name: string; defaultOutcome: RuleOutcome; rules: PolicyRule[] };
  return { name: doc.name, defaultOutcome: doc.defaultOutcome, rules: doc.rules, version: policyVersion(document), document };
}

/** A stable content hash of the policy: key order and whitespace do not change it, any value does. */
function policyVersion(document: unknown): string {
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
