/**
 * Load and faults, measured: throughput and latency of full verifications against the simulators in
 * their own process, next to the limits of this machine (bare Apollo Server, a bare forwarder making
 * the same vendor calls), then the same under 20 % faulted vendor calls, then 50 verifications with
 * 4 MiB images. Loopback only, bounded in time (three to seven minutes on a 2-core machine; a watchdog ends
 * it at ten). Each throughput row also says where the CPU went: per process, read from /proc.
 *
 *   npm run bench:load [-- --duration=10 --connections=32 --only=apollo,forwarder,pglite,postgres,faults,latency,images]
 *
 * PostgreSQL rows need BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/test.
 * Checks as it goes (exit code 1 when one fails): zero APPROVE on a case with a FAILED/TIMEOUT vendor,
 * every acknowledged verification stored with a decision, no GraphQL error, no unhandled rejection
 * (the gateway must exit 0), heap after a full GC back near its level before the load.
 */
import { postgresUrl } from './gateway-run';
import { gatewayPhase, verification } from './gateway-phase';
import { runLargeImages } from './large-images';
import { runLoad, type LoadResult } from './load-client';
import { freePort, startProcess, startSimulators } from './processes';
import { rateWithFreeServer, type CpuShare } from './cpu-meter';
import { int, ms, printTable } from './table';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const DURATION = Number(args.get('duration') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 32);
const ONLY = new Set((args.get('only') ?? 'apollo,forwarder,pglite,postgres,faults,latency,images').split(','));
/** The shorter rows of the latency table. */
const LATENCY_S = Math.min(DURATION, 6);

/** 20 % of every vendor's calls faulted, in every way the simulators can (429s ask for no wait). */
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

const problems: string[] = [];
let unhandled = 0;
process.on('unhandledRejection', () => (unhandled += 1));
const throughput: Array<{ label: string; connections: number; result: LoadResult }> = [];
const latency: Array<{ label: string; connections: number; result: LoadResult }> = [];

async function forwarderRuns(vendorEnv: Record<string, string>, connections: number[], durationS: number, simulatorsPid?: number): Promise<LoadResult[]> {
  const fwd = await startProcess('forwarder', 'bench/forwarder.ts', { ...vendorEnv, PORT: String(await freePort()) }, /forwarder ready: (\S+)/);
  await runLoad({ url: `${fwd.url}/`, connections: connections[0]!, amount: 1_000, body: verification('fwd-warm') });
  const results: LoadResult[] = [];
  const cpu = simulatorsPid ? { serverPid: fwd.child.pid!, simulatorsPid } : undefined;
  for (const c of connections) results.push(await runLoad({ url: `${fwd.url}/`, connections: c, durationS, body: verification(`fwd-${c}`), cpu }));
  await fwd.stop();
  return results;
}

/**
 * What the row would reach if its server cost nothing, where that means something: not when the
 * database runs inside the server (PGlite), nor when the machine was not busy (the row was bounded
 * by time, e.g. vendors timing out).
 */
function ceiling(label: string, cpu: CpuShare): string {
  if (label.includes('PGlite')) return '- (database inside the server)';
  if (cpu.machineBusy < 0.75) return `- (bounded by time, not CPU)`;
  const rate = rateWithFreeServer(cpu);
  if (!Number.isFinite(rate)) return '-';
  return forwarderRps ? `${int(rate)} req/s (${Math.round((rate / forwarderRps) * 100)} % of forwarder)` : `${int(rate)} req/s`;
}
let forwarderRps: number | undefined;

