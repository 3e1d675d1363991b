import { expect } from 'vitest';
import { khInput } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';
import type { SimulatorFaults } from '../../src/simulators/faults';
import type { Vendor } from '../../src/signals/model';

/** A real gateway whose in-process simulators inject the given faults (SIMULATOR_FAULTS). */
export function faultyGateway(faults: Partial<Record<string, SimulatorFaults>>, env: Record<string, string> = {}): Promise<TestGateway> {
  return startTestGateway({ SIMULATOR_FAULTS: JSON.stringify(faults), VENDOR_RETRY_BASE_MS: '20', VENDOR_RETRY_MAX_MS: '80', ...env });
}

export interface Verified {
  identity: any;
  /** Wall time of the GraphQL request, in ms. */
  wallMs: number;
  result(vendor: Vendor): { vendor: Vendor; status: string; errorCode: string | null; latencyMs: number | null };
}

/** One KH verification over HTTP; scenarios as in khInput (e.g. back: 'innov8tif:server-error'). */
export async function verifyKh(gw: TestGateway, caseNo: string, scenarios: Parameters<typeof khInput>[1] = {}): Promise<Verified> {
  const started = performance.now();
  const res = await gw.gql(VERIFY, { input: khInput(caseNo, scenarios) });
  const wallMs = performance.now() - started;
  expect(res.errors).toBeUndefined();
  const identity = res.data!.verifyIdentity;
  return { identity, wallMs, result: (vendor) => identity.vendorResults.find((r: any) => r.vendor === vendor) };
}

/** Vendor API requests a simulator received while `run` ran. */
export async function requestsDuring<T>(gw: TestGateway, vendor: Vendor, run: () => Promise<T>): Promise<{ value: T; requests: number }> {
  const before = gw.simulators[vendor]!.requestCount;
  const value = await run();
  return { value, requests: gw.simulators[vendor]!.requestCount - before };
}

export const VENDORS_QUERY = /* GraphQL */ `
  query Vendors {
    vendors {
      vendor
      status
      breaker
      latencyP50
      latencyP99
      errorRate
      calls
      rateLimitedUntil
    }
  }
`;

export async function vendorHealth(gw: TestGateway, vendor: Vendor): Promise<any> {
  const res = await gw.gql(VENDORS_QUERY);
  expect(res.errors).toBeUndefined();
  return res.data!.vendors.find((v: any) => v.vendor === vendor);
}
