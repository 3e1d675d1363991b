import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADVANCE_SIMULATOR_ACCESS_KEY,
  ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY,
  ADVANCE_SIMULATOR_DISABLED_SECRET_KEY,
  ADVANCE_SIMULATOR_SECRET_KEY,
} from '../../../src/simulators/advance-ai/credentials';
import { startAdvanceAiSimulator, type AdvanceAiSimulator } from '../../../src/simulators/advance-ai/server';
import type { VendorOutcome } from '../../../src/signals/model';
import { AdvanceAiAdapter } from '../../../src/vendors/advance-ai/client';
import { advanceAiModule } from '../../../src/vendors/advance-ai/module';
import { tokenSignature } from '../../../src/vendors/advance-ai/token-issuer';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../../../src/vendors/vendor';
import { advanceAiSimulator } from '../../../src/simulators/advance-ai/simulator-module';

const request = (faceSignatureId: string | null): VerificationRequest => ({
  caseNo: 'CASE-1',
  country: 'MY',
  documentType: 'NATIONAL_ID',
  documentFront: null,
  documentBack: null,
  faceSignatureId,
});

const context = (): VendorCallContext => ({
  signal: new AbortController().signal,
  fetchImageBase64: () => Promise.reject(new Error('ADVANCE.AI takes no images')),
});

const field = (outcome: VendorOutcome, name: string) => outcome.fields.find((f) => f.name === name);

let simulator: AdvanceAiSimulator;
let adapter: VendorAdapter;
const extraAdapters: VendorAdapter[] = [];

const call = (signatureId: string) => adapter.call(request(signatureId), context());
const adapterWith = (overrides: Partial<ReturnType<typeof advanceAiSimulator.adapterConfig>>): VendorAdapter => {
  const made = new AdvanceAiAdapter({ ...advanceAiSimulator.adapterConfig(simulator.url, 5_000), ...overrides });
  extraAdapters.push(made);
  return made;
};

beforeAll(async () => {
  simulator = await startAdvanceAiSimulator({ port: 0 });
  adapter = advanceAiModule.createAdapter(advanceAiSimulator.adapterConfig(simulator.url, 5_000));
});

afterAll(async () => {
  await Promise.all([adapter.close(), ...extraAdapters.map((a) => a.close())]);
  await simulator.close();
});

