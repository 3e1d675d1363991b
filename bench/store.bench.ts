/**
 * What the case store costs, per backend: embedded PGlite in memory, PGlite on disk, a PostgreSQL server.
 *
 *   npm run bench:store [-- --duration=8 --connections=10 --creates=500]
 *
 * The same options are read from BENCH_DURATION (seconds), BENCH_CONNECTIONS and BENCH_CREATES (argv
 * wins). The server is BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test;
 * each run uses a fresh schema there (dropped at the end), and the server row is skipped with a note
 * when it does not answer.
 *
 * 1. End to end over HTTP: a real gateway (startGateway, in-process simulators at zero delay) answers
 *    the GraphQL verifyIdentity mutation (KH NATIONAL_ID, base64 sample images) under autocannon on
 *    loopback, every request with a unique caseNo. Load generator, gateway and simulators share this
 *    one Node process, so req/s is a single-thread figure: compare the rows, not the absolute numbers.
 * 2. The store alone, on the same database after the HTTP run: IdentityStore.claim + create (the
 *    verification's one statement) for cases shaped like a real KH verification, sequentially; then
 *    the idempotent-repeat read path (claim answering `existing`, then get).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type GatewayConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { startGateway } from '../src/main';
import { sampleJpegBase64 } from '../src/simulators/sample-image';
import type { Database } from '../src/store/database';
import type { IdentityRecord } from '../src/store/identity-record';
import { IdentityStore } from '../src/store/identity-store';
import { openDatabase } from '../src/store/open-database';
import { withSearchPath } from '../test/support/databases';
import { VERIFY } from '../test/support/gateway';
import { percentile } from './percentile';
import { int, ms, printTable } from './table';
import { option } from './options';

// autocannon ships no types and @types/autocannon is not installed: the part used here, typed locally.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  timeout?: number;
  requests: AutocannonRequest[];
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  latency: { p50: number; p99: number; average: number; max: number };
  requests: { average: number; total: number; sent: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

const RULES_DIR = fileURLToPath(new URL('../rules', import.meta.url));
/** The bench's API key: every scope (so no masking work either) and a rate limit the bench never reaches. */
const API_KEY = `bench-${randomBytes(16).toString('hex')}`;
const API_KEYS = JSON.stringify([{ name: 'bench', key: API_KEY, scopes: ['*'], rateLimit: { perMinute: 100_000_000, burst: 10_000_000 } }]);
const WARM_UP_REQUESTS = 100;
const WARM_UP_CREATES = 20;
/** The process-wide warm-up (JIT, first-use costs) on a throwaway in-memory store before any row is measured. */
const PROCESS_WARM_UP = { duration: 3, creates: 200 };
/** A safety net: the whole run must end well inside two minutes. */
const WATCHDOG_MS = 115_000;

const opts = {
  duration: option('duration', 'BENCH_DURATION', 8),
  connections: option('connections', 'BENCH_CONNECTIONS', 10),
  creates: option('creates', 'BENCH_CREATES', 500),
};
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** One store under test: the gateway's configuration for it and how to clean up afterwards. */
interface Backend {
  label: string;
  config: GatewayConfig;
  dispose(): Promise<void>;
}

function gatewayConfig(env: Record<string, string>): GatewayConfig {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', RULES_DIR, VENDOR_TIMEOUT_MS: '5000', API_KEYS, ...env });
}

function memoryBackend(): Backend {
  return { label: 'PGlite memory://', config: gatewayConfig({ DATABASE_URL: 'memory://' }), dispose: async () => undefined };
}

function diskBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-store-bench-'));
  return {
    label: 'PGlite on disk',
    config: gatewayConfig({ DATA_DIR: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh schema on the server, or the reason the server row is skipped. */
async function serverBackend(): Promise<Backend | string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3_000 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    return `PostgreSQL server skipped: ${maskPassword(SERVER_URL)} does not answer (${reason})`;
  }
  await admin.end();
  return {
    label: 'PostgreSQL server',
    config: gatewayConfig({ DATABASE_URL: withSearchPath(SERVER_URL, schema) }),
    dispose: async () => {
      const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3_000 });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

function maskPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

interface HttpResult {
  label: string;
  result: AutocannonResult;
  /** 200 answers carrying GraphQL `errors` (or no data). */
  graphqlErrors: number;
  /** 200 answers without errors whose case is not an APPROVE, or whose caseNo is not the one sent. */
  wrongAnswers: number;
  /** Cases stored by the warm-up and the measured run. */
  stored: number;
}

/** Sends verifyIdentity mutations with a unique caseNo each; counts bad answers. */
async function loadGateway(url: string, prefix: string, bounds: { duration: number } | { amount: number }) {
  const image = { base64: sampleJpegBase64('pass') };
  let sequence = 0;
  let graphqlErrors = 0;
  let wrongAnswers = 0;
  /** The first bad answer, shortened, to say what went wrong. */
  let firstBad: string | null = null;
  const bad = (status: number, body: string) => (firstBad ??= `HTTP ${status} ${body.slice(0, 300)}`);
  const result = await autocannon({
    url,
    connections: opts.connections,
    timeout: 30,
    ...bounds,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        setupRequest: (req, context) => {
          const caseNo = `${prefix}-${sequence++}`;
          context.caseNo = caseNo;
          const input = { caseNo, country: 'KH', documentType: 'NATIONAL_ID', documentFront: image, documentBack: image, faceSignatureId: 'pass' };
          return { ...req, body: JSON.stringify({ query: VERIFY, variables: { input } }) };
        },
        onResponse: (status, body, context) => {
          if (status < 200 || status >= 300) return void bad(status, body); // counted by autocannon as non2xx
          let parsed: { data?: { verifyIdentity?: { caseNo: string; decision: { outcome: string } } } | null; errors?: unknown[] };
          try {
            parsed = JSON.parse(body);
          } catch {
            graphqlErrors += 1;
            return void bad(status, body);
          }
          const identity = parsed.data?.verifyIdentity;
          if (parsed.errors !== undefined || !identity) {
            graphqlErrors += 1;
            bad(status, body);
          } else if (identity.decision.outcome !== 'APPROVE' || identity.caseNo !== context.caseNo) {
            wrongAnswers += 1;
            bad(status, body);
          }
        },
      },
    ],
  });
  return { result, graphqlErrors, wrongAnswers, firstBad: firstBad as string | null };
}

interface StoreResult {
  label: string;
  claim: number[];
  create: number[];
  repeat: number[];
  /** Repeats that did not come back as the stored case. */
  badRepeats: number;
}

/** A copy of a stored case under a new id and caseNo, as a new verification would write it. */
function freshCopy(template: IdentityRecord, caseNo: string): IdentityRecord {
  const now = new Date();
  return {
    ...template,
    id: randomUUID(),
    caseNo,
    createdAt: now,
    updatedAt: now,
    decisions: template.decisions.map((d) => ({ ...d, decidedAt: now })),
  };
}

async function measureStore(label: string, db: Database, template: IdentityRecord, creates: number): Promise<StoreResult> {
  const store = new IdentityStore(db);
  const prefix = `store-${randomBytes(4).toString('hex')}`;
  const createOne = async (caseNo: string): Promise<{ claimMs: number; createMs: number; record: IdentityRecord }> => {
    const record = freshCopy(template, caseNo);
    const staleBefore = new Date(record.createdAt.getTime() - 60_000);
    let started = performance.now();
    const claim = await store.claim(record.owner, caseNo, record.inputHash, record.createdAt, staleBefore);
    const claimMs = performance.now() - started;
    if (claim.kind !== 'claimed') throw new Error(`${label}: claim of a new caseNo answered ${claim.kind}`);
    started = performance.now();
    await store.create(record, null);
    return { claimMs, createMs: performance.now() - started, record };
  };

  for (let i = 0; i < WARM_UP_CREATES; i++) await createOne(`${prefix}-warm-up-${i}`);
  const claim: number[] = [];
  const create: number[] = [];
  const records: IdentityRecord[] = [];
  for (let i = 0; i < creates; i++) {
    const r = await createOne(`${prefix}-${i}`);
    claim.push(r.claimMs);
    create.push(r.createMs);
    records.push(r.record);
  }

  // The idempotent repeat: the same caseNo and input again is answered from the store.
  const repeat: number[] = [];
  let badRepeats = 0;
  for (const record of records) {
    const now = new Date();
    const started = performance.now();
    const claimed = await store.claim(record.owner, record.caseNo, record.inputHash, now, new Date(now.getTime() - 60_000));
    const stored = claimed.kind === 'existing' ? await store.get(claimed.id) : null;
    repeat.push(performance.now() - started);
    if (stored?.id !== record.id || stored.vendorSignals.length !== template.vendorSignals.length) badRepeats += 1;
  }
  return { label, claim, create, repeat, badRepeats };
}