async function main(): Promise<void> {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error('bench:load still running after 600 s, giving up');
    process.exit(1);
  }, 600_000);
  watchdog.unref();
  console.log(`eKYC load bench — Node ${process.version}, autocannon over loopback, simulators in their own process`);
  const pg = postgresUrl();
  if (!pg) console.log('PostgreSQL rows skipped: set BENCH_DATABASE_URL');

  const clean = await startSimulators(null);
  const simulatorsPid = clean.process.child.pid!;
  try {
    if (ONLY.has('apollo')) {
      const apollo = await startProcess('bare apollo', 'bench/bare-apollo.ts', { PORT: String(await freePort()) }, /apollo ready: (\S+)/);
      const body = () => '{"query":"{ hello }"}';
      await runLoad({ url: `${apollo.url}/`, connections: CONNECTIONS, amount: 2_000, body });
      const cpu = { serverPid: apollo.child.pid!, simulatorsPid };
      throughput.push({
        label: 'bare Apollo Server, trivial query',
        connections: CONNECTIONS,
        result: await runLoad({ url: `${apollo.url}/`, connections: CONNECTIONS, durationS: DURATION, body, cpu }),
      });
      await apollo.stop();
    }
    if (ONLY.has('forwarder')) {
      const [result] = await forwarderRuns(clean.env, [CONNECTIONS], DURATION, simulatorsPid);
      throughput.push({ label: 'bare forwarder, 3 vendor calls', connections: CONNECTIONS, result: result! });
    }
    const base = { vendorUrls: clean.env, connections: [CONNECTIONS], durationS: DURATION, simulatorsPid };
    if (ONLY.has('pglite')) {
      const [result] = await gatewayPhase({ ...base, label: 'pglite', store: 'pglite' }, problems);
      throughput.push({ label: 'gateway, embedded PGlite', connections: CONNECTIONS, result: result! });
    }
    if (ONLY.has('postgres') && pg) {
      const [result] = await gatewayPhase({ ...base, label: 'postgres', store: 'postgres' }, problems);
      throughput.push({ label: 'gateway, PostgreSQL server', connections: CONNECTIONS, result: result! });
    }
  } finally {
    await clean.process.stop();
  }

  if (ONLY.has('faults')) {
    const faulty = await startSimulators(FAULT_MIX);
    try {
      const env = { VENDOR_TIMEOUT_MS: '1000', VERIFICATION_TIMEOUT_MS: '2500' };
      const [result] = await gatewayPhase(
        {
          label: 'faults',
          store: pg ? 'postgres' : 'pglite',
          vendorUrls: faulty.env,
          connections: [CONNECTIONS],
          durationS: DURATION,
          env,
          faulted: true,
          showVendors: true,
          simulatorsPid: faulty.process.child.pid!,
        },
        problems,
      );
      throughput.push({ label: `gateway, ${pg ? 'PostgreSQL' : 'PGlite'}, 20 % of vendor calls faulted`, connections: CONNECTIONS, result: result! });
      console.log(`faults: ${int(result!.withFailedVendor)} cases with a FAILED/TIMEOUT vendor, ${result!.approvedWithFailedVendor} of them APPROVE`);
      const failures = Object.entries(result!.vendorFailures).sort((a, b) => b[1] - a[1]);
      console.log(`faults: vendor results not OK after retries: ${failures.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    } finally {
      await faulty.process.stop();
    }
  }

  forwarderRps = throughput.find((r) => r.label.startsWith('bare forwarder'))?.result.reqPerSec;
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
  // Ticks are 10 ms: a share that rounds to zero is shown as 0.00, whichever its sign.
  const cpuMs = (x: number) => (Number.isFinite(x) ? (Math.abs(x) < 0.005 ? 0 : x).toFixed(2) : '-');
  const measured = throughput.filter((r) => r.result.cpu);
  if (measured.length > 0) {
    printTable(
      'Where the CPU went (ms of CPU per request, from /proc; every process shares the same cores)',
      ['row', 'server', 'its main thread', 'simulators', 'load generator', 'PostgreSQL', 'rest of machine', 'machine busy', 'if the server cost nothing'],
      measured.map(({ label, result: { cpu } }) => [
        label,
        cpuMs(cpu!.server),
        `${Math.round(cpu!.serverMainThread * 100)} % of a core`,
        cpuMs(cpu!.simulators),
        cpuMs(cpu!.loadGenerator),
        cpuMs(cpu!.postgres),
        cpuMs(cpu!.rest),
        `${Math.round(cpu!.machineBusy * 100)} %`,
        ceiling(label, cpu!),
      ]),
    );
    console.log('PostgreSQL: processes named postgres on this machine; rest of machine: the kernel, other services');
  }

  if (ONLY.has('latency') || ONLY.has('images')) {
    const delayed = await startSimulators(DELAYS);
    try {
      if (ONLY.has('latency')) {
        // 1 in flight: the floor, with no queue at all.
        const levels = [100, 20, 1];
        const fwd = await forwarderRuns(delayed.env, levels, LATENCY_S);
        levels.forEach((c, i) => latency.push({ label: 'bare forwarder', connections: c, result: fwd[i]! }));
        const stores = pg ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
        for (const store of stores) {
          const results = await gatewayPhase({ label: `latency-${store}`, store, vendorUrls: delayed.env, connections: levels, durationS: LATENCY_S }, problems);
          levels.forEach((c, i) => latency.push({ label: `gateway, ${store === 'pglite' ? 'PGlite' : 'PostgreSQL'}`, connections: c, result: results[i]! }));
        }
        const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} ms`;
        printTable(
          `Latency, vendors at fixed delays (Huawei 50 ms, Innov8tif 100 ms, ADVANCE.AI ${SLOWEST} ms), ${LATENCY_S} s per row`,
          ['server', 'concurrent', 'req/s', 'p50', 'p95', 'p99', 'p50 − slowest', 'p99 − slowest'],
          latency.map(({ label, connections, result: r }) => [
            label,
            String(connections),
            int(r.reqPerSec),
            ms(r.p50),
            ms(r.p95),
            ms(r.p99),
            signed(r.p50 - SLOWEST),
            signed(r.p99 - SLOWEST),
          ]),
        );
      }
      if (ONLY.has('images')) {
        for (const store of pg ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) problems.push(...(await runLargeImages(store, delayed.env)).problems);
      }
    } finally {
      await delayed.process.stop();
    }
  }

  if (unhandled > 0) problems.push(`${unhandled} unhandled rejection(s) in the bench process`);
  clearTimeout(watchdog);
  console.log(`\nran in ${Math.round((performance.now() - started) / 1000)} s`);
  if (problems.length > 0) {
    console.error(`checks failed:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      'checks passed: no APPROVE on a failed vendor, every acknowledged verification stored with a decision, no GraphQL error, no unhandled rejection, heap back near its start',
    );
  }
}

await main();
