import { afterAll, describe, expect, it } from 'vitest';
import { IDENTITY } from '../support/e2e';
import type { TestGateway } from '../support/gateway';
import { faultyGateway, verifyKh } from './helpers';

/**
 * No verification hangs, however the vendors misbehave: simulators over real HTTP that drip their body
 * a byte at a time, never answer, stall after the headers, or reset the connection mid-body. The
 * vendor timeouts are set beyond the verification deadline, so the deadline alone must end them.
 */
describe('deadlines end to end', () => {
  const gateways: TestGateway[] = [];
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
  });
  const DEADLINE = 1_500;
  const start = async (faults: Parameters<typeof faultyGateway>[0], env: Record<string, string> = {}) => {
    const gw = await faultyGateway(faults, { VENDOR_TIMEOUT_MS: '4000', VERIFICATION_TIMEOUT_MS: String(DEADLINE), ...env });
    gateways.push(gw);
    return gw;
  };

  it('a slow drip, a request never answered and a reset mid-body all end within the deadline, decided without them', async () => {
    const gw = await start({
      huawei: { resetRate: 1 },
      innov8tif: { timeoutRate: 1 },
      advance: { slowBodyRate: 1, slowBodyByteMs: 100 },
    });
    const v = await verifyKh(gw, 'deadline-all-bad');
    expect(v.wallMs).toBeLessThan(DEADLINE + 1_000);
    expect(v.result('HUAWEI_OCR')).toMatchObject({ status: 'FAILED', errorCode: 'UND_ERR_SOCKET' });
    expect(v.result('INNOV8TIF')).toMatchObject({ status: 'TIMEOUT' });
    expect(v.result('ADVANCE_AI')).toMatchObject({ status: 'TIMEOUT' });
    for (const vendor of ['INNOV8TIF', 'ADVANCE_AI'] as const) expect(v.result(vendor).latencyMs).toBeLessThanOrEqual(DEADLINE + 100);
    expect(v.identity.decision.outcome).toBe('REVIEW');
    expect(v.identity.decision.reasons.map((r: any) => r.code)).toContain('VENDOR_UNAVAILABLE');

    // Stored as answered.
    const read = await gw.gql(IDENTITY, { id: v.identity.id });
    expect(read.data!.identity.vendorResults.map((r: any) => [r.vendor, r.status])).toEqual([
      ['HUAWEI_OCR', 'FAILED'],
      ['INNOV8TIF', 'TIMEOUT'],
      ['ADVANCE_AI', 'TIMEOUT'],
    ]);
    expect(read.data!.identity.decision.outcome).toBe('REVIEW');
  });

  it('a connection that sends its headers and then nothing, never closing, is TIMEOUT at the deadline', async () => {
    const gw = await start({ innov8tif: { slowBodyRate: 1, slowBodyByteMs: 600_000 } });
    const v = await verifyKh(gw, 'deadline-stalled');
    expect(v.result('INNOV8TIF')).toMatchObject({ status: 'TIMEOUT' });
    expect(v.result('INNOV8TIF').latencyMs).toBeGreaterThanOrEqual(DEADLINE - 50);
    expect(v.wallMs).toBeLessThan(DEADLINE + 1_000);
    expect(v.result('HUAWEI_OCR').status).toBe('OK');
    expect(v.result('ADVANCE_AI').status).toBe('OK');
    expect(v.identity.decision.outcome).toBe('REVIEW');
  });

  it('with a vendor timeout shorter than the deadline, a drip is cut per attempt and retried, still ending by the deadline', async () => {
    const gw = await start({ innov8tif: { slowBodyRate: 1, slowBodyByteMs: 50 } }, { VENDOR_TIMEOUT_MS: '400' });
    const v = await verifyKh(gw, 'deadline-drip-retried');
    expect(v.result('INNOV8TIF').status).toBe('TIMEOUT');
    expect(v.wallMs).toBeLessThan(DEADLINE + 1_000);
    expect(gw.simulators.INNOV8TIF!.requestCount).toBeGreaterThanOrEqual(2);
  });

  it('many verifications against hanging vendors all come back by the deadline', async () => {
    const gw = await start({ '*': { timeoutRate: 0.5, resetRate: 0.2, slowBodyRate: 0.3, slowBodyByteMs: 100 } });
    const started = performance.now();
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => verifyKh(gw, `deadline-many-${i}`)));
    expect(performance.now() - started).toBeLessThan(DEADLINE + 2_500);
    for (const v of all) {
      expect(v.identity.decision.outcome).not.toBe('APPROVE');
      for (const r of v.identity.vendorResults) expect(['FAILED', 'TIMEOUT', 'OK']).toContain(r.status);
    }
  });
});
