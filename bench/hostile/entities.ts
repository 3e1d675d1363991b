/**
 * Federation `_entities` as an attacker would send it: one request of 2,000 representations (random
 * case ids, the cheapest selection, `__typename`), timed alone, then six such requests in a loop while
 * another tenant verifies cases one after another, whose latency is compared with the same
 * verifications on an idle gateway. Gateway and simulators run in processes of their own.
 *
 *   npx tsx bench/hostile/entities.ts [representations=2000] [attackers=6] [verifications=20]
 */
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { khInput, uniqueSuffix } from '../../test/support/e2e';
import { startGatewayRun, postgresUrl } from '../gateway-run';
import { mean, percentile } from '../percentile';
import { startSimulators } from '../processes';

const REPRESENTATIONS = Number(process.argv[2] ?? 2000);
const ATTACKERS = Number(process.argv[3] ?? 6);
const VERIFICATIONS = Number(process.argv[4] ?? 20);
const ATTACKER_KEY = 'bench-attacker-key-0123456789abcdef';
const VICTIM_KEY = 'bench-victim-key-0123456789abcdef';
const rate = { perMinute: 100_000_000, burst: 1_000_000 };
const API_KEYS = JSON.stringify([
  { name: 'attacker', key: ATTACKER_KEY, scopes: ['identity:read'], rateLimit: rate },
  { name: 'victim', key: VICTIM_KEY, scopes: ['identity:verify', 'identity:read'], rateLimit: rate },
]);
const ENTITIES = 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
const VERIFY = 'mutation V($input: VerifyIdentityInput!) { verifyIdentity(input: $input) { id decision { outcome } } }';

async function post(url: string, key: string, query: string, variables: object): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.body.text();
  return { ms: performance.now() - started, status: res.statusCode, body };
}

async function verifications(url: string, n: number): Promise<number[]> {
  const suffix = uniqueSuffix();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await post(url, VICTIM_KEY, VERIFY, { input: khInput(`victim-${suffix}-${i}`) });
    if (!res.body.includes('"outcome"')) throw new Error(`verification failed: ${res.status} ${res.body.slice(0, 200)}`);
    times.push(res.ms);
  }
  return times;
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

async function main(): Promise<void> {
  const store = postgresUrl() ? 'postgres' : 'pglite';
  console.log(`_entities under attack — ${REPRESENTATIONS} representations, ${ATTACKERS} attackers, ${store} store, Node ${process.version}`);
  const sims = await startSimulators(null);
  const gw = await startGatewayRun(store, sims.env, { API_KEYS, VENDOR_TIMEOUT_MS: '10000' });
  try {
    await verifications(gw.graphqlUrl, 5); // warm-up
    const idle = await verifications(gw.graphqlUrl, VERIFICATIONS);
    const representations = () => Array.from({ length: REPRESENTATIONS }, () => ({ __typename: 'Identity', id: randomUUID() }));
    const alone = await post(gw.graphqlUrl, ATTACKER_KEY, ENTITIES, { r: representations() });
    const answer = /"code":"(\w+)"/.exec(alone.body)?.[1] ?? (alone.body.includes('"_entities"') ? 'answered' : alone.body.slice(0, 120));
    console.log(`one request of ${REPRESENTATIONS}: ${fmt(alone.ms)} (HTTP ${alone.status}, ${answer})`);

    let attacking = true;
    let sent = 0;
    const attackers = Array.from({ length: ATTACKERS }, async () => {
      while (attacking) {
        await post(gw.graphqlUrl, ATTACKER_KEY, ENTITIES, { r: representations() });
        sent++;
      }
    });
    const underAttack = await verifications(gw.graphqlUrl, VERIFICATIONS);
    attacking = false;
    await Promise.all(attackers);
    const line = (label: string, t: number[]) =>
      console.log(`${label}: median ${fmt(percentile(t, 50))}, p95 ${fmt(percentile(t, 95))}, max ${fmt(Math.max(...t))}, mean ${fmt(mean(t))}`);
    line("another tenant's verification, idle gateway   ", idle);
    line(`another tenant's verification, ${ATTACKERS} attackers    `, underAttack);
    console.log(`attack requests completed meanwhile: ${sent}`);
  } finally {
    const problems = await gw.finish([]);
    await sims.process.stop();
    if (problems.length) console.log(`problems: ${problems.join('; ')}`);
  }
}

await main();
