import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/decision/authoring/policy-loader';
import { PolicyHolder } from '../../src/decision/engine/policy-holder';
import { CaseDecider, type UndecidedCase } from '../../src/orchestration/case-decider';
import { mergeSignals } from '../../src/signals/merge-signals';
import { emptyOutcome, type Vendor, type VendorSignals } from '../../src/signals/model';
import type { IdentityRecord } from '../../src/store/identity-record';
import type { CaseUpdate, IdentityStore } from '../../src/store/identity-store';
import { okOutcome } from './fake-adapters';

const policies = new PolicyHolder(loadPolicyFile(join(__dirname, '../../rules/policy.json')));
const POLL_BASE_MS = 1_000;
const now = new Date('2026-03-01T10:00:00Z');

/** A store that keeps what it was asked to write. */
function recordingStore() {
  const created: Array<{ record: IdentityRecord; nextPollAt: Date | null }> = [];
  const appended: Array<{ id: string; update: CaseUpdate }> = [];
  const store: Pick<IdentityStore, 'create' | 'append'> = {
    create: async (record, nextPollAt) => void created.push({ record, nextPollAt }),
    append: async (id, update) => void appended.push({ id, update }),
  };
  return { store, created, appended };
}

const signalsOf = (vendor: Vendor, status: 'OK' | 'PENDING' = 'OK'): VendorSignals => {
  const outcome = status === 'OK' ? okOutcome(vendor) : emptyOutcome(vendor, 'PENDING');
  return { ...outcome, result: { ...outcome.result, latencyMs: 10 } };
};

function undecided(vendorSignals: VendorSignals[]): UndecidedCase {
  return {
    id: '3b241101-e2bb-4255-8caf-4136c566a962',
    owner: 'owner-a',
    caseNo: 'decider-1',
    inputHash: 'hash',
    country: 'KH',
    documentType: 'NATIONAL_ID',
    faceSignatureId: 'face-1',
    imageHashes: { front: null, back: null },
    vendorSignals,
  };
}

/** nextPollAt's backoff for this attempt, with its up to 10% jitter. */
function expectPollAfter(at: Date | null | undefined, attempt: number): void {
  const delay = at!.getTime() - now.getTime();
  expect(delay).toBeGreaterThanOrEqual(POLL_BASE_MS * 2 ** attempt);
  expect(delay).toBeLessThanOrEqual(POLL_BASE_MS * 2 ** attempt * 1.1);
}

describe('CaseDecider.decideNew', () => {
  it('merges the signals, decides with the running policy and creates the case with no poll when no vendor is pending', async () => {
    const { store, created } = recordingStore();
    const vendorSignals = [signalsOf('HUAWEI_OCR'), signalsOf('ADVANCE_AI')];
    const record = await new CaseDecider({ policies, store, pollBaseMs: POLL_BASE_MS }).decideNew(undecided(vendorSignals), now);
    expect(record.signals).toEqual(mergeSignals(vendorSignals));
    expect(record.decisions).toHaveLength(1);
    expect(record.decisions[0]).toMatchObject({ outcome: 'APPROVE', policyVersion: policies.policy.version, decidedAt: now });
    expect(record.decisions[0]!.facts?.face).toEqual({ liveness: 99, similarity: 90 });
    expect([record.createdAt, record.updatedAt]).toEqual([now, now]);
    expect(created).toEqual([{ record, nextPollAt: null }]);
  });

  it('a pending vendor makes the case PENDING, created with its first poll', async () => {
    const { store, created } = recordingStore();
    const record = await new CaseDecider({ policies, store, pollBaseMs: POLL_BASE_MS }).decideNew(undecided([signalsOf('HUAWEI_OCR'), signalsOf('ADVANCE_AI', 'PENDING')]), now);
    expect(record.decisions[0]!.outcome).toBe('PENDING');
    expectPollAfter(created[0]!.nextPollAt, 0);
  });
});

describe('CaseDecider.decideAgain', () => {
  it("appends the decision on the new signals with the re-poll's calls, and the next poll backs off with the attempt", async () => {
    const { store, appended } = recordingStore();
    const decider = new CaseDecider({ policies, store, pollBaseMs: POLL_BASE_MS });
    const stored = { ...undecided([signalsOf('HUAWEI_OCR'), signalsOf('ADVANCE_AI', 'PENDING')]), signals: mergeSignals([]), createdAt: now, updatedAt: now };
    const stillPending = [signalsOf('HUAWEI_OCR'), signalsOf('ADVANCE_AI', 'PENDING')];
    const calls = [{ result: stillPending[1]!.result, counted: true }];
    await decider.decideAgain(stored, stillPending, calls, 3, now);
    expect(appended[0]!.id).toBe(stored.id);
    expect(appended[0]!.update).toMatchObject({ vendorSignals: stillPending, calls, decision: { outcome: 'PENDING', decidedAt: now } });
    expectPollAfter(appended[0]!.update.nextPollAt, 3);

    const lowSimilarity = { ...signalsOf('ADVANCE_AI'), face: { livenessScore: 99, similarityScore: 40, vendor: 'ADVANCE_AI' as const } };
    await decider.decideAgain(stored, [signalsOf('HUAWEI_OCR'), lowSimilarity], [], 4, now);
    expect(appended[1]!.update.decision.outcome).toBe('REJECT');
    expect(appended[1]!.update.decision.reasons.map((r) => r.code)).toContain('SIMILARITY_FAIL');
    expect(appended[1]!.update.nextPollAt).toBeNull();
  });
});
