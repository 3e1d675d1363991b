import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/decision/engine/facts';
import { evaluatePolicy } from '../../src/decision/engine/evaluate';
import { loadPolicyFile, parsePolicy } from '../../src/decision/authoring/policy-loader';
import { completeVerdicts } from '../../src/orchestration/complete-verdicts';
import { mergeSignals } from '../../src/signals/merge-signals';
import { emptyOutcome, type Outcome, type Vendor, type VendorOutcome, type VerdictCheck } from '../../src/signals/model';
import { SIMULATOR_MODULES } from '../../src/simulators/registry';
import { VENDOR_MODULES, VENDORS } from '../../src/vendors/registry';
import type { VendorMutationSet } from '../support/vendor-mutations';
import { advanceAiMutations } from './advance-ai/mutations';
import { computervisionVnMutations } from './computervision-vn/mutations';
import { innov8tifMutations } from './innov8tif/mutations';
import { verihubsMutations } from './verihubs/mutations';
import { huaweiOcrMutations } from './huawei-ocr/mutations';

/**
 * Fail closed, as a property: from each vendor's documented answers, every mutation of a
 * verdict-bearing field (absent, null, empty, wrong type, an unknown code or word, a contradiction)
 * is decided, alone, under the default policy and under a policy with no rules at all (so the
 * gateway's guards, not the policy, are what hold). A mutated answer may be APPROVE only when the
 * clean answer was APPROVE and the mutated field carries no verdict.
 */
const SETS: readonly VendorMutationSet[] = [advanceAiMutations, huaweiOcrMutations, computervisionVnMutations, verihubsMutations, innov8tifMutations];

const NOW = new Date('2026-06-01T00:00:00Z');
const POLICIES = {
  default: loadPolicyFile(join(__dirname, '../../rules/policy.json')),
  'no rules': parsePolicy({ name: 'no-rules', defaultOutcome: 'APPROVE', rules: [] }),
};

/** The checks each adapter declares (adapters built against an address nothing listens on, never called). */
const adapters = VENDORS.map((v) => VENDOR_MODULES[v].createAdapter(SIMULATOR_MODULES[v].adapterConfig('http://127.0.0.1:9', 1_000)));
const CHECKS = Object.fromEntries(adapters.map((a) => [a.vendor, a.checks])) as Record<Vendor, readonly VerdictCheck[]>;
afterAll(() => Promise.all(adapters.map((a) => a.close())));

/** What the orchestrator makes of one answer: a transformer that throws is FAILED (guardCall). */
function answer(set: VendorMutationSet, body: unknown): VendorOutcome {
  let outcome: VendorOutcome;
  try {
    outcome = set.transform(body);
  } catch {
    outcome = emptyOutcome(set.vendor, 'FAILED', 'INTERNAL_ERROR');
  }
  return completeVerdicts(outcome, CHECKS[set.vendor]);
}

async function decide(set: VendorMutationSet, body: unknown, policy: keyof typeof POLICIES): Promise<Outcome> {
  const outcome = answer(set, body);
  const signals = mergeSignals([{ ...outcome, result: { ...outcome.result, latencyMs: 1 } }]);
  const facts = buildFacts({ country: 'KH', documentType: 'NATIONAL_ID' }, signals, NOW);
  return (await evaluatePolicy(POLICIES[policy], facts, NOW)).outcome;
}

describe.each(SETS.map((set) => [set.vendor, set] as const))('%s: no mutated answer approves on evidence the gateway did not understand', (_vendor, set) => {
  it.each(Object.keys(POLICIES) as (keyof typeof POLICIES)[])('under the %s policy', async (policy) => {
    let tried = 0;
    const approved: string[] = [];
    for (const clean of set.clean) {
      const cleanOutcome = await decide(set, clean.body, policy);
      for (const mutation of set.mutations(clean.body)) {
        tried += 1;
        if ((await decide(set, mutation.body, policy)) !== 'APPROVE') continue;
        if (cleanOutcome === 'APPROVE' && mutation.carriesNoVerdict) continue;
        approved.push(`${clean.name} / ${mutation.field}: ${mutation.name}`);
      }
    }
    expect(approved).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(20);
  });

  it('its clean documented answer is understood: every check PASSED', () => {
    for (const clean of set.clean) {
      const { verdicts, result } = answer(set, clean.body);
      expect(result.status).toBe('OK');
      expect(verdicts.filter((v) => v.verdict !== 'PASSED')).toEqual([]);
    }
  });
});
