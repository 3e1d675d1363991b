/**
 * Hostile queries against an in-process gateway: how long each takes to be answered or refused, and
 * the longest event-loop stall meanwhile (perf_hooks.monitorEventLoopDelay, 10 ms resolution), with
 * the default query limits and with them lifted (MAX_QUERY_BYTES / MAX_QUERY_TOKENS out of reach,
 * which is how the gateway behaved before it had them). Bodies are built before measuring.
 *
 *   npx tsx bench/hostile/query-size.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'undici';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway } from '../../src/main';
import { printTable } from '../table';

const KEY = 'bench-hostile-key-0123456789abcdef';
const API_KEYS = JSON.stringify([{ name: 'bench', key: KEY, scopes: ['*'], rateLimit: { perMinute: 1_000_000, burst: 100_000 } }]);

const aliases = (n: number) => `{${Array.from({ length: n }, (_, i) => `a${i}:__typename`).join(' ')}}`;
/** Same response name, different fields: validation compares every pair (OverlappingFieldsCanBeMerged). */
const conflicting = (pairs: number) => `{${'x:__typename x:vendors{vendor} '.repeat(pairs)}}`;

const CASES: Array<[string, string]> = [
  ['24 MB, 1.25 M aliases', aliases(1_250_000)],
  ['100 KiB of aliases', aliases(6_500)],
  ['2000 tokens of conflicting aliases', conflicting(166)],
  ['100 KiB of conflicting aliases', conflicting(3_300)],
];

async function run(label: string, env: Record<string, string>): Promise<string[][]> {
  const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DATABASE_URL: 'memory://', API_KEYS, ...env });
  const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  const rows: string[][] = [];
  try {
    for (const [name, query] of CASES) {
      const body = Buffer.from(JSON.stringify({ query }));
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      const res = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body,
      });
      const answer = (await res.body.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      const ms = performance.now() - started;
      delay.disable();
      rows.push([
        label,
        name,
        `${(body.length / 1024).toFixed(0)} KiB`,
        String(res.statusCode),
        answer.errors?.[0]?.extensions?.code ?? 'answered',
        ms.toFixed(0),
        (delay.max / 1e6).toFixed(0),
      ]);
    }
  } finally {
    await gateway.close();
  }
  return rows;
}

const rows = [...(await run('limits lifted', { MAX_QUERY_BYTES: '100000000', MAX_QUERY_TOKENS: '100000000' })), ...(await run('default limits', {}))];
printTable('Hostile queries', ['gateway', 'query', 'body', 'status', 'code', 'ms to answer', 'longest stall ms'], rows);
