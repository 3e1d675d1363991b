/**
 * Verification latency and decision throughput.
 *
 *   npm run bench [-- --iterations=200 --sequential-iterations=50 --concurrency=10 --decisions=20000 --in-flight=100]
 *
 * The same options are read from BENCH_ITERATIONS, BENCH_SEQUENTIAL_ITERATIONS, BENCH_CONCURRENCY,
 * BENCH_DECISIONS and BENCH_IN_FLIGHT (argv wins).
 *
 * 1. A KH verification (HUAWEI_OCR, INNOV8TIF, ADVANCE_AI) through the real Verifier, the real
 *    adapters and the simulators over loopback HTTP, each simulator delaying every answer by a fixed
 *    time: the parallel fan-out should cost its slowest vendor plus a small overhead.
 * 2. The three vendor calls alone (callVendor, as the Verifier makes them), all started at once:
 *    about the slowest delay. Row 1 minus row 2 is the claim, the decision and the store.
 * 3. The same calls awaited one after another: about the sum of the delays. Row 3 minus row 2 is
 *    what the parallel fan-out saves.
 * 4. evaluatePolicy alone: decisions per second, one at a time and with many in flight.
 */
import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { evaluatePolicy } from '../src/decision/engine/evaluate';
import { loadPolicyFile } from '../src/decision/authoring/policy-loader';
import { PolicyHolder } from '../src/decision/engine/policy-holder';
import { Routing } from '../src/orchestration/routing';
import { callVendor } from '../src/orchestration/call-vendor';
import { checkVerificationInput } from '../src/orchestration/verification-input';
import { Verifier } from '../src/orchestration/verifier';
import type { Vendor } from '../src/signals/model';
import { sampleJpegBase64 } from '../src/simulators/sample-image';
import { IdentityStore } from '../src/store/identity-store';
import { openDatabase } from '../src/store/open-database';
import { VENDOR_MODULES, VENDORS } from '../src/vendors/registry';
import type { VendorAdapter } from '../src/vendors/vendor';
import type { RunningSimulator } from '../src/simulators/simulator';
import { mixedFacts } from '../test/support/facts';
import { mean, percentile, runPool } from './percentile';
import { int, ms, printTable, signedMs } from './table';
import { option } from './options';
import { SIMULATOR_MODULES } from '../src/simulators/registry';

/** The bench sends base64 images, so no image URL is ever fetched. */
const noImageUrls = (): Promise<string> => Promise.reject(new Error('the bench sends no image URLs'));

const RULES_DIR = fileURLToPath(new URL('../rules', import.meta.url));
/** The KH route and the delay each simulator adds to every answer. */
const DELAYS: Partial<Record<Vendor, number>> = { HUAWEI_OCR: 50, INNOV8TIF: 100, ADVANCE_AI: 200 };
const KH_VENDORS = Object.keys(DELAYS) as Vendor[];
const SLOWEST = Math.max(...Object.values(DELAYS));
const SUM = Object.values(DELAYS).reduce((a, b) => a + b, 0);
const VENDOR_TIMEOUT_MS = 5_000;
const DEADLINE_MS = 10_000;
const WARM_UP = 5;
/** A safety net: the whole run must end well inside this. */
const WATCHDOG_MS = 85_000;

const opts = {
  iterations: option('iterations', 'BENCH_ITERATIONS', 200),
  sequentialIterations: option('sequential-iterations', 'BENCH_SEQUENTIAL_ITERATIONS', 50),
  concurrency: option('concurrency', 'BENCH_CONCURRENCY', 10),
  decisions: option('decisions', 'BENCH_DECISIONS', 20_000),
  inFlight: option('in-flight', 'BENCH_IN_FLIGHT', 100),
};