/** One store: the HTTP run against a gateway on it, then the store alone on the same database. */
async function runBackend(backend: Backend, prefix: string, bounds: { duration: number; creates: number }): Promise<{ http: HttpResult; store: StoreResult }> {
  try {
    const db = await openDatabase(backend.config.databaseUrl, backend.config.dataDir);
    try {
      const gateway = await startGateway(backend.config, { logger: createLogger({ level: 'silent' }), db });
      let run: Awaited<ReturnType<typeof loadGateway>>;
      try {
        const warm = await loadGateway(gateway.url, `${prefix}-warm-up`, { amount: WARM_UP_REQUESTS });
        const warmBad = warm.result.errors + warm.result.timeouts + warm.result.non2xx + warm.graphqlErrors + warm.wrongAnswers;
        if (warmBad > 0) throw new Error(`${backend.label}: ${warmBad} bad answer(s) during the warm-up; first: ${warm.firstBad ?? 'none recorded'}`);
        run = await loadGateway(gateway.url, prefix, { duration: bounds.duration });
      } finally {
        await gateway.close();
      }
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identities');
      const http = { label: backend.label, ...run, stored: Number(rows[0]!.n) };

      // A case as a real verification stored it (three KH vendors, facts, decision, the key as owner) is the template.
      const first = await db.query<{ id: string }>('SELECT id FROM identities WHERE case_no = $1', [`${prefix}-0`]);
      const template = first.rows[0] ? await new IdentityStore(db).get(first.rows[0].id) : null;
      if (!template) throw new Error(`${backend.label}: the first verified case is not in the store`);
      return { http, store: await measureStore(backend.label, db, template, bounds.creates) };
    } finally {
      await db.close();
    }
  } finally {
    await backend.dispose();
  }
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  console.log(
    `eKYC store bench — Node ${process.version}; KH NATIONAL_ID verifyIdentity over HTTP, simulators at zero delay; ` +
      `autocannon ${opts.connections} connections x ${opts.duration} s per store (after ${WARM_UP_REQUESTS} warm-up requests); ` +
      `${opts.creates} sequential creates per store; ` +
      `first an unmeasured ${PROCESS_WARM_UP.duration} s warm-up of the whole path on a throwaway memory:// store`,
  );

  const notes: string[] = [];
  const http: HttpResult[] = [];
  const stores: StoreResult[] = [];
  const runId = randomBytes(4).toString('hex');
  const candidates: Array<() => Promise<Backend | string>> = [async () => memoryBackend(), async () => diskBackend(), serverBackend];

  // Whichever store ran first would also pay for the JIT: warm the whole path up once, unmeasured.
  await runBackend(memoryBackend(), `warm-up-${runId}`, PROCESS_WARM_UP);
  for (const candidate of candidates) {
    const backend = await candidate();
    if (typeof backend === 'string') {
      notes.push(backend);
      continue;
    }
    const measured = await runBackend(backend, `http-${runId}-${http.length}`, opts);
    http.push(measured.http);
    stores.push(measured.store);
  }

  printTable(
    `1. End to end over HTTP (GraphQL verifyIdentity, autocannon on loopback, ${opts.connections} connections, unique caseNo per request)`,
    ['store', 'duration', 'requests', 'req/s', 'p50', 'p99', 'mean', 'max', 'errors', 'timeouts', 'non-2xx', 'gql errors', 'not APPROVE', 'cases stored'],
    http.map(({ label, result: r, graphqlErrors, wrongAnswers, stored }) => [
      label,
      `${r.duration.toFixed(1)} s`,
      int(r.requests.total),
      (r.requests.total / r.duration).toFixed(1),
      `${r.latency.p50} ms`,
      `${r.latency.p99} ms`,
      ms(r.latency.average),
      `${r.latency.max} ms`,
      String(r.errors),
      String(r.timeouts),
      String(r.non2xx),
      String(graphqlErrors),
      String(wrongAnswers),
      int(stored),
    ]),
  );
  const storeMs = (x: number) => `${x.toFixed(2)} ms`;
  printTable(
    `2. The store alone (${opts.creates} sequential cases shaped like a real KH verification; repeat = claim answering existing + get)`,
    ['store', 'claim p50', 'claim p99', 'create p50', 'create p99', 'create mean', 'creates/s', 'repeat p50', 'repeat p99', 'bad repeats'],
    stores.map((s) => [
      s.label,
      storeMs(percentile(s.claim, 50)),
      storeMs(percentile(s.claim, 99)),
      storeMs(percentile(s.create, 50)),
      storeMs(percentile(s.create, 99)),
      storeMs(s.create.reduce((a, b) => a + b, 0) / s.create.length),
      (1000 / (s.create.reduce((a, b) => a + b, 0) / s.create.length)).toFixed(0),
      storeMs(percentile(s.repeat, 50)),
      storeMs(percentile(s.repeat, 99)),
      String(s.badRepeats),
    ]),
  );
  for (const note of notes) console.log(`\nnote: ${note}`);

  const failures = [
    ...http
      .filter((h) => h.result.errors + h.result.timeouts + h.result.non2xx + h.graphqlErrors + h.wrongAnswers > 0 || h.result.requests.total === 0)
      .map((h) => `${h.label}: bad or no HTTP answers`),
    ...stores.filter((s) => s.badRepeats > 0).map((s) => `${s.label}: ${s.badRepeats} repeat(s) not answered from the store`),
  ];
  if (failures.length > 0) {
    console.error(`\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
  clearTimeout(watchdog);
}

await main();
