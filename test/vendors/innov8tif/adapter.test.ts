import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error';
import { INNOV8TIF_SIMULATOR_API_KEY } from '../../../src/simulators/innov8tif/credentials';
import { startInnov8tifSimulator } from '../../../src/simulators/innov8tif/server';
import { sampleJpeg, sampleJpegBase64 } from '../../../src/simulators/sample-image';
import type { VendorOutcome } from '../../../src/signals/model';
import { Innov8tifAdapter } from '../../../src/vendors/innov8tif/client';
import { innov8tifModule } from '../../../src/vendors/innov8tif/module';
import type { ImageRef, VendorCallContext, VerificationRequest } from '../../../src/vendors/vendor';
import type { RunningSimulator } from '../../../src/simulators/simulator';
import { innov8tifSimulator } from '../../../src/simulators/innov8tif/simulator-module';

const KH_PATH = '/ekyc/api/ekyc/v1/doc-verify/kh-id-back';

function base64Image(scenario: string): ImageRef {
  const bytes = sampleJpeg(scenario);
  return {
    kind: 'base64',
    base64: bytes.toString('base64'),
    mime: 'image/jpeg',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function request(back: ImageRef | null, front: ImageRef | null = null): VerificationRequest {
  return { caseNo: 'CASE-KH-0001', country: 'KH', documentType: 'NATIONAL_ID', documentFront: front, documentBack: back, faceSignatureId: null };
}

const context: VendorCallContext = {
  signal: new AbortController().signal,
  async fetchImageBase64(url, signal) {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`image fetch answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer()).toString('base64');
  },
};

let sim: RunningSimulator;
let adapter: Innov8tifAdapter;
let wrongKey: Innov8tifAdapter;
let wrongPath: Innov8tifAdapter;

beforeAll(async () => {
  sim = await startInnov8tifSimulator({ port: 0 });
  adapter = innov8tifModule.createAdapter(innov8tifSimulator.adapterConfig(sim.url, 5000)) as Innov8tifAdapter;
  wrongKey = new Innov8tifAdapter({ baseUrl: sim.url, timeoutMs: 5000, apiKey: 'not-the-key' });
  wrongPath = new Innov8tifAdapter({ baseUrl: `${sim.url}/v1`, timeoutMs: 5000, apiKey: INNOV8TIF_SIMULATOR_API_KEY });
});

afterAll(async () => {
  await Promise.all([adapter?.close(), wrongKey?.close(), wrongPath?.close()]);
  await sim?.close();
});

const run = (scenario: string): Promise<VendorOutcome> => adapter.call(request(base64Image(scenario)), context);
const checks = (o: VendorOutcome) => Object.fromEntries(o.quality.map((q) => [q.kind, q.passed]));
const scores = (o: VendorOutcome) => o.landmarks.map((l) => l.score);

describe('Innov8tif adapter against its simulator', () => {
  it('pass: OK with seven high landmark scores, every check passed, the vendor id as reference', async () => {
    const outcome = await run('pass');
    expect(outcome.result).toMatchObject({ vendor: 'INNOV8TIF', status: 'OK', errorCode: null });
    expect(outcome.result.reference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(outcome.landmarks.map((l) => l.code)).toEqual([
      'l-kh-id-back-logo1',
      'l-kh-id-back-logo2',
      'l-kh-id-back-logo3',
      'l-kh-id-back-kingdom',
      'l-kh-id-back-national',
      'l-kh-id-back-card',
      'l-kh-id-back-2-lines',
    ]);
    expect(outcome.landmarks[0]).toEqual({ code: 'l-kh-id-back-logo1', label: 'Logo 1', score: 94.56533193588257, vendor: 'INNOV8TIF' });
    expect(Math.min(...scores(outcome))).toBeGreaterThan(85);
    expect(checks(outcome)).toEqual({ BLUR: true, BRIGHTNESS: true, COLOR_MODE: true });
  });

  it('an unknown scenario name is a clean pass', async () => {
    const outcome = await run('no-such-scenario');
    expect(outcome.result.status).toBe('OK');
    expect(Math.min(...scores(outcome))).toBeGreaterThan(85);
  });

  it('low-landmarks: OK with some scores below 50 and the checks passed', async () => {
    const outcome = await run('low-landmarks');
    expect(outcome.result.status).toBe('OK');
    const low = outcome.landmarks.filter((l) => l.score < 50).map((l) => l.code);
    expect(low).toEqual(['l-kh-id-back-logo2', 'l-kh-id-back-kingdom', 'l-kh-id-back-national']);
    expect(checks(outcome)).toEqual({ BLUR: true, BRIGHTNESS: true, COLOR_MODE: true });
  });

  it('forged: OK with every landmark below 50', async () => {
    const outcome = await run('forged');
    expect(outcome.result.status).toBe('OK');
    expect(outcome.landmarks).toHaveLength(7);
    expect(Math.max(...scores(outcome))).toBeLessThan(50);
  });

  it.each([
    ['blurry', { BLUR: false, BRIGHTNESS: true, COLOR_MODE: true }],
    ['dark', { BLUR: true, BRIGHTNESS: false, COLOR_MODE: true }],
    ['photocopy', { BLUR: true, BRIGHTNESS: true, COLOR_MODE: false }],
    ['grayscale', { BLUR: true, BRIGHTNESS: true, COLOR_MODE: false }],
  ])('%s: OK with the matching check failed', async (scenario, expected) => {
    const outcome = await run(scenario);
    expect(outcome.result.status).toBe('OK');
    expect(checks(outcome)).toEqual(expected);
    expect(outcome.landmarks).toHaveLength(7);
  });

  it('plays the scenario aimed at it and ignores those aimed at other vendors', async () => {
    const outcome = await run('huawei:server-error+innov8tif:dark');
    expect(outcome.result.status).toBe('OK');
    expect(checks(outcome).BRIGHTNESS).toBe(false);
  });

  it.each([
    ['api.unauthorized', 'OkayDoc rejected the API key'],
    ['api.invalid.request', 'OkayDoc rejected the request: a required field is missing or malformed'],
    ['api.invalid.image', 'OkayDoc could not read the ID card image'],
    ['api.internal.error', 'OkayDoc had an internal error'],
  ])('error-%s: FAILED with the code kept', async (code, message) => {
    const outcome = await run(`error-${code}`);
    expect(outcome.result).toEqual({ vendor: 'INNOV8TIF', status: 'FAILED', errorCode: code, message, reference: null });
  });

  it('wrong API key: FAILED with api.unauthorized', async () => {
    const outcome = await wrongKey.call(request(base64Image('pass')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'api.unauthorized' });
    expect(outcome.landmarks).toEqual([]);
  });

  it('server-error: FAILED', async () => {
    const outcome = await run('server-error');
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'api.internal.error' });
  });

  it('garbage: FAILED as an unreadable body', async () => {
    const outcome = await run('garbage');
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it('hang: TIMEOUT within the adapter deadline', async () => {
    const quick = new Innov8tifAdapter({ baseUrl: sim.url, timeoutMs: 300, apiKey: INNOV8TIF_SIMULATOR_API_KEY });
    try {
      const started = Date.now();
      const outcome = await quick.call(request(base64Image('hang')), context);
      expect(outcome.result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await quick.close();
    }
  });

  it('an image that is not JPEG or PNG: FAILED with api.invalid.image', async () => {
    const bytes = Buffer.from('not an image at all');
    const image: ImageRef = { kind: 'base64', base64: bytes.toString('base64'), mime: 'image/jpeg', bytes: bytes.length, sha256: 'x' };
    const outcome = await adapter.call(request(image), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'api.invalid.image' });
  });

  it('an image URL is fetched and sent as base64', async () => {
    const outcome = await adapter.call(request({ kind: 'url', url: `${sim.url}/samples/blurry.jpg` }), context);
    expect(outcome.result.status).toBe('OK');
    expect(checks(outcome).BLUR).toBe(false);
  });

  it('an image URL that cannot be fetched: FAILED without calling the vendor', async () => {
    const failing: VendorCallContext = { ...context, fetchImageBase64: () => Promise.reject(new Error('404')) };
    const outcome = await adapter.call(request({ kind: 'url', url: 'http://127.0.0.1:9/missing.jpg' }), failing);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'IMAGE_FETCH_FAILED' });
  });
});

describe('Innov8tif wire format the simulator enforces', () => {
  it('a path other than the documented one is 404, so the adapter reports FAILED', async () => {
    const outcome = await wrongPath.call(request(base64Image('pass')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_404' });
  });

  it('accepts the documented body with the key in the body, not in a header', async () => {
    const image = sampleJpegBase64('pass');
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${sim.url}${KH_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const inBody = await post({}, { caseNo: 'CASE 123', apiKey: INNOV8TIF_SIMULATOR_API_KEY, idImageBase64Image: `${image}\r\n` });
    expect(inBody.status).toBe(200);
    expect(await inBody.json()).toMatchObject({ status: 'success', messageCode: 'api.success' });
    const inHeader = await post({ apiKey: INNOV8TIF_SIMULATOR_API_KEY, authorization: `Bearer ${INNOV8TIF_SIMULATOR_API_KEY}` }, { caseNo: 'CASE 123', idImageBase64Image: image });
    expect(inHeader.status).toBe(401);
    expect(await inHeader.json()).toMatchObject({ status: 'error', messageCode: 'api.unauthorized' });
    const noCase = await post({}, { apiKey: INNOV8TIF_SIMULATOR_API_KEY, idImageBase64Image: image });
    expect(noCase.status).toBe(400);
    expect(await noCase.json()).toMatchObject({ status: 'error', messageCode: 'api.invalid.request' });
  });

  it('the documented path answers only POST', async () => {
    const res = await fetch(`${sim.url}${KH_PATH}`);
    expect(res.status).toBe(405);
  });
});

describe('Innov8tif inputKey', () => {
  it('is null without a back image, even with a front image', () => {
    expect(adapter.inputKey(request(null))).toBeNull();
    expect(adapter.inputKey(request(null, base64Image('pass')))).toBeNull();
  });

  it('is built from the back image only: its sha256, or its URL', () => {
    const back = base64Image('pass');
    const key = adapter.inputKey(request(back));
    expect(key).toBe(`back:sha256:${back.kind === 'base64' ? back.sha256 : ''}`);
    expect(adapter.inputKey(request(back, base64Image('dark')))).toBe(key);
    expect(adapter.inputKey(request({ kind: 'url', url: 'https://img.example/back.jpg' }))).toBe('back:url:https://img.example/back.jpg');
  });

  it('call without a back image is SKIPPED, not sent', async () => {
    const outcome = await adapter.call(request(null), context);
    expect(outcome.result.status).toBe('SKIPPED');
  });
});

describe('innov8tifModule', () => {
  it('names its variables', () => {
    expect(innov8tifModule.vendor).toBe('INNOV8TIF');
    expect(innov8tifModule.baseUrlVariable).toBe('INNOV8TIF_BASE_URL');
    expect(innov8tifModule.variables).toEqual(['INNOV8TIF_API_KEY']);
  });

  it('readConfig returns null without a base URL', () => {
    expect(innov8tifModule.readConfig({}, 10_000)).toBeNull();
    expect(innov8tifModule.readConfig({ INNOV8TIF_API_KEY: 'k' }, 10_000)).toBeNull();
  });

  it('readConfig throws a ConfigError naming the missing API key, never a value', () => {
    const env = { INNOV8TIF_BASE_URL: 'https://okaydoc.example.com/secret-tenant' };
    let error: unknown;
    try {
      innov8tifModule.readConfig(env, 10_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('INNOV8TIF_API_KEY');
    expect((error as ConfigError).message).toContain('INNOV8TIF_API_KEY');
    expect((error as ConfigError).message).not.toContain('secret-tenant');
  });

  it('readConfig rejects a base URL that is not http(s), naming the variable', () => {
    expect(() => innov8tifModule.readConfig({ INNOV8TIF_BASE_URL: 'ftp://x', INNOV8TIF_API_KEY: 'k' }, 1)).toThrow(/INNOV8TIF_BASE_URL/);
  });

  it('readConfig reads the base URL, key and deadline', () => {
    expect(innov8tifModule.readConfig({ INNOV8TIF_BASE_URL: 'https://okaydocdemo.innov8tif.com/', INNOV8TIF_API_KEY: ' key-1 ' }, 7000)).toEqual({
      baseUrl: 'https://okaydocdemo.innov8tif.com',
      timeoutMs: 7000,
      apiKey: 'key-1',
    });
  });

  it('startSimulator serves the vendor the simulator config talks to', async () => {
    const own = await innov8tifSimulator.start();
    const moduleAdapter = innov8tifModule.createAdapter(innov8tifSimulator.adapterConfig(own.url, 5000));
    try {
      expect(own.vendor).toBe('INNOV8TIF');
      const outcome = await moduleAdapter.call(request(base64Image('pass')), context);
      expect(outcome.result.status).toBe('OK');
    } finally {
      await moduleAdapter.close();
      await own.close();
    }
  });
});
