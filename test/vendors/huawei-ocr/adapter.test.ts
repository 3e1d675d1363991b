import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUAWEI_SIM_DOMAIN, HUAWEI_SIM_FIXED_TOKEN, HUAWEI_SIM_PASSWORD, HUAWEI_SIM_REGION, HUAWEI_SIM_USERNAME } from '../../../src/simulators/huawei-ocr/credentials';
import { startHuaweiOcrSimulator, type RunningHuaweiOcrSimulator } from '../../../src/simulators/huawei-ocr/server';
import { verifyMrz } from '../../../src/signals/mrz';
import { HuaweiOcrAdapter } from '../../../src/vendors/huawei-ocr/client';
import type { HuaweiOcrConfig } from '../../../src/vendors/huawei-ocr/module';
import { HUAWEI_ERROR_CODES } from '../../../src/vendors/huawei-ocr/error-codes';
import { IamTokenProvider } from '../../../src/vendors/huawei-ocr/iam-token';
import { huaweiOcrModule } from '../../../src/vendors/huawei-ocr/module';
import { base64Image, context, field, request } from './helpers';
import { huaweiOcrSimulator } from '../../../src/simulators/huawei-ocr/simulator-module';

const today = new Date().toISOString().slice(0, 10);

let sim: RunningHuaweiOcrSimulator;
let adapter: HuaweiOcrAdapter;
const extraAdapters: HuaweiOcrAdapter[] = [];

function adapterWith(patch: Partial<HuaweiOcrConfig>): HuaweiOcrAdapter {
  const created = new HuaweiOcrAdapter({ ...huaweiOcrSimulator.adapterConfig(sim.url, 5000), ...patch });
  extraAdapters.push(created);
  return created;
}

beforeAll(async () => {
  sim = await startHuaweiOcrSimulator({ port: 0 });
  adapter = huaweiOcrModule.createAdapter(huaweiOcrSimulator.adapterConfig(sim.url, 5000)) as HuaweiOcrAdapter;
});

afterAll(async () => {
  await adapter.close();
  await Promise.all(extraAdapters.map((a) => a.close()));
  await sim.close();
});

