import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error';
import { sampleJpegBase64 } from '../../../src/simulators/sample-image';
import { CVVN_SIM_API_KEY, CVVN_SIM_API_SECRET } from '../../../src/simulators/computervision-vn/credentials';
import type { OcrField, VendorOutcome } from '../../../src/signals/model';
import { computervisionVnModule } from '../../../src/vendors/computervision-vn/module';
import type { ImageRef, VendorAdapter, VendorCallContext, VerificationRequest } from '../../../src/vendors/vendor';
import type { RunningSimulator } from '../../../src/simulators/simulator';
import { computervisionVnSimulator } from '../../../src/simulators/computervision-vn/simulator-module';

function base64Image(scenario: string): ImageRef {
  const base64 = sampleJpegBase64(scenario);
  const bytes = Buffer.from(base64, 'base64');
  return { kind: 'base64', base64, mime: 'image/jpeg', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function request(front: ImageRef | null, back: ImageRef | null = null): VerificationRequest {
  return { caseNo: 'case-1', country: 'VN', documentType: 'NATIONAL_ID', documentFront: front, documentBack: back, faceSignatureId: null };
}

const fetched: string[] = [];
const context: VendorCallContext = {
  signal: new AbortController().signal,
  async fetchImageBase64(url) {
    fetched.push(url);
    const res = await fetch(url);
    return Buffer.from(await res.arrayBuffer()).toString('base64');
  },
};

function field(outcome: VendorOutcome, name: string): OcrField | undefined {
  return outcome.fields.find((f) => f.name === name);
}

let sim: RunningSimulator;
let adapter: VendorAdapter;
const extra: VendorAdapter[] = [];

beforeAll(async () => {
  sim = await computervisionVnSimulator.start({ port: 0 });
  adapter = computervisionVnModule.createAdapter(computervisionVnSimulator.adapterConfig(sim.url, 5000));
});

afterAll(async () => {
  await Promise.all([adapter.close(), ...extra.map((a) => a.close())]);
  await sim.close();
});

describe('ComputervisionVnAdapter against its simulator', () => {
  it('pass, two sides as base64: the chip front and back merged', async () => {
    const outcome = await adapter.call(request(base64Image('pass'), base64Image('pass')), context);
    expect(outcome.result).toMatchObject({ vendor: 'COMPUTERVISION_VN', status: 'OK', errorCode: '0', message: 'Success', reference: null });
    expect(field(outcome, 'idNumber')).toMatchObject({ value: '001190012345', vendor: 'COMPUTERVISION_VN' });
    expect(field(outcome, 'idNumber')!.confidence).toBeGreaterThan(0.98);
    expect(field(outcome, 'fullName')?.value).toBe('ĐỖ THỊ MINH THƯ');
    expect(field(outcome, 'birthDate')?.value).toBe('1990-03-14');
    expect(field(outcome, 'sex')?.value).toBe('F');
    expect(field(outcome, 'expiryDate')?.value).toBe('2030-03-14');
    expect(field(outcome, 'issueDate')?.value).toBe('2021-05-10');
    expect(field(outcome, 'personNumber')?.value).toBe('001190012345');
    expect(outcome.forgery).toEqual([]);
  });

  it('pass, front only: the one-side call returns the front alone', async () => {
    const outcome = await adapter.call(request(base64Image('pass')), context);
    expect(outcome.result.status).toBe('OK');
    expect(field(outcome, 'idNumber')?.value).toBe('001190012345');
    expect(field(outcome, 'issueDate')).toBeUndefined();
  });

  it('URL images go by the GET form, the scenario read from the URL', async () => {
    const front: ImageRef = { kind: 'url', url: `${sim.url}/samples/expired.jpg` };
    const back: ImageRef = { kind: 'url', url: 'https://example.com/back.png' };
    const before = fetched.length;
    const outcome = await adapter.call(request(front, back), context);
    expect(fetched.length).toBe(before);
    expect(outcome.result.status).toBe('OK');
    expect(field(outcome, 'expiryDate')?.value).toBe('2023-07-12');
    expect(field(outcome, 'issueDate')?.value).toBe('2021-06-15');
    const one = await adapter.call(request({ kind: 'url', url: 'https://example.com/id.png?scenario=screen' }), context);
    expect(one.forgery.map((f) => f.kind)).toEqual(['SCREEN_CAPTURE']);
  });

  it('a URL mixed with base64 is fetched and everything goes as base64', async () => {
    const outcome = await adapter.call(request(base64Image('pass'), { kind: 'url', url: `${sim.url}/samples/pass.jpg` }), context);
    expect(fetched).toContain(`${sim.url}/samples/pass.jpg`);
    expect(outcome.result.status).toBe('OK');
    expect(field(outcome, 'issueDate')?.value).toBe('2021-05-10');
  });

  it('low-ocr: every confidence below 0.5', async () => {
    const outcome = await adapter.call(request(base64Image('low-ocr'), base64Image('pass')), context);
    const confidences = outcome.fields.map((f) => f.confidence).filter((c): c is number => c !== null);
    expect(confidences.length).toBeGreaterThan(5);
    expect(Math.max(...confidences)).toBeLessThan(0.5);
  });

  it('expired: expiry date in the past', async () => {
    const outcome = await adapter.call(request(base64Image('expired')), context);
    const expiry = field(outcome, 'expiryDate')?.value;
    expect(expiry).toBe('2023-07-12');
    expect(expiry! < new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it.each([
    ['screen', 'SCREEN_CAPTURE', '1'],
    ['photocopy', 'PHOTOCOPY', '2'],
    ['id-format', 'ID_FORMAT_INVALID', '3'],
    ['corner-clipped', 'CORNER_CLIPPED', '5'],
    ['corner-missing', 'CORNER_MISSING', '6'],
  ])('%s: OK verdict with a %s signal', async (scenario, kind, code) => {
    const outcome = await adapter.call(request(base64Image(scenario), base64Image('pass')), context);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: `invalidCode=${code}` });
    expect(outcome.forgery).toHaveLength(1);
    expect(outcome.forgery[0]).toMatchObject({ kind, vendor: 'COMPUTERVISION_VN' });
    expect(outcome.forgery[0]!.detail).toMatch(/[a-z]/);
  });

  it.each(['1', '2', '3', '4', '5', '6'])('error-%s: FAILED with the documented code', async (code) => {
    const outcome = await adapter.call(request(base64Image(`error-${code}`)), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: code });
    expect(outcome.fields).toEqual([]);
  });

  it('a scenario aimed at another vendor is ignored; one aimed at cvvn wins', async () => {
    expect((await adapter.call(request(base64Image('huawei:server-error')), context)).result.status).toBe('OK');
    expect((await adapter.call(request(base64Image('huawei:pass,cvvn:error-4')), context)).result.errorCode).toBe('4');
  });

  it('wrong credentials: FAILED with code 5', async () => {
    const wrong = computervisionVnModule.createAdapter({ ...computervisionVnSimulator.adapterConfig(sim.url, 5000), apiSecret: 'wrong' });
    extra.push(wrong);
    const outcome = await wrong.call(request(base64Image('pass')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: '5', message: 'Incorrect api_key or api_secret' });
  });

  it('server-error and garbage are FAILED', async () => {
    expect((await adapter.call(request(base64Image('server-error')), context)).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_500' });
    expect((await adapter.call(request(base64Image('garbage')), context)).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it('hang: TIMEOUT within the adapter deadline', async () => {
    const quick = computervisionVnModule.createAdapter(computervisionVnSimulator.adapterConfig(sim.url, 300));
    extra.push(quick);
    const started = Date.now();
    const outcome = await quick.call(request(base64Image('hang')), context);
    expect(outcome.result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('inputKey: null without a front; stable and side-aware otherwise', () => {
    const front = base64Image('pass');
    expect(adapter.inputKey(request(null, base64Image('pass')))).toBeNull();
    expect(adapter.inputKey(request(front))).toBe(adapter.inputKey(request(base64Image('pass'))));
    expect(adapter.inputKey(request(front))).toContain(front.kind === 'base64' ? front.sha256 : '');
    expect(adapter.inputKey(request(front, base64Image('screen')))).not.toBe(adapter.inputKey(request(front)));
    expect(adapter.inputKey(request({ kind: 'url', url: 'https://x.test/a.jpg' }))).toContain('https://x.test/a.jpg');
  });

  it('a call without a front never reaches the vendor', async () => {
    const before = sim.requestCount;
    const outcome = await adapter.call(request(null, base64Image('pass')), context);
    expect(outcome.result.status).toBe('SKIPPED');
    expect(sim.requestCount).toBe(before);
  });
});

describe('the simulator enforces the documented wire format', () => {
  const auth = `Basic ${Buffer.from(`${CVVN_SIM_API_KEY}:${CVVN_SIM_API_SECRET}`).toString('base64')}`;
  const post = (path: string, query: string, body: unknown, authorization = auth) =>
    fetch(`${sim.url}${path}?${query}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('wrong path is 404', async () => {
    expect((await post('/api/v2/ocr/cards', 'format_type=base64', { img1: sampleJpegBase64() })).status).toBe(404);
    expect((await post('/api/v3/ekyc/card', 'format_type=base64', { img: sampleJpegBase64() })).status).toBe(404);
  });

  it('missing or wrong Basic auth is 401 with code 5', async () => {
    const res = await post('/api/v2/ekyc/card', 'format_type=base64&get_thumb=false', { img: sampleJpegBase64() }, 'Basic d3Jvbmc6d3Jvbmc=');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: '5', data: [] });
    const none = await fetch(`${sim.url}/api/v2/ekyc/card?img=https://example.com/a.png&format_type=url&get_thumb=false`);
    expect(none.status).toBe(401);
  });

  it('format_type is checked: unknown or wrong for the method is 6', async () => {
    for (const query of ['format_type=jpeg', '', 'format_type=url']) {
      expect(await (await post('/api/v2/ekyc/card', query, { img: sampleJpegBase64() })).json()).toMatchObject({ errorCode: '6' });
    }
    const get = await fetch(`${sim.url}/api/v2/ekyc/card?img=https://example.com/a.png&format_type=base64`, { headers: { authorization: auth } });
    expect(await get.json()).toMatchObject({ errorCode: '6' });
  });

  it('bad base64, a non-image or a missing side is 3; a bad URL is 2', async () => {
    expect(await (await post('/api/v2/ekyc/card', 'format_type=base64', { img: 'not base64!' })).json()).toMatchObject({ errorCode: '3' });
    expect(await (await post('/api/v2/ekyc/card', 'format_type=base64', { img: Buffer.from('hello world!').toString('base64') })).json()).toMatchObject({
      errorCode: '3',
    });
    expect(await (await post('/api/v2/ekyc/cards', 'format_type=base64', { img1: sampleJpegBase64() })).json()).toMatchObject({ errorCode: '3' });
    const get = await fetch(`${sim.url}/api/v2/ekyc/cards?img1=https://example.com/a.png&img2=ftp://x&format_type=url`, { headers: { authorization: auth } });
    expect(await get.json()).toMatchObject({ errorCode: '2' });
  });

  it('accepts base64 with the line breaks Python inserts, and sends the aligned image only on get_thumb=true', async () => {
    const wrapped = sampleJpegBase64('pass').replace(/(.{76})/g, '$1\n');
    type Envelope = { data: Array<{ info: Record<string, unknown> }> };
    const body = (await (await post('/api/v2/ekyc/card', 'format_type=base64&get_thumb=true', { img: wrapped })).json()) as Envelope;
    expect(body).toMatchObject({ errorCode: '0', data: [{ type: 'chip_id_card_front', valid: 'True' }] });
    expect(typeof body.data[0]!.info.image).toBe('string');
    const plain = (await (await post('/api/v2/ekyc/card', 'format_type=base64&get_thumb=false', { img: wrapped })).json()) as Envelope;
    expect(plain.data[0]!.info.image).toBeUndefined();
  });
});

describe('computervisionVnModule.readConfig', () => {
  const base = { COMPUTERVISION_VN_BASE_URL: 'https://cloud.computervision.com.vn/', COMPUTERVISION_VN_API_KEY: 'k', COMPUTERVISION_VN_API_SECRET: 's' };

  it('returns null without a base URL', () => {
    expect(computervisionVnModule.readConfig({ COMPUTERVISION_VN_API_KEY: 'k' }, 1000)).toBeNull();
  });

  it('reads the base URL and credentials', () => {
    expect(computervisionVnModule.readConfig(base, 1234)).toEqual({
      baseUrl: 'https://cloud.computervision.com.vn',
      timeoutMs: 1234,
      apiKey: 'k',
      apiSecret: 's',
    });
  });

  it.each(['COMPUTERVISION_VN_API_KEY', 'COMPUTERVISION_VN_API_SECRET'])('throws a ConfigError naming %s when it is missing', (name) => {
    const env = { ...base, [name]: '' };
    let error: unknown;
    try {
      computervisionVnModule.readConfig(env, 1000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain('cloud.computervision');
  });
});
