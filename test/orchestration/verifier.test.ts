import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadPolicyFile } from '../../src/decision/authoring/policy-loader';
import { PolicyHolder } from '../../src/decision/engine/policy-holder';
import { ConflictError } from '../../src/orchestration/domain-errors';
import { InputError } from '../../src/orchestration/input-error';
import { Routing } from '../../src/orchestration/routing';
import type { CheckedVerificationInput } from '../../src/orchestration/verification-input';
import { Verifier, type VerifierDeps } from '../../src/orchestration/verifier';
import { emptyOutcome, type Vendor } from '../../src/signals/model';
import type { IdentityRecord } from '../../src/store/identity-record';
import { IdentityStore } from '../../src/store/identity-store';
import { openDatabase } from '../../src/store/open-database';
import { PendingPolls } from '../../src/store/pending-polls';
import { adaptersOf, deferred, fakeVendors, okOutcome, type FakeVendor } from './fake-adapters';

const RULES_DIR = join(__dirname, '../../rules');
const KH: Vendor[] = ['HUAWEI_OCR', 'INNOV8TIF', 'ADVANCE_AI'];
const routing = new Routing([{ country: 'KH', documentType: 'NATIONAL_ID', vendors: KH }]);
const policies = new PolicyHolder(loadPolicyFile(join(RULES_DIR, 'policy.json')));

let store: IdentityStore;
let polls: PendingPolls;
let fakes: Record<Vendor, FakeVendor>;
let verified: IdentityRecord[];
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
  verified = [];
});

function verifier(over: Partial<VerifierDeps> = {}): Verifier {
  return new Verifier({
    routing,
    adapters: adaptersOf(fakes),
    fetchImageBase64: () => Promise.reject(new Error('the fakes fetch no images')),
    policies,
    store,
    deadlineMs: 5_000,
    pollBaseMs: 1_000,
    onVerified: (record) => verified.push(record),
    ...over,
  });
}

/** A KH input; `caseNo` unique unless given. Images are URLs: the fakes key their input on them. */
function khInput(over: { caseNo?: string; front?: string | null; face?: string | null; vendors?: Vendor[] } = {}): CheckedVerificationInput {
  const front = over.front === undefined ? 'https://images.test/front.jpg' : over.front;
  return {
    request: {
      caseNo: over.caseNo ?? `verifier-${process.pid}-${++caseCounter}`,
      country: 'KH',
      documentType: 'NATIONAL_ID',
      documentFront: front === null ? null : { kind: 'url', url: front },
      documentBack: null,
      faceSignatureId: over.face === undefined ? 'face-1' : over.face,
    },
    vendors: over.vendors ?? null,
  };
}

const statuses = (record: IdentityRecord) => record.vendorSignals.map((s) => [s.result.vendor, s.result.status, s.result.errorCode]);
const reasonCodes = (record: IdentityRecord) => record.decisions.at(-1)!.reasons.map((r) => r.code);

