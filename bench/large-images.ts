/**
 * Large images: 50 verifications in flight at once, each with a 4 MiB front and a 4 MiB back image
 * (base64 in the request), three rounds, against a fresh gateway process. Its RSS is sampled every
 * 10 ms for the peak; heap and RSS are read after a full GC before and after.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { sampleJpeg } from '../src/simulators/sample-image';
import { BENCH_KEY, startGatewayRun, type Store } from './gateway-run';
import { int, printTable } from './table';

const MB = 1024 * 1024;
const IN_FLIGHT = 50;
const ROUNDS = 3;
const IMAGE_BYTES = 4 * MB;
/** What "back near the start" allows after the load, for the heap after a full GC. */
const LEAK_TOLERANCE = 16 * MB;
/** The target: peak RSS of the gateway process. */
const PEAK_LIMIT = 1024 * MB;

export async function runLargeImages(store: Store, vendorUrls: Record<string, string>): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  const jpeg = sampleJpeg('pass');
  // A real JPEG head (the simulators check it) padded to 4 MiB with noise.
  const base64 = Buffer.from(Buffer.concat([jpeg, randomBytes(IMAGE_BYTES - jpeg.length)]).toString('base64'), 'latin1');
  const gw = await startGatewayRun(store, vendorUrls, process.env.REQUEST_BODY_BUDGET_MB ? { REQUEST_BODY_BUDGET_MB: process.env.REQUEST_BODY_BUDGET_MB } : {});
  const query = 'mutation V($input: VerifyIdentityInput!) { verifyIdentity(input: $input) { id decision { outcome } vendorResults { vendor status } } }';
  const verify = async (caseNo: string): Promise<string | null> => {
    // The body streamed from one shared base64 buffer, so the load generator holds no copies.
    const parts = [
      Buffer.from(`{"query":${JSON.stringify(query)},"variables":{"input":{"caseNo":"${caseNo}","country":"KH","documentType":"NATIONAL_ID","documentFront":{"base64":"`),
      base64,
      Buffer.from('"},"documentBack":{"base64":"'),
      base64,
      Buffer.from('"},"faceSignatureId":"pass"}}}'),
    ];
    const length = parts.reduce((n, p) => n + p.length, 0);
    const res = await request(gw.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(length), authorization: `Bearer ${BENCH_KEY}` },
      body: Readable.from(parts),
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    const answer = (await res.body.json().catch(() => ({}))) as { data?: { verifyIdentity?: { id: string; decision: { outcome: string } } } };
    return answer.data?.verifyIdentity?.decision.outcome === 'APPROVE' ? answer.data.verifyIdentity.id : null;
  };

  const acknowledged: string[] = [];
  for (let i = 0; i < 3; i++) acknowledged.push((await verify(`img-warm-${Date.now()}-${i}`))!);
  const before = await gw.memoryAfterGc();
  let peak = gw.process.rss();
  const sampler = setInterval(() => {
    if (gw.process.child.exitCode === null && gw.process.child.signalCode === null) peak = Math.max(peak, gw.process.rss());
  }, 10);
  const started = performance.now();
  let failed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const ids = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => verify(`img-${Date.now()}-${round}-${i}`))).catch((error: unknown) => {
      throw new Error(`${String(error)}; gateway output:\n${gw.process.output().slice(-4000)}`);
    });
    for (const id of ids) if (id === null) failed += 1;
    acknowledged.push(...ids.filter((id): id is string => id !== null));
  }
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, gw.process.peakRss());
  const after = await gw.memoryAfterGc();
  printTable(
    `Large images, gateway on ${store}: ${IN_FLIGHT} verifications sent at once, each a ${IMAGE_BYTES / MB} MiB ` +
      `front + ${IMAGE_BYTES / MB} MiB back (base64 ${int(base64.length / 1000)} kB each), ${ROUNDS} rounds in ` +
      `${int(elapsed)} ms`,
    ['gateway process', 'before (after GC)', 'peak', 'after (after GC)'],
    [
      ['RSS', `${int(before.rss / MB)} MiB`, `${int(peak / MB)} MiB`, `${int(after.rss / MB)} MiB`],
      ['V8 heap used', `${int(before.heapUsed / MB)} MiB`, '-', `${int(after.heapUsed / MB)} MiB`],
    ],
  );
  console.log(`peak RSS − before: ${int((peak - before.rss) / MB)} MiB for ${int((IN_FLIGHT * 2 * base64.length) / MB)} MiB of base64 images sent at once`);
  if (failed > 0) problems.push(`large images: ${failed} verification(s) not answered APPROVE`);
  if (peak > PEAK_LIMIT) problems.push(`large images: peak RSS ${int(peak / MB)} MiB is over ${int(PEAK_LIMIT / MB)} MiB`);
  if (after.heapUsed - before.heapUsed > LEAK_TOLERANCE) problems.push(`large images: heap after GC grew by ${int((after.heapUsed - before.heapUsed) / MB)} MiB`);
  for (const p of await gw.finish(acknowledged)) problems.push(`large images: ${p}`);
  return { problems };
}