interface LatencyResult {
  label: string;
  n: number;
  latencies: number[];
  wallMs: number;
  /** Runs that did not come back with every KH vendor OK (verifications: and an APPROVE). */
  bad: number;
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  const simulators: RunningSimulator[] = [];
  const adapters = {} as Record<Vendor, VendorAdapter>;
  // Embedded PostgreSQL in memory: the store is part of every verification, as in the gateway.
  const store = new IdentityStore(await openDatabase('memory://', ''));
  try {
    // Every vendor gets an adapter (the Verifier's type wants all); only the KH ones are delayed and called.
    for (const vendor of VENDORS) {
      const module = VENDOR_MODULES[vendor];
      const simulator = await SIMULATOR_MODULES[vendor].start({ delayMs: DELAYS[vendor] ?? 0 });
      simulators.push(simulator);
      adapters[vendor] = module.createAdapter(SIMULATOR_MODULES[vendor].adapterConfig(simulator.url, VENDOR_TIMEOUT_MS));
    }
    const routing = Routing.load(RULES_DIR);
    const policies = new PolicyHolder(loadPolicyFile(join(RULES_DIR, 'policy.json')));
    const verifier = new Verifier({ routing, adapters, fetchImageBase64: noImageUrls, policies, store, deadlineMs: DEADLINE_MS, pollBaseMs: 5_000 });

    const image = { base64: sampleJpegBase64('pass') };
    const khInput = (caseNo: string) =>
      checkVerificationInput({ caseNo, country: 'KH', documentType: 'NATIONAL_ID', documentFront: image, documentBack: image, faceSignatureId: 'pass' });
    const verifyOnce = async (caseNo: string): Promise<{ elapsed: number; ok: boolean }> => {
      const started = performance.now();
      const input = khInput(caseNo);
      const record = await verifier.verify(input, verifier.session('bench'));
      const elapsed = performance.now() - started;
      const results = record.signals.vendorResults;
      const ok =
        record.decisions.at(-1)?.outcome === 'APPROVE' && results.length === KH_VENDORS.length && KH_VENDORS.every((v) => results.some((r) => r.vendor === v && r.status === 'OK'));
      return { elapsed, ok };
    };
    const callOptions = { adapters, deadlineMs: DEADLINE_MS, fetchImageBase64: noImageUrls };
    const callTogether = async (caseNo: string): Promise<{ elapsed: number; ok: boolean }> => {
      const started = performance.now();
      const { request } = khInput(caseNo);
      const answers = await Promise.all(
        KH_VENDORS.map((vendor) => {
          const inputKey = adapters[vendor].inputKey(request);
          return inputKey === null ? null : callVendor({ vendor, inputKey, request }, callOptions);
        }),
      );
      return { elapsed: performance.now() - started, ok: answers.every((signals) => signals?.result.status === 'OK') };
    };
    const callOneAfterAnother = async (caseNo: string): Promise<{ elapsed: number; ok: boolean }> => {
      const started = performance.now();
      const { request } = khInput(caseNo);
      let ok = true;
      for (const vendor of KH_VENDORS) {
        const inputKey = adapters[vendor].inputKey(request);
        const signals = inputKey === null ? null : await callVendor({ vendor, inputKey, request }, callOptions);
        ok &&= signals?.result.status === 'OK';
      }
      return { elapsed: performance.now() - started, ok };
    };
    const measure = async (label: string, once: (caseNo: string) => Promise<{ elapsed: number; ok: boolean }>, n: number): Promise<LatencyResult> => {
      const latencies: number[] = [];
      let bad = 0;
      const started = performance.now();
      await runPool(n, opts.concurrency, async (i) => {
        const { elapsed, ok } = await once(`bench-${label}-${i}`);
        latencies.push(elapsed);
        if (!ok) bad += 1;
      });
      return { label, n, latencies, wallMs: performance.now() - started, bad };
    };

    console.log(
      `eKYC gateway bench — Node ${process.version}; KH NATIONAL_ID via ${KH_VENDORS.map((v) => `${v} ${DELAYS[v]} ms`).join(', ')}; ` +
        `${opts.concurrency} verifications in flight`,
    );

    // Warm-up: connection pools, IAM / ADVANCE.AI token caches, JIT.
    for (let i = 0; i < WARM_UP; i++) await verifyOnce(`warm-up-${i}`);
    await runPool(opts.concurrency, opts.concurrency, async (i) => void (await verifyOnce(`warm-up-c${i}`)));

    const verification = await measure('verification', verifyOnce, opts.iterations);
    const par = await measure('calls-parallel', callTogether, opts.iterations);
    const seq = await measure('calls-sequential', callOneAfterAnother, opts.sequentialIterations);

    const latencyRow = (r: LatencyResult, reference: number, refLabel: string): string[] => {
      const p50 = percentile(r.latencies, 50);
      const p99 = percentile(r.latencies, 99);
      return [
        r.label,
        String(r.n),
        ms(p50),
        ms(p99),
        ms(mean(r.latencies)),
        ms(Math.max(...r.latencies)),
        `${refLabel} ${reference} ms`,
        signedMs(p50 - reference),
        signedMs(p99 - reference),
        (r.n / (r.wallMs / 1000)).toFixed(1),
        String(r.bad),
      ];
    };
    printTable(
      '1-3. Verification latency (1: checkVerificationInput + Verifier.verify; 2-3: the vendor calls alone; real adapters, loopback HTTP simulators)',
      ['run', 'n', 'p50', 'p99', 'mean', 'max', 'reference', 'p50 over ref', 'p99 over ref', 'verif/s', 'not OK'],
      [latencyRow(verification, SLOWEST, 'slowest'), latencyRow(par, SLOWEST, 'slowest'), latencyRow(seq, SUM, 'sum')],
    );
    console.log(
      `parallel calls save ${ms(percentile(seq.latencies, 50) - percentile(par.latencies, 50))} at p50 ` +
        `(${(percentile(seq.latencies, 50) / percentile(par.latencies, 50)).toFixed(2)}x)`,
    );

    // 4. The policy alone.
    const policy = policies.policy;
    const facts = mixedFacts(opts.decisions);
    const now = new Date();
    for (const f of facts.slice(0, 500)) await evaluatePolicy(policy, f, now); // warm-up
    const outcomes = new Map<string, number>();
    let started = performance.now();
    for (const f of facts) {
      const d = await evaluatePolicy(policy, f, now);
      outcomes.set(d.outcome, (outcomes.get(d.outcome) ?? 0) + 1);
    }
    const seqMs = performance.now() - started;
    started = performance.now();
    await runPool(facts.length, opts.inFlight, async (i) => void (await evaluatePolicy(policy, facts[i]!, now)));
    const concMs = performance.now() - started;
    const decisionRow = (mode: string, inFlight: number, totalMs: number): string[] => [
      mode,
      int(facts.length),
      String(inFlight),
      ms(totalMs),
      int(facts.length / (totalMs / 1000)),
      `${((totalMs * 1000) / facts.length).toFixed(1)} µs`,
    ];
    printTable(
      `4. Policy alone (evaluatePolicy, ${policy.rules.length} rules, fresh Engine per decision; outcomes ${[...outcomes].map(([o, c]) => `${o} ${int(c)}`).join(', ')})`,
      ['mode', 'decisions', 'in flight', 'total', 'decisions/s', 'wall time / decision'],
      [decisionRow('sequential', 1, seqMs), decisionRow('concurrent', opts.inFlight, concMs)],
    );

    const bad = verification.bad + par.bad + seq.bad;
    if (bad > 0) {
      console.error(`\n${bad} run(s) did not come back with every vendor OK (verifications: and APPROVE)`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(Object.values(adapters).map((a) => a.close()));
    await Promise.all(simulators.map((s) => s.close()));
    await store.close();
    clearTimeout(watchdog);
  }
}

await main();