describe('Huawei OCR adapter against its simulator', () => {
  it('pass: a Cambodian card read in full, with a valid MRZ', async () => {
    const outcome = await adapter.call(request(base64Image('pass')), context);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.result.errorCode).toBeNull();
    expect(outcome.result.reference).toMatch(/^[0-9a-f]{32}$/);
    expect(field(outcome, 'idNumber')?.value).toBe('011845273');
    expect(field(outcome, 'fullName')?.value).toBe('SOK DARA');
    expect(field(outcome, 'localName')?.value).toBe('សុខ ដារ៉ា');
    expect(field(outcome, 'birthDate')).toMatchObject({ value: '1992-03-14', raw: '១៤.០៣.១៩៩២' });
    expect(field(outcome, 'sex')).toMatchObject({ value: 'M', raw: 'ប្រុស' });
    expect(field(outcome, 'issueDate')?.value).toBe('2022-05-02');
    expect(field(outcome, 'expiryDate')?.value).toBe('2032-05-01');
    expect(field(outcome, 'height')?.value).toBe('172 ស.ម');
    expect(field(outcome, 'nationality')).toBeUndefined();
    expect(outcome.fields.every((f) => f.confidence !== null && f.confidence > 0.85)).toBe(true);
    expect(outcome.mrz).toHaveLength(3);
    expect(outcome.mrz!.every((line) => line.length === 30)).toBe(true);
    expect(verifyMrz(outcome.mrz!)).toBe(true);
    expect(outcome.forgery).toEqual([]);
  });

  it('an OBS URL is sent as `url`, nothing fetched', async () => {
    const fetched: string[] = [];
    const ctx = { ...context, fetchImageBase64: (url: string) => (fetched.push(url), Promise.reject(new Error('not expected'))) };
    const outcome = await adapter.call(request({ kind: 'url', url: 'https://bucket.obs.myhwclouds.com/samples/expired.jpg' }), ctx);
    expect(outcome.result.status).toBe('OK');
    expect(field(outcome, 'expiryDate')?.value).toBe('2022-04-19');
    expect(fetched).toEqual([]);
  });

  it('any other URL is fetched by the gateway and sent as base64 (the page supports OBS URLs only)', async () => {
    const fetched: string[] = [];
    const url = 'https://images.example.com/card.jpg?scenario=pass';
    const { base64 } = base64Image('expired') as { base64: string };
    const ctx = { ...context, fetchImageBase64: (u: string) => (fetched.push(u), Promise.resolve(base64)) };
    const outcome = await adapter.call(request({ kind: 'url', url }), ctx);
    expect(fetched).toEqual([url]);
    expect(outcome.result.status).toBe('OK');
    expect(field(outcome, 'expiryDate')?.value).toBe('2022-04-19'); // the fetched bytes chose the scenario
  });

  it('a URL that cannot be fetched is FAILED (IMAGE_FETCH_FAILED) without calling the vendor', async () => {
    const before = sim.requestCount;
    const ctx = { ...context, fetchImageBase64: () => Promise.reject(new Error('HTTP 404')) };
    const outcome = await adapter.call(request({ kind: 'url', url: 'https://images.example.com/missing.jpg' }), ctx);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'IMAGE_FETCH_FAILED' });
    expect(sim.requestCount).toBe(before);
  });

  it('a fetcher answer that is not base64 only is not spliced into the body: FAILED, vendor not called', async () => {
    const before = sim.requestCount;
    const ctx = { ...context, fetchImageBase64: () => Promise.resolve('AAAA","url":"https://bucket.obs.myhwclouds.com/x') };
    const outcome = await adapter.call(request({ kind: 'url', url: 'https://images.example.com/odd.jpg' }), ctx);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'IMAGE_FETCH_FAILED' });
    expect(sim.requestCount).toBe(before);
  });

  it('a fetch cut by the deadline is FAILED IMAGE_FETCH_TIMEOUT (the vendor was not called)', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = { ...context, signal: controller.signal, fetchImageBase64: () => Promise.reject(new DOMException('aborted', 'AbortError')) };
    const before = sim.requestCount;
    const outcome = await adapter.call(request({ kind: 'url', url: 'https://images.example.com/slow.jpg' }), ctx);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'IMAGE_FETCH_TIMEOUT' });
    expect(sim.requestCount).toBe(before);
  });

  it('low-ocr: every confidence between 0.3 and 0.5', async () => {
    const outcome = await adapter.call(request(base64Image('low-ocr')), context);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.fields.length).toBeGreaterThan(8);
    for (const f of outcome.fields) {
      expect(f.confidence).toBeGreaterThanOrEqual(0.3);
      expect(f.confidence).toBeLessThanOrEqual(0.5);
    }
  });

  it('photocopy: OK with a PHOTOCOPY forgery signal', async () => {
    const outcome = await adapter.call(request(base64Image('photocopy')), context);
    expect(outcome.result.status).toBe('OK');
    expect(outcome.forgery.map((f) => f.kind)).toEqual(['PHOTOCOPY']);
  });

  it('expired: the expiry date (Khmer digits) lies in the past, the MRZ still checks', async () => {
    const outcome = await adapter.call(request(base64Image('expired')), context);
    const expiry = field(outcome, 'expiryDate');
    expect(expiry?.raw).toBe('១៩.០៤.២០២២');
    expect(expiry!.value! < today).toBe(true);
    expect(verifyMrz(outcome.mrz!)).toBe(true);
  });

  it('bad-mrz: a wrong check digit', async () => {
    const outcome = await adapter.call(request(base64Image('bad-mrz')), context);
    expect(outcome.result.status).toBe('OK');
    expect(verifyMrz(outcome.mrz!)).toBe(false);
  });

  it('blurry: the vendor refuses the image (AIS.0104)', async () => {
    const outcome = await adapter.call(request(base64Image('blurry')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'AIS.0104' });
  });

  it('a scenario aimed at another vendor, or unknown, is a clean pass', async () => {
    expect((await adapter.call(request(base64Image('advance:liveness-attack')), context)).result.status).toBe('OK');
    expect((await adapter.call(request(base64Image('error-FAIL_ON_1')), context)).result.status).toBe('OK');
    expect((await adapter.call(request(base64Image('huawei:photocopy,forged')), context)).forgery).toHaveLength(1);
  });

  it.each(HUAWEI_ERROR_CODES)('error-%s is FAILED with that code', async (code) => {
    const outcome = await adapter.call(request(base64Image(`error-${code}`)), context);
    expect(outcome.result.status).toBe('FAILED');
    expect(outcome.result.errorCode).toBe(code);
    expect(outcome.result.reference).toMatch(/^[0-9a-f]{32}$/);
    expect(outcome.fields).toEqual([]);
  });

  it('server-error: HTTP 500 with the vendor body is FAILED', async () => {
    const outcome = await adapter.call(request(base64Image('server-error')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'ModelArts.4505' });
  });

  it('garbage: a body that is not JSON is FAILED', async () => {
    const outcome = await adapter.call(request(base64Image('garbage')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
  });

  it('hang: TIMEOUT after the vendor deadline', async () => {
    const slow = adapterWith({ timeoutMs: 300 });
    const started = Date.now();
    const outcome = await slow.call(request(base64Image('hang')), context);
    expect(outcome.result.status).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('input missing: inputKey null; keys built from the front image only', () => {
    expect(adapter.inputKey(request(null, base64Image('pass')))).toBeNull();
    const image = base64Image('pass');
    expect(adapter.inputKey(request(image))).toBe(`front:sha256:${(image as { sha256: string }).sha256}`);
    expect(adapter.inputKey(request({ kind: 'url', url: 'https://x.example/a.jpg' }))).toBe('front:url:https://x.example/a.jpg');
  });
});

describe('Huawei OCR authentication and path', () => {
  it('a fixed token the simulator knows works', async () => {
    const fixed = adapterWith({ auth: { kind: 'token', token: HUAWEI_SIM_FIXED_TOKEN } });
    expect((await fixed.call(request(base64Image('pass')), context)).result.status).toBe('OK');
  });

  it('a wrong fixed token is FAILED with the gateway code (not retried)', async () => {
    const wrong = adapterWith({ auth: { kind: 'token', token: 'MIIwrong' } });
    expect((await wrong.call(request(base64Image('pass')), context)).result).toMatchObject({ status: 'FAILED', errorCode: 'APIG.0301' });
  });

  it('wrong IAM credentials are FAILED with the IAM refusal', async () => {
    const wrong = adapterWith({
      auth: { kind: 'iam', iamUrl: sim.url, username: HUAWEI_SIM_USERNAME, password: 'wrong', domain: HUAWEI_SIM_DOMAIN, region: HUAWEI_SIM_REGION },
    });
    const outcome = await wrong.call(request(base64Image('pass')), context);
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'IAM_HTTP_401' });
    expect(JSON.stringify(outcome)).not.toContain('wrong');
  });

  it('a project id other than the token’s is refused', async () => {
    const other = adapterWith({ projectId: 'another-project' });
    expect((await other.call(request(base64Image('pass')), context)).result).toMatchObject({ status: 'FAILED', errorCode: 'ModelArts.4203' });
  });

  it('the documented path is enforced: a wrong base path is APIG.0101', async () => {
    const misrouted = adapterWith({ baseUrl: `${sim.url}/wrong-prefix` });
    expect((await misrouted.call(request(base64Image('pass')), context)).result).toMatchObject({ status: 'FAILED', errorCode: 'APIG.0101' });
  });

  it('concurrent calls share one IAM token', async () => {
    const fresh = adapterWith({});
    const before = sim.tokensIssued();
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => fresh.call(request(base64Image('pass')), context)));
    expect(outcomes.every((o) => o.result.status === 'OK')).toBe(true);
    expect(sim.tokensIssued() - before).toBe(1);
    await fresh.call(request(base64Image('pass')), context);
    expect(sim.tokensIssued() - before).toBe(1);
  });
});