describe('AdvanceAiAdapter against its simulator', () => {
  it('pass: a verdict with face scores, OCR and the vendor reference', async () => {
    const outcome = await call('f302f5d2454a85c2');
    expect(outcome.result).toMatchObject({ vendor: 'ADVANCE_AI', status: 'OK', errorCode: 'SUCCESS' });
    expect(outcome.result.reference).toMatch(/^[0-9a-f]{16}$/);
    expect(outcome.face).toEqual({ livenessScore: 99, similarityScore: 82, vendor: 'ADVANCE_AI' });
    expect(field(outcome, 'fullName')?.value).toBe('NURUL AIN BINTI HASSAN');
    expect(field(outcome, 'birthDate')?.value).toBe('1977-10-28');
    expect(field(outcome, 'sex')?.value).toBe('F');
    expect(field(outcome, 'nationality')?.value).toBe('MYS');
    expect(field(outcome, 'idNumber')?.value).toBe('771028-10-5678');
    expect(outcome.forgery).toEqual([]);
    expect(outcome.quality).toEqual([]);
  });

  it('reuses one access token across calls, including concurrent ones', async () => {
    const fresh = adapterWith({});
    const before = simulator.tokensIssued;
    const outcomes = await Promise.all(['pass', 'pass', 'pass', 'pass'].map((id) => fresh.call(request(id), context())));
    expect(outcomes.map((o) => o.result.status)).toEqual(['OK', 'OK', 'OK', 'OK']);
    await fresh.call(request('pass'), context());
    expect(simulator.tokensIssued - before).toBe(1);
  });

  it.each([
    ['liveness-attack', 'LIVENESS_ATTACK'],
    ['similarity-fail', 'SIMILARITY_FAIL'],
    ['forged', 'ID_FORGERY_DETECTED'],
  ])('%s: OK with the vendor code %s', async (scenario, code) => {
    const outcome = await call(scenario);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: code });
    if (code === 'LIVENESS_ATTACK') expect(outcome.face?.livenessScore).toBe(0);
    if (code === 'SIMILARITY_FAIL') expect(outcome.face?.similarityScore).toBe(41.25);
    if (code === 'ID_FORGERY_DETECTED') expect(outcome.forgery.map((f) => f.kind)).toEqual(['FORGED']);
  });

  it.each([
    ['photocopy', 'photocopy'],
    ['screen', 'screen'],
  ])('%s: a PASS carrying the label %s is DOCUMENT UNCLEAR, not a forgery signal', async (scenario, label) => {
    const outcome = await call(scenario);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
    expect(outcome.forgery).toEqual([]);
    expect(outcome.verdicts.find((v) => v.check === 'DOCUMENT')).toMatchObject({ verdict: 'UNCLEAR', field: 'docDetail.forgeryLabels', raw: label });
  });

  it('pass: every check PASSED', async () => {
    expect((await call('pass')).verdicts.map((v) => [v.check, v.verdict])).toEqual([
      ['FACE', 'PASSED'],
      ['OCR', 'PASSED'],
      ['DOCUMENT', 'PASSED'],
      ['QUALITY', 'PASSED'],
    ]);
  });

  it('fail-no-reason: FAIL with errorCode null fails every check', async () => {
    const outcome = await call('fail-no-reason');
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'FAIL' });
    expect(outcome.verdicts.map((v) => v.verdict)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
  });

  it('unclear: an undocumented idvResult makes every check UNCLEAR', async () => {
    const outcome = await call('unclear');
    expect(outcome.result).toMatchObject({ status: 'OK' });
    expect(outcome.verdicts.map((v) => [v.verdict, v.field, v.raw])).toEqual(Array(4).fill(['UNCLEAR', 'idvResult', 'REVIEW']));
  });

  it.each([
    ['blurry', 'BLUR'],
    ['dark', 'DARK'],
  ])('%s: a failed %s quality check', async (scenario, kind) => {
    const outcome = await call(scenario);
    expect(outcome.quality).toEqual([{ kind, passed: false, score: null, vendor: 'ADVANCE_AI' }]);
  });

  it('pending: PENDING with the partial face score', async () => {
    const outcome = await call('pending');
    expect(outcome.result).toMatchObject({ status: 'PENDING', errorCode: null });
    expect(outcome.face).toEqual({ livenessScore: 99, similarityScore: null, vendor: 'ADVANCE_AI' });
    expect(field(outcome, 'birthDate')?.value).toBe('1977-10-28');
  });

  it('pending-<N>s: PENDING until N seconds after the first poll, then the verdict', async () => {
    const id = `advance:pending-1s+${Date.now()}`;
    expect((await call(id)).result.status).toBe('PENDING');
    expect((await call(id)).result.status).toBe('PENDING');
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await call(id)).result).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
  });

  it('face-only: face scores and no document signals', async () => {
    const outcome = await call('liveness-attack+face-only');
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: 'LIVENESS_ATTACK' });
    expect(outcome.face?.livenessScore).toBe(0);
    expect(outcome.fields).toEqual([]);
    expect((await call('face-only')).result).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
  });

  const verdictCodes = [
    'SUCCESS',
    'LIVENESS_ATTACK',
    'SIMILARITY_FAIL',
    'NO_FACE_DETECTED',
    'CARD_INFO_MISMATCH',
    'ID_FORGERY_DETECTED',
    'STRATEGY_HIT',
    'NO_SUPPORTED_CARD',
    'NOT_SUPPORTED_CARD',
    'CARD_TYPE_MISMATCH',
    'CARD_LOW_QUALITY_IMAGE',
    'INCOMPLETED_CARD',
    'TOO_MANY_CARDS',
    'CARD_NOT_FOUND',
    'OCR_NO_RESULT',
    'NO_SUPPORTED_CARD_CUSTOMIZED',
  ];
  const noVerdictCodes = ['PARAMETER_ERROR', 'USER_TIMEOUT'];

  it.each(verdictCodes)('error-%s: a verdict (OK) with the code, passing only for SUCCESS', async (code) => {
    const outcome = await call(`error-${code}`);
    expect(outcome.result).toMatchObject({ status: 'OK', errorCode: code });
    const failed = outcome.verdicts.filter((v) => v.verdict === 'FAILED');
    if (code === 'SUCCESS') expect(failed).toEqual([]);
    else expect(failed).toContainEqual(expect.objectContaining({ field: 'errorCode', raw: code }));
  });

  it.each(noVerdictCodes)('error-%s: FAILED with the code', async (code) => {
    expect((await call(`error-${code}`)).result).toMatchObject({ status: 'FAILED', errorCode: code });
  });

  it('CARD_INFO_MISMATCH keeps the disagreeing back id, no forgery signal, DOCUMENT FAILED', async () => {
    const outcome = await call('error-CARD_INFO_MISMATCH');
    expect(field(outcome, 'backIdNumber')?.value).toBe('820315-14-6021');
    expect(outcome.forgery).toEqual([]);
    expect(outcome.verdicts.find((v) => v.check === 'DOCUMENT')).toMatchObject({ verdict: 'FAILED', raw: 'CARD_INFO_MISMATCH' });
  });

  it('envelope-level SIGNATURE_NOT_EXIST and ERROR, and the errorCode ERROR', async () => {
    expect((await call('error-SIGNATURE_NOT_EXIST')).result).toMatchObject({ status: 'FAILED', errorCode: 'SIGNATURE_NOT_EXIST' });
    expect((await call('error-ERROR')).result).toMatchObject({ status: 'FAILED', errorCode: 'ERROR', message: 'The vendor reported a server error' });
    expect((await call('error-data.ERROR')).result).toMatchObject({
      status: 'FAILED',
      errorCode: 'ERROR',
      message: 'The vendor failed while processing the verification',
    });
  });

  it('server-error and garbage are FAILED, hang is TIMEOUT', async () => {
    expect((await call('server-error')).result).toMatchObject({ status: 'FAILED', errorCode: 'ERROR' });
    expect((await call('garbage')).result).toMatchObject({ status: 'FAILED', errorCode: 'HTTP_200' });
    const impatient = adapterWith({ timeoutMs: 300 });
    const started = Date.now();
    expect((await impatient.call(request('hang'), context())).result).toMatchObject({ status: 'TIMEOUT', errorCode: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a scenario aimed at another vendor is a pass here', async () => {
    expect((await call('huawei:server-error')).result).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
  });
});