describe('Verifier: fan-out', () => {
  it('every routed vendor answering OK: the case is approved and stored with each vendor in routing order', async () => {
    const v = verifier();
    const record = await v.verify(khInput(), v.session('owner-a'));
    expect(statuses(record)).toEqual(KH.map((vendor) => [vendor, 'OK', null]));
    expect(record.decisions.at(-1)!.outcome).toBe('APPROVE');
    expect(await store.get(record.id)).toMatchObject({ id: record.id, owner: 'owner-a', caseNo: record.caseNo });
    expect(verified.map((r) => r.id)).toEqual([record.id]);
  });

  it('all vendors are called before any has answered, and the answers keep routing order whatever order they come in', async () => {
    const gates = Object.fromEntries(KH.map((vendor) => [vendor, deferred<void>()])) as Record<Vendor, ReturnType<typeof deferred<void>>>;
    const answered: Vendor[] = [];
    for (const vendor of KH) {
      fakes[vendor].answer = async () => {
        await gates[vendor].promise;
        answered.push(vendor);
        return okOutcome(vendor);
      };
    }
    const v = verifier();
    const verifying = v.verify(khInput(), v.session('owner-a'));
    // Were the calls made one after another, only the first could have started while its gate is shut.
    await vi.waitFor(() => expect(KH.filter((vendor) => fakes[vendor].calls.length === 1)).toEqual(KH), { timeout: 5_000 });
    expect(answered).toEqual([]);
    for (const vendor of [...KH].reverse()) gates[vendor].resolve();
    const record = await verifying;
    expect(answered).toEqual([...KH].reverse());
    expect(record.vendorSignals.map((s) => s.result.vendor)).toEqual(KH);
  });

  it('verifications of one session share vendor calls with equal input; another session calls the vendors again', async () => {
    const v = verifier();
    const session = v.session('owner-a');
    await v.verify(khInput(), session);
    await v.verify(khInput(), session);
    expect(KH.map((vendor) => fakes[vendor].calls.length)).toEqual([1, 1, 1]);
    await v.verify(khInput({ face: 'face-2' }), session);
    expect(KH.map((vendor) => fakes[vendor].calls.length)).toEqual([1, 1, 2]);
    await v.verify(khInput(), v.session('owner-a'));
    expect(KH.map((vendor) => fakes[vendor].calls.length)).toEqual([2, 2, 3]);
  });

  it("the session's trace headers and the deadline reach every vendor call", async () => {
    const v = verifier();
    const before = Date.now();
    await v.verify(khInput(), v.session('owner-a', { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }));
    for (const vendor of KH) {
      const [context] = fakes[vendor].calls;
      expect(context!.traceHeaders).toEqual({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
      expect(context!.deadlineAt).toBeGreaterThanOrEqual(before + 5_000);
      expect(context!.signal.aborted).toBe(false);
    }
  });
});

describe('Verifier: missing input and restrictions', () => {
  it('a vendor whose input is missing is SKIPPED without a call, and the case is not approved', async () => {
    const v = verifier();
    const record = await v.verify(khInput({ face: null }), v.session('owner-a'));
    expect(fakes.ADVANCE_AI.calls).toHaveLength(0);
    expect(statuses(record)).toEqual([
      ['HUAWEI_OCR', 'OK', null],
      ['INNOV8TIF', 'OK', null],
      ['ADVANCE_AI', 'SKIPPED', null],
    ]);
    expect(record.decisions.at(-1)!.outcome).toBe('REVIEW');
    expect(reasonCodes(record)).toContain('INPUT_MISSING');
  });

  it("a vendor the request's list leaves out is reported SKIPPED (NOT_REQUESTED), not dropped", async () => {
    const v = verifier();
    const record = await v.verify(khInput({ vendors: ['ADVANCE_AI'] }), v.session('owner-a'));
    expect(fakes.HUAWEI_OCR.calls).toHaveLength(0);
    expect(statuses(record)).toEqual([
      ['HUAWEI_OCR', 'SKIPPED', 'NOT_REQUESTED'],
      ['INNOV8TIF', 'SKIPPED', 'NOT_REQUESTED'],
      ['ADVANCE_AI', 'OK', null],
    ]);
    expect(record.decisions.at(-1)!.outcome).not.toBe('APPROVE');
  });

  it('a restriction naming a vendor routing does not use is an input error, and nothing is called or stored', async () => {
    const v = verifier();
    const input = khInput({ vendors: ['VERIHUBS'] });
    await expect(v.verify(input, v.session('owner-a'))).rejects.toBeInstanceOf(InputError);
    expect(KH.map((vendor) => fakes[vendor].calls.length)).toEqual([0, 0, 0]);
    expect(verified).toEqual([]);
    // The caseNo was not taken: the same caseNo verifies once the restriction is dropped.
    const record = await v.verify({ ...input, vendors: null }, v.session('owner-a'));
    expect(record.caseNo).toBe(input.request.caseNo);
  });
});

describe('Verifier: failures are never a pass', () => {
  const secret = 'secret-token-4711';

  it.each([
    [
      'throws',
      () => {
        throw new Error(`adapter bug near ${secret}`);
      },
    ],
    ['rejects', () => Promise.reject(new TypeError(`cannot read ${secret}`))],
  ])('a vendor that %s is FAILED (INTERNAL_ERROR), the others still answer, and the case is not approved', async (_how, answer) => {
    fakes.INNOV8TIF.answer = answer;
    const v = verifier();
    const record = await v.verify(khInput(), v.session('owner-a'));
    expect(statuses(record)).toEqual([
      ['HUAWEI_OCR', 'OK', null],
      ['INNOV8TIF', 'FAILED', 'INTERNAL_ERROR'],
      ['ADVANCE_AI', 'OK', null],
    ]);
    expect(record.decisions.at(-1)!.outcome).toBe('REVIEW');
    expect(reasonCodes(record)).toContain('VENDOR_UNAVAILABLE');
    // What the adapter threw stays out of the stored case.
    expect(JSON.stringify(await store.get(record.id))).not.toContain(secret);
  });

  it('an OK answer without the verdict of a check its vendor performs is recorded UNCLEAR, and the case is not approved', async () => {
    fakes.HUAWEI_OCR.adapter = { ...fakes.HUAWEI_OCR.adapter, checks: ['OCR'] };
    const v = verifier();
    const record = await v.verify(khInput(), v.session('owner-a'));
    expect(record.vendorSignals[0]!.verdicts).toEqual([expect.objectContaining({ vendor: 'HUAWEI_OCR', check: 'OCR', verdict: 'UNCLEAR' })]);
    expect(record.decisions.at(-1)!.outcome).toBe('REVIEW');
    expect(reasonCodes(record)).toContain('VENDOR_ANSWER_UNCLEAR');
  });

  it('a vendor still running at the deadline is TIMEOUT, whether it honours its abort signal or ignores it', async () => {
    fakes.HUAWEI_OCR.answer = (_request, context) =>
      new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }));
    fakes.INNOV8TIF.answer = () => new Promise(() => undefined); // never settles, ignores the signal
    const v = verifier({ deadlineMs: 30 });
    const record = await v.verify(khInput(), v.session('owner-a'));
    expect(statuses(record)).toEqual([
      ['HUAWEI_OCR', 'TIMEOUT', 'TIMEOUT'],
      ['INNOV8TIF', 'TIMEOUT', 'TIMEOUT'],
      ['ADVANCE_AI', 'OK', null],
    ]);
    expect(fakes.INNOV8TIF.calls[0]!.signal.aborted).toBe(true);
    expect(record.decisions.at(-1)!.outcome).toBe('REVIEW');
    expect(reasonCodes(record)).toContain('VENDOR_UNAVAILABLE');
  });
});

