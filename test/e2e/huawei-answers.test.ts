import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const MRZ_STATE = /* GraphQL */ `
  query Mrz($id: ID!) {
    identity(id: $id) {
      document {
        mrzValid
        mrzReadable
      }
    }
  }
`;

/**
 * Huawei Cloud OCR answers end to end: real gateway over HTTP, the Huawei simulator speaking the
 * page's format, the cases stored in SQL.
 */
describe('Huawei OCR answers end to end', () => {
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
  const codes = (identity: any): string[] => identity.decision.reasons.map((r: any) => r.code);
  /** Reasons Huawei's answer gave: the MRZ ones, and the guards' when they name Huawei. */
  const huaweiReasons = (identity: any): string[] =>
    identity.decision.reasons.filter((r: any) => r.code.startsWith('MRZ_') || r.message.includes('HUAWEI_OCR')).map((r: any) => r.code);
  const huawei = (identity: any) => identity.vendorResults.find((r: any) => r.vendor === 'HUAWEI_OCR');
  /** The Huawei verdicts stored with the case. */
  const storedVerdicts = async (caseNo: string) => {
    const row = await gw.db.query(`SELECT vendor_signals FROM identities WHERE case_no = $1`, [caseNo]);
    const signals = row.rows[0]!.vendor_signals as { result: { vendor: string }; verdicts: unknown[] }[];
    return signals.find((s) => s.result.vendor === 'HUAWEI_OCR')!.verdicts;
  };

  it('MRZ lines shortened as in the page example (30, 29, 29): fillers restored, valid, no reason from Huawei', async () => {
    const id = await verify(khInput('hw-short-mrz', { front: 'huawei:short-mrz' }));
    expect(id.document.mrz.map((l: string) => l.length)).toEqual([30, 29, 29]);
    expect(id.document.mrzValid).toBe(true);
    expect(huaweiReasons(id)).toEqual([]);
    expect(['APPROVE', 'REVIEW']).toContain(id.decision.outcome); // REVIEW only for another vendor's answer
    expect(await storedVerdicts('hw-short-mrz')).toEqual([
      { vendor: 'HUAWEI_OCR', check: 'OCR', verdict: 'PASSED', field: 'result', raw: null },
      { vendor: 'HUAWEI_OCR', check: 'DOCUMENT', verdict: 'PASSED', field: 'idcard_type', raw: 'normal' },
    ]);
  });

  it('an MRZ that fits no format: REVIEW with MRZ_UNREADABLE, never MRZ_INVALID; mrzValid null', async () => {
    const id = await verify(khInput('hw-unreadable-mrz', { front: 'huawei:unreadable-mrz' }));
    expect(id.document.mrzValid).toBeNull();
    expect((await gw.gql(MRZ_STATE, { id: id.id })).data!.identity.document).toEqual({ mrzValid: null, mrzReadable: false });
    expect(codes(id)).toContain('MRZ_UNREADABLE');
    expect(codes(id)).not.toContain('MRZ_INVALID');
    expect(id.decision.outcome).toBe('REVIEW');
    expect(await storedVerdicts('hw-unreadable-mrz')).toContainEqual({ vendor: 'HUAWEI_OCR', check: 'OCR', verdict: 'UNCLEAR', field: 'machine_code1', raw: null });
  });

  it('a wrong check digit is still MRZ_INVALID', async () => {
    const id = await verify(khInput('hw-bad-mrz', { front: 'huawei:bad-mrz' }));
    expect(id.document.mrzValid).toBe(false);
    expect(codes(id)).toContain('MRZ_INVALID');
    expect(codes(id)).not.toContain('MRZ_UNREADABLE');
  });

  it('an image URL that is not on OBS is fetched by the gateway and sent as base64: Huawei answers OK', async () => {
    const sample = `${gw.url}/samples/huawei:expired.jpg`;
    const input = { ...khInput('hw-url'), documentFront: { url: sample }, documentBack: { url: `${gw.url}/samples/pass.jpg` } };
    const id = await verify(input);
    expect(huawei(id)).toMatchObject({ status: 'OK', errorCode: null });
    expect(id.document.expiryDate.value).toBe('2022-04-19'); // the fetched bytes chose the scenario
    expect(codes(id)).toContain('DOCUMENT_EXPIRED');
  });

  it('an undocumented idcard_type is an UNCLEAR DOCUMENT verdict, stored with the case: never APPROVE', async () => {
    const id = await verify(khInput('hw-unclear', { front: 'huawei:unclear' }));
    expect(huawei(id).status).toBe('OK');
    expect(id.forgery).toEqual([]);
    expect(id.decision.outcome).toBe('REVIEW');
    expect(huaweiReasons(id)).toEqual(['VENDOR_ANSWER_UNCLEAR']);
    expect(await storedVerdicts('hw-unclear')).toContainEqual({
      vendor: 'HUAWEI_OCR',
      check: 'DOCUMENT',
      verdict: 'UNCLEAR',
      field: 'idcard_type',
      raw: 'suspected',
    });
  });

  it('idcard_type copy: a FAILED DOCUMENT verdict and a PHOTOCOPY signal, rejected', async () => {
    const id = await verify(khInput('hw-copy', { front: 'huawei:photocopy' }));
    expect(id.forgery).toEqual([expect.objectContaining({ kind: 'PHOTOCOPY', vendor: 'HUAWEI_OCR' })]);
    expect(id.decision.outcome).toBe('REJECT');
    expect(await storedVerdicts('hw-copy')).toContainEqual(expect.objectContaining({ check: 'DOCUMENT', verdict: 'FAILED', raw: 'copy' }));
  });
});
