import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mergeSignals } from '../orchestration/merge-signals';
import type { DocumentType, VendorSignals } from '../signals/model';
import { completeFacts } from './complete-facts';
import { evaluatePolicy } from './evaluate';
import { buildFacts, type Facts } from './facts';
import { loadPolicyFile, PolicyError, type Policy } from './policy';

/**
 * Policy tests: `rules/tests/*.json` files of cases, each facts (or a whole set of vendor signals)
 * with the outcome and reason codes the policy must give. `npm run rules:test` and the project's test
 * suite run them, so a policy change that breaks an expectation is caught before it goes live.
 */
export interface TestCase {
  name: string;
  /** Facts, merged over the file's `base`; anything not given reads as "nothing observed". */
  facts?: Record<string, unknown>;
  /** Or the vendors' answers, turned into facts exactly as a verification does. */
  signals?: { country: string; documentType: DocumentType; now?: string; vendors: Array<Partial<VendorSignals>> };
  expect: { outcome: string; reasons?: string[] };
}

export interface TestFile {
  /** The policy under test, relative to the test file; default `../policy.json`. */
  policy?: string;
  base?: Record<string, unknown>;
  cases: TestCase[];
}

export interface CaseResult {
  name: string;
  passed: boolean;
  expected: { outcome: string; reasons?: string[] };
  actual: { outcome: string; reasons: string[] } | null;
  /** Why the case could not run (bad facts). */
  problem?: string;
  /** The rules that fired. */
  rules: string[];
}

export interface FileResult {
  file: string;
  policyFile: string;
  policy: Policy | null;
  /** Why the file could not run at all (unreadable, not JSON, invalid policy). */
  error: string | null;
  cases: CaseResult[];
  /** Rules of the policy that no case of this file fires. */
  uncovered: string[];
}

export async function runPolicyTestFile(file: string): Promise<FileResult> {
  let spec: TestFile;
  try {
    spec = JSON.parse(await readFile(file, 'utf8')) as TestFile;
    if (!Array.isArray(spec?.cases)) throw new Error('"cases" must be a list');
  } catch (error) {
    return { file, policyFile: '', policy: null, error: `${file}: ${(error as Error).message}`, cases: [], uncovered: [] };
  }
  const policyFile = resolve(dirname(file), spec.policy ?? '../policy.json');
  let policy: Policy;
  try {
    policy = loadPolicyFile(policyFile);
  } catch (error) {
    const message = error instanceof PolicyError ? error.problems.join('\n') : (error as Error).message;
    return { file, policyFile, policy: null, error: message, cases: [], uncovered: [] };
  }
  const cases: CaseResult[] = [];
  for (const testCase of spec.cases) cases.push(await runCase(policy, spec.base ?? {}, testCase));
  const fired = new Set(cases.flatMap((c) => c.rules));
  return { file, policyFile, policy, error: null, cases, uncovered: policy.rules.map((r) => r.name).filter((n) => !fired.has(n)) };
}

async function runCase(policy: Policy, base: Record<string, unknown>, testCase: TestCase): Promise<CaseResult> {
  const expected = testCase.expect ?? { outcome: '?' };
  const fail = (problem: string): CaseResult => ({ name: testCase.name, passed: false, expected, actual: null, problem, rules: [] });
  let facts: Facts;
  if (testCase.signals) {
    const { country, documentType, now, vendors } = testCase.signals;
    const at = new Date(now ?? Date.now());
    facts = buildFacts({ country, documentType }, mergeSignals(vendors.map(fullSignals)), at);
  } else {
    const completed = completeFacts(deepMerge(base, testCase.facts ?? {}));
    if (completed.problems.length > 0) return fail(`bad facts: ${completed.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    facts = completed.facts;
  }
  const decision = await evaluatePolicy(policy, facts);
  const codes = decision.reasons.map((r) => r.code);
  const passed =
    decision.outcome === expected.outcome && (expected.reasons === undefined || sameCodes(codes, expected.reasons));
  return {
    name: testCase.name,
    passed,
    expected,
    actual: { outcome: decision.outcome, reasons: codes },
    rules: decision.reasons.map((r) => r.rule),
  };
}

function sameCodes(actual: string[], expected: string[]): boolean {
  return JSON.stringify([...actual].sort()) === JSON.stringify([...expected].sort());
}

/** Objects merge key by key; lists and values replace. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A vendor's answer as a test writes it: only what matters, the rest empty. */
function fullSignals(s: Partial<VendorSignals>): VendorSignals {
  const result: Partial<VendorSignals['result']> = s.result ?? {};
  return {
    result: { status: 'OK', latencyMs: null, errorCode: null, message: null, reference: null, ...result } as VendorSignals['result'],
    fields: s.fields ?? [],
    face: s.face ?? null,
    landmarks: s.landmarks ?? [],
    forgery: s.forgery ?? [],
    quality: s.quality ?? [],
    mrz: s.mrz ?? null,
  };
}
