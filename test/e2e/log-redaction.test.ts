import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway } from '../../src/main';
import { VENDORS } from '../../src/vendors/registry';
import * as advance from '../../src/simulators/advance-ai/credentials';
import * as cvvn from '../../src/simulators/computervision-vn/credentials';
import * as huawei from '../../src/simulators/huawei-ocr/credentials';
import * as innov8tif from '../../src/simulators/innov8tif/credentials';
import * as verihubs from '../../src/simulators/verihubs/credentials';
import { sampleJpegBase64 } from '../../src/simulators/sample-image';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { VERIFY } from '../support/gateway';
import { SIMULATOR_MODULES } from '../../src/simulators/registry';

const API_KEY = 'log-scan-api-key-7f3a9c2e51';
const WRONG_KEY = 'wrong-key-that-must-not-be-logged-9d8e7f';

/**
 * Runs verifications with known secret values configured for every vendor (the vendors' simulators
 * started apart, as real vendors would be) and scans every log line for them, for the images and for
 * the personal data the vendors returned.
 */
describe('logs never carry secrets, images or personal data', () => {
  const lines: string[] = [];
  const sims: RunningSimulator[] = [];
  let gw: Gateway;
  let answer: any;

  beforeAll(async () => {
    for (const vendor of VENDORS) sims.push(await SIMULATOR_MODULES[vendor].start());
    const url = (i: number) => sims[i]!.url;
    const config = loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      DATABASE_URL: 'memory://',
      VENDOR_TIMEOUT_MS: '1500',
      API_KEYS: JSON.stringify([{ name: 'scanner', key: API_KEY, scopes: ['*'] }]),
      INNOV8TIF_BASE_URL: url(0),
      INNOV8TIF_API_KEY: innov8tif.INNOV8TIF_SIMULATOR_API_KEY,
      ADVANCE_BASE_URL: url(1),
      ADVANCE_ACCESS_KEY: advance.ADVANCE_SIMULATOR_ACCESS_KEY,
      ADVANCE_SECRET_KEY: advance.ADVANCE_SIMULATOR_SECRET_KEY,
      HUAWEI_OCR_BASE_URL: url(2),
      HUAWEI_PROJECT_ID: huawei.HUAWEI_SIM_PROJECT_ID,
      HUAWEI_AUTH_TOKEN: huawei.HUAWEI_SIM_FIXED_TOKEN,
      COMPUTERVISION_VN_BASE_URL: url(3),
      COMPUTERVISION_VN_API_KEY: cvvn.CVVN_SIM_API_KEY,
      COMPUTERVISION_VN_API_SECRET: cvvn.CVVN_SIM_API_SECRET,
      VERIHUBS_BASE_URL: url(4),
      VERIHUBS_APP_ID: verihubs.VERIHUBS_SIMULATOR_APP_ID,
      VERIHUBS_API_KEY: verihubs.VERIHUBS_SIMULATOR_API_KEY,
    });
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    gw = await startGateway(config, { logger: createLogger({ level: 'trace', destination }), print: (l) => lines.push(l) });

    const gql = async (body: unknown, key = API_KEY) => {
      const res = await request(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      });
      return res.body.json() as Promise<any>;
    };
    const kh = (caseNo: string, front: string, back = 'pass', face = 'pass') => ({
      caseNo,
      country: 'KH',
      documentType: 'NATIONAL_ID',
      documentFront: { base64: sampleJpegBase64(front) },
      documentBack: { base64: sampleJpegBase64(back) },
      faceSignatureId: face,
    });
    answer = (await gql({ query: VERIFY, variables: { input: kh('log-scan-1', 'pass') } })).data.verifyIdentity;
    await gql({ query: VERIFY, variables: { input: kh('log-scan-2', 'huawei:server-error', 'innov8tif:garbage', 'error-ERROR') } });
    await gql({ query: VERIFY, variables: { input: kh('log-scan-3', 'pass', 'innov8tif:hang') } });
    await gql({ query: VERIFY, variables: { input: { ...kh('log-scan-4', 'pass'), country: 'ZZ' } } });
    await gql({ query: '{ identities(first: 5) { totalCount } }' }, WRONG_KEY);
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all(sims.map((s) => s.close()));
  });

  it('logged something to scan (the scan is not vacuous)', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('graphql request'))).toBe(true);
    expect(answer.document.fullName.value).toBeTruthy();
  });

  it('no line contains a credential, an API key, an image or a personal value', () => {
    const secrets = [
      API_KEY,
      WRONG_KEY,
      innov8tif.INNOV8TIF_SIMULATOR_API_KEY,
      advance.ADVANCE_SIMULATOR_ACCESS_KEY,
      advance.ADVANCE_SIMULATOR_SECRET_KEY,
      huawei.HUAWEI_SIM_FIXED_TOKEN,
      cvvn.CVVN_SIM_API_KEY,
      cvvn.CVVN_SIM_API_SECRET,
      Buffer.from(`${cvvn.CVVN_SIM_API_KEY}:${cvvn.CVVN_SIM_API_SECRET}`).toString('base64'),
      verihubs.VERIHUBS_SIMULATOR_API_KEY,
      sampleJpegBase64('pass').slice(0, 40),
      'EKYC-SCENARIO',
    ];
    const personal = answer.document.fields
      .flatMap((f: { value: string | null; raw: string | null }) => [f.value, f.raw])
      .filter((v: string | null): v is string => typeof v === 'string' && v.length >= 5 && !/^\d{4}-\d{2}-\d{2}$/.test(v));
    expect(personal).toContain(answer.document.fullName.value);
    for (const value of [...secrets, ...personal, ...(answer.document.mrz ?? [])]) {
      const hit = lines.find((l) => l.includes(value));
      expect(hit, `a log line contains ${JSON.stringify(value.slice(0, 12))}…`).toBeUndefined();
    }
  });
});
