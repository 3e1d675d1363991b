import { Ajv, type ValidateFunction } from 'ajv';
import type { PathSegment } from './json-source';
import { policySchema } from './policy-schema';

/**
 * The JSON Schema as a safety net under the validator: a policy the validator passes is also checked
 * against the schema editors use, so the two can never disagree silently.
 */
let compiled: ValidateFunction | null = null;

export function schemaProblems(document: unknown): Array<{ path: PathSegment[]; message: string }> {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(policySchema());
  if (compiled(document)) return [];
  const seen = new Set<string>();
  const problems: Array<{ path: PathSegment[]; message: string }> = [];
  for (const error of compiled.errors ?? []) {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const message = `does not match the policy schema at ${error.instancePath || '/'}: ${error.message ?? 'invalid'}`;
    if (seen.has(message)) continue;
    seen.add(message);
    problems.push({ path, message });
  }
  return problems.slice(0, 5);
}
