import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RuleProperties } from 'json-rules-engine';
import type { RuleOutcome } from './decision';
import { formatPath, formatProblem, validatePolicyDocument, validatePolicyText, type PolicyProblem } from './policy-validator';

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

/** A policy that cannot be used; `problems` are printable lines, `details` the structured problems. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(
    readonly problems: string[],
    readonly details: PolicyProblem[] = [],
  ) {
    super(problems.join('; '));
  }
}

/**
 * Checks a policy document and returns it with its version. Catches at load time what
 * json-rules-engine would only find at run time (unknown operators or facts) or silently misread (a
 * priority that is not a positive integer reorders rules as NaN). `source` names it in messages.
 */
export function parsePolicy(document: unknown, source = 'policy'): Policy {
  const problems = validatePolicyDocument(document);
  if (problems.length > 0) {
    throw new PolicyError(
      problems.map((p) => `${source}: ${[p.path.length ? formatPath(p.path) : null, p.rule !== null ? `rule "${p.rule}"` : null, p.message].filter(Boolean).join('  ')}`),
      problems,
    );
  }
  return compilePolicy(document);
}

/** Reads and checks a policy file; problems carry `file:line:column`. */
export function loadPolicyFile(file: string): Policy {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (error) {
    throw new PolicyError([`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parsePolicyText(text, file);
}

/** `text` may be the file's bytes, so that bytes that are not UTF-8 are refused (see validatePolicyText). */
export function parsePolicyText(text: string | Uint8Array, file: string): Policy {
  const { document, problems } = validatePolicyText(text);
  if (problems.length > 0) throw new PolicyError(problems.map((p) => formatProblem(file, p)), problems);
  return compilePolicy(document);
}

/**
 * A Policy from a document without checking it: only for documents that were checked when they were
 * first loaded (the policies on record), which must stay readable under checks stricter than those they passed.
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
