/**
 * Load and faults, measured: throughput and latency of full verifications against the simulators in
 * their own process, next to the limits of this machine (bare Apollo Server, a bare forwarder making
 * the same vendor calls), then the same under 20 % faulted vendor calls, then 50 verifications with
 * 4 MiB images. Loopback only, bounded in time (about 2.5 minutes in all).
 *
 *   npm run bench:load [-- --duration=10 --connections=32 --only=apollo,forwarder,pglite,postgres,faults,latency,images]
 *
 * PostgreSQL rows need BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/test.
 * Checks as it goes (exit code 1 when one fails): zero APPROVE on a case with a FAILED/TIMEOUT vendor,
 * every acknowledged verification stored with a decision, no GraphQL error on clean runs, no unhandled
 * rejection (the gateway must exit 0), heap after a full GC back near its level before the load.
 */
import { sampleJpegBase64 } from '../src/simulators/sample-image';
import { BENCH_KEY, postgresUrl, startGatewayRun, type Store } from './gateway-run';
import { runLargeImages } from './large-images';
import { runLoad, type LoadResult } from './load-client';
import { freePort, startProcess, startSimulators } from './processes';
import { int, ms, printTable } from './table';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const DURATION = Number(args.get('duration') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 32);
const ONLY = new Set((args.get('only') ?? 'apollo,forwarder,pglite,postgres,faults,latency,images').split(','));
const MB = 1024 * 1024;
/** Heap growth after a full GC that still counts as "back near the start". */
const LEAK_TOLERANCE = 16 * MB;

/** 20 % of every vendor's calls faulted, in every way the simulators can. */
const FAULT_MIX = {
  '*': {
    errorRate: 0.03,
    serverErrorRate: 0.05,
    rateLimitRate: 0.02,
    retryAfterSeconds: 0,
    timeoutRate: 0.02,
    garbageRate: 0.02,
    slowBodyRate: 0.02,
    slowBodyByteMs: 100,
    dropRate: 0.02,
    resetRate: 0.02,
  },
};
/** Fixed vendor delays of the latency target (ms). */
const DELAYS = { huawei: { latencyMs: 50 }, innov8tif: { latencyMs: 100 }, advance: { latencyMs: 200 } };
const SLOWEST = 200;

const image = sampleJpegBase64('pass');
const QUERY = 'mutation V($input: VerifyIdentityInput!) { verifyIdentity(input: $input) { id decision { outcome } vendorResults { vendor status } } }';
const run = Date.now().toString(36);
const verification = (label: string) => (i: number) =>
  `{"query":${JSON.stringify(QUERY)},"variables":{"input":{"caseNo":"${label}-${run}-${i}","country":"KH","documentType":"NATIONAL_ID",` +
  `"documentFront":{"base64":"${image}"},"documentBack":{"base64":"${image}"},"faceSignatureId":"pass"}}}`;
const auth = { authorization: `Bearer ${BENCH_KEY}` };

const problems: string[] = [];
let unhandled = 0;
process.on('unhandledRejection', () => (unhandled += 1));

interface Row {
  label: string;
  connections: number;
  result: LoadResult;
}
const throughput: Row[] = [];

