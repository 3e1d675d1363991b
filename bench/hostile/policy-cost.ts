/**
 * What a hostile policy admin's dry run costs the gateway: for each request, the time to its answer,
 * the longest event-loop stall while it ran (perf_hooks.monitorEventLoopDelay, in the gateway's own
 * process) and the size of the answer. Policy and facts are in CASES; the gateway runs in this process
 * with an in-memory store.
 *
 *   npx tsx bench/hostile/policy-cost.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'undici';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway } from '../../src/main';
import { printTable } from '../table';

const KEY = 'bench-admin-key-0123456789abcdef';
const EVALUATE = `mutation E($policy: JSON!, $facts: JSON!) {
  evaluatePolicy(policy: $policy, facts: $facts) { outcome explanation { rule fired } counterfactuals { fact to outcome } }
}`;
const event = { type: 'REJECT', params: { code: 'X', message: 'x' } };
const rule = (i: number, condition: unknown) => ({ name: `r${i}`, conditions: { all: [condition] }, event });
const policyOf = (rules: unknown[]) => ({ name: 'hostile', defaultOutcome: 'APPROVE', rules });
const countries = (n: number) => Array.from({ length: n }, (_, i) => `C${i}`);

const CASES: Array<[string, unknown, unknown]> = [
  ['10,000-entry notIn list, counterfactuals', policyOf([rule(0, { fact: 'country', operator: 'notIn', value: countries(10_000) })]), { country: 'ZZ' }],
  [
    '100 rules x 256-entry lists (within limits)',
    policyOf(Array.from({ length: 100 }, (_, i) => rule(i, { fact: 'country', operator: 'notIn', value: countries(256) }))),
    { country: 'ZZ' },
  ],
  [
    '100 rules x 1M-way pattern, 99-char fact',
    policyOf(Array.from({ length: 100 }, (_, i) => rule(i, { fact: 'country', operator: 'matchesPattern', value: `^a{0,99}a{0,99}a{0,99}!${i}` }))),
    { country: 'a'.repeat(99) },
  ],
  [
    '4 x 1M-way pattern + 1 rule (within limits)',
    policyOf([
      ...[0, 1, 2, 3].map((i) => rule(i, { fact: 'country', operator: 'matchesPattern', value: `^a{0,99}a{0,99}a{0,99}!${i}` })),
      rule(4, { fact: 'country', operator: 'notEqual', value: 'KH' }),
    ]),
    { country: 'a'.repeat(99) },
  ],
  ['unknown key of 8 MB', { ...policyOf([]), ['k'.repeat(8 * 1024 * 1024)]: 1 }, {}],
];

const config = loadConfig({
  PORT: '0',
  NODE_ENV: 'test',
  DATABASE_URL: 'memory://',
  API_KEYS: JSON.stringify([{ name: 'bench', key: KEY, scopes: ['*'], rateLimit: { perMinute: 1_000_000, burst: 100_000 } }]),
});
const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
const rows: string[][] = [];
try {
  // Each twice: the first also pays for compiling the code it runs (V8's JIT, a new regular expression).
  for (const [round, [name, policy, facts]] of [...CASES.map((c) => ['first', c] as const), ...CASES.map((c) => ['again', c] as const)]) {
    const body = JSON.stringify({ query: EVALUATE, variables: { policy, facts } });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const res = await request(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body });
    const text = await res.body.text();
    const ms = performance.now() - started;
    delay.disable();
    const parsed = JSON.parse(text) as { data?: { evaluatePolicy?: { outcome: string } } | null; errors?: Array<{ extensions?: { code?: string } }> };
    const answer = parsed.errors?.[0]?.extensions?.code ?? parsed.data?.evaluatePolicy?.outcome ?? '?';
    rows.push([`${name} (${round})`, answer, `${ms.toFixed(0)} ms`, `${(delay.max / 1e6).toFixed(0)} ms`, `${text.length.toLocaleString('en')} B`]);
  }
} finally {
  await gateway.close();
}
printTable('Hostile dry runs (evaluatePolicy) over HTTP', ['request', 'answer', 'time', 'longest stall', 'answer size'], rows);
