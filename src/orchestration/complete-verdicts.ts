import type { CheckVerdict, VendorOutcome, VerdictCheck } from '../signals/model';

/** The field named by a verdict the adapter did not give. */
const NO_VERDICT_FIELD = '(no verdict)';

/**
 * An OK answer carries a verdict for every check its vendor performs: a check the adapter gave none
 * for is recorded UNCLEAR, so an adapter that forgets a check can never make it pass. Answers that
 * are not OK (FAILED, TIMEOUT, PENDING, SKIPPED) already keep a case from APPROVE and are unchanged.
 */
export function completeVerdicts(outcome: VendorOutcome, checks: readonly VerdictCheck[]): VendorOutcome {
  if (outcome.result.status !== 'OK') return outcome;
  const given = new Set(outcome.verdicts.map((v) => v.check));
  const missing: CheckVerdict[] = checks
    .filter((check) => !given.has(check))
    .map((check) => ({ vendor: outcome.result.vendor, check, verdict: 'UNCLEAR', field: NO_VERDICT_FIELD, raw: null }));
  return missing.length === 0 ? outcome : { ...outcome, verdicts: [...outcome.verdicts, ...missing] };
}
