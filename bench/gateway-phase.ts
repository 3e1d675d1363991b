/**
 * One gateway process under load: warm-up, one or more measured loads (one per connection count),
 * then the checks: no APPROVE with a failed vendor, no errors on a clean run, heap after a full GC
 * back near where it was, every acknowledged case stored with its decision, a clean exit.
 */
import { sampleJpegBase64 } from '../src/simulators/sample-image';
import { BENCH_KEY, startGatewayRun, type Store } from './gateway-run';
import { runLoad, type LoadResult } from './load-client';
import { int, printTable } from './table';

const MB = 1024 * 1024;
/** Heap growth after a full GC that still counts as "back near the start". */
const LEAK_TOLERANCE = 16 * MB;

const image = sampleJpegBase64('pass');
const QUERY = 'mutation V($input: VerifyIdentityInput!) { verifyIdentity(input: $input) { id decision { outcome } vendorResults { vendor status errorCode } } }';
const run = Date.now().toString(36);

/** The i-th KH verification request body (a fresh caseNo each: a repeat would call no vendor). */
export const verification = (label: string) => (i: number) =>
  `{"query":${JSON.stringify(QUERY)},"variables":{"input":{"caseNo":"${label}-${run}-${i}","country":"KH","documentType":"NATIONAL_ID",` +
  `"documentFront":{"base64":"${image}"},"documentBack":{"base64":"${image}"},"faceSignatureId":"pass"}}}`;
export const auth = { authorization: `Bearer ${BENCH_KEY}` };

export interface PhaseOptions {
  label: string;
  store: Store;
  vendorUrls: Record<string, string>;
  /** One measured load per entry, in this order, on the same gateway process. */
  connections: number[];
  durationS: number;
  env?: Record<string, string>;
  /** Faulted vendors: errors in vendor results are expected, GraphQL errors still are not. */
  faulted?: boolean;
  /** Print the `vendors` query after the load. */
  showVendors?: boolean;
  /** The simulators' process id: measure the CPU per request of every process during the loads. */
  simulatorsPid?: number;
}

/** Runs the phase; problems found are appended to `problems`. */
export async function gatewayPhase(options: PhaseOptions, problems: string[]): Promise<LoadResult[]> {
  const { label } = options;
  const gw = await startGatewayRun(options.store, options.vendorUrls, options.env);
  const acknowledged: string[] = [];
  // Warm-up: pools, tokens, JIT, the store's first pages.
  const warm = await runLoad({
    url: gw.graphqlUrl,
    connections: options.connections[0]!,
    amount: 400,
    headers: auth,
    body: verification(`warm-${label}`),
    checkVerifications: true,
  });
  acknowledged.push(...warm.acknowledged);
  const before = await gw.memoryAfterGc();
  const results: LoadResult[] = [];
  for (const connections of options.connections) {
    const cpu = options.simulatorsPid ? { serverPid: gw.process.child.pid!, simulatorsPid: options.simulatorsPid } : undefined;
    const result = await runLoad({
      url: gw.graphqlUrl,
      connections,
      durationS: options.durationS,
      headers: auth,
      body: verification(`${label}-${connections}`),
      checkVerifications: true,
      cpu,
    });
    acknowledged.push(...result.acknowledged);
    results.push(result);
    if (result.approvedWithFailedVendor > 0) problems.push(`${label}: ${result.approvedWithFailedVendor} APPROVE with a failed vendor`);
    if (!options.faulted && result.errors > 0) problems.push(`${label}: ${result.errors} errors`);
    if (options.faulted && result.graphqlErrors > 0) problems.push(`${label}: ${result.graphqlErrors} GraphQL errors`);
  }
  const peak = gw.process.peakRss();
  if (options.showVendors) await printVendors(gw.graphqlUrl);
  const after = await gw.memoryAfterGc();
  const outcomes: Record<string, number> = {};
  for (const r of results) for (const [o, n] of Object.entries(r.outcomes)) outcomes[o] = (outcomes[o] ?? 0) + n;
  console.log(
    `${label}: ${int(results.reduce((n, r) => n + r.requests, 0))} verifications, outcomes ${JSON.stringify(outcomes)}; ` +
      `heap after GC ${int(before.heapUsed / MB)} → ${int(after.heapUsed / MB)} MiB, RSS ${int(before.rss / MB)} → peak ${int(peak / MB)} → ${int(after.rss / MB)} MiB`,
  );
  if (after.heapUsed - before.heapUsed > LEAK_TOLERANCE) problems.push(`${label}: heap after GC grew by ${int((after.heapUsed - before.heapUsed) / MB)} MiB`);
  for (const p of await gw.finish(acknowledged)) problems.push(`${label}: ${p}`);
  return results;
}

/** The `vendors` query, as an operator reads it. */
async function printVendors(graphqlUrl: string): Promise<void> {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query: '{ vendors { vendor status breaker latencyP50 latencyP99 errorRate calls } }' }),
  });
  const vendors = ((await res.json()) as { data: { vendors: Array<Record<string, any>> } }).data.vendors.filter((v) => v.calls > 0);
  printTable(
    'vendors { vendor status breaker latencyP50 latencyP99 errorRate calls } right after the load',
    ['vendor', 'status', 'breaker', 'latencyP50', 'latencyP99', 'errorRate', 'calls'],
    vendors.map((v) => [v.vendor, v.status, v.breaker, `${v.latencyP50} ms`, `${v.latencyP99} ms`, `${(v.errorRate * 100).toFixed(1)} %`, int(v.calls)]),
  );
}
