import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * ADVANCE.AI answers the gateway must not approve, end to end over HTTP: the GraphQL endpoint, the
 * real adapter, the simulator speaking the page's format, the default policy. A MY national ID is
 * routed to ADVANCE.AI alone, so its answer is the whole decision.
 */
const VERIFY_MY = /* GraphQL */ `
  mutation Verify($input: VerifyIdentityInput!) {
    verifyIdentity(input: $input) {
      id
      vendorResults {
        vendor
        status
        errorCode
      }
      forgery {
        kind
        vendor
      }
      verdicts {
        vendor
        check
        verdict
        field
        raw
      }
      decision {
        outcome
        reasons {
          code
          rule
          outcome
        }
      }
    }
  }
`;

describe('ADVANCE.AI verdicts end to end', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDOR_TIMEOUT_MS: '2000' });
  });
  afterAll(() => gw?.close());

  let n = 0;
  const verify = async (faceSignatureId: string) => {
    n += 1;
    const input = { caseNo: `my-advance-${n}`, country: 'MY', documentType: 'NATIONAL_ID', documentFront: image('pass'), faceSignatureId };
    const res = await gw.gql(VERIFY_MY, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyIdentity;
  };
  const codes = (identity: any): string[] => identity.decision.reasons.map((r: any) => r.code);
  const verdict = (identity: any, check: string) => identity.verdicts.find((v: any) => v.check === check);

  it('a clean pass: every check PASSED, APPROVE', async () => {
    const id = await verify('pass');
    expect(id.vendorResults).toEqual([{ vendor: 'ADVANCE_AI', status: 'OK', errorCode: 'SUCCESS' }]);
    expect(id.verdicts.map((v: any) => [v.check, v.verdict])).toEqual([
      ['FACE', 'PASSED'],
      ['OCR', 'PASSED'],
      ['DOCUMENT', 'PASSED'],
      ['QUALITY', 'PASSED'],
    ]);
    expect(id.decision).toEqual({ outcome: 'APPROVE', reasons: [] });
  });

  it('defect 2: CARD_INFO_MISMATCH is REVIEW (a mismatch), not REJECT as a forgery', async () => {
    const id = await verify('error-CARD_INFO_MISMATCH');
    expect(id.vendorResults[0]).toMatchObject({ status: 'OK', errorCode: 'CARD_INFO_MISMATCH' });
    expect(id.forgery).toEqual([]);
    expect(verdict(id, 'DOCUMENT')).toMatchObject({ verdict: 'FAILED', field: 'errorCode', raw: 'CARD_INFO_MISMATCH' });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('FACE_VENDOR_FLAG');
    expect(codes(id)).not.toContain('DOCUMENT_FORGED');
  });

  it('defect 3: PASS with forgeryLabels ["photocopy"] (the page SUCCESS example) is REVIEW, not REJECT', async () => {
    const id = await verify('photocopy');
    expect(id.vendorResults[0]).toMatchObject({ status: 'OK', errorCode: 'SUCCESS' });
    expect(id.forgery).toEqual([]);
    expect(verdict(id, 'DOCUMENT')).toMatchObject({ verdict: 'UNCLEAR', field: 'docDetail.forgeryLabels', raw: 'photocopy' });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toEqual(['VENDOR_ANSWER_UNCLEAR']);
  });

  it('defect 4: FAIL with errorCode null is never APPROVE', async () => {
    const id = await verify('fail-no-reason');
    expect(id.vendorResults[0]).toMatchObject({ status: 'OK', errorCode: 'FAIL' });
    expect(id.verdicts.map((v: any) => v.verdict)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toEqual(['VENDOR_CHECK_FAILED']);
  });

  it('defect 4: "fail" / NOT_SUPPORTED_CARD (the page example) is a failed check, not an unavailable vendor', async () => {
    const id = await verify('error-NOT_SUPPORTED_CARD');
    expect(id.vendorResults[0]).toMatchObject({ status: 'OK', errorCode: 'NOT_SUPPORTED_CARD' });
    expect(verdict(id, 'DOCUMENT')).toMatchObject({ verdict: 'FAILED', raw: 'NOT_SUPPORTED_CARD' });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).not.toContain('VENDOR_UNAVAILABLE');
    expect(codes(id)).toContain('VENDOR_CHECK_FAILED');
  });

  it('an undocumented idvResult is REVIEW with VENDOR_ANSWER_UNCLEAR, not PENDING', async () => {
    const id = await verify('unclear');
    expect(id.vendorResults[0]).toMatchObject({ status: 'OK' });
    expect(verdict(id, 'FACE')).toMatchObject({ verdict: 'UNCLEAR', field: 'idvResult', raw: 'REVIEW' });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toEqual(['VENDOR_ANSWER_UNCLEAR']);
  });
});
