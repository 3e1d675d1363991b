import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway';
import { scrape } from '../support/prometheus-text';
import { VENDORS } from '../../src/vendors/registry';
import { faultyGateway, requestsDuring, VENDORS_QUERY, verifyKh, vendorHealth } from './helpers';

/**
 * The circuit breaker end to end: Innov8tif fails with its documented server error (scenario
 * `innov8tif:server-error`) until the breaker opens, then recovers. Seen through verifications, the
 * `vendors` query and /metrics.
 */
describe('circuit breaker over HTTP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Innov8tif answers 500 ms late, so two verifications started together overlap at the vendor.
    gw = await faultyGateway({ innov8tif: { latencyMs: 500 } }, { VENDOR_RETRIES: '0', VENDOR_BREAKER_FAILURES: '3', VENDOR_BREAKER_OPEN_MS: '1500' });
  });
  afterAll(() => gw?.close());

  const breakerMetric = async (state: string) => (await scrape(gw.url)).value('ekyc_vendor_breaker_state', { vendor: 'INNOV8TIF', state });

  it('starts closed, every vendor UP with no figures yet', async () => {
    const res = await gw.gql(VENDORS_QUERY);
    expect(res.data!.vendors.map((v: any) => v.vendor)).toEqual([...VENDORS]);
    for (const v of res.data!.vendors) {
      expect(v).toMatchObject({ status: 'UP', breaker: 'CLOSED', latencyP50: null, latencyP99: null, errorRate: null, calls: 0, rateLimitedUntil: null });
    }
    expect(await breakerMetric('closed')).toBe(1);
    expect(await breakerMetric('open')).toBe(0);
  });

  it('opens after a run of failures and then fails fast, without calling the vendor', async () => {
    for (let i = 0; i < 3; i++) {
      const v = await verifyKh(gw, `breaker-fail-${i}`, { back: 'innov8tif:server-error' });
      expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'api.internal.error' });
    }
    const { value: v, requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'breaker-open'));
    expect(requests).toBe(0);
    expect(v.result('INNOV8TIF')).toMatchObject({ status: 'FAILED', errorCode: 'CIRCUIT_OPEN' });
    expect(v.result('INNOV8TIF').latencyMs).toBeLessThan(100);
    // The other vendors answered; the decision never approves on a missing vendor.
    expect(v.result('HUAWEI_OCR').status).toBe('OK');
    expect(v.identity.decision.outcome).toBe('REVIEW');
    expect(v.identity.decision.reasons.map((r: any) => r.code)).toContain('VENDOR_UNAVAILABLE');

    const health = await vendorHealth(gw, 'INNOV8TIF');
    expect(health).toMatchObject({ status: 'DOWN', breaker: 'OPEN', calls: 3, errorRate: 1 });
    expect(health.latencyP50).toBeGreaterThanOrEqual(490);
    expect(health.latencyP99).toBeGreaterThanOrEqual(health.latencyP50);
    expect(await vendorHealth(gw, 'HUAWEI_OCR')).toMatchObject({ status: 'UP', breaker: 'CLOSED', calls: 4, errorRate: 0 });
    const m = await scrape(gw.url);
    expect(m.value('ekyc_vendor_breaker_state', { vendor: 'INNOV8TIF', state: 'open' })).toBe(1);
    expect(m.value('ekyc_vendor_breaker_state', { vendor: 'INNOV8TIF', state: 'closed' })).toBe(0);
    expect(m.value('ekyc_vendor_short_circuits_total', { vendor: 'INNOV8TIF', reason: 'circuit_open' })).toBe(1);
    expect(m.value('ekyc_vendor_error_rate', { vendor: 'INNOV8TIF' })).toBe(1);
  });

  it('half-opens after the open time; a failed probe opens it again', async () => {
    await sleep(1_600);
    expect(await vendorHealth(gw, 'INNOV8TIF')).toMatchObject({ status: 'DEGRADED', breaker: 'HALF_OPEN' });
    expect(await breakerMetric('half_open')).toBe(1);
    const { requests } = await requestsDuring(gw, 'INNOV8TIF', () => verifyKh(gw, 'breaker-probe-fails', { back: 'innov8tif:server-error' }));
    expect(requests).toBe(1);
    expect(await vendorHealth(gw, 'INNOV8TIF')).toMatchObject({ status: 'DOWN', breaker: 'OPEN' });
  });

  it('half-open lets one probe through while the others fail fast; its success closes the breaker', async () => {
    await sleep(1_600);
    const { value: both, requests } = await requestsDuring(gw, 'INNOV8TIF', () => Promise.all([verifyKh(gw, 'breaker-probe-a'), verifyKh(gw, 'breaker-probe-b')]));
    expect(requests).toBe(1);
    const results = both
      .map((v) => v.result('INNOV8TIF'))
      .map((r) => `${r.status}:${r.errorCode}`)
      .sort();
    expect(results).toEqual(['FAILED:CIRCUIT_OPEN', 'OK:null']);
    expect(both.map((v) => v.identity.decision.outcome).sort()).toEqual(['APPROVE', 'REVIEW']);
    expect(await vendorHealth(gw, 'INNOV8TIF')).toMatchObject({ breaker: 'CLOSED' });

    const after = await verifyKh(gw, 'breaker-closed');
    expect(after.result('INNOV8TIF').status).toBe('OK');
    expect(after.identity.decision.outcome).toBe('APPROVE');
    expect(await breakerMetric('closed')).toBe(1);
  });

  it('the vendors query needs an API key', async () => {
    const res = await gw.gql(VENDORS_QUERY, {}, { key: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
