import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleJpegBase64 } from '../../../src/simulators/sample-image';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../../../src/vendors/vendor';
import type { RunningSimulator } from '../../../src/simulators/simulator';
import { verihubsModule } from '../../../src/vendors/verihubs/module';
import { verihubsSimulator } from '../../../src/simulators/verihubs/simulator-module';

function base64Front(scenario: string): VerificationRequest['documentFront'] {
  const base64 = sampleJpegBase64(scenario);
  const bytes = Buffer.from(base64, 'base64');
  return { kind: 'base64', base64, mime: 'image/jpeg', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function request(documentFront: VerificationRequest['documentFront']): VerificationRequest {
  return { caseNo: 'CASE-1', country: 'ID', documentType: 'NATIONAL_ID', documentFront, documentBack: null, faceSignatureId: null };
}

const context: VendorCallContext = {
  signal: new AbortController().signal,
  fetchImageBase64: () => Promise.reject(new Error('Verihubs takes image URLs itself')),
};

let simulator: RunningSimulator;
let adapter: VendorAdapter;
const extraAdapters: VendorAdapter[] = [];

function adapterWith(overrides: Partial<{ baseUrl: string; timeoutMs: number; appId: string; apiKey: string }>): VendorAdapter {
  const created = verihubsModule.createAdapter({ ...verihubsSimulator.adapterConfig(simulator.url, 5_000), ...overrides });
  extraAdapters.push(created);
  return created;
}

const call = (scenario: string, on: VendorAdapter = adapter) => on.call(request(base64Front(scenario)), context);

beforeAll(async () => {
  simulator = await verihubsSimulator.start({ port: 0 });
  adapter = verihubsModule.createAdapter(verihubsSimulator.adapterConfig(simulator.url, 5_000));
});

afterAll(async () => {
  await adapter.close();
  for (const extra of extraAdapters) await extra.close();
  await simulator.close();
});

describe('Verihubs adapter against its simulator', () => {
  it('pass: OK, no forgery, every quality check passed with scores, a reference id', async () => {
    const outcome = await call('pass');
    expect(outcome.result).toMatchObject({ vendor: 'VERIHUBS', status: 'OK', errorCode: null, message: 'KTP image judged genuine' });
    expect(outcome.result.reference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([
      { kind: 'BLUR', passed: true, score: 12.418305, vendor: 'VERIHUBS' },
      { kind: 'DARK', passed: true, score: 18.774102, vendor: 'VERIHUBS' },
      { kind: 'FLASHLIGHT', passed: true, score: null, vendor: 'VERIHUBS' },
      { kind: 'GRAYSCALE', passed: true, score: null, vendor: 'VERIHUBS' },
    ]);
  });

  it('forged: OK with FAIL_ON_2 and a FORGED signal', async () => {
    const outcome = await call('forged');
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_2' });
    expect(outcome.forgery).toEqual([{ kind: 'FORGED', vendor: 'VERIHUBS', detail: 'FAIL_ON_2' }]);
    expect(outcome.quality.every((q) => q.passed)).toBe(true);
  });

  it.each([
    ['blurry', 'BLUR', 97.604418],
    ['dark', 'DARK', 91.208537],
    ['flashlight', 'FLASHLIGHT', null],
    ['grayscale', 'GRAYSCALE', null],
  ])('%s: OK with FAIL_ON_1 and only %s failed', async (scenario, kind, score) => {
    const outcome = await call(scenario);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_1' });
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toHaveLength(4);
    expect(outcome.quality.filter((q) => !q.passed)).toEqual([{ kind, passed: false, score, vendor: 'VERIHUBS' }]);
  });

  it('an image URL carries the scenario too (sent as the image, not fetched)', async () => {
    const outcome = await adapter.call(request({ kind: 'url', url: `${simulator.url}/samples/forged.jpg` }), context);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_2' });
    const aimed = await adapter.call(request({ kind: 'url', url: 'https://img.example/ktp.jpg?scenario=huawei:forged,verihubs:dark' }), context);
    expect(aimed.result.errorCode).toBe('FAIL_ON_1');
    expect(aimed.quality.find((q) => q.kind === 'DARK')?.passed).toBe(false);
  });

  it.each([
    ['INVALID_PAYLOAD'],
    ['INVALID_PAYLOAD_IMAGE_MISSING'],
    ['INVALID_PAYLOAD_IMAGE_SIZE'],
    ['INVALID_PAYLOAD_IMAGE_FORMAT'],
    ['INVALID_PAYLOAD_IMAGE_TIMEOUT'],
    ['MISSING_PAYLOAD_IMAGE'],
    ['INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY'],
    ['BAD_PAYLOAD'],
    ['UNAUTHORIZED'],
    ['INSUFFICIENT_QUOTA'],
    ['INTERNAL_SERVER_ERROR'],
  ])('error-%s: FAILED with that code', async (code) => {
    const outcome = await call(`error-${code}`);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: code, reference: null });
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([]);
  });

  it('error-FAIL_ON_1 / error-FAIL_ON_2 are verdicts (OK)', async () => {
    expect((await call('error-FAIL_ON_1')).result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_1' });
    const forged = await call('error-FAIL_ON_2');
    expect(forged.result).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_2' });
    expect(forged.forgery.map((f) => f.kind)).toEqual(['FORGED']);
  });

  it('wrong API-Key or App-ID: FAILED UNAUTHORIZED (the vendor’s codeless 401)', async () => {
    expect((await call('pass', adapterWith({ apiKey: 'wrong-key' }))).result).toMatchObject({ status: 'FAILED', errorCode: 'UNAUTHORIZED' });
    expect((await call('pass', adapterWith({ appId: 'wrong-app' }))).result).toMatchObject({ status: 'FAILED', errorCode: 'UNAUTHORIZED' });
  });

  it('server-error: FAILED INTERNAL_SERVER_ERROR', async () => {
    expect((await call('server-error')).result).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL_SERVER_ERROR' });
  });

  it('garbage: FAILED, unreadable body', async () => {
    expect((await call('garbage')).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it('hang: TIMEOUT within a short deadline', async () => {
    const started = Date.now();
    const outcome = await call('hang', adapterWith({ timeoutMs: 300 }));
    expect(outcome.result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('the documented path is appended to the base URL (a wrong base path is a 404)', async () => {
    const outcome = await call('pass', adapterWith({ baseUrl: `${simulator.url}/api` }));
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_404' });
  });

  it('an unknown scenario plays pass', async () => {
    expect((await call('low-landmarks')).result).toMatchObject({ status: 'OK', errorCode: null });
  });

  it('inputKey: null without a front image, else stable per image', () => {
    expect(adapter.inputKey(request(null))).toBeNull();
    const front = base64Front('pass');
    expect(adapter.inputKey(request(front))).toBe(adapter.inputKey(request(base64Front('pass'))));
    expect(adapter.inputKey(request(front))).not.toBe(adapter.inputKey(request(base64Front('forged'))));
    expect(adapter.inputKey(request({ kind: 'url', url: 'https://img.example/a.jpg' }))).toBe('front:url:https://img.example/a.jpg');
  });

  it('call without a front image is SKIPPED, not sent', async () => {
    expect((await adapter.call(request(null), context)).result).toMatchObject({ status: 'SKIPPED', errorCode: null });
  });
});
