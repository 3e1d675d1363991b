import { describe, expect, it } from 'vitest';
import type { VendorHealth } from '../../src/orchestration/vendor-health-port';
import { VendorHealthResolver } from '../../src/graphql/resolvers/vendor-health-resolver';
import type { GatewayServices } from '../../src/graphql/services';

const health = (vendor: VendorHealth['vendor'], over: Partial<VendorHealth> = {}): VendorHealth => ({
  vendor,
  status: 'UP',
  breaker: 'CLOSED',
  calls: 4,
  latencyP50: 40,
  latencyP99: 90,
  errorRate: 0,
  rateLimitedUntil: null,
  ...over,
});

describe('VendorHealthResolver.vendors', () => {
  it("answers the port's health as it is, each vendor marked simulated or not", () => {
    const until = new Date('2026-03-01T10:00:00Z');
    const reported = [health('HUAWEI_OCR'), health('ADVANCE_AI', { status: 'DOWN', breaker: 'OPEN', rateLimitedUntil: until })];
    const services = { vendorHealth: { health: () => reported }, simulated: ['ADVANCE_AI'] } as unknown as GatewayServices;
    expect(new VendorHealthResolver(services).vendors()).toEqual([
      { ...reported[0], simulated: false },
      { ...reported[1], simulated: true },
    ]);
  });

  it('no simulated list: no vendor is simulated', () => {
    const services = { vendorHealth: { health: () => [health('VERIHUBS')] } } as unknown as GatewayServices;
    expect(new VendorHealthResolver(services).vendors().map((h) => h.simulated)).toEqual([false]);
  });
});
