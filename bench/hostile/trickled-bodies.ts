/**
 * One key trickles large bodies; another key's verification is timed. A gateway process (in-memory
 * store, in-process simulators, the default 64 MiB body budget and 30 s body timeout) gets `--bodies`
 * (17) POSTs of 4 MB from the hostile key, each sending one byte a second, then one 2.7 MB
 * verification from a second key. Run three times in the same invocation: without the hostile
 * bodies (the baseline), with one key allowed the whole budget (REQUEST_BODY_BUDGET_PER_KEY_MB=64)
 * and with the default share (a quarter). Prints the victim's latency and what the hostile requests
 * were answered. (Before keys had a share, the queue was strictly first come first served: the
 * victim waited behind the 17th hostile body until the body timeout freed the budget, about 30 s.)
 *
 *   npx tsx bench/hostile/trickled-bodies.ts [--bodies=17] [--timeout-ms=30000]
 */
import { connect, type Socket } from 'node:net';
import { request } from 'undici';
import { sampleJpeg } from '../../src/simulators/sample-image';
import { option } from '../options';
import { freePort, startProcess } from '../processes';
import { printTable } from '../table';

const HOSTILE_KEY = 'bench-hostile-key-0123456789abcdef';
const VICTIM_KEY = 'bench-victim-key-0123456789abcdef';
const BODY_BYTES = 4_000_000;

const VERIFY = 'mutation V($input: VerifyIdentityInput!) { verifyIdentity(input: $input) { id decision { outcome } } }';
const padded = Buffer.concat([sampleJpeg('pass'), Buffer.alloc(1024 * 1024, 7)]).toString('base64');

/** A POST that declares BODY_BYTES and sends one byte a second; resolves with the status it is answered. */
function trickle(url: string): { socket: Socket; status: Promise<number> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  socket.write(
    [
      `POST /graphql HTTP/1.1`,
      `host: ${hostname}:${port}`,
      'content-type: application/json',
      `content-length: ${BODY_BYTES}`,
      `authorization: Bearer ${HOSTILE_KEY}`,
      '',
      '{',
    ].join('\r\n'),
  );
  const drip = setInterval(() => socket.write(' '), 1_000);
  const status = new Promise<number>((resolve) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (match) resolve(Number(match[1]));
    });
    socket.once('close', () => resolve(0));
  }).finally(() => clearInterval(drip));
  return { socket, status };
}

/** The victim's verifications one after another; the first starts while the hostile bodies are held. */
const VICTIM_RUNS = 3;

async function verifyAsVictim(url: string, timeoutMs: number): Promise<{ ms: number; answer: string }> {
  const input = {
    caseNo: `victim-${Date.now()}-${Math.random()}`,
    country: 'KH',
    documentType: 'NATIONAL_ID',
    documentFront: { base64: padded },
    documentBack: { base64: padded },
    faceSignatureId: 'pass',
  };
  const started = performance.now();
  const res = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${VICTIM_KEY}` },
    body: JSON.stringify({ query: VERIFY, variables: { input } }),
    headersTimeout: timeoutMs * 3,
    bodyTimeout: timeoutMs * 3,
  });
  const body = (await res.body.json()) as { data?: { verifyIdentity?: { decision: { outcome: string } } } };
  return { ms: performance.now() - started, answer: `${res.statusCode} ${body.data?.verifyIdentity?.decision.outcome ?? '-'}` };
}

async function scenario(label: string, env: Record<string, string>, bodies: number, timeoutMs: number): Promise<string[]> {
  const apiKeys = [HOSTILE_KEY, VICTIM_KEY].map((key, i) => ({ name: i === 0 ? 'hostile' : 'victim', key, scopes: ['*'], rateLimit: { perMinute: 100_000, burst: 10_000 } }));
  const gw = await startProcess(
    `gateway (${label})`,
    'src/cli/serve.ts',
    { NODE_ENV: 'test', PORT: String(await freePort()), DATABASE_URL: 'memory://', API_KEYS: JSON.stringify(apiKeys), REQUEST_BODY_TIMEOUT_MS: String(timeoutMs), ...env },
    /eKYC gateway ready: (http:\/\/\S+)\/graphql/,
  );
  const held = Array.from({ length: bodies }, () => trickle(gw.url));
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    // One warm-up verification (JIT, pools), outside the measure, only without hostile traffic.
    if (bodies === 0) await verifyAsVictim(gw.url, timeoutMs);
    const times: number[] = [];
    let answered = '';
    for (let i = 0; i < VICTIM_RUNS; i++) {
      const { ms, answer } = await verifyAsVictim(gw.url, timeoutMs);
      times.push(ms);
      answered = answer;
    }
    times.sort((a, b) => a - b);
    const statuses = await Promise.all(held.map((h) => h.status));
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    const hostile = [...counts]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${n}×${s}`)
      .join(' ');
    return [label, `${Math.round(times[0]!)} ms`, `${Math.round(times.at(-1)!)} ms`, answered, hostile];
  } finally {
    for (const h of held) h.socket.destroy();
    await gw.stop();
  }
}

const bodies = option('bodies', 'BENCH_BODIES', 17);
const timeoutMs = option('timeout-ms', 'REQUEST_BODY_TIMEOUT_MS', 30_000);
const rows = [
  await scenario('baseline: no hostile bodies', {}, 0, timeoutMs),
  await scenario('no share (one key may hold the whole 64 MiB)', { REQUEST_BODY_BUDGET_PER_KEY_MB: '64' }, bodies, timeoutMs),
  await scenario('default share (16 MiB per key)', {}, bodies, timeoutMs),
];
printTable(
  `${bodies} trickled ${BODY_BYTES / 1e6} MB bodies from one key; a 2.7 MB verification from another (body timeout ${timeoutMs} ms)`,
  [`budget`, `victim fastest of ${VICTIM_RUNS}`, 'victim slowest', 'victim answer', 'hostile requests answered'],
  rows,
);
