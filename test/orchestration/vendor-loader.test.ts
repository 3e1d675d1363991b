import { describe, expect, it } from 'vitest';
import { createVendorLoader } from '../../src/orchestration/vendor-loader';
import type { VerificationRequest } from '../../src/vendors/vendor';
import { adaptersOf, deferred, fakeVendors, okOutcome } from './fake-adapters';

const request = (caseNo: string): VerificationRequest => ({
  caseNo,
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: null,
  documentBack: null,
  faceSignatureId: 'face-1',
});

describe('createVendorLoader', () => {
  it('calls a vendor once per distinct input key, and each vendor separately for the same key', async () => {
    const fakes = fakeVendors();
    const loader = createVendorLoader({ adapters: adaptersOf(fakes), deadlineMs: 5_000, fetchImageBase64: () => Promise.reject(new Error('none')) });
    const answers = await Promise.all([
      loader.load({ vendor: 'ADVANCE_AI', inputKey: 'k1', request: request('a') }),
      loader.load({ vendor: 'ADVANCE_AI', inputKey: 'k1', request: request('b') }),
      loader.load({ vendor: 'ADVANCE_AI', inputKey: 'k2', request: request('c') }),
      loader.load({ vendor: 'VERIHUBS', inputKey: 'k1', request: request('d') }),
    ]);
    expect(fakes.ADVANCE_AI.calls).toHaveLength(2);
    expect(fakes.VERIHUBS.calls).toHaveLength(1);
    expect(answers[1]).toBe(answers[0]);
    expect(answers.map((a) => a.result.vendor)).toEqual(['ADVANCE_AI', 'ADVANCE_AI', 'ADVANCE_AI', 'VERIHUBS']);
    // A later load of a key already answered is served from the loader.
    await loader.load({ vendor: 'ADVANCE_AI', inputKey: 'k2', request: request('e') });
    expect(fakes.ADVANCE_AI.calls).toHaveLength(2);
  });

  it('the calls of one tick start together', async () => {
    const fakes = fakeVendors();
    const gate = deferred<void>();
    for (const vendor of ['HUAWEI_OCR', 'INNOV8TIF'] as const) {
      fakes[vendor].answer = async () => {
        await gate.promise;
        return okOutcome(vendor);
      };
    }
    const loader = createVendorLoader({ adapters: adaptersOf(fakes), deadlineMs: 5_000, fetchImageBase64: () => Promise.reject(new Error('none')) });
    const loading = Promise.all([
      loader.load({ vendor: 'HUAWEI_OCR', inputKey: 'k', request: request('a') }),
      loader.load({ vendor: 'INNOV8TIF', inputKey: 'k', request: request('a') }),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect([fakes.HUAWEI_OCR.calls.length, fakes.INNOV8TIF.calls.length]).toEqual([1, 1]);
    gate.resolve();
    expect((await loading).map((s) => s.result.status)).toEqual(['OK', 'OK']);
  });
});
