import { beforeEach, describe, expect, it } from 'vitest';
import { callVendor, type VendorCallOptions } from '../../src/orchestration/call-vendor';
import { NO_VERDICT_FIELD } from '../../src/orchestration/complete-verdicts';
import { emptyOutcome, type Vendor } from '../../src/signals/model';
import { VendorTimeoutError } from '../../src/vendors/http';
import type { VerificationRequest } from '../../src/vendors/vendor';
import { adaptersOf, fakeVendors, okOutcome, type FakeVendor } from './fake-adapters';

const request: VerificationRequest = {
  caseNo: 'call-vendor-1',
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: { kind: 'url', url: 'https://images.test/front.jpg' },
  documentBack: null,
  faceSignatureId: 'face-1',
};
const fetchImageBase64 = (): Promise<string> => Promise.resolve('aW1hZ2U=');

let fakes: Record<Vendor, FakeVendor>;
beforeEach(() => {
  fakes = fakeVendors();
});

function call(vendor: Vendor, over: Partial<VendorCallOptions> = {}) {
  return callVendor({ vendor, inputKey: `${vendor}:key`, request }, { adapters: adaptersOf(fakes), deadlineMs: 5_000, fetchImageBase64, ...over });
}

describe('callVendor', () => {
  it("passes the request, the deadline, the image fetcher and the caller's trace headers to the adapter", async () => {
    let seen: VerificationRequest | null = null;
    fakes.HUAWEI_OCR.answer = (req) => {
      seen = req;
      return okOutcome('HUAWEI_OCR');
    };
    const before = Date.now();
    const signals = await call('HUAWEI_OCR', { traceHeaders: { traceparent: 'tp' } });
    expect(seen).toBe(request);
    const [context] = fakes.HUAWEI_OCR.calls;
    expect(context!.traceHeaders).toEqual({ traceparent: 'tp' });
    expect(context!.deadlineAt).toBeGreaterThanOrEqual(before + 5_000);
    expect(await context!.fetchImageBase64('https://images.test/front.jpg', context!.signal)).toBe('aW1hZ2U=');
    expect(signals.result).toMatchObject({ vendor: 'HUAWEI_OCR', status: 'OK', reference: 'ref-HUAWEI_OCR' });
    expect(signals.result.latencyMs).toEqual(expect.any(Number));
  });

  it('an OK answer missing the verdict of a check its vendor performs gets it UNCLEAR; the given ones are kept', async () => {
    fakes.INNOV8TIF.adapter = { ...fakes.INNOV8TIF.adapter, checks: ['DOCUMENT', 'OCR'] };
    fakes.INNOV8TIF.answer = () => ({
      ...okOutcome('INNOV8TIF'),
      verdicts: [{ vendor: 'INNOV8TIF', check: 'DOCUMENT', verdict: 'PASSED', field: 'status', raw: 'ok' }],
    });
    const signals = await call('INNOV8TIF');
    expect(signals.verdicts).toEqual([
      { vendor: 'INNOV8TIF', check: 'DOCUMENT', verdict: 'PASSED', field: 'status', raw: 'ok' },
      { vendor: 'INNOV8TIF', check: 'OCR', verdict: 'UNCLEAR', field: NO_VERDICT_FIELD, raw: null },
    ]);
  });

  it('an answer that is not OK is kept as the adapter gave it', async () => {
    fakes.INNOV8TIF.adapter = { ...fakes.INNOV8TIF.adapter, checks: ['DOCUMENT'] };
    fakes.INNOV8TIF.answer = () => emptyOutcome('INNOV8TIF', 'FAILED', 'QUOTA_EXCEEDED', 'quota');
    const signals = await call('INNOV8TIF');
    expect(signals.result).toMatchObject({ status: 'FAILED', errorCode: 'QUOTA_EXCEEDED' });
    expect(signals.verdicts).toEqual([]);
  });

  it('whatever the adapter throws resolves: its own timeout TIMEOUT, anything else FAILED without its message', async () => {
    fakes.HUAWEI_OCR.answer = () => Promise.reject(new VendorTimeoutError('slow'));
    fakes.INNOV8TIF.answer = () => {
      throw new Error('secret-4711');
    };
    const [timedOut, failed] = await Promise.all([call('HUAWEI_OCR'), call('INNOV8TIF')]);
    expect(timedOut.result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
    expect(failed.result).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL_ERROR' });
    expect(JSON.stringify(failed)).not.toContain('secret-4711');
  });

  it('at the deadline the call is aborted and TIMEOUT: an adapter rejecting with the reason, or never settling', async () => {
    fakes.HUAWEI_OCR.answer = (_req, context) => new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }));
    fakes.INNOV8TIF.answer = () => new Promise(() => undefined);
    const [rejected, hung] = await Promise.all([call('HUAWEI_OCR', { deadlineMs: 20 }), call('INNOV8TIF', { deadlineMs: 20 })]);
    expect(rejected.result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
    expect(hung.result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
    expect(fakes.HUAWEI_OCR.calls[0]!.signal.aborted).toBe(true);
    expect(fakes.INNOV8TIF.calls[0]!.signal.aborted).toBe(true);
  });

  it('a failure with its own code at the deadline keeps it: a stalled image URL is IMAGE_FETCH_TIMEOUT, not the vendor timing out', async () => {
    fakes.INNOV8TIF.answer = (_req, context) =>
      new Promise((resolve) =>
        context.signal.addEventListener('abort', () => resolve(emptyOutcome('INNOV8TIF', 'FAILED', 'IMAGE_FETCH_TIMEOUT', 'image URL stalled')), { once: true }),
      );
    const signals = await call('INNOV8TIF', { deadlineMs: 20 });
    expect(signals.result).toMatchObject({ status: 'FAILED', errorCode: 'IMAGE_FETCH_TIMEOUT' });
  });

  it('a call that ended before the deadline leaves its signal unaborted', async () => {
    await call('ADVANCE_AI', { deadlineMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(fakes.ADVANCE_AI.calls[0]!.signal.aborted).toBe(false);
  });
});