describe('Huawei IAM token renewal', () => {
  it('a token the vendor calls expired (401 APIG.0307) is renewed once and the call retried once', async () => {
    let simNow = Date.now();
    const clocked = await startHuaweiOcrSimulator({ now: () => simNow, tokenTtlMs: 60_000 });
    const client = new HuaweiOcrAdapter(huaweiOcrSimulator.adapterConfig(clocked.url, 5000));
    try {
      expect((await client.call(request(base64Image('pass')), context)).result.status).toBe('OK');
      expect(clocked.tokensIssued()).toBe(1);
      simNow += 120_000; // the simulator now sees the cached token as expired
      const outcome = await client.call(request(base64Image('pass')), context);
      expect(outcome.result.status).toBe('OK');
      expect(clocked.tokensIssued()).toBe(2);
      // A 401 that persists after renewal is reported, not retried forever.
      const failing = await client.call(request(base64Image('error-APIG.0307')), context);
      expect(failing.result).toMatchObject({ status: 'FAILED', errorCode: 'APIG.0307' });
      expect(clocked.tokensIssued()).toBe(3);
    } finally {
      await client.close();
      await clocked.close();
    }
  });

  it('renews early: inside the renewal window the old token is served while a new one is fetched', async () => {
    let now = Date.now();
    const provider = new IamTokenProvider(
      { iamUrl: sim.url, username: HUAWEI_SIM_USERNAME, password: HUAWEI_SIM_PASSWORD, domain: HUAWEI_SIM_DOMAIN, region: HUAWEI_SIM_REGION },
      5000,
      () => now,
    );
    try {
      const before = sim.tokensIssued();
      const first = await provider.token(context.signal);
      expect(await provider.token(context.signal)).toBe(first);
      now += 23.5 * 60 * 60 * 1000; // 30 minutes before the 24 h expiry
      expect(await provider.token(context.signal)).toBe(first);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = await provider.token(context.signal);
      expect(second).not.toBe(first);
      expect(sim.tokensIssued() - before).toBe(2);
      now += 25 * 60 * 60 * 1000; // long past expiry: the caller waits for a fresh token
      const third = await provider.token(context.signal);
      expect(third).not.toBe(second);
    } finally {
      await provider.close();
    }
  });
});
