import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/decision/authoring/policy-loader';
import { PolicyHolder } from '../../src/decision/engine/policy-holder';
import { PendingRefresher, type PendingRefresherDeps } from '../../src/orchestration/pending-refresher';
import { Routing } from '../../src/orchestration/routing';
import { Verifier } from '../../src/orchestration/verifier';
import { emptyOutcome, type Vendor } from '../../src/signals/model';
import type { IdentityRecord } from '../../src/store/identity-record';
import { IdentityStore } from '../../src/store/identity-store';
import { openDatabase } from '../../src/store/open-database';
import { PendingPolls } from '../../src/store/pending-polls';
import type { VerificationRequest } from '../../src/vendors/vendor';
import { adaptersOf, fakeVendors, okOutcome, type FakeVendor } from './fake-adapters';

const KH: Vendor[] = ['HUAWEI_OCR', 'INNOV8TIF', 'ADVANCE_AI'];
const routing = new Routing([{ country: 'KH', documentType: 'NATIONAL_ID', vendors: KH }]);
const policies = new PolicyHolder(loadPolicyFile(join(__dirname, '../../rules/policy.json')));
const MAX_WAIT_MS = 60_000;

let store: IdentityStore;
let polls: PendingPolls;
let fakes: Record<Vendor, FakeVendor>;
let caseCounter = 0;

beforeAll(async () => {
  const db = await openDatabase('memory://', '');
  store = new IdentityStore(db);
  polls = new PendingPolls(db);
});
afterAll(async () => {
  await store?.close();
});
beforeEach(() => {
  fakes = fakeVendors();
});

/** A KH case stored by the Verifier with `pending` answering PENDING; the fakes answer OK afterwards unless a test says otherwise. */
async function pendingCase(pending: Vendor): Promise<IdentityRecord> {
  fakes[pending].answer = () => emptyOutcome(pending, 'PENDING', null, null, 'job-1');
  const verifier = new Verifier({
    routing,
    adapters: adaptersOf(fakes),
    fetchImageBase64: () => Promise.reject(new Error('none')),
    policies,
    store,
    deadlineMs: 5_000,
    pollBaseMs: 1_000,
  });
  const record = await verifier.verify(
    {
      request: {
        caseNo: `refresher-${process.pid}-${++caseCounter}`,
        country: 'KH',
        documentType: 'NATIONAL_ID',
        documentFront: { kind: 'url', url: 'https://images.test/front.jpg' },
        documentBack: null,
        faceSignatureId: 'face-1',
      },
      vendors: null,
    },
    verifier.session('owner-a'),
  );
  expect(record.decisions[0]!.outcome).toBe('PENDING');
  fakes[pending].answer = () => okOutcome(pending);
  for (const vendor of KH) fakes[vendor].calls.length = 0;
  return record;
}

function refresher(over: Partial<PendingRefresherDeps> = {}): PendingRefresher {
  return new PendingRefresher({ adapters: adaptersOf(fakes), policies, store, polls, deadlineMs: 5_000, pollBaseMs: 1_000, maxWaitMs: MAX_WAIT_MS, replica: 'test', ...over });
}

const statusOf = (record: IdentityRecord | null, vendor: Vendor) => record!.vendorSignals.find((s) => s.result.vendor === vendor)!.result;

describe('PendingRefresher.repoll', () => {
  it('a final answer: only the pending vendor is asked (without images), the policy decides again, and polling ends', async () => {
    const record = await pendingCase('ADVANCE_AI');
    let asked: VerificationRequest | null = null;
    fakes.ADVANCE_AI.answer = (request) => {
      asked = request;
      return okOutcome('ADVANCE_AI');
    };
    await refresher().repoll(record.id);
    expect([fakes.HUAWEI_OCR.calls.length, fakes.INNOV8TIF.calls.length, fakes.ADVANCE_AI.calls.length]).toEqual([0, 0, 1]);
    expect(asked).toMatchObject({ caseNo: record.caseNo, documentFront: null, documentBack: null, faceSignatureId: 'face-1' });
    const after = await store.get(record.id);
    expect(after!.decisions.map((d) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
    expect(statusOf(after, 'ADVANCE_AI').status).toBe('OK');
    expect(await polls.attempts(record.id)).toBeNull();
  });

  it('still PENDING, or no news (an open breaker): no new decision, the vendor stays PENDING, the next poll is counted', async () => {
    const record = await pendingCase('ADVANCE_AI');
    fakes.ADVANCE_AI.answer = () => emptyOutcome('ADVANCE_AI', 'PENDING');
    await refresher().repoll(record.id);
    expect(await polls.attempts(record.id)).toBe(1);
    fakes.ADVANCE_AI.answer = () => emptyOutcome('ADVANCE_AI', 'FAILED', 'CIRCUIT_OPEN');
    await refresher().repoll(record.id);
    expect(await polls.attempts(record.id)).toBe(2);
    const after = await store.get(record.id);
    expect(after!.decisions.map((d) => d.outcome)).toEqual(['PENDING']);
    expect(statusOf(after, 'ADVANCE_AI').status).toBe('PENDING');
  });

  it('past the wait limit the vendor is TIMEOUT (PENDING_EXPIRED) without a call, and the case is not approved', async () => {
    const record = await pendingCase('ADVANCE_AI');
    const later = new Date(record.createdAt.getTime() + MAX_WAIT_MS + 1);
    await refresher({ now: () => later }).repoll(record.id);
    expect(fakes.ADVANCE_AI.calls).toHaveLength(0);
    const after = await store.get(record.id);
    expect(statusOf(after, 'ADVANCE_AI')).toMatchObject({ status: 'TIMEOUT', errorCode: 'PENDING_EXPIRED' });
    expect(after!.decisions.at(-1)!.outcome).toBe('REVIEW');
    expect(await polls.attempts(record.id)).toBeNull();
  });

  it('a vendor keyed by the images, which are not kept, cannot be asked again: FAILED (REPOLL_INPUT_UNAVAILABLE)', async () => {
    const record = await pendingCase('HUAWEI_OCR');
    await refresher().repoll(record.id);
    expect(fakes.HUAWEI_OCR.calls).toHaveLength(0);
    const after = await store.get(record.id);
    expect(statusOf(after, 'HUAWEI_OCR')).toMatchObject({ status: 'FAILED', errorCode: 'REPOLL_INPUT_UNAVAILABLE' });
    expect(after!.decisions.at(-1)!.outcome).toBe('REVIEW');
  });
});

describe('PendingRefresher.refreshNow', () => {
  it('takes the lease, re-polls and returns the case as it stands; a case no longer pending is returned unchanged', async () => {
    const record = await pendingCase('ADVANCE_AI');
    const refreshed = await refresher().refreshNow(record.id);
    expect(refreshed!.decisions.map((d) => d.outcome)).toEqual(['PENDING', 'APPROVE']);
    const again = await refresher().refreshNow(record.id);
    expect(again!.decisions).toHaveLength(2);
    expect(fakes.ADVANCE_AI.calls).toHaveLength(1);
  });
});
