import { describe, expect, it } from 'vitest';
import { VerificationSession } from '../../src/orchestration/verification-session';
import type { VerificationRequest } from '../../src/vendors/vendor';
import { adaptersOf, fakeVendors } from './fake-adapters';

const request: VerificationRequest = {
  caseNo: 'session-1',
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: null,
  documentBack: null,
  faceSignatureId: 'face-1',
};

describe('VerificationSession', () => {
  it('keeps one vendor loader for the whole request, calling vendors with its trace headers', async () => {
    const fakes = fakeVendors();
    const options = { adapters: adaptersOf(fakes), deadlineMs: 5_000, fetchImageBase64: () => Promise.reject(new Error('none')), traceHeaders: { traceparent: 'tp' } };
    const session = new VerificationSession('owner-a', options);
    expect(session.owner).toBe('owner-a');
    const loader = session.vendorLoader();
    expect(session.vendorLoader()).toBe(loader);
    await loader.load({ vendor: 'ADVANCE_AI', inputKey: 'k', request });
    await session.vendorLoader().load({ vendor: 'ADVANCE_AI', inputKey: 'k', request });
    expect(fakes.ADVANCE_AI.calls).toHaveLength(1);
    expect(fakes.ADVANCE_AI.calls[0]!.traceHeaders).toEqual({ traceparent: 'tp' });
  });

  it('two sessions share no vendor call', async () => {
    const fakes = fakeVendors();
    const options = { adapters: adaptersOf(fakes), deadlineMs: 5_000, fetchImageBase64: () => Promise.reject(new Error('none')) };
    const [a, b] = [new VerificationSession('owner-a', options), new VerificationSession('owner-a', options)];
    expect(a.vendorLoader()).not.toBe(b.vendorLoader());
    await a.vendorLoader().load({ vendor: 'ADVANCE_AI', inputKey: 'k', request });
    await b.vendorLoader().load({ vendor: 'ADVANCE_AI', inputKey: 'k', request });
    expect(fakes.ADVANCE_AI.calls).toHaveLength(2);
  });
});
