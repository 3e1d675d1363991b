import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { khInput } from '../support/e2e';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/** End to end over HTTP: the GraphQL endpoint, the real adapters and the simulators over loopback. */
describe('verifyIdentity end to end', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ VENDOR_TIMEOUT_MS: '800' });
  });
  afterAll(() => gw?.close());

  const verify = async (input: Record<string, unknown>) => {
    const res = await gw.gql(VERIFY, { input });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyIdentity;
  };
  const statusOf = (identity: any, vendor: string) => identity.vendorResults.find((r: any) => r.vendor === vendor);
  const codes = (identity: any) => identity.decision.reasons.map((r: any) => r.code);

  it('KH pass: unified identity from Huawei OCR, Innov8tif and ADVANCE.AI, approved', async () => {
    const id = await verify(khInput('kh-pass'));
    expect(id.vendorResults.map((r: any) => [r.vendor, r.status])).toEqual([
      ['HUAWEI_OCR', 'OK'],
      ['INNOV8TIF', 'OK'],
      ['ADVANCE_AI', 'OK'],
    ]);
    expect(id.document.idNumber).toMatchObject({ vendor: 'HUAWEI_OCR' });
    expect(id.document.idNumber.confidence).toBeGreaterThan(0.9);
    expect(id.document.birthDate.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(id.document.birthDate.raw).toMatch(/[\u17e0-\u17e9]/); // Khmer digits kept raw
    expect(id.document.sex.value).toMatch(/^[MF]$/);
    expect(id.document.mrz).toHaveLength(3);
    expect(id.document.mrzValid).toBe(true);
    expect(id.face).toEqual({ livenessScore: 99, similarityScore: 82, vendor: 'ADVANCE_AI' });
    expect(id.landmarks).toHaveLength(7);
    expect(id.landmarks.every((l: any) => l.vendor === 'INNOV8TIF' && l.score > 80)).toBe(true);
    expect(id.quality.map((q: any) => [q.kind, q.passed])).toEqual([
      ['BLUR', true],
      ['BRIGHTNESS', true],
      ['COLOR_MODE', true],
    ]);
    expect(id.decision.outcome).toBe('APPROVE');
    expect(id.decision.reasons).toEqual([]);
    expect(id.decision.policyVersion).toMatch(/^[0-9a-f]{16}$/);

    const read = await gw.gql(`query($id: ID!) { identity(id: $id) { id caseNo decision { outcome policyVersion } document { idNumber { value } } } }`, { id: id.id });
    expect(read.data!.identity).toEqual({
      id: id.id,
      caseNo: 'kh-pass',
      decision: { outcome: 'APPROVE', policyVersion: id.decision.policyVersion },
      document: { idNumber: { value: id.document.idNumber.value } },
    });
  });

  it('KH photocopy: Huawei reports a copy, the policy rejects', async () => {
    const id = await verify(khInput('kh-copy', { front: 'photocopy' }));
    expect(id.forgery).toContainEqual(expect.objectContaining({ kind: 'PHOTOCOPY', vendor: 'HUAWEI_OCR' }));
    expect(id.decision.outcome).toBe('REJECT');
    expect(codes(id)).toContain('DOCUMENT_FORGED');
  });

  it('KH liveness attack: rejected with the vendor code kept', async () => {
    const id = await verify(khInput('kh-liveness', { face: 'liveness-attack' }));
    expect(id.face.livenessScore).toBeLessThan(50);
    expect(statusOf(id, 'ADVANCE_AI')).toMatchObject({ status: 'OK', errorCode: 'LIVENESS_ATTACK' });
    expect(id.decision.outcome).toBe('REJECT');
    expect(id.decision.reasons[0]).toMatchObject({ code: 'LIVENESS_ATTACK', rule: 'liveness-attack', outcome: 'REJECT' });
  });

  it('KH pending face result: PENDING, not FAILED', async () => {
    const id = await verify(khInput('kh-pending', { face: 'pending' }));
    expect(statusOf(id, 'ADVANCE_AI').status).toBe('PENDING');
    expect(id.decision.outcome).toBe('PENDING');
    expect(codes(id)).toContain('VENDOR_PENDING');
  });

  it('KH vendor 5xx: never APPROVE, lowered to REVIEW', async () => {
    const id = await verify(khInput('kh-5xx', { front: 'huawei:server-error' }));
    expect(statusOf(id, 'HUAWEI_OCR').status).toBe('FAILED');
    expect(id.decision.outcome).toBe('REVIEW');
    expect(id.decision.reasons[0]).toMatchObject({ code: 'VENDOR_UNAVAILABLE', rule: 'gateway' });
  });

  it('KH vendor hangs: TIMEOUT at its deadline, the others still count, never APPROVE', async () => {
    const started = Date.now();
    const id = await verify(khInput('kh-hang', { back: 'innov8tif:hang' }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statusOf(id, 'INNOV8TIF').status).toBe('TIMEOUT');
    expect(statusOf(id, 'HUAWEI_OCR').status).toBe('OK');
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('VENDOR_UNAVAILABLE');
  });

  it('KH without the back image: Innov8tif SKIPPED, sent to review', async () => {
    const input = khInput('kh-no-back');
    delete input.documentBack;
    const id = await verify(input);
    expect(statusOf(id, 'INNOV8TIF')).toMatchObject({ status: 'SKIPPED', latencyMs: null });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toContain('INPUT_MISSING');
  });

  it('vendors: [ADVANCE_AI] on a KH card: only the face is checked, the left-out document vendors are SKIPPED, never APPROVE', async () => {
    const before = gw.vendorRequests();
    const id = await verify({ ...khInput('kh-face-only'), vendors: ['ADVANCE_AI'] });
    expect(gw.vendorRequests() - before).toBe(1);
    expect(id.vendorResults.map((r: any) => [r.vendor, r.status, r.errorCode, r.latencyMs])).toEqual([
      ['HUAWEI_OCR', 'SKIPPED', 'NOT_REQUESTED', null],
      ['INNOV8TIF', 'SKIPPED', 'NOT_REQUESTED', null],
      ['ADVANCE_AI', 'OK', expect.anything(), expect.any(Number)],
    ]);
    expect(id.face).toEqual({ livenessScore: 99, similarityScore: 82, vendor: 'ADVANCE_AI' });
    expect(id.decision.outcome).toBe('REVIEW');
    expect(codes(id)).toEqual(['VENDOR_NOT_REQUESTED']);
  });

  it('vendors naming a vendor routing does not use for the document: BAD_USER_INPUT, nothing called or stored', async () => {
    const before = gw.vendorRequests();
    const res = await gw.gql(VERIFY, { input: { ...khInput('kh-unrouted'), vendors: ['VERIHUBS', 'ADVANCE_AI'] } });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'input.vendors: VERIHUBS is not routed for KH NATIONAL_ID; routing uses HUAWEI_OCR, INNOV8TIF, ADVANCE_AI',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.vendors' }),
      }),
    ]);
    expect(gw.vendorRequests() - before).toBe(0);
    const listed = await gw.gql(`{ identities(filter: { caseNo: "kh-unrouted" }) { totalCount } }`);
    expect(listed.data!.identities.totalCount).toBe(0);
  });

  it('VN two-sided card: computervision.com.vn and ADVANCE.AI, approved', async () => {
    const id = await verify({
      caseNo: 'vn-pass',
      country: 'VN',
      documentType: 'NATIONAL_ID',
      documentFront: image('pass'),
      documentBack: image('pass'),
      faceSignatureId: 'pass',
    });
    expect(id.vendorResults.map((r: any) => [r.vendor, r.status])).toEqual([
      ['COMPUTERVISION_VN', 'OK'],
      ['ADVANCE_AI', 'OK'],
    ]);
    expect(id.document.idNumber.vendor).toBe('COMPUTERVISION_VN');
    expect(id.document.birthDate.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(id.decision.outcome).toBe('APPROVE');
  });

  it('VN screen capture: rejected', async () => {
    const id = await verify({ caseNo: 'vn-screen', country: 'VN', documentType: 'NATIONAL_ID', documentFront: image('screen'), faceSignatureId: 'pass' });
    expect(id.forgery).toContainEqual(expect.objectContaining({ kind: 'SCREEN_CAPTURE', vendor: 'COMPUTERVISION_VN' }));
    expect(id.decision.outcome).toBe('REJECT');
  });

  it('ID KTP pass and forgery through Verihubs', async () => {
    const pass = await verify({ caseNo: 'id-pass', country: 'ID', documentType: 'NATIONAL_ID', documentFront: image('pass'), faceSignatureId: 'pass' });
    expect(pass.vendorResults.map((r: any) => [r.vendor, r.status])).toEqual([
      ['VERIHUBS', 'OK'],
      ['ADVANCE_AI', 'OK'],
    ]);
    expect(pass.decision.outcome).toBe('APPROVE');

    const forged = await verify({ caseNo: 'id-forged', country: 'ID', documentType: 'NATIONAL_ID', documentFront: image('forged'), faceSignatureId: 'pass' });
    expect(statusOf(forged, 'VERIHUBS')).toMatchObject({ status: 'OK', errorCode: 'FAIL_ON_2' });
    expect(forged.forgery).toContainEqual(expect.objectContaining({ kind: 'FORGED', vendor: 'VERIHUBS' }));
    expect(forged.decision.outcome).toBe('REJECT');
    expect(codes(forged)).toContain('DOCUMENT_FORGED');
  });

  it('any other country: ADVANCE.AI alone', async () => {
    const id = await verify({ caseNo: 'my-pass', country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' });
    expect(id.vendorResults.map((r: any) => r.vendor)).toEqual(['ADVANCE_AI']);
  });

  it('fields of one operation needing the same vendor input call each vendor once (per-request DataLoader)', async () => {
    await verify(khInput('warm-up')); // token caches warm
    const before = gw.vendorRequests();
    // Two cases in one operation with the same images and face capture: one call per vendor.
    const res = await gw.gql(
      `mutation($a: VerifyIdentityInput!, $b: VerifyIdentityInput!) {
        a: verifyIdentity(input: $a) { caseNo vendorResults { vendor status } }
        b: verifyIdentity(input: $b) { caseNo decision { outcome } }
      }`,
      { a: khInput('dedupe-a'), b: khInput('dedupe-b') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.vendorResults.every((r: any) => r.status === 'OK')).toBe(true);
    expect([res.data!.a.caseNo, res.data!.b.caseNo]).toEqual(['dedupe-a', 'dedupe-b']);
    expect(gw.vendorRequests() - before).toBe(3);
  });
});
