import { VENDORS } from '../../vendors/registry';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mergeSignals } from '../../signals/merge-signals';
import type { DocumentType, VendorSignals } from '../../signals/model';
import { completeFacts } from '../engine/complete-facts';
import { evaluatePolicy } from '../engine/evaluate';
import { buildFacts, type Facts } from '../engine/facts';
import type { Policy } from '../engine/policy';
import { loadPolicyFile, PolicyError } from './policy-loader';
import { didYouMean } from '../engine/suggest';

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
  /** Why the case could not run (bad facts, or the case itself is malformed). */
  problem?: string;
  /** The case as written is malformed (unknown key, vendor, date ...): `problem` says what. */
  invalid?: true;
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
  for (const [index, entry] of (spec.cases as unknown[]).entries()) {
    cases.push(await checkedCase(policy, spec.base ?? {}, entry, index));
  }
  const fired = new Set(cases.flatMap((c) => c.rules));
  return { file, policyFile, policy, error: null, cases, uncovered: policy.rules.map((r) => r.name).filter((n) => !fired.has(n)) };
}

/**
 * A case is checked before it runs: a misspelt key would otherwise be ignored and the case pass on
 * the base facts alone, and a malformed one would crash the whole run. Either way only this case fails.
 */
async function checkedCase(policy: Policy, base: Record<string, unknown>, entry: unknown, index: number): Promise<CaseResult> {
  const name = isObject(entry) && typeof entry.name === 'string' && entry.name !== '' ? entry.name : `case ${index + 1}`;
  const problems = caseProblems(entry);
  const invalid = (problem: string): CaseResult => ({ name, passed: false, expected: { outcome: '?' }, actual: null, problem, invalid: true, rules: [] });
  if (problems.length > 0) return invalid(problems.join('; '));
  try {
    return await runCase(policy, base, entry as unknown as TestCase);
  } catch (error) {
    // Anything the checks above missed still fails this case alone, with the reason.
    return invalid(`cannot run: ${(error as Error).message}`);
  }
}

const CASE_KEYS = ['name', 'facts', 'signals', 'expect'];
const EXPECT_KEYS = ['outcome', 'reasons'];
const SIGNALS_KEYS = ['country', 'documentType', 'now', 'vendors'];
const VENDOR_KEYS = ['result', 'fields', 'face', 'landmarks', 'forgery', 'quality', 'mrz'];

/** What is wrong with a case as written, before any fact is computed. */
function caseProblems(entry: unknown): string[] {
  if (!isObject(entry)) return [`a case must be an object, not ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}`];
  const problems = unknownKeys(entry, CASE_KEYS, '');
  if (typeof entry.name !== 'string' || entry.name === '') problems.push('"name" must be a non-empty string');
  if (!isObject(entry.expect)) problems.push('"expect" must be an object with an "outcome"');
  else {
    problems.push(...unknownKeys(entry.expect, EXPECT_KEYS, 'expect.'));
    if (typeof entry.expect.outcome !== 'string') problems.push('"expect.outcome" must be a string');
    const reasons = entry.expect.reasons;
    if (reasons !== undefined && !(Array.isArray(reasons) && reasons.every((r) => typeof r === 'string'))) {
      problems.push('"expect.reasons" must be a list of strings');
    }
  }
  // Both would leave the facts silently unused, since signals take precedence.
  if (entry.facts !== undefined && entry.signals !== undefined) problems.push('give either "facts" or "signals", not both');
  if (entry.facts !== undefined && !isObject(entry.facts)) problems.push('"facts" must be an object');
  if (entry.signals !== undefined) problems.push(...signalsProblems(entry.signals));
  return problems;
}

function signalsProblems(signals: unknown): string[] {
  if (!isObject(signals)) return ['"signals" must be an object'];
  const problems = unknownKeys(signals, SIGNALS_KEYS, 'signals.');
  for (const key of ['country', 'documentType']) {
    if (typeof signals[key] !== 'string') problems.push(`"signals.${key}" must be a string`);
  }
  // An unparsable date would make every age and expiry NaN, so an expired card could approve.
  if (signals.now !== undefined && (typeof signals.now !== 'string' || Number.isNaN(Date.parse(signals.now)))) {
    problems.push(`"signals.now" must be a date such as "2026-01-15T00:00:00Z", not ${JSON.stringify(signals.now)}`);
  }
  if (!Array.isArray(signals.vendors)) return [...problems, '"signals.vendors" must be a list of vendor answers'];
  signals.vendors.forEach((vendor: unknown, i: number) => {
    const at = `signals.vendors[${i}]`;
    if (!isObject(vendor)) {
      problems.push(`"${at}" must be an object`);
      return;
    }
    problems.push(...unknownKeys(vendor, VENDOR_KEYS, `${at}.`));
    const result = vendor.result;
    if (!isObject(result)) problems.push(`"${at}.result.vendor" is required (one of ${VENDORS.join(', ')})`);
    else problems.push(...vendorNameProblems(result.vendor, `${at}.result.vendor`, true));
    // Each signal also names its vendor; a typo there would attribute it to nobody.
    for (const key of ['fields', 'landmarks', 'forgery', 'quality']) {
      const list = vendor[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        problems.push(`"${at}.${key}" must be a list`);
        continue;
      }
      list.forEach((item: unknown, j: number) => {
        if (isObject(item)) problems.push(...vendorNameProblems(item.vendor, `${at}.${key}[${j}].vendor`, false));
      });
    }
    if (isObject(vendor.face)) problems.push(...vendorNameProblems(vendor.face.vendor, `${at}.face.vendor`, false));
  });
  return problems;
}

function vendorNameProblems(value: unknown, at: string, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (typeof value === 'string' && (VENDORS as readonly string[]).includes(value)) return [];
  const hint = typeof value === 'string' ? didYouMean(value, VENDORS) : '';
  return [`"${at}" ${value === undefined ? 'is required' : `${JSON.stringify(value)} is not a vendor`}${hint || ` (one of ${VENDORS.join(', ')})`}`];
}

function unknownKeys(object: Record<string, unknown>, known: string[], prefix: string): string[] {
  return Object.keys(object)
    .filter((key) => !known.includes(key))
    .map((key) => `unknown key "${prefix}${key}"${didYouMean(key, known, (k) => `"${prefix}${k}"`) || ` (known: ${known.join(', ')})`}`);
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
  const passed = decision.outcome === expected.outcome && (expected.reasons === undefined || sameCodes(codes, expected.reasons));
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
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
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
    verdicts: s.verdicts ?? [],
  };
}
