import { describe, expect, it } from 'vitest';
import { emptyOutcome, type Vendor, type VendorStatus } from '../../src/signals/model';
import { classifyAttempt, isRetryable, isVendorFailure } from '../../src/vendors/resilience/attempt-class';
import { parseRetryAfter } from '../../src/vendors/resilience/attempt-probe';
import { backoffMs } from '../../src/vendors/resilience/backoff';

const seen = (httpStatus: number | null = null, transportError: string | null = null) => ({ httpStatus, retryAfterMs: null, transportError });
const classify = (vendor: Vendor, status: VendorStatus, code: string | null, observed = seen(), callerGone = false) =>
  classifyAttempt(vendor, emptyOutcome(vendor, status, code), observed, callerGone);

/** Which vendor answers are worth another attempt: transport faults and documented "not now" codes only. */
describe('attempt classification', () => {
  it('never retries a verdict or a pending answer, even a negative one', () => {
    expect(classify('ADVANCE_AI', 'OK', 'LIVENESS_ATTACK', seen(200))).toBe('answer');
    expect(classify('VERIHUBS', 'OK', 'FAIL_ON_2', seen(200))).toBe('answer');
    expect(classify('ADVANCE_AI', 'PENDING', null, seen(200))).toBe('answer');
    expect(isRetryable('answer')).toBe(false);
  });

  it('never retries an error about the request itself (image, credentials, input)', () => {
    expect(classify('HUAWEI_OCR', 'FAILED', 'AIS.0103', seen(400))).toBe('answer');
    expect(classify('INNOV8TIF', 'FAILED', 'api.invalid.image', seen(400))).toBe('answer');
    expect(classify('VERIHUBS', 'FAILED', 'UNAUTHORIZED', seen(401))).toBe('answer');
    expect(classify('ADVANCE_AI', 'FAILED', 'ERROR', seen(200))).toBe('answer'); // a finished verification that failed
    expect(classify('COMPUTERVISION_VN', 'FAILED', 'HTTP_400', seen(400))).toBe('answer');
  });

  it('retries transport failures and attempts that ran out of time', () => {
    expect(classify('HUAWEI_OCR', 'FAILED', 'UND_ERR_SOCKET', seen(200, 'UND_ERR_SOCKET'))).toBe('transient');
    expect(classify('VERIHUBS', 'FAILED', 'ECONNREFUSED', seen(null, 'ECONNREFUSED'))).toBe('transient');
    expect(classify('INNOV8TIF', 'TIMEOUT', 'TIMEOUT')).toBe('transient');
  });

  it('retries 502/503/504, undocumented 5xx bodies and the documented transient codes', () => {
    expect(classify('COMPUTERVISION_VN', 'FAILED', 'HTTP_503', seen(503))).toBe('transient');
    expect(classify('COMPUTERVISION_VN', 'FAILED', 'HTTP_500', seen(500))).toBe('transient');
    expect(classify('HUAWEI_OCR', 'FAILED', 'ModelArts.4505', seen(500))).toBe('transient');
    expect(classify('HUAWEI_OCR', 'FAILED', 'APIG.0201', seen(504))).toBe('transient');
    expect(classify('INNOV8TIF', 'FAILED', 'api.internal.error', seen(500))).toBe('transient');
    expect(classify('VERIHUBS', 'FAILED', 'INTERNAL_SERVER_ERROR', seen(500))).toBe('transient');
    expect(classify('ADVANCE_AI', 'FAILED', 'ERROR', seen(500))).toBe('transient');
  });

  it('reads 429 and the documented rate limits as throttling, and exhausted quotas as final', () => {
    expect(classify('VERIHUBS', 'FAILED', 'HTTP_429', seen(429))).toBe('throttled');
    expect(classify('HUAWEI_OCR', 'FAILED', 'APIG.0308', seen(429))).toBe('throttled');
    expect(classify('HUAWEI_OCR', 'FAILED', 'ModelArts.4401', seen(429))).toBe('throttled');
    expect(classify('VERIHUBS', 'FAILED', 'INSUFFICIENT_QUOTA', seen(402))).toBe('quota');
    expect(classify('COMPUTERVISION_VN', 'FAILED', '4', seen(200))).toBe('quota');
    expect(isRetryable('throttled')).toBe(true);
    expect(isRetryable('quota')).toBe(false);
    expect(isVendorFailure('quota')).toBe(true);
  });

  it('does not retry garbage or an oversized answer, but counts them against the vendor', () => {
    expect(classify('VERIHUBS', 'FAILED', 'HTTP_200', seen(200))).toBe('broken');
    expect(classify('HUAWEI_OCR', 'FAILED', 'RESPONSE_TOO_LARGE', seen(200, 'RESPONSE_TOO_LARGE'))).toBe('broken');
    expect(isRetryable('broken')).toBe(false);
    expect(isVendorFailure('broken')).toBe(true);
  });

  it('a caller that went away says nothing about the vendor', () => {
    expect(classify('INNOV8TIF', 'TIMEOUT', 'TIMEOUT', seen(), true)).toBe('abandoned');
    expect(isVendorFailure('abandoned')).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('backs off exponentially up to the cap, with a random half as jitter', () => {
    expect(backoffMs(0, 100, 2_000, () => 0)).toBe(50);
    expect(backoffMs(0, 100, 2_000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 2_000, () => 0)).toBe(400);
    expect(backoffMs(10, 100, 2_000, () => 1)).toBe(2_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffMs(2, 100, 2_000)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
