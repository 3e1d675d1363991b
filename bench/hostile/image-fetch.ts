/**
 * Hostile images: how long a gateway takes to answer a verification whose image URL answers badly
 * (404, redirect, 500, too large, only magic bytes, a stalled body) or to refuse a hostile input
 * (an over-long or credentialled URL, magic bytes only, 8 MiB of JPEG restart markers), and the
 * longest event-loop stall meanwhile (perf_hooks.monitorEventLoopDelay, 10 ms resolution). The gateway
 * runs in this process, so the stall is the gateway's; request bodies are serialised beforehand.
 *
 *   npx tsx bench/hostile/image-fetch.ts [--runs=5]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'undici';
import { sampleJpeg, sampleJpegBase64 } from '../../src/simulators/sample-image';
import { startHostileImageServer } from '../../test/support/hostile-image-server';
import { startTestGateway, TEST_ADMIN_KEY, VERIFY } from '../../test/support/gateway';
import { option } from '../options';
import { percentile } from '../percentile';
import { ms, printTable } from '../table';

const runs = option('runs', 'RUNS', 5);

async function main(): Promise<void> {
  const images = await startHostileImageServer();
  const gw = await startTestGateway({ IMAGE_URL_ALLOW: images.hostPort, VENDOR_TIMEOUT_MS: '2000', VERIFICATION_TIMEOUT_MS: '4000' });
  const sample = `${gw.simulators.INNOV8TIF!.url}/samples/pass.jpg`;
  const restarts = Buffer.alloc(8 * 1024 * 1024 - 2);
  for (let i = 0; i + 1 < restarts.length; i += 2) restarts.set([0xff, 0xd0], i);
  const front = { base64: sampleJpegBase64('pass') };

  const kh = (back: Record<string, string>) => ({ country: 'KH', documentType: 'NATIONAL_ID', documentFront: front, documentBack: back, faceSignatureId: 'pass' });
  const scenarios: Array<[string, Record<string, unknown>]> = [
    ['URL answers 404', kh({ url: `${images.url}/404` })],
    ['URL answers 302', kh({ url: `${images.url}/302` })],
    ['URL answers 500 + body', kh({ url: `${images.url}/500` })],
    ['URL sends 12 MiB', kh({ url: `${images.url}/large` })],
    ['URL sends PNG magic only', kh({ url: `${images.url}/magic-png` })],
    ['URL stalls mid-body', kh({ url: `${images.url}/hang-body` })],
    ['refused: URL of 100k chars', kh({ url: `${sample}?${'q'.repeat(100_000)}` })],
    ['refused: URL with user:pw@', kh({ url: sample.replace('//', '//scan:pw@') })],
    ['refused: base64 PNG magic only', kh({ base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64') })],
    ['refused: 8 MiB of JPEG RSTn', kh({ base64: Buffer.concat([Buffer.from([0xff, 0xd8]), restarts]).toString('base64') })],
    ['baseline: sample URL', kh({ url: sample })],
    ['baseline: 8 MiB valid base64', kh({ base64: Buffer.concat([sampleJpeg('pass'), Buffer.alloc(8 * 1024 * 1024 - 4096, 7)]).toString('base64') })],
  ];

  const send = async (body: string): Promise<any> => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body,
    });
    return res.body.json();
  };
  // Warm-up (first compilation of the paths), not measured.
  for (let i = 0; i < 3; i++) await send(JSON.stringify({ query: VERIFY, variables: { input: { ...kh({ url: sample }), caseNo: `hostile-warm-${i}` } } }));

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const rows: string[][] = [];
  try {
    for (const [name, input] of scenarios) {
      const bodies = Array.from({ length: runs }, (_, i) => JSON.stringify({ query: VERIFY, variables: { input: { ...input, caseNo: `hostile-${rows.length}-${i}` } } }));
      const times: number[] = [];
      let answer = '';
      delay.reset();
      for (const body of bodies) {
        const started = performance.now();
        const json = await send(body);
        times.push(performance.now() - started);
        answer = json.errors
          ? `${json.errors[0].extensions.code}`
          : json.data.verifyIdentity.vendorResults
              .filter((r: any) => r.vendor === 'INNOV8TIF')
              .map((r: any) => (r.status === 'OK' ? 'INNOV8TIF OK' : `INNOV8TIF ${r.status} ${r.errorCode}`))
              .join('');
      }
      rows.push([name, answer, ms(percentile(times, 50)), ms(Math.max(...times)), ms(delay.max / 1e6)]);
    }
  } finally {
    delay.disable();
    await gw.close();
    await images.close();
  }
  printTable(`Hostile images (${runs} runs each, sequential)`, ['scenario', 'answer', 'p50', 'max', 'event-loop max'], rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
