import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckVerdict, Vendor } from '../../src/signals/model';
import { khInput } from '../support/e2e';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/**
 * End to end over HTTP for computervision.com.vn, Verihubs and Innov8tif: each simulator plays an
 * answer the gateway must not approve on (a negative verdict no rule names, or one it cannot read);
 * the stored verdicts say which field, and the case is never APPROVE under the default policy.
 */
describe('document vendors: verdicts end to end', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDOR_TIMEOUT_MS: '2000' });
  });
  afterAll(() => gw?.close());

  const verify = async (input: Record<string, unknown>) => {
    const res = await gw.gql(VERIFY, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyIdentity;
  };
  const storedVerdicts = async (id: string, vendor: Vendor): Promise<CheckVerdict[]> => {
    const record = await gw.store.get(id);
    return record!.vendorSignals.find((s) => s.result.vendor === vendor)!.verdicts;
  };
  const vn = (caseNo: string, front: string) => ({ caseNo, country: 'VN', documentType: 'NATIONAL_ID', documentFront: image(front), faceSignatureId: 'pass' });
  const ktp = (caseNo: string, front: string) => ({ caseNo, country: 'ID', documentType: 'NATIONAL_ID', documentFront: image(front), faceSignatureId: 'pass' });
  const codes = (identity: any): string[] => identity.decision.reasons.map((r: any) => r.code);

  it('clean answers: every verdict PASSED, APPROVE', async () => {
    const cases: Array<[Record<string, unknown>, Vendor]> = [
      [{ ...vn('vv-pass', 'pass'), documentBack: image('pass') }, 'COMPUTERVISION_VN'],
      [ktp('vv-ktp-pass', 'pass'), 'VERIHUBS'],
    ];
    for (const [input, vendor] of cases) {
      const id = await verify(input);
      expect([input.caseNo, id.decision.outcome, id.decision.reasons]).toEqual([input.caseNo, 'APPROVE', []]);
      const verdicts = await storedVerdicts(id.id, vendor);
      expect(verdicts.length).toBeGreaterThanOrEqual(2);
      expect(verdicts.filter((v) => v.verdict !== 'PASSED')).toEqual([]);
    }
  });

  it('a clean Innov8tif answer: every verdict PASSED, no reason names Innov8tif', async () => {
    // The KH route also calls Huawei OCR and ADVANCE.AI, whose own verdicts decide the rest of the case.
    const id = await verify(khInput('vv-kh-pass'));
    const verdicts = await storedVerdicts(id.id, 'INNOV8TIF');
    expect(verdicts.map((v) => [v.check, v.verdict])).toEqual([
      ['DOCUMENT', 'PASSED'],
      ['QUALITY', 'PASSED'],
      ['QUALITY', 'PASSED'],
      ['QUALITY', 'PASSED'],
    ]);
    expect(id.decision.reasons.filter((r: any) => /INNOV8TIF|landmark|quality/i.test(`${r.message} ${r.code}`))).toEqual([]);
  });

  it.each([
    ['invalid-unspecified', 'data[0].valid', 'False'],
    ['invalid-no-code', 'data[0].valid', 'False'],
    ['invalid-undocumented', 'data[0].invalidCode', '4'],
  ])('computervision.com.vn valid "False" (%s): DOCUMENT FAILED, never APPROVE', async (scenario, field, raw) => {
    const id = await verify(vn(`vv-${scenario}`, `cvvn:${scenario}`));
    expect(id.vendorResults[0]).toMatchObject({ vendor: 'COMPUTERVISION_VN', status: 'OK' });
    expect(await storedVerdicts(id.id, 'COMPUTERVISION_VN')).toContainEqual({ vendor: 'COMPUTERVISION_VN', check: 'DOCUMENT', verdict: 'FAILED', field, raw });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('VENDOR_CHECK_FAILED');
  });

  it('computervision.com.vn unclear (a valid word the page does not use): DOCUMENT UNCLEAR, never APPROVE', async () => {
    const id = await verify(vn('vv-unclear', 'cvvn:unclear'));
    expect(await storedVerdicts(id.id, 'COMPUTERVISION_VN')).toContainEqual({
      vendor: 'COMPUTERVISION_VN',
      check: 'DOCUMENT',
      verdict: 'UNCLEAR',
      field: 'data[0].valid',
      raw: 'Unknown',
    });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('VENDOR_ANSWER_UNCLEAR');
  });

  it('computervision.com.vn valid "True" with the photocopy code: DOCUMENT UNCLEAR, the photocopy still rejects', async () => {
    const id = await verify(vn('vv-contradiction', 'cvvn:valid-contradiction'));
    expect(await storedVerdicts(id.id, 'COMPUTERVISION_VN')).toContainEqual({
      vendor: 'COMPUTERVISION_VN',
      check: 'DOCUMENT',
      verdict: 'UNCLEAR',
      field: 'data[0].invalidCode',
      raw: '2',
    });
    expect(id.decision.outcome).toBe('REJECT');
    expect(codes(id)).toContain('DOCUMENT_FORGED');
  });

  it('computervision.com.vn two-sided call answered with the front alone: DOCUMENT UNCLEAR, never APPROVE', async () => {
    const id = await verify({ ...vn('vv-missing-back', 'cvvn:missing-back'), documentBack: image('pass') });
    expect(await storedVerdicts(id.id, 'COMPUTERVISION_VN')).toContainEqual({
      vendor: 'COMPUTERVISION_VN',
      check: 'DOCUMENT',
      verdict: 'UNCLEAR',
      field: 'data',
      raw: 'no back side',
    });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('VENDOR_ANSWER_UNCLEAR');
  });

  it('Verihubs FAIL_ON_1 without image_quality: QUALITY FAILED, DOCUMENT UNCLEAR, never APPROVE', async () => {
    const id = await verify(ktp('vv-ktp-fail-quality', 'verihubs:fail-quality-bare'));
    expect(id.vendorResults[0]).toMatchObject({ vendor: 'VERIHUBS', status: 'OK', errorCode: 'FAIL_ON_1' });
    expect(await storedVerdicts(id.id, 'VERIHUBS')).toEqual([
      { vendor: 'VERIHUBS', check: 'DOCUMENT', verdict: 'UNCLEAR', field: 'data.forgery', raw: null },
      { vendor: 'VERIHUBS', check: 'QUALITY', verdict: 'FAILED', field: 'error_code', raw: 'FAIL_ON_1' },
    ]);
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toEqual(expect.arrayContaining(['VENDOR_CHECK_FAILED', 'VENDOR_ANSWER_UNCLEAR']));
  });

  it('Verihubs unclear (a quality flag null): QUALITY UNCLEAR, never APPROVE', async () => {
    const id = await verify(ktp('vv-ktp-unclear', 'verihubs:unclear'));
    expect(await storedVerdicts(id.id, 'VERIHUBS')).toContainEqual({
      vendor: 'VERIHUBS',
      check: 'QUALITY',
      verdict: 'UNCLEAR',
      field: 'data.image_quality.flashlight',
      raw: null,
    });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('VENDOR_ANSWER_UNCLEAR');
  });

  it('Innov8tif unclear (a landmark scored "N/A"): DOCUMENT UNCLEAR, never APPROVE', async () => {
    const id = await verify(khInput('vv-kh-unclear', { back: 'innov8tif:unclear' }));
    expect(await storedVerdicts(id.id, 'INNOV8TIF')).toContainEqual({
      vendor: 'INNOV8TIF',
      check: 'DOCUMENT',
      verdict: 'UNCLEAR',
      field: 'methodList[landmark].componentList[l-kh-id-back-national].value',
      raw: 'N/A',
    });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('VENDOR_ANSWER_UNCLEAR');
  });
});