describe('authentication', () => {
  it('a wrong secret key is FAILED with the token API code (signature error)', async () => {
    const outcome = await adapterWith({ secretKey: 'not-the-secret' }).call(request('pass'), context());
    expect(outcome.result).toMatchObject({ status: 'FAILED', errorCode: 'PARAMETER_ERROR' });
    expect(outcome.result.message).toMatch(/signature error/);
    expect(outcome.result.message).not.toContain('not-the-secret');
  });

  it('an unknown access key is a signature error; a disabled account is ACCOUNT_DISABLED', async () => {
    expect((await adapterWith({ accessKey: 'someone-else' }).call(request('pass'), context())).result.errorCode).toBe('PARAMETER_ERROR');
    const disabled = adapterWith({ accessKey: ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY, secretKey: ADVANCE_SIMULATOR_DISABLED_SECRET_KEY });
    expect((await disabled.call(request('pass'), context())).result).toMatchObject({ status: 'FAILED', errorCode: 'ACCOUNT_DISABLED' });
  });

  it('a token the vendor stopped accepting is renewed once and the call retried', async () => {
    await call('pass');
    const before = simulator.tokensIssued;
    simulator.revokeTokens();
    expect((await call('pass')).result).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
    expect(simulator.tokensIssued - before).toBe(1);
    expect((await call('pass')).result.status).toBe('OK');
    expect(simulator.tokensIssued - before).toBe(1);
  });

  it('a token refused again after renewal is FAILED with the vendor code, after one retry only', async () => {
    await call('pass');
    const before = simulator.tokensIssued;
    expect((await call('error-IAM_FAILED')).result).toMatchObject({ status: 'FAILED', errorCode: 'IAM_FAILED' });
    expect(simulator.tokensIssued - before).toBe(1);
  });

  it('the simulator enforces the documented paths, token header and timestamp', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${simulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const getResult = '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result';
    expect((await post('/intl/openapi/get-result', { signatureId: 'pass' })).status).toBe(404);
    const noToken = await post(getResult, { signatureId: 'pass' });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ code: 'IAM_FAILED' });
    const stale = await post('/openapi/auth/ticket/v1/generate-token', {
      accessKey: ADVANCE_SIMULATOR_ACCESS_KEY,
      timestamp: 1665993522952,
      signature: 'x',
    });
    expect(await stale.json()).toMatchObject({ code: 'PARAMETER_ERROR', message: 'Timestamp error' });
    const empty = await post('/openapi/auth/ticket/v1/generate-token', { accessKey: ADVANCE_SIMULATOR_ACCESS_KEY });
    expect(await empty.json()).toMatchObject({ code: 'PARAMETER_ERROR', message: 'Parameter should not be empty' });
  });

  it('the simulator expires tokens per periodSecond', async () => {
    const clock = { now: Date.now() };
    const timed = await startAdvanceAiSimulator({ now: () => clock.now });
    try {
      const timestamp = clock.now;
      const issued = await fetch(`${timed.url}/openapi/auth/ticket/v1/generate-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          accessKey: ADVANCE_SIMULATOR_ACCESS_KEY,
          timestamp,
          signature: tokenSignature(ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_SECRET_KEY, timestamp),
          periodSecond: 60,
        }),
      }).then((r) => r.json() as Promise<{ code: string; data: { token: string; expiredTime: number } }>);
      expect(issued.code).toBe('SUCCESS');
      expect(issued.data.expiredTime).toBe(timestamp + 60_000);
      const ask = () =>
        fetch(`${timed.url}/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-ACCESS-TOKEN': issued.data.token },
          body: '{"signatureId":"pass"}',
        });
      expect((await ask()).status).toBe(200);
      clock.now += 60_000;
      expect((await ask()).status).toBe(401);
    } finally {
      await timed.close();
    }
  });
});

describe('inputs', () => {
  it('inputKey is the signatureId, or null when it is missing', () => {
    expect(adapter.inputKey(request('f302f5d2454a85c2'))).toBe('f302f5d2454a85c2');
    expect(adapter.inputKey(request(null))).toBeNull();
    expect(adapter.inputKey(request('   '))).toBeNull();
  });
});
