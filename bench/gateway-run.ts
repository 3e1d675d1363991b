/**
 * A gateway child process for the load bench, on the embedded store (PGlite files in a temporary
 * DATA_DIR) or a PostgreSQL server (a fresh schema), plus what the bench checks after a run: every
 * acknowledged case stored with its decision, a clean exit (an unhandled rejection ends a Node
 * process with an error), and its memory after a full GC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openDatabase } from '../src/store/open-database';
import { freePort, startProcess, vendorEnv, type BenchProcess } from './processes';

export const BENCH_KEY = 'bench-load-key-0123456789abcdef';
const API_KEYS = JSON.stringify([{ name: 'bench', key: BENCH_KEY, scopes: ['*'], rateLimit: { perMinute: 100_000_000, burst: 1_000_000 } }]);

export type Store = 'pglite' | 'postgres';

export interface GatewayRun {
  process: BenchProcess;
  graphqlUrl: string;
  /** Heap used and RSS after a full GC, in bytes. */
  memoryAfterGc(): Promise<{ heapUsed: number; rss: number }>;
  /** Stops the gateway and checks the store; returns the problems found (none: empty). */
  finish(acknowledged: readonly string[]): Promise<string[]>;
}

export async function startGatewayRun(store: Store, vendorBaseUrls: Record<string, string>, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<GatewayRun> {
  let dbEnv: Record<string, string>;
  let openStore: () => ReturnType<typeof openDatabase>;
  let dispose: () => Promise<void>;
  if (store === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ekyc-load-'));
    dbEnv = { DATA_DIR: dir };
    openStore = () => openDatabase(null, dir);
    dispose = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const server = postgresUrl()!;
    const schema = `load_${Date.now().toString(36)}`;
    await adminQuery(server, `CREATE SCHEMA ${schema}`);
    const url = new URL(server);
    url.searchParams.set('options', `-c search_path=${schema}`);
    dbEnv = { DATABASE_URL: url.toString() };
    openStore = () => openDatabase(url.toString(), '');
    dispose = () => adminQuery(server, `DROP SCHEMA ${schema} CASCADE`);
  }
  const proc = await startProcess(
    `gateway (${store})`,
    'src/cli/serve.ts',
    { NODE_ENV: 'production', PORT: String(await freePort()), API_KEYS, ...vendorEnv(vendorBaseUrls), ...dbEnv, ...env },
    /eKYC gateway ready: (http:\/\/\S+)\/graphql/,
    ['--expose-gc', '--import', './bench/gc-on-signal.mjs', ...nodeArgs],
  );
  return {
    process: proc,
    graphqlUrl: `${proc.url}/graphql`,
    async memoryAfterGc() {
      for (let i = 0; i < 2; i++) {
        proc.child.kill('SIGUSR2');
        await sleep(300);
      }
      const text = await (await fetch(`${proc.url}/metrics`)).text();
      const heapUsed = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1]);
      return { heapUsed, rss: proc.rss() };
    },
    async finish(acknowledged) {
      const problems: string[] = [];
      const code = await proc.stop();
      if (code !== 0) problems.push(`gateway exited with ${code}`);
      if (/unhandled|uncaught/i.test(proc.output())) problems.push('gateway reported an unhandled rejection or exception');
      const db = await openStore();
      try {
        const { rows } = await db.query<{ id: string }>('SELECT i.id FROM identities i WHERE EXISTS (SELECT 1 FROM decisions d WHERE d.identity_id = i.id)');
        const stored = new Set(rows.map((r) => r.id));
        const missing = acknowledged.filter((id) => !stored.has(id)).length;
        if (missing > 0) problems.push(`${missing} acknowledged verification(s) not stored with a decision`);
        const half = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identities i WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.identity_id = i.id)');
        if (Number(half.rows[0]!.n) > 0) problems.push(`${half.rows[0]!.n} case(s) without a decision`);
      } finally {
        await db.close();
        await dispose();
      }
      return problems;
    },
  };
}

export function postgresUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
