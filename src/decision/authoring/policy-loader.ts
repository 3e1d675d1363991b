import { readFileSync } from 'node:fs';
import { compilePolicy, type Policy } from '../engine/policy';
import { formatPath, formatProblem, validatePolicyDocument, validatePolicyText, type PolicyProblem } from './policy-validator';

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
  if (problems.length > 0)
    throw new PolicyError(
      problems.map((p) => formatProblem(file, p)),
      problems,
    );
  return compilePolicy(document);
}
