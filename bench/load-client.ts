/**
 * The load generator of the load bench: autocannon over loopback, a fresh caseNo in every request (an
 * idempotent repeat would call no vendor), and every answer checked as it comes: GraphQL errors, and
 * an APPROVE on a case where a vendor FAILED or TIMED OUT (which must never happen).
 */
import { createRequire } from 'node:module';
import { startCpuMeter, type CpuShare } from './cpu-meter';
import { percentile } from './percentile';

const require = createRequire(import.meta.url);
// autocannon ships no types; the few options used here are described by LoadOptions.
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void): void;
  stop(): void;
}
interface AutocannonResult {
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds of load; or `amount` requests in total. */
  durationS?: number;
  amount?: number;
  headers?: Record<string, string>;
  /** The request body for the i-th request. */
  body(i: number): string;
  /** Read each answer as a verifyIdentity answer (outcome, vendor statuses, id). */
  checkVerifications?: boolean;
  /** Measure where the CPU went during the load (see cpu-meter.ts). */
  cpu?: { serverPid: number; simulatorsPid: number };
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  errors: number;
  graphqlErrors: number;
  /** APPROVE decisions on a case with a FAILED or TIMEOUT vendor (the contract says: zero). */
  approvedWithFailedVendor: number;
  /** Cases where at least one vendor FAILED or TIMED OUT. */
  withFailedVendor: number;
  outcomes: Record<string, number>;
  /** Ids of the cases whose verification was answered. */
  acknowledged: string[];
  /** Vendor results that were not OK, by `VENDOR status code`. */
  vendorFailures: Record<string, number>;
  /** CPU per request by process, when `cpu` was given. */
  cpu?: CpuShare;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const acknowledged: string[] = [];
  const outcomes: Record<string, number> = {};
  const vendorFailures: Record<string, number> = {};
  let graphqlErrors = 0;
  let approvedWithFailedVendor = 0;
  let withFailedVendor = 0;
  const onResponse = (status: number, body: string) => {
    if (!options.checkVerifications || status !== 200) return;
    let answer: { data?: { verifyIdentity?: any }; errors?: unknown[] };
    try {
      answer = JSON.parse(body);
    } catch {
      graphqlErrors += 1;
      return;
    }
    const identity = answer.data?.verifyIdentity;
    if (answer.errors || !identity) {
      graphqlErrors += 1;
      return;
    }
    acknowledged.push(identity.id);
    const outcome: string = identity.decision.outcome;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    const failed = identity.vendorResults.some((r: { status: string }) => r.status === 'FAILED' || r.status === 'TIMEOUT');
    for (const r of identity.vendorResults as Array<{ vendor: string; status: string; errorCode: string | null }>) {
      if (r.status === 'OK') continue;
      const key = `${r.vendor} ${r.status} ${r.errorCode ?? ''}`.trim();
      vendorFailures[key] = (vendorFailures[key] ?? 0) + 1;
    }
    if (failed) withFailedVendor += 1;
    if (failed && outcome === 'APPROVE') approvedWithFailedVendor += 1;
  };
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: new URL(options.url).pathname,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: options.body(next++) }),
        onResponse,
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  const meter = options.cpu ? startCpuMeter(options.cpu.serverPid, options.cpu.simulatorsPid) : null;
  const result = await instance;
  const cpu = meter?.stop(result.requests.total);
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    graphqlErrors,
    approvedWithFailedVendor,
    withFailedVendor,
    outcomes,
    acknowledged,
    vendorFailures,
    ...(cpu ? { cpu } : {}),
  };
}
