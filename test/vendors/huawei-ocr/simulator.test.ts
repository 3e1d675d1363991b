import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HUAWEI_SIM_DOMAIN,
  HUAWEI_SIM_FIXED_TOKEN,
  HUAWEI_SIM_PASSWORD,
  HUAWEI_SIM_PROJECT_ID,
  HUAWEI_SIM_REGION,
  HUAWEI_SIM_USERNAME,
} from '../../../src/simulators/huawei-ocr/credentials';
import { startHuaweiOcrSimulator, type RunningHuaweiOcrSimulator } from '../../../src/simulators/huawei-ocr/server';

let sim: RunningHuaweiOcrSimulator;

beforeAll(async () => {
  sim = await startHuaweiOcrSimulator({ port: 0 });
});

afterAll(async () => {
  await sim.close();
});

describe('Huawei OCR simulator wire behaviour', () => {
  const ocrPath = `/v2/${HUAWEI_SIM_PROJECT_ID}/ocr/cambodian-idcard`;

  async function post(path: string, body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
  }

  it('no X-Auth-Token → 401 APIG.0301', async () => {
    const res = await post(ocrPath, '{"url":"https://bucket.obs.myhwclouds.com/a.jpg"}');
    expect(res.status).toBe(401);
    expect(res.json.error_code).toBe('APIG.0301');
  });

  it('body checks: not JSON, both image and url, a data: prefix', async () => {
    const auth = { 'x-auth-token': HUAWEI_SIM_FIXED_TOKEN };
    expect((await post(ocrPath, '{oops', auth)).json.error_code).toBe('ModelArts.4105');
    expect((await post(ocrPath, '{"image":"AAAA","url":"https://bucket.obs.myhwclouds.com/a.jpg"}', auth)).json.error_code).toBe('AIS.0101');
    expect((await post(ocrPath, '{"image":"data:image/jpeg;base64,AAAA"}', auth)).json.error_code).toBe('AIS.0102');
  });

  it('a URL not on OBS is refused as the page says (ModelArts.4601); an OBS URL is read', async () => {
    const auth = { 'x-auth-token': HUAWEI_SIM_FIXED_TOKEN };
    const other = await post(ocrPath, '{"url":"https://images.example.com/samples/pass.jpg"}', auth);
    expect(other.status).toBe(400);
    expect(other.json.error_code).toBe('ModelArts.4601');
    expect((await post(ocrPath, '{"url":"http://bucket.obs.myhwclouds.com/a.jpg"}', auth)).json.error_code).toBe('ModelArts.4601');
    expect((await post(ocrPath, '{"url":"https://BucketName.obs.myhwclouds.com/ObjectName"}', auth)).status).toBe(200);
  });

  it('the card type and portrait come only when asked for', async () => {
    const auth = { 'x-auth-token': HUAWEI_SIM_FIXED_TOKEN };
    const plain = await post(ocrPath, '{"url":"https://bucket.obs.myhwclouds.com/samples/photocopy.jpg"}', auth);
    expect(plain.status).toBe(200);
    expect((plain.json.result as Record<string, unknown>).idcard_type).toBeUndefined();
    const full = await post(ocrPath, '{"url":"https://bucket.obs.myhwclouds.com/samples/photocopy.jpg","return_idcard_type":true,"return_portrait_location":true}', auth);
    expect((full.json.result as Record<string, unknown>).idcard_type).toBe('copy');
    expect((full.json.result as Record<string, unknown>).portrait_location).toHaveLength(4);
  });

  it('IAM answers 201 with X-Subject-Token for the simulator credentials', async () => {
    const body = JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: HUAWEI_SIM_USERNAME, password: HUAWEI_SIM_PASSWORD, domain: { name: HUAWEI_SIM_DOMAIN } } } },
        scope: { project: { name: HUAWEI_SIM_REGION } },
      },
    });
    const res = await post('/v3/auth/tokens', body);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-subject-token')).toMatch(/^MIIsim/);
    expect(Date.parse((res.json.token as { expires_at: string }).expires_at)).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it('an unknown route → 404 APIG.0101', async () => {
    const res = await post('/v1/ocr/cambodian-idcard', '{}');
    expect(res.status).toBe(404);
    expect(res.json.error_code).toBe('APIG.0101');
  });

  it('counts the vendor requests it answered, live', async () => {
    const before = sim.requestCount;
    await post('/v1/unknown', '{}');
    await post('/v1/unknown', '{}');
    expect(sim.requestCount - before).toBe(2);
  });
});
