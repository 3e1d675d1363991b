import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway';
import { scrape } from '../support/prometheus-text';
import { faultyGateway, requestsDuring, verifyKh, vendorHealth } from './helpers';

/**
 * Retries over real HTTP: the gateway against simulators that fail on purpose. Innov8tif is the vendor
 * under test (no token route, so every request it receives is one attempt).
 */
describe('retries', () => {
  const gateways: TestGateway[] = [];
  const start = async (...args: Parameters<typeof faultyGateway>) => {
    const gw = await faultyGateway(...args);
    gateways.push(gw);
    return gw;
  };
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
  });

  describe('transient failures are retried up to VENDOR_RETRIES, then reported', () => {
    it('HTTP 503', async () => {
      const gw = await start({ innov8tif: { serverErrorRate: 1 } }, { VENDOR_RETRIES: '2' });
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'retry-503'));
      expect(requests).toBe(3);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_503' });
      expect(v.result('HUAWEI_OCR').status).toBe('OK');
      expect(v.identity.decision.outcome).toBe('REVIEW');
      expect(v.identity.decision.reasons.map((r: any) => r.code)).toContain('VENDOR_UNAVAILABLE');
      const m = await scrape(gw.url);
      expect(m.value('ekyc_vendor_retries_total', { vendor: 'INNOV8TIF', reason: 'transient' })).toBe(2);
      // Each attempt is measured on its own.
      expect(m.value('ekyc_vendor_call_duration_seconds_count', { vendor: 'INNOV8TIF', status: 'FAILED' })).toBe(3);
    });

    it('a connection reset in the middle of the body', async () => {
      const gw = await start({ innov8tif: { resetRate: 1 } }, { VENDOR_RETRIES: '1' });
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'retry-reset'));
      expect(requests).toBe(2);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'UND_ERR_SOCKET' });
      expect(v.identity.decision.outcome).not.toBe('APPROVE');
    });

    it("a vendor's documented transient code (OkayDoc api.internal.error)", async () => {
      const gw = await start({}, { VENDOR_RETRIES: '2' });
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'retry-doc', { back: 'innov8tif:server-error' }));
      expect(requests).toBe(3);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'api.internal.error' });
    });

    it('with VENDOR_RETRIES=0 nothing is retried', async () => {
      const gw = await start({ innov8tif: { serverErrorRate: 1 } }, { VENDOR_RETRIES: '0' });
      const { requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'retry-none'));
      expect(requests).toBe(1);
    });
  });

  it('a retry that succeeds gives the vendor answer as if nothing had happened', async () => {
    // The breaker is not under test here: a vendor failing half its calls makes runs long enough to open it.
    const gw = await start({ innov8tif: { serverErrorRate: 0.5 } }, { VENDOR_RETRIES: '3', VENDOR_BREAKER_FAILURES: '10' });
    let requests = 0;
    const outcomes: string[] = [];
    for (let i = 0; i < 16; i++) {
      const { value: v, requests: n } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, `retry-flaky-${i}`));
      requests += n;
      if (n > 1 && v.result('INNOV8TIF').status === 'OK') outcomes.push(v.identity.decision.outcome);
    }
    // Half the attempts fail: some verifications needed a retry, and those that then got an answer were approved.
    expect(requests).toBeGreaterThan(16);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['APPROVE']));
  });

  describe('never retried', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await start({}, { VENDOR_RETRIES: '3' });
    });

    it("a vendor's verdict, even a poor one", async () => {
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'no-retry-verdict', { back: 'innov8tif:low-landmarks' }));
      expect(requests).toBe(1);
      expect(v.result('INNOV8TIF').status).toBe('OK');
      expect(v.identity.decision.outcome).toBe('REVIEW');
    });

    it('an error about the request itself', async () => {
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'no-retry-error', { back: 'innov8tif:error-api.invalid.image' }));
      expect(requests).toBe(1);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'api.invalid.image' });
    });

    it('a body that is not JSON', async () => {
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'no-retry-garbage', { back: 'innov8tif:garbage' }));
      expect(requests).toBe(1);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    });
  });

  describe('never past the deadline', () => {
    it('retries stop at the verification deadline, and the answer comes on time', async () => {
      // Each attempt hangs until the vendor timeout (300 ms); the verification deadline is 1 s.
      const gw = await start({ innov8tif: { timeoutRate: 1 } }, { VENDOR_TIMEOUT_MS: '300', VERIFICATION_TIMEOUT_MS: '1000', VENDOR_RETRIES: '10' });
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'deadline-retries'));
      expect(v.result('INNOV8TIF').status).toBe('TIMEOUT');
      expect(v.result('INNOV8TIF').latencyMs).toBeLessThanOrEqual(1_100);
      expect(v.wallMs).toBeLessThan(1_600);
      expect(requests).toBeGreaterThanOrEqual(2);
      expect(requests).toBeLessThanOrEqual(4);
      expect(v.identity.decision.outcome).not.toBe('APPROVE');
    });

    it('a retry whose backoff does not fit before the deadline is not started', async () => {
      const gw = await start(
        { innov8tif: { timeoutRate: 1 } },
        { VENDOR_TIMEOUT_MS: '300', VERIFICATION_TIMEOUT_MS: '1000', VENDOR_RETRIES: '3', VENDOR_RETRY_BASE_MS: '4000', VENDOR_RETRY_MAX_MS: '4000' },
      );
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'deadline-no-fit'));
      expect(requests).toBe(1);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'TIMEOUT' });
      // The answer does not wait for the deadline: the failed attempt is reported at once.
      expect(v.result('INNOV8TIF').latencyMs).toBeLessThan(700);
    });
  });

  describe("a vendor's 429", () => {
    it('is retried after its Retry-After when that fits the deadline', async () => {
      const gw = await start({ innov8tif: { rateLimitRate: 1, retryAfterSeconds: 1 } }, { VENDOR_RETRIES: '1', VERIFICATION_TIMEOUT_MS: '4000' });
      const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'rate-limit-wait'));
      expect(requests).toBe(2);
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_429' });
      expect(v.result('INNOV8TIF').latencyMs).toBeGreaterThanOrEqual(950);
      const m = await scrape(gw.url);
      expect(m.value('ekyc_vendor_retries_total', { vendor: 'INNOV8TIF', reason: 'throttled' })).toBe(1);
    });

    it('holds every call back until Retry-After: a call that cannot wait fails fast without reaching the vendor', async () => {
      const gw = await start({ innov8tif: { rateLimitRate: 1, retryAfterSeconds: 5 } }, { VENDOR_RETRIES: '2', VENDOR_TIMEOUT_MS: '1000', VERIFICATION_TIMEOUT_MS: '1500' });
      const first = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'rate-limit-first'));
      expect(first.requests).toBe(1);
      expect(first.value.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_429' });
      expect(first.value.wallMs).toBeLessThan(1_000);

      const second = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'rate-limit-second'));
      expect(second.requests).toBe(0);
      expect(second.value.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'RATE_LIMITED' });
      expect(second.value.identity.decision.outcome).toBe('REVIEW');

      const health = await vendorHealth(gw, 'INNOV8TIF');
      expect(health.status).toBe('DEGRADED');
      const until = Date.parse(health.rateLimitedUntil);
      expect(until - Date.now()).toBeGreaterThan(2_000);
      expect(until - Date.now()).toBeLessThanOrEqual(5_000);
      const m = await scrape(gw.url);
      expect(m.value('ekyc_vendor_short_circuits_total', { vendor: 'INNOV8TIF', reason: 'rate_limited' })).toBe(1);
    });
  });
});