async function gatewayPhase(label: string, store: Store, vendorUrls: Record<string, string>, connections: number, env: Record<string, string> = {}, expectClean = true): Promise<LoadResult> {
  const gw = await startGatewayRun(store, vendorUrls, env);
  const acknowledged: string[] = [];
  // Warm-up: pools, tokens, JIT, the store's first pages.
  const warm = await runLoad({ url: gw.graphqlUrl, connections, amount: 400, headers: auth, body: verification(`warm-${label}`), checkVerifications: true });
  acknowledged.push(...warm.acknowledged);
  const before = await gw.memoryAfterGc();
  const result = await runLoad({ url: gw.graphqlUrl, connections, durationS: DURATION, headers: auth, body: verification(label), checkVerifications: true });
  acknowledged.push(...result.acknowledged);
  const peak = gw.process.peakRss();
  const after = await gw.memoryAfterGc();
  console.log(
    `${label}: ${int(result.requests)} verifications, outcomes ${JSON.stringify(result.outcomes)}; heap after GC ${int(before.heapUsed / MB)} → ${int(after.heapUsed / MB)} MiB, ` +
      `RSS ${int(before.rss / MB)} → peak ${int(peak / MB)} → ${int(after.rss / MB)} MiB`,
  );
  if (after.heapUsed - before.heapUsed > LEAK_TOLERANCE) problems.push(`${label}: heap after GC grew by ${int((after.heapUsed - before.heapUsed) / MB)} MiB`);
  if (result.approvedWithFailedVendor > 0) problems.push(`${label}: ${result.approvedWithFailedVendor} APPROVE with a failed vendor`);
  if (expectClean && result.errors > 0) problems.push(`${label}: ${result.errors} errors`);
  if (!expectClean && result.graphqlErrors > 0) problems.push(`${label}: ${result.graphqlErrors} GraphQL errors`);
  for (const p of await gw.finish(acknowledged)) problems.push(`${label}: ${p}`);
  return result;
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error('bench:load still running after 240 s, giving up');
    process.exit(1);
  }, 240_000);
  watchdog.unref();
  console.log(`eKYC load bench — Node ${process.version}, autocannon ${CONNECTIONS} connections × ${DURATION} s per row, loopback, simulators in their own process`);

  const clean = await startSimulators(null);
  try {
    if (ONLY.has('apollo')) {
      const apollo = await startProcess('bare apollo', 'bench/bare-apollo.ts', { PORT: String(await freePort()) }, /apollo ready: (\S+)/);
      await runLoad({ url: `${apollo.url}/`, connections: CONNECTIONS, amount: 2_000, body: () => '{"query":"{ hello }"}' });
      throughput.push({ label: 'bare Apollo Server, trivial query', connections: CONNECTIONS, result: await runLoad({ url: `${apollo.url}/`, connections: CONNECTIONS, durationS: DURATION, body: () => '{"query":"{ hello }"}' }) });
      await apollo.stop();
    }
    if (ONLY.has('forwarder')) {
      const fwd = await startProcess('forwarder', 'bench/forwarder.ts', { ...clean.env, PORT: String(await freePort()) }, /forwarder ready: (\S+)/);
      await runLoad({ url: `${fwd.url}/`, connections: CONNECTIONS, amount: 1_000, body: verification('fwd-warm') });
      throughput.push({ label: 'bare forwarder, 3 vendor calls', connections: CONNECTIONS, result: await runLoad({ url: `${fwd.url}/`, connections: CONNECTIONS, durationS: DURATION, body: verification('fwd') }) });
      await fwd.stop();
    }
    if (ONLY.has('pglite')) throughput.push({ label: 'gateway, embedded PGlite', connections: CONNECTIONS, result: await gatewayPhase('pglite', 'pglite', clean.env, CONNECTIONS) });
    if (ONLY.has('postgres')) {
      if (postgresUrl()) throughput.push({ label: 'gateway, PostgreSQL server', connections: CONNECTIONS, result: await gatewayPhase('postgres', 'postgres', clean.env, CONNECTIONS) });
      else console.log('gateway, PostgreSQL server: skipped (set BENCH_DATABASE_URL)');
    }
  } finally {
    await clean.process.stop();
  }

  if (ONLY.has('faults')) {
    const faulty = await startSimulators(FAULT_MIX);
    try {
      const env = { VENDOR_TIMEOUT_MS: '1000', VERIFICATION_TIMEOUT_MS: '2500' };
      const result = await gatewayPhase('faults', 'pglite', faulty.env, CONNECTIONS, env, false);
      throughput.push({ label: 'gateway, PGlite, 20 % of vendor calls faulted', connections: CONNECTIONS, result });
      console.log(`faults: ${int(result.withFailedVendor)} cases with a FAILED/TIMEOUT vendor, ${result.approvedWithFailedVendor} of them APPROVE`);
    } finally {
      await faulty.process.stop();
    }
  }

  const forwarderRps = throughput.find((r) => r.label.startsWith('bare forwarder'))?.result.reqPerSec;
  printTable(
    `Throughput (autocannon, ${DURATION} s per row)`,
    ['server', 'conns', 'req/s', 'of forwarder', 'p50', 'p95', 'p99', 'errors'],
    throughput.map(({ label, connections, result: r }) => [
      label,
      String(connections),
      int(r.reqPerSec),
      forwarderRps ? `${Math.round((r.reqPerSec / forwarderRps) * 100)} %` : '-',
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      int(r.errors),
    ]),
  );

  if (ONLY.has('latency') || ONLY.has('images')) {
    const delayed = await startSimulators(DELAYS);
    try {
      if (ONLY.has('latency')) {
        const rows: string[][] = [];
        const fwd = await startProcess('forwarder', 'bench/forwarder.ts', { ...delayed.env, PORT: String(await freePort()) }, /forwarder ready: (\S+)/);
        await runLoad({ url: `${fwd.url}/`, connections: 100, amount: 500, body: verification('fwd-lat-warm') });
        const f = await runLoad({ url: `${fwd.url}/`, connections: 100, durationS: Math.min(DURATION, 6), body: verification('fwd-lat') });
        await fwd.stop();
        const g = await gatewayPhase('latency', 'pglite', delayed.env, 100);
        for (const [label, r] of [['bare forwarder', f], ['gateway, PGlite', g]] as const) {
          rows.push([label, int(r.reqPerSec), ms(r.p50), ms(r.p95), ms(r.p99), `${r.p50 - SLOWEST >= 0 ? '+' : ''}${(r.p50 - SLOWEST).toFixed(1)} ms`, `+${(r.p99 - SLOWEST).toFixed(1)} ms`]);
        }
        printTable(
          `Latency at 100 concurrent verifications, vendors at fixed delays (Huawei 50 ms, Innov8tif 100 ms, ADVANCE.AI ${SLOWEST} ms)`,
          ['server', 'req/s', 'p50', 'p95', 'p99', 'p50 − slowest', 'p99 − slowest'],
          rows,
        );
      }
      if (ONLY.has('images')) {
        const images = await runLargeImages(delayed.env);
        problems.push(...images.problems);
      }
    } finally {
      await delayed.process.stop();
    }
  }

  if (unhandled > 0) problems.push(`${unhandled} unhandled rejection(s) in the bench process`);
  clearTimeout(watchdog);
  if (problems.length > 0) {
    console.error(`\nchecks failed:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nchecks passed: no APPROVE on a failed vendor, every acknowledged verification stored with a decision, no unhandled rejection, heap back near its start');
  }
}

await main();