describe('Verifier: the caseNo is the idempotency key', () => {
  it('a repeat with the same input returns the stored case without calling a vendor and is not counted again', async () => {
    const v = verifier();
    const input = khInput();
    const first = await v.verify(input, v.session('owner-a'));
    const again = await v.verify(khInput({ caseNo: input.request.caseNo }), v.session('owner-a'));
    expect(again.id).toBe(first.id);
    expect(again.decisions).toHaveLength(1);
    expect(KH.map((vendor) => fakes[vendor].calls.length)).toEqual([1, 1, 1]);
    expect(verified.map((r) => r.id)).toEqual([first.id]);
  });

  it('a repeat with another input is a conflict; another owner may use the same caseNo', async () => {
    const v = verifier();
    const input = khInput();
    const first = await v.verify(input, v.session('owner-a'));
    await expect(v.verify(khInput({ caseNo: input.request.caseNo, face: 'someone-else' }), v.session('owner-a'))).rejects.toBeInstanceOf(ConflictError);
    const other = await v.verify(khInput({ caseNo: input.request.caseNo, face: 'someone-else' }), v.session('owner-b'));
    expect(other.id).not.toBe(first.id);
    expect(other.owner).toBe('owner-b');
  });

  it('racing repeats wait for the first instead of calling the vendors again', async () => {
    const gate = deferred<void>();
    fakes.ADVANCE_AI.answer = async () => {
      await gate.promise;
      return okOutcome('ADVANCE_AI');
    };
    const v = verifier();
    const input = khInput();
    const racing = [1, 2, 3].map(() => v.verify(khInput({ caseNo: input.request.caseNo }), v.session('owner-a')));
    await vi.waitFor(() => expect(fakes.ADVANCE_AI.calls).toHaveLength(1), { timeout: 5_000 });
    gate.resolve();
    const records = await Promise.all(racing);
    expect(new Set(records.map((r) => r.id)).size).toBe(1);
    expect(KH.map((vendor) => fakes[vendor].calls.length)).toEqual([1, 1, 1]);
  });

  it('a verification that fails before its case is stored gives the caseNo back', async () => {
    const failing = verifier({ policies: { policy: null } as unknown as PolicyHolder });
    const input = khInput();
    await expect(failing.verify(input, failing.session('owner-a'))).rejects.toThrow();
    const v = verifier();
    const record = await v.verify(input, v.session('owner-a'));
    expect(record.caseNo).toBe(input.request.caseNo);
  });
});

describe('Verifier: PENDING', () => {
  it('a vendor still processing makes the case PENDING and schedules its first re-poll; a case without one has none', async () => {
    fakes.ADVANCE_AI.answer = () => emptyOutcome('ADVANCE_AI', 'PENDING', null, null, 'tx-1');
    const v = verifier();
    const pending = await v.verify(khInput(), v.session('owner-a'));
    expect(statuses(pending).at(-1)).toEqual(['ADVANCE_AI', 'PENDING', null]);
    expect(pending.decisions.at(-1)!.outcome).toBe('PENDING');
    expect(reasonCodes(pending)).toContain('VENDOR_PENDING');
    expect(await polls.attempts(pending.id)).toBe(0);

    fakes.ADVANCE_AI.answer = () => okOutcome('ADVANCE_AI');
    const done = await v.verify(khInput({ face: 'face-2' }), v.session('owner-a'));
    expect(done.decisions.at(-1)!.outcome).toBe('APPROVE');
    expect(await polls.attempts(done.id)).toBeNull();
  });
});
